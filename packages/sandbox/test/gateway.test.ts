/**
 * What the gateway checks before an order is looked at: routing, Client-Id, Request-Time, Signature,
 * body size, JSON, and RSA_AES encryption both ways; plus the answer's headers and the sandbox's keys.
 */
import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { OPERATIONS } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { decryptBody, encryptBody, importPrivateKey, importPublicKey } from "alipayhk-signature";
import { beforeAll, describe, expect, it } from "vitest";
import {
  BASE_URL,
  call,
  content,
  makeMerchant,
  makeOrder,
  signatureHeader,
  signedRequest,
  URL_,
  verifyResponse,
} from "./helpers.js";

const merchant = makeMerchant("2102000000000011");
const stranger = makeMerchant("2102000000000012"); // not registered
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, maxBodyBytes: 4096 });
});

const body = () => JSON.stringify(makeOrder("PASS_TICKET", "TICKETED"));

async function expectRejected(
  request: Request,
  code: string,
  message: RegExp,
  clientId = merchant.clientId,
  status = 200,
) {
  const answer = await call(sandbox, request, clientId, status);
  expect(answer.result).toMatchObject({ resultCode: code, resultStatus: "F" });
  expect(answer.result.resultMessage).toMatch(message);
  expect(answer.orderId).toBeUndefined();
  return answer;
}

describe("routing", () => {
  it.each([
    ["GET", OPERATIONS.syncOrder.path],
    ["PUT", OPERATIONS.syncOrder.path],
    ["POST", "/api/open/alipay/v1/merchant/order/query"],
    ["POST", `${OPERATIONS.syncOrder.path}/`],
    ["POST", "/"],
  ])("%s %s → JSON 404", async (method, path) => {
    const before = sandbox.stats.httpStatus[404] ?? 0;
    const response = await sandbox.fetch(
      new Request(BASE_URL + path, { method, ...(method !== "GET" && { body: "{}" }) }),
    );
    expect(response.status).toBe(404);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: "not found", method, path });
    expect(sandbox.stats.httpStatus[404]).toBe(before + 1);
    expect(sandbox.events.at(-1)).toMatchObject({ type: "rejected", httpStatus: 404 });
  });

  it("a query string is allowed and signed", async () => {
    const path = `${OPERATIONS.syncOrder.path}?trace=1`;
    const response = await sandbox.fetch(signedRequest({ body: body(), merchant, path }));
    const text = await response.text();
    expect(JSON.parse(text).result.resultCode).toBe("SUCCESS");
    expect(verifyResponse(text, response, sandbox, merchant.clientId, path)).toBe(true);
    expect(verifyResponse(text, response, sandbox, merchant.clientId, OPERATIONS.syncOrder.path)).toBe(false);
  });
});

describe("Client-Id", () => {
  it("an unknown Client-Id → INVALID_CLIENT", async () => {
    await expectRejected(
      signedRequest({ body: body(), merchant: stranger }),
      "INVALID_CLIENT",
      /2102000000000012 is not registered/,
      stranger.clientId,
    );
  });

  it("a missing Client-Id → INVALID_CLIENT", async () => {
    await expectRejected(
      signedRequest({ body: body(), merchant, headers: { "Client-Id": null } }),
      "INVALID_CLIENT",
      /Client-Id header is missing/,
      "",
    );
  });

  it("addMerchant registers a key (and replaces one)", async () => {
    const late = makeMerchant("2102000000000013");
    await expectRejected(
      signedRequest({ body: body(), merchant: late }),
      "INVALID_CLIENT",
      /not registered/,
      late.clientId,
    );
    await sandbox.addMerchant(late.clientId, late.publicKey);
    expect(
      (await call(sandbox, signedRequest({ body: body(), merchant: late }), late.clientId)).result.resultCode,
    ).toBe("SUCCESS");
    await sandbox.addMerchant(late.clientId, stranger.publicKey);
    await expectRejected(
      signedRequest({ body: body(), merchant: late }),
      "INVALID_SIGNATURE",
      /does not match/,
      late.clientId,
    );
  });
});

