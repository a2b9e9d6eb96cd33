// Security defaults: fail closed on responses, verifyResponses: false only when set, the Response-Time skew
// check, non-extractable private keys, the sandbox's body cap, and F results never retried.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importPrivateKey, importPublicKey } from "alipayhk-signature";
import {
  ConfigError,
  createOrderClient,
  ResponseSignatureError,
  ResultError,
  type OrderClientOptions,
} from "alipayhk-order";
import { createSandbox } from "alipayhk-sandbox";
import { keyRecord } from "../../packages/signature/src/keys.js";
import {
  alipay,
  answer,
  BASE_URL,
  CLIENT_ID,
  merchant,
  responseTime,
  scripted,
  stranger,
  SYNC_URL,
  validOrder,
  type Reply,
} from "./helpers.js";

const clientWith = (script: Reply[], options: Partial<OrderClientOptions> = {}) => {
  const fake = scripted(script);
  const client = createOrderClient({
    clientId: CLIENT_ID,
    privateKey: merchant.privatePem,
    alipayPublicKey: alipay.publicPem,
    baseUrl: BASE_URL,
    fetch: fake.fetch,
    retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    ...options,
  } as OrderClientOptions);
  return { client, fake };
};
const fails = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("resolved"),
    (e: unknown) => e as Record<string, unknown>,
  );

describe("responses are verified by default (fail closed)", () => {
  it("a client without AlipayHK's public key is refused at creation, unless verifyResponses: false is set", () => {
    expect(() =>
      createOrderClient({ clientId: CLIENT_ID, privateKey: merchant.privatePem, baseUrl: BASE_URL }),
    ).toThrow(ConfigError);
    try {
      createOrderClient({ clientId: CLIENT_ID, privateKey: merchant.privatePem, baseUrl: BASE_URL });
    } catch (e) {
      expect((e as ConfigError).code).toBe("ERR_CONFIG");
      expect((e as Error).message).toMatch(/unsafe/);
    }
  });

  it.each([
    ["an unsigned answer", { signature: null }],
    ["an answer without Response-Time", { time: null }],
    ["an answer signed by another key", { key: stranger.key }],
    ["a tampered body", { body: answer("SUCCESS"), signedBody: answer("SUCCESS", "S", { orderStatus: "USED" }) }],
  ] as [string, Reply][])(
    "%s is refused with ERR_RESPONSE_SIGNATURE, outcome unknown, not retried",
    async (_name, reply) => {
      const { client, fake } = clientWith([reply, {}]);
      const e = await fails(client.syncOrder(validOrder()));
      expect(e).toBeInstanceOf(ResponseSignatureError);
      expect(e).toMatchObject({ code: "ERR_RESPONSE_SIGNATURE", outcome: "unknown", attempts: 1 });
      expect(fake.state.calls).toBe(1);
    },
  );

  it.each([[undefined], [null], [0], ["false"], [""]])(
    "verifyResponses: %j still verifies (only the boolean false turns it off)",
    async (value) => {
      const { client } = clientWith([{ signature: null }], { verifyResponses: value as never });
      await expect(client.syncOrder(validOrder())).rejects.toMatchObject({ code: "ERR_RESPONSE_SIGNATURE" });
    },
  );

  it("verifyResponses: false without a key accepts an unsigned answer (the documented unsafe opt-out)", async () => {
    const { client } = clientWith([{ signature: null, time: null }], {
      verifyResponses: false,
      alipayPublicKey: undefined,
    });
    await expect(client.syncOrder(validOrder())).resolves.toMatchObject({ result: { resultCode: "SUCCESS" } });
  });

  it("verifyResponses: false with a key given still verifies (the key wins)", async () => {
    const { client } = clientWith([{ signature: null }], { verifyResponses: false });
    await expect(client.syncOrder(validOrder())).rejects.toMatchObject({ code: "ERR_RESPONSE_SIGNATURE" });
  });

  it("the opt-out is documented as unsafe", () => {
    const readme = readFileSync(new URL("../../packages/client/README.md", import.meta.url), "utf8");
    expect(readme).toMatch(/`verifyResponses`[^\n]*Unsafe/);
    const signer = readFileSync(new URL("../../packages/client/src/signer.ts", import.meta.url), "utf8");
    expect(signer).toMatch(/verifyResponses\?: boolean/);
    expect(signer).toMatch(/Unsafe: a forged answer would be believed/);
  });

  it("a response is verified with the request's Client-Id, never the one the response claims", async () => {
    const claims = { headers: { "Client-Id": "SOMEONE-ELSE" } };
    const { client: a } = clientWith([{ ...claims, signedClientId: "SOMEONE-ELSE" }]);
    await expect(a.syncOrder(validOrder())).rejects.toMatchObject({ code: "ERR_RESPONSE_SIGNATURE" });
    const { client: b } = clientWith([claims]); // signed over the request's Client-Id: fine whatever the header says
    await expect(b.syncOrder(validOrder())).resolves.toMatchObject({ result: { resultCode: "SUCCESS" } });
  });
});