describe("Request-Time", () => {
  it("missing → PARAM_ILLEGAL naming the header", async () => {
    await expectRejected(
      signedRequest({ body: body(), merchant, headers: { "Request-Time": null } }),
      "PARAM_ILLEGAL",
      /Request-Time header is missing/,
    );
  });

  it.each([
    "171636014100000000",
    "2024-05-22 06:42:21+08:00",
    "2024-05-22T06:42:21",
    "2024-13-22T06:42:21Z",
    "2024-02-30T06:42:21Z",
    "2024-05-22T24:42:21Z",
    "yesterday",
    "",
  ])("malformed %j → PARAM_ILLEGAL naming the header", async (time) => {
    // Signed over the same malformed time, so only the format is at fault.
    await expectRejected(
      signedRequest({ body: body(), merchant, time }),
      "PARAM_ILLEGAL",
      /Request-Time header must be an ISO-8601 date-time with a time zone/,
    );
  });

  // The forms Alipay's own SDKs send: Python's +00:00, PHP's +0000, Java's epoch milliseconds. The event log says
  // when the form is not the documented ISO-8601 one.
  it.each([
    ["2024-05-22T06:42:21+05:30", undefined],
    ["2024-05-22T06:42:21+00:00", undefined],
    ["2024-05-22T06:42:21.123Z", undefined],
    ["2024-05-22T06:42:21-03:00", undefined],
    ["2024-05-22T06:42:21+0800", "iso-8601-no-colon"],
    ["2024-05-22T06:42:21+0000", "iso-8601-no-colon"],
    ["1716360141000", "epoch-ms"],
  ])("accepts %s (event requestTimeForm: %s)", async (time, form) => {
    expect(
      (await call(sandbox, signedRequest({ body: body(), merchant, time }), merchant.clientId)).result.resultCode,
    ).toBe("SUCCESS");
    expect(sandbox.events.at(-1)).toMatchObject({ type: "applied" });
    expect(sandbox.events.at(-1)?.requestTimeForm).toBe(form);
  });

  it("the signature covers the header text as sent: epoch milliseconds signed, the same instant sent as ISO-8601 → INVALID_SIGNATURE", async () => {
    const request = signedRequest({
      body: body(),
      merchant,
      time: "1716360141000",
      headers: { "Request-Time": "2024-05-22T06:42:21.000Z" },
    });
    const answer = await expectRejected(request, "INVALID_SIGNATURE", /signature does not match/);
    expect(answer.result.resultCode).toBe("INVALID_SIGNATURE");
    expect(sandbox.events.at(-1)).toMatchObject({ type: "rejected", resultCode: "INVALID_SIGNATURE" });
    expect(sandbox.events.at(-1)?.requestTimeForm).toBeUndefined();
  });
});

describe("Signature → INVALID_SIGNATURE, before the body is read as JSON", () => {
  it("no Signature header", async () => {
    await expectRejected(
      signedRequest({ body: body(), merchant, headers: { Signature: null } }),
      "INVALID_SIGNATURE",
      /Signature header: missing/,
    );
  });

  it("signed with another key", async () => {
    const forged = signedRequest({ body: body(), merchant: { ...stranger, clientId: merchant.clientId } });
    await expectRejected(forged, "INVALID_SIGNATURE", /does not match/);
  });

  it("body altered after signing", async () => {
    const original = body();
    await expectRejected(
      signedRequest({ body: original.replace("TICKETED", "USED"), signedBody: original, merchant }),
      "INVALID_SIGNATURE",
      /does not match/,
    );
  });

  it("a body that is neither JSON nor correctly signed is INVALID_SIGNATURE (signature first)", async () => {
    await expectRejected(
      signedRequest({ body: "not json", signedBody: "other", merchant }),
      "INVALID_SIGNATURE",
      /does not match/,
    );
  });

  it("Request-Time altered after signing", async () => {
    const time = "2024-05-22T06:42:21+08:00";
    const request = signedRequest({
      body: body(),
      merchant,
      time,
      headers: { "Request-Time": "2024-05-22T06:42:22+08:00" },
    });
    await expectRejected(request, "INVALID_SIGNATURE", /does not match/);
  });

  it("signed for another path", async () => {
    const text = body();
    const time = new Date().toISOString();
    const header = signatureHeader(
      content("/api/open/alipay/v1/other", merchant.clientId, time, text),
      merchant.privateKey,
    );
    await expectRejected(
      signedRequest({ body: text, merchant, time, headers: { Signature: header } }),
      "INVALID_SIGNATURE",
      /does not match/,
    );
  });

  it.each([
    ["no signature pair", "algorithm=RSA256,keyVersion=1"],
    ["not base64", "algorithm=RSA256,keyVersion=1,signature=%%%"],
    ["garbage", "hello"],
    ["unsupported algorithm", null],
  ])("a malformed header (%s)", async (_, value) => {
    const request = signedRequest({ body: body(), merchant });
    const header = value ?? request.headers.get("Signature")!.replace("RSA256", "ECC224");
    request.headers.set("Signature", header);
    await expectRejected(request, "INVALID_SIGNATURE", /Signature header/);
  });

  it("a raw (not URL-encoded) base64 signature and spaces after commas are accepted", async () => {
    const request = signedRequest({ body: body(), merchant });
    const header = request.headers.get("Signature")!.replace(/,/g, ", ");
    request.headers.set("Signature", decodeURIComponent(header));
    expect((await call(sandbox, request, merchant.clientId)).result.resultCode).toBe("SUCCESS");
  });
});