describe("maximum Response-Time skew", () => {
  it("is off by default: a correctly signed answer from a year ago is accepted", async () => {
    const { client } = clientWith([{ time: responseTime(-365 * 86_400_000) }]);
    await expect(client.syncOrder(validOrder())).resolves.toMatchObject({ result: { resultStatus: "S" } });
  });

  it.each([
    ["10 minutes ahead", 600_000],
    ["10 minutes behind", -600_000],
  ])(
    "refuses a signed answer %s when maxResponseSkewMs is 60 s (ERR_RESPONSE_SIGNATURE, not retried)",
    async (_name, skew) => {
      const { client, fake } = clientWith([{ time: responseTime(skew) }, {}], { maxResponseSkewMs: 60_000 });
      await expect(client.syncOrder(validOrder())).rejects.toMatchObject({
        code: "ERR_RESPONSE_SIGNATURE",
        outcome: "unknown",
        attempts: 1,
      });
      expect(fake.state.calls).toBe(1);
    },
  );

  it("accepts a signed answer within the window", async () => {
    const { client } = clientWith([{ time: responseTime(5_000) }], { maxResponseSkewMs: 60_000 });
    await expect(client.syncOrder(validOrder())).resolves.toMatchObject({ result: { resultStatus: "S" } });
  });

  it("refuses a signed Response-Time that is not a date", async () => {
    const { client } = clientWith([{ time: "not a time" }], { maxResponseSkewMs: 60_000 });
    await expect(client.syncOrder(validOrder())).rejects.toMatchObject({ code: "ERR_RESPONSE_SIGNATURE" });
  });
});