describe("body", () => {
  it("larger than maxBodyBytes, by Content-Length → 413 PARAM_ILLEGAL", async () => {
    const text = JSON.stringify(makeOrder("PASS_TICKET", "TICKETED", { extInfo: { pad: "x".repeat(5000) } }));
    const request = signedRequest({ body: text, merchant, headers: { "Content-Length": String(text.length) } });
    expect(request.headers.get("Content-Length")).toBe(String(text.length));
    await expectRejected(request, "PARAM_ILLEGAL", /larger than 4096 bytes/, merchant.clientId, 413);
  });

  it("larger than maxBodyBytes, as read (no Content-Length, streamed) → 413 PARAM_ILLEGAL", async () => {
    const chunk = new TextEncoder().encode("x".repeat(1000));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const request = new Request(URL_, {
      method: "POST",
      body: stream,
      duplex: "half",
      headers: signedRequest({ body: "{}", merchant }).headers,
    } as RequestInit);
    expect(request.headers.get("Content-Length")).toBeNull();
    await expectRejected(request, "PARAM_ILLEGAL", /larger than 4096 bytes/, merchant.clientId, 413);
    expect(sent).toBeLessThan(10); // stopped reading early
  });

  it("exactly maxBodyBytes is accepted", async () => {
    const order = makeOrder("PASS_TICKET", "TICKETED", { extInfo: { pad: "" } });
    const pad = 4096 - new TextEncoder().encode(JSON.stringify(order)).length;
    const text = JSON.stringify({ ...order, extInfo: { pad: "x".repeat(pad) } });
    expect(new TextEncoder().encode(text).length).toBe(4096);
    expect((await call(sandbox, signedRequest({ body: text, merchant }), merchant.clientId)).result.resultCode).toBe(
      "SUCCESS",
    );
  });

  it.each([
    ["not JSON", "requestId=1&orderStatus=TICKETED", /not valid JSON/],
    ["empty", "", /not valid JSON/],
    ["an array", "[]", /must be a JSON object/],
    ["null", "null", /must be a JSON object/],
    ["a string", '"order"', /must be a JSON object/],
  ])("%s → PARAM_ILLEGAL", async (_, text, message) => {
    await expectRejected(signedRequest({ body: text, merchant }), "PARAM_ILLEGAL", message);
  });
});

describe("RSA_AES encryption", () => {
  it("an encrypted request is decrypted, and answered encrypted for the merchant and signed over the ciphertext", async () => {
    const order = makeOrder("SELF_PICK", "PENDING");
    const encrypted = await encryptBody(JSON.stringify(order), await importPublicKey(sandbox.alipayPublicKey));
    const request = signedRequest({
      body: encrypted.body,
      merchant,
      headers: { Encrypt: encrypted.encryptHeader, "Content-Type": "text/plain; charset=UTF-8" },
    });
    const response = await sandbox.fetch(request);
    const raw = await response.text();
    expect(response.status).toBe(200);
    expect(verifyResponse(raw, response, sandbox, merchant.clientId)).toBe(true);
    const encryptHeader = response.headers.get("Encrypt");
    expect(encryptHeader).toMatch(/^algorithm=RSA_AES,keyVersion=1,symmetricKey=/);
    expect(response.headers.get("Content-Type")).toBe("text/plain; charset=UTF-8");
    expect(raw).not.toContain("result");
    const answer = JSON.parse(await decryptBody(raw, encryptHeader, await importPrivateKey(merchant.privateKey)));
    expect(answer).toMatchObject({ result: { resultCode: "SUCCESS", resultStatus: "S" }, orderStatus: "PENDING" });
    expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)?.body).toEqual(order);
  });

  it("a rule failure inside an encrypted request is answered encrypted too", async () => {
    const encrypted = await encryptBody(
      JSON.stringify(makeOrder("LINE_UP", "CANCELLED")),
      await importPublicKey(sandbox.alipayPublicKey),
    );
    const response = await sandbox.fetch(
      signedRequest({ body: encrypted.body, merchant, headers: { Encrypt: encrypted.encryptHeader } }),
    );
    const raw = await response.text();
    expect(verifyResponse(raw, response, sandbox, merchant.clientId)).toBe(true);
    const answer = JSON.parse(
      await decryptBody(raw, response.headers.get("Encrypt"), await importPrivateKey(merchant.privateKey)),
    );
    expect(answer.result.resultCode).toBe("ORDER_STATUS_INVALID");
  });

  it.each([
    ["not key=value pairs", () => "RSA_AES"],
    ["an unsupported algorithm", (h: string) => h.replace("RSA_AES", "RSA")],
    ["a symmetric key for another key pair", () => null],
    ["no symmetricKey", () => "algorithm=RSA_AES,keyVersion=1"],
  ])("a broken Encrypt header (%s) → PARAM_ILLEGAL naming it", async (_, mangle) => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({
      type: "spki",
      format: "pem",
    }) as string;
    const right = await encryptBody(
      JSON.stringify(makeOrder("PASS_TICKET", "TICKETED")),
      await importPublicKey(sandbox.alipayPublicKey),
    );
    const wrong = await encryptBody("{}", await importPublicKey(other));
    const header = mangle(right.encryptHeader) ?? wrong.encryptHeader;
    await expectRejected(
      signedRequest({ body: right.body, merchant, headers: { Encrypt: header } }),
      "PARAM_ILLEGAL",
      /^Encrypt header/,
    );
  });

  it("an encrypted body with a bad signature is INVALID_SIGNATURE (verified before decrypting)", async () => {
    const encrypted = await encryptBody(body(), await importPublicKey(sandbox.alipayPublicKey));
    const request = signedRequest({ body: encrypted.body, signedBody: "x", merchant, headers: { Encrypt: "garbage" } });
    await expectRejected(request, "INVALID_SIGNATURE", /does not match/);
  });
});