describe("timeouts bound the network, and an answer that arrived decides", () => {
  // The attempt's signal (timeoutMs or the caller's) bounds the wait for the answer's headers and body, even with a
  // fetch that ignores signals (an in-process handler). Once the body is in, the client verifies it whatever the
  // signal does: a complete, correctly signed F must end the call as that F (not_applied), never be retried and
  // never become a timeout. The soak meets this under load when the timer fires during verification.
  it("a fetch that ignores the signal and answers late times out at timeoutMs, and is retried", async () => {
    const { client, fake } = clientWith([{ lateMs: 300 }, {}], {
      timeoutMs: 50,
      retry: { maxAttempts: 2, initialDelayMs: 1 },
    });
    const started = Date.now();
    await expect(client.syncOrder(validOrder())).resolves.toMatchObject({ attempts: 2, result: { resultStatus: "S" } });
    expect(fake.state.calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(300); // the first attempt was not waited out
  });

  const abortingAfterBody = (reply: Reply, options: Partial<OrderClientOptions> = {}) => {
    const controller = new AbortController();
    // fired on the next macrotask: the body is in, its verification is under way
    const { client, fake } = clientWith(
      [{ ...reply, afterBodyRead: () => setTimeout(() => controller.abort(), 0) }, {}],
      options,
    );
    return { call: client.syncOrder(validOrder(), { signal: controller.signal }), fake };
  };

  it("a signed ORDER_STATUS_INVALID (F) whose body is in ends the call as that F, even if the signal fires during verification", async () => {
    const { call, fake } = abortingAfterBody({ body: answer("ORDER_STATUS_INVALID", "F") });
    const e = await fails(call);
    expect({ name: e.name, code: e.code, outcome: e.outcome, attempts: e.attempts, calls: fake.state.calls }).toEqual({
      name: "ResultError",
      code: "ERR_ORDER_STATUS_INVALID",
      outcome: "not_applied",
      attempts: 1,
      calls: 1,
    });
    expect(e).toBeInstanceOf(ResultError);
  });

  it("a signed answer refused for its Response-Time is reported as such, not as an abort", async () => {
    const { call, fake } = abortingAfterBody({ time: responseTime(600_000) }, { maxResponseSkewMs: 60_000 });
    const e = await fails(call);
    expect({ code: e.code, attempts: e.attempts, calls: fake.state.calls }).toEqual({
      code: "ERR_RESPONSE_SIGNATURE",
      attempts: 1,
      calls: 1,
    });
  });

  it("a signed SUCCESS whose body is in is a success", async () => {
    const { call } = abortingAfterBody({});
    await expect(call).resolves.toMatchObject({ attempts: 1, result: { resultStatus: "S" } });
  });
});

describe("F results are never retried; U results are, up to maxAttempts", () => {
  it.each([
    "PARAM_ILLEGAL",
    "ORDER_STATUS_INVALID",
    "UN_SUPPORT_BUSINESS",
    "INVALID_SIGNATURE",
    "INVALID_CLIENT",
    "ACCESS_DENIED",
  ])("%s: one attempt", async (code) => {
    const { client, fake } = clientWith([{ body: answer(code, "F") }, {}], {
      retry: { maxAttempts: 5, initialDelayMs: 1 },
    });
    await expect(client.syncOrder(validOrder())).rejects.toMatchObject({
      outcome: "not_applied",
      attempts: 1,
      resultCode: code,
    });
    expect(fake.state.calls).toBe(1);
  });

  it("UNKNOWN_EXCEPTION is retried exactly maxAttempts times, then ERR_UNKNOWN_RESULT", async () => {
    const { client, fake } = clientWith([{ body: answer("UNKNOWN_EXCEPTION", "U") }], {
      retry: { maxAttempts: 4, initialDelayMs: 1, maxDelayMs: 1 },
    });
    await expect(client.syncOrder(validOrder())).rejects.toMatchObject({
      code: "ERR_UNKNOWN_RESULT",
      outcome: "unknown",
      attempts: 4,
    });
    expect(fake.state.calls).toBe(4);
  });
});

describe("private keys", () => {
  it("are imported non-extractable; the handle shows only its type and size", async () => {
    for (const input of [merchant.privatePem, merchant.privateJwk]) {
      const key = await importPrivateKey(input);
      expect(Object.isFrozen(key)).toBe(true);
      expect(JSON.parse(JSON.stringify(key))).toEqual({ type: "private", modulusBits: 2048 });
      const record = await keyRecord(key, "private", "test");
      expect(record.signingKey.extractable).toBe(false);
      expect(record.signingKey.usages).toEqual(["sign"]);
      await expect(crypto.subtle.exportKey("pkcs8", record.signingKey)).rejects.toThrow();
    }
  });

  it("a caller's non-extractable CryptoKey stays non-extractable (and RSA_AES refuses it with ERR_KEY_NOT_EXTRACTABLE)", async () => {
    const pair = await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    const key = await importPrivateKey(pair.privateKey);
    expect((await keyRecord(key, "private", "test")).signingKey.extractable).toBe(false);
    const { decryptBody } = await import("alipayhk-signature");
    await expect(decryptBody("AAAA", "algorithm=RSA_AES,symmetricKey=AAAA", key)).rejects.toMatchObject({
      code: "ERR_KEY_NOT_EXTRACTABLE",
    });
  });

  it("public keys may stay extractable (they are not secret)", async () => {
    const key = await importPublicKey(alipay.publicPem);
    expect(JSON.parse(JSON.stringify(key))).toEqual({ type: "public", modulusBits: 2048 });
  });
});

describe("the sandbox caps request bodies", () => {
  const headers = {
    "Content-Type": "application/json",
    "Client-Id": CLIENT_ID,
    "Request-Time": responseTime(),
    Signature: "signature=AAAA",
  };

  it("refuses a body over the default 64 KiB with HTTP 413 PARAM_ILLEGAL, before checking anything else", async () => {
    const sandbox = await createSandbox({ merchants: { [CLIENT_ID]: merchant.publicPem }, seed: 1 });
    const response = await sandbox.fetch(new Request(SYNC_URL, { method: "POST", headers, body: "x".repeat(65_537) }));
    expect(response.status).toBe(413);
    expect(JSON.parse(await response.text()).result).toMatchObject({ resultCode: "PARAM_ILLEGAL", resultStatus: "F" });
    const ok = await sandbox.fetch(new Request(SYNC_URL, { method: "POST", headers, body: "x".repeat(65_536) }));
    expect(ok.status).toBe(200); // at the cap: read, then refused for its signature
    expect(JSON.parse(await ok.text()).result.resultCode).toBe("INVALID_SIGNATURE");
  });

  it("counts the bytes actually read when there is no Content-Length (a stream)", async () => {
    const sandbox = await createSandbox({
      merchants: { [CLIENT_ID]: merchant.publicPem },
      seed: 1,
      maxBodyBytes: 1_000,
    });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(600).fill(0x41));
        if (pulled > 1_000) controller.close();
      },
    });
    const response = await sandbox.fetch(
      new Request(SYNC_URL, { method: "POST", headers, body, duplex: "half" } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10); // it stopped reading
  });

  it("rejects a nonsensical maxBodyBytes", async () => {
    for (const maxBodyBytes of [0, -1, 1.5, Number.NaN]) {
      await expect(createSandbox({ maxBodyBytes })).rejects.toMatchObject({
        code: "ERR_SANDBOX_CONFIG",
        option: "maxBodyBytes",
      });
    }
  });
});

describe("documented limits (SECURITY.md): what the signature does not cover", () => {
  it("the Encrypt header is outside the signature: swapping the wrapped key passes verification and can only make decryption fail", async () => {
    const { encryptBody } = await import("alipayhk-signature");
    const { rsaAes } = await import("alipayhk-order/encryption");
    const merchantPublic = await importPublicKey(merchant.publicPem);
    const genuine = await encryptBody(answer(), merchantPublic);
    const other = await encryptBody("something else entirely", merchantPublic); // anyone can wrap a key for the merchant
    const make = (encryptHeader: string) => {
      const { client } = clientWith(
        [{ body: genuine.body, headers: { Encrypt: encryptHeader, "Content-Type": "text/plain; charset=UTF-8" } }],
        { encrypt: rsaAes() },
      );
      return client.syncOrder(validOrder());
    };
    await expect(make(genuine.encryptHeader)).resolves.toMatchObject({ result: { resultCode: "SUCCESS" } });
    const e = await fails(make(other.encryptHeader));
    // Verified (the body is untouched), then decryption under the attacker's key fails: not ERR_RESPONSE_SIGNATURE.
    expect({ code: e.code, outcome: e.outcome }).toEqual({ code: "ERR_RESPONSE_FORMAT", outcome: "unknown" });
  });

  it("a response is not bound to its request: a genuine answer replayed to another call verifies, unless maxResponseSkewMs limits it", async () => {
    const captured = { time: responseTime(-600_000) }; // an answer AlipayHK signed 10 minutes ago, replayed now
    const { client: open } = clientWith([captured]);
    await expect(open.syncOrder(validOrder({ merchantBizNo: "ANOTHER-ORDER" }))).resolves.toMatchObject({
      result: { resultCode: "SUCCESS" },
    });
    const { client: bounded } = clientWith([captured], { maxResponseSkewMs: 120_000 });
    await expect(bounded.syncOrder(validOrder({ merchantBizNo: "ANOTHER-ORDER" }))).rejects.toMatchObject({
      code: "ERR_RESPONSE_SIGNATURE",
    });
  });
});