describe("answers", () => {
  it("carry Response-Time (ISO-8601 from `now`), a unique Tracer-Id and the echoed Client-Id", async () => {
    const fixed = await createSandbox({
      merchants: { [merchant.clientId]: merchant.publicKey },
      now: () => new Date("2030-01-02T03:04:05.678Z"),
    });
    const tracers = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await fixed.fetch(signedRequest({ body: body(), merchant }));
      expect(response.headers.get("Response-Time")).toBe("2030-01-02T03:04:05+00:00");
      expect(response.headers.get("Client-Id")).toBe(merchant.clientId);
      tracers.add(response.headers.get("Tracer-Id")!);
      expect(verifyResponse(await response.text(), response, fixed, merchant.clientId)).toBe(true);
    }
    expect(tracers.size).toBe(3);
    expect(fixed.events.at(-1)?.at).toBe("2030-01-02T03:04:05.678Z");
  });

  it("orderIds are deterministic from the seed", async () => {
    const make = () => createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 42 });
    const [a, b] = await Promise.all([make(), make()]);
    const text = body();
    const first = await call(a, signedRequest({ body: text, merchant }), merchant.clientId);
    const second = await call(b, signedRequest({ body: text, merchant }), merchant.clientId);
    expect(first.orderId).toBe(second.orderId);
    expect(a.seed).toBe(42);
  });
});

describe("the sandbox's own key", () => {
  it("is generated as RSA-2048 and published as SPKI PEM", () => {
    const key = createPublicKey(sandbox.alipayPublicKey);
    expect(key.asymmetricKeyType).toBe("rsa");
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(sandbox.alipayPublicKey).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it.each(["pkcs8", "pkcs1"] as const)("can be given (%s PEM); its public half is derived", async (type) => {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = pair.privateKey.export({ type, format: "pem" }) as string;
    const own = await createSandbox({ alipayPrivateKey: pem, merchants: { [merchant.clientId]: merchant.publicKey } });
    expect(own.alipayPublicKey).toBe(pair.publicKey.export({ type: "spki", format: "pem" }));
    const response = await own.fetch(signedRequest({ body: body(), merchant }));
    expect(verifyResponse(await response.text(), response, own, merchant.clientId)).toBe(true);
  });

  it("can be given as a JWK", async () => {
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const own = await createSandbox({ alipayPrivateKey: pair.privateKey.export({ format: "jwk" }) as JsonWebKey });
    expect(own.alipayPublicKey).toBe(pair.publicKey.export({ type: "spki", format: "pem" }));
  });

  it("rejects bad options", async () => {
    await expect(createSandbox({ alipayPrivateKey: "not a key" })).rejects.toThrow(/key/i);
    await expect(createSandbox({ merchants: { x: "not a key" } })).rejects.toThrow(/key/i);
    await expect(createSandbox({ maxBodyBytes: 0 })).rejects.toMatchObject({
      code: "ERR_SANDBOX_CONFIG",
      option: "maxBodyBytes",
    });
    await expect(createSandbox({ faults: { http500: 0.7, drop: 0.7 } })).rejects.toThrow(/at most 1/);
    await expect(createSandbox({ faults: { http500: -1 } })).rejects.toMatchObject({
      code: "ERR_SANDBOX_CONFIG",
      option: "faults.http500",
    });
    await expect(createSandbox({ faults: { latencyMs: [10, 5] } })).rejects.toMatchObject({
      code: "ERR_SANDBOX_CONFIG",
      option: "faults.latencyMs",
    });
  });
});
