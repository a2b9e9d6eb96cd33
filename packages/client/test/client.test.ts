import { describe, expect, test, vi } from "vitest";
import {
  AbortedError,
  ConfigError,
  HttpError,
  NetworkError,
  OrderError,
  ResponseSignatureError,
  ResultError,
  TimeoutError,
  UnknownResultError,
  ValidationError,
  createOrderClient,
  type OrderInput,
} from "../src/index.js";
import { selfSignedCertificate } from "../../signature/test/helpers.js";
import { BASE_URL, CLIENT_ID, ORDERS, SUCCESS, fakeAlipay, order, pem, type Answer } from "./fake-alipay.js";

import { KEY, U, fast, movie, setup } from "./setup.js";

describe("syncOrder", () => {
  test.each(Object.keys(ORDERS) as (keyof typeof ORDERS)[])(
    "%s syncs, signed as AlipayHK's recipe says",
    async (bizType) => {
      const { client, requests } = setup();
      const res = await client.syncOrder(order(bizType) as OrderInput);
      expect(res.result.resultCode).toBe("SUCCESS");
      expect(res.orderId).toBe(`A${bizType}0001`);
      expect(res.orderStatus).toBe(ORDERS[bizType].orderStatus);
      expect(res.attempts).toBe(1);
      expect(res.tracerId).toMatch(/^tr-/);
      expect(requests).toHaveLength(1);
      const [req] = requests;
      expect(req!.signatureValid).toBe(true);
      expect(req!.method).toBe("POST");
      expect(req!.url).toBe(`${BASE_URL}/api/open/alipay/v1/merchant/order/sync`);
      expect(req!.headers.get("Client-Id")).toBe(CLIENT_ID);
      expect(req!.headers.get("Content-Type")).toBe("application/json; charset=UTF-8");
      expect(req!.headers.get("Request-Time")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(req!.headers.get("Signature")).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
      expect(JSON.parse(req!.body)).toEqual({ [KEY]: res.requestId, ...order(bizType) });
    },
  );

  test("generates a 32-character requestId, or keeps the caller's", async () => {
    const { client } = setup();
    const generated = await client.syncOrder(movie());
    expect(generated.requestId).toMatch(/^[0-9a-f]{32}$/);
    const again = await client.syncOrder(movie());
    expect(again.requestId).not.toBe(generated.requestId);
    const kept = await client.syncOrder({ ...movie(), [KEY]: "my-own-request-id" });
    expect(kept.requestId).toBe("my-own-request-id");
    const explicitUndefined = await client.syncOrder({ ...movie(), [KEY]: undefined });
    expect(explicitUndefined.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  test("the caller's order is never changed; the body sent is its JSON, with a generated requestId added", async () => {
    const { client, requests } = setup();
    const withoutId = movie();
    const before = JSON.stringify(withoutId);
    const generated = await client.syncOrder(withoutId);
    expect(JSON.stringify(withoutId)).toBe(before);
    expect(JSON.parse(requests[0]!.body)).toEqual({ ...withoutId, [KEY]: generated.requestId });

    const withId = { ...movie(), [KEY]: "caller-chosen-id" };
    const frozen = Object.freeze(withId);
    await client.syncOrder(frozen);
    expect(requests[1]!.body).toBe(JSON.stringify(withId));

    // what was validated is what is sent: a toJSON of the caller's class does not replace the checked fields
    class Order {
      constructor(fields: object) {
        Object.assign(this, fields);
      }
      toJSON() {
        return { unchecked: true };
      }
    }
    await client.syncOrder(new Order(withId) as unknown as OrderInput);
    expect(requests[2]!.body).toBe(JSON.stringify(withId));
  });

  test("what is validated is the JSON sent: a toJSON or getter anywhere cannot slip past the checks", async () => {
    const { client, requests } = setup();
    const ownToJson = { ...movie(), toJSON: () => ({ merchantBizType: "MOVIE_TICKET" }) };
    await expect(client.syncOrder(ownToJson)).rejects.toBeInstanceOf(ValidationError);
    const nested = { ...movie(), extInfo: { toJSON: () => "swapped" } } as OrderInput;
    await expect(client.syncOrder(nested)).rejects.toMatchObject({
      problems: [{ path: "extInfo", message: "must be an object" }],
    });
    const nothing = { ...movie(), toJSON: () => undefined };
    await expect(client.syncOrder(nothing)).rejects.toThrow("serialises to nothing");
    expect(requests).toHaveLength(0);
  });

  test("a JavaScript clock that returns epoch milliseconds works too", async () => {
    const { client, requests } = setup(undefined, { now: () => Date.parse("2026-11-26T08:00:00.500Z") });
    await client.syncOrder(movie());
    expect(requests[0]!.headers.get("Request-Time")).toBe("2026-11-26T08:00:00+00:00");
  });

  test("Request-Time follows the clock to the second, within a second and across one", async () => {
    let clock = Date.parse("2026-11-26T08:00:00.100Z");
    const { client, requests } = setup(undefined, { now: () => new Date(clock) });
    await client.syncOrder(movie());
    clock += 800; // 08:00:00.900, the same second
    await client.syncOrder(movie());
    clock += 200; // 08:00:01.100
    await client.syncOrder(movie());
    expect(requests.map((r) => r.headers.get("Request-Time"))).toEqual([
      "2026-11-26T08:00:00+00:00",
      "2026-11-26T08:00:00+00:00",
      "2026-11-26T08:00:01+00:00",
    ]);
    expect(requests.every((r) => r.signatureValid)).toBe(true);
  });

  test("keyVersion goes into the Signature header", async () => {
    const { client, requests } = setup(undefined, { keyVersion: 3 });
    await client.syncOrder(movie());
    expect(requests[0]!.headers.get("Signature")).toMatch(/^algorithm=RSA256,keyVersion=3,signature=/);
    expect(requests[0]!.signatureValid).toBe(true);
  });

  test("accepts a bare base64 DER private key, as AlipayHK's key tool hands out", async () => {
    const bare = pem.merchantPrivate.replace(/-----[^-]+-----|\s/g, "");
    const { client, requests } = setup(undefined, { privateKey: bare });
    await client.syncOrder(movie());
    expect(requests[0]!.signatureValid).toBe(true);
  });
});

describe("responses are verified before they are believed", () => {
  test.each<[string, Answer]>([
    ["a tampered body", { tamper: true }],
    ["no Signature header", { unsigned: true }],
    ["no Response-Time header", { noResponseTime: true }],
    ["a signature by another key", { signWith: "other" }],
    ["a malformed Signature header", { headers: { Signature: "algorithm=RSA256,keyVersion=1" } }],
  ])("%s is rejected, and not retried", async (_, answer) => {
    const { client, requests } = setup([answer, {}]);
    const error = await client.syncOrder(movie()).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseSignatureError);
    expect(error.code).toBe("ERR_RESPONSE_SIGNATURE");
    expect(error.outcome).toBe("unknown");
    expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(requests).toHaveLength(1);
  });

  test("alipayPublicKey may be an X.509 certificate (openssl req -x509) of AlipayHK's key", async () => {
    // the fake signs its answers with node:crypto and pem.alipayPrivate
    const { client } = setup([{}], { alipayPublicKey: selfSignedCertificate(pem.alipayPrivate) });
    await expect(client.syncOrder(movie())).resolves.toMatchObject({ result: SUCCESS });
    const { client: wrong } = setup([{}], { alipayPublicKey: selfSignedCertificate(pem.otherPrivate) });
    await expect(wrong.syncOrder(movie())).rejects.toBeInstanceOf(ResponseSignatureError);
  });

  test("a signed F answer with an HTTP error status is still read as a result", async () => {
    const { client } = setup([
      { httpStatus: 400, result: { resultCode: "PARAM_ILLEGAL", resultStatus: "F", resultMessage: "bad" } },
    ]);
    await expect(client.syncOrder(movie())).rejects.toMatchObject({ name: "ResultError", code: "ERR_PARAM_ILLEGAL" });
  });

  test("verifyResponses: false accepts unsigned answers, but only when asked", async () => {
    const { client } = setup([{ unsigned: true }], { alipayPublicKey: undefined, verifyResponses: false });
    await expect(client.syncOrder(movie())).resolves.toMatchObject({ result: SUCCESS });
    expect(() => setup([], { alipayPublicKey: undefined })).toThrow(ConfigError);
  });

  test("maxResponseSkewMs rejects answers from far away in time", async () => {
    const { client } = setup([{}], { maxResponseSkewMs: 60_000, now: () => new Date("2026-11-26T09:00:00+08:00") });
    await expect(client.syncOrder(movie())).rejects.toBeInstanceOf(ResponseSignatureError);
    const near = setup([{}], { maxResponseSkewMs: 60_000, now: () => new Date("2026-11-26T08:00:30+08:00") });
    await expect(near.client.syncOrder(movie())).resolves.toBeDefined();
  });

  // The forms Alipay's SDKs write times in: the same instant, 2026-11-26T00:00:00Z, three ways.
  test.each(["2026-11-26T08:00:00+0800", "1795651200000", "2026-11-26T00:00:00+00:00"])(
    "maxResponseSkewMs reads a Response-Time of %s",
    async (responseTime) => {
      const near = setup([{ responseTime }], {
        maxResponseSkewMs: 60_000,
        now: () => new Date("2026-11-26T00:00:30Z"),
      });
      await expect(near.client.syncOrder(movie())).resolves.toBeDefined();
      const far = setup([{ responseTime }], { maxResponseSkewMs: 60_000, now: () => new Date("2026-11-26T00:02:00Z") });
      await expect(far.client.syncOrder(movie())).rejects.toThrow(/is more than 60000 ms from the local clock/);
    },
  );

  test("maxResponseSkewMs: an unparseable Response-Time is reported as unparseable", async () => {
    const { client } = setup([{ responseTime: "Thursday" }], { maxResponseSkewMs: 60_000 });
    const error = await client.syncOrder(movie()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseSignatureError);
    expect((error as Error).message).toBe('Response-Time "Thursday" is unparseable');
  });
});

describe("results and retries", () => {
  test("U then S: retried with the same requestId and body, a fresh Request-Time and signature", async () => {
    let clock = Date.parse("2026-11-26T00:00:00Z");
    const { client, requests } = setup([{ result: U }, {}], { now: () => new Date((clock += 1000)) });
    const res = await client.syncOrder(movie());
    expect(res.attempts).toBe(2);
    expect(requests).toHaveLength(2);
    const [first, second] = requests;
    expect(second!.body).toBe(first!.body);
    expect(JSON.parse(second!.body)[KEY]).toBe(res.requestId);
    expect(second!.headers.get("Request-Time")).not.toBe(first!.headers.get("Request-Time"));
    expect(second!.headers.get("Signature")).not.toBe(first!.headers.get("Signature"));
    expect(requests.every((r) => r.signatureValid)).toBe(true);
  });

  test("UNKNOWN_EXCEPTION is retried even when marked F", async () => {
    const { client, requests } = setup([{ result: { ...U, resultStatus: "F" } }, {}]);
    await expect(client.syncOrder(movie())).resolves.toMatchObject({ attempts: 2 });
    expect(requests).toHaveLength(2);
  });

  test.each([
    ["PARAM_ILLEGAL", ResultError, "ERR_PARAM_ILLEGAL"],
    ["ORDER_STATUS_INVALID", ResultError, "ERR_ORDER_STATUS_INVALID"],
    ["UN_SUPPORT_BUSINESS", ResultError, "ERR_UN_SUPPORT_BUSINESS"],
    ["INVALID_SIGNATURE", ResultError, "ERR_INVALID_SIGNATURE"],
    ["SOMETHING_NEW", ResultError, "ERR_RESULT"],
    ["ORDER_NOT_FOUND", ResultError, "ERR_ORDER_NOT_FOUND"],
  ] as const)("F result %s is thrown as its typed error, never retried", async (resultCode, Class, code) => {
    const { client, requests } = setup([{ result: { resultCode, resultStatus: "F", resultMessage: "no" } }, {}]);
    const error = await client.syncOrder(movie()).catch((e) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(OrderError);
    expect(error).toMatchObject({
      code,
      resultCode,
      resultStatus: "F",
      resultMessage: "no",
      outcome: "not_applied",
      attempts: 1,
    });
    expect(error.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(error.tracerId).toMatch(/^tr-/);
    expect(requests).toHaveLength(1);
  });

  test("still U after maxAttempts: UnknownResultError", async () => {
    const { client, requests } = setup([{ result: U }], { retry: { ...fast, maxAttempts: 4 } });
    const error = await client.syncOrder(movie()).catch((e) => e);
    expect(error).toBeInstanceOf(UnknownResultError);
    expect(error).toMatchObject({
      code: "ERR_UNKNOWN_RESULT",
      resultCode: "UNKNOWN_EXCEPTION",
      attempts: 4,
      outcome: "unknown",
    });
    expect(requests).toHaveLength(4);
    expect(new Set(requests.map((r) => JSON.parse(r.body)[KEY])).size).toBe(1);
  });

  test("network errors, 5xx and 429 are retried; 404 is not", async () => {
    const retried = setup(
      [
        { networkError: true },
        { httpStatus: 503, unsigned: true },
        { httpStatus: 429, unsigned: true, headers: { "Retry-After": "0" } },
        {},
      ],
      {
        retry: { ...fast, maxAttempts: 4 },
      },
    );
    await expect(retried.client.syncOrder(movie())).resolves.toMatchObject({ attempts: 4 });

    const notFound = setup([{ httpStatus: 404, unsigned: true, rawBody: "<html>not found</html>" }]);
    const error = await notFound.client.syncOrder(movie()).catch((e) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ httpStatus: 404, outcome: "not_applied", attempts: 1 });
    expect(notFound.requests).toHaveLength(1);
  });

  test("a network failure on every attempt ends as NetworkError with the attempt count", async () => {
    const { client } = setup([{ networkError: true }]);
    const error = await client.syncOrder(movie()).catch((e) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ attempts: 3, outcome: "unknown" });
    expect(error.message).toContain("ECONNRESET");
  });

  test("the total time bound stops retries early", async () => {
    const { client, requests } = setup([{ result: U }], {
      retry: { maxAttempts: 10, initialDelayMs: 50, maxElapsedMs: 60 },
    });
    await expect(client.syncOrder(movie())).rejects.toBeInstanceOf(UnknownResultError);
    expect(requests.length).toBeLessThan(10);
  });
});

describe("timeouts and aborts", () => {
  test("timeoutMs: Infinity sets no timer and gives fetch no signal; the caller's signal still aborts", async () => {
    const seen: (AbortSignal | null | undefined)[] = [];
    const answers = fakeAlipay();
    const slowFetch = async (input: string, init: RequestInit) => {
      seen.push(init.signal);
      await new Promise((r) => setTimeout(r, 30));
      return answers.fetch(new Request(input, init));
    };
    vi.stubGlobal("fetch", slowFetch);
    try {
      const options = {
        clientId: CLIENT_ID,
        privateKey: pem.merchantPrivate,
        alipayPublicKey: pem.alipayPublic,
        baseUrl: BASE_URL,
      };
      const unbounded = createOrderClient({ ...options, timeoutMs: Infinity });
      const res = await unbounded.syncOrder(movie());
      expect(res.attempts).toBe(1);
      expect(seen[0]).toBeUndefined();
      // the same slow answer with a 5 ms timeout: every attempt times out
      await expect(
        createOrderClient({ ...options, timeoutMs: 5, retry: { maxAttempts: 1 } }).syncOrder(movie()),
      ).rejects.toThrow(TimeoutError);
      const controller = new AbortController();
      const call = unbounded.syncOrder(movie(), { signal: controller.signal });
      setTimeout(() => controller.abort(), 5);
      await expect(call).rejects.toThrow(AbortedError);
      expect(seen.at(-1)).toBeInstanceOf(AbortSignal);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  test("an attempt slower than timeoutMs times out, and is retried", async () => {
    const { client, requests } = setup([{ delayMs: 5_000 }, {}], { timeoutMs: 50 });
    await expect(client.syncOrder(movie())).resolves.toMatchObject({ attempts: 2 });
    expect(requests).toHaveLength(2);
  });

  test("every attempt too slow: TimeoutError", async () => {
    const { client } = setup([{ delayMs: 5_000 }], { timeoutMs: 30, retry: { ...fast, maxAttempts: 2 } });
    const error = await client.syncOrder(movie()).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "ERR_TIMEOUT", attempts: 2 });
  });

  test("the caller's signal aborts a call in flight", async () => {
    const { client, requests } = setup([{ delayMs: 5_000 }]);
    const controller = new AbortController();
    const call = client.syncOrder(movie(), { signal: controller.signal }).catch((e) => e);
    await vi.waitFor(() => expect(requests).toHaveLength(1)); // in flight: sent, not answered
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ attempts: 1, outcome: "unknown" });
  });

  test("an aborted signal sends nothing; an abort during the backoff stops the retries", async () => {
    const before = setup();
    await expect(before.client.syncOrder(movie(), { signal: AbortSignal.abort() })).rejects.toMatchObject({
      code: "ERR_ABORTED",
      outcome: "not_applied",
    });
    expect(before.requests).toHaveLength(0);

    const during = setup([{ result: U }], { retry: { initialDelayMs: 10_000, maxDelayMs: 10_000 } });
    const controller = new AbortController();
    const call = during.client.syncOrder(movie(), { signal: controller.signal });
    await vi.waitFor(() => expect(during.requests).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AbortedError);
    expect(during.requests).toHaveLength(1);
  });

  test("an abort while a U answer is being verified ends the call at once, not after the retry delay", async () => {
    const controller = new AbortController();
    let clockReads = 0;
    const { client, requests } = setup([{ result: U }, {}], {
      retry: { initialDelayMs: 60_000, maxDelayMs: 60_000, maxElapsedMs: 600_000 },
      // the clock is read to sign the request, then (with maxResponseSkewMs) once the answer is verified: abort there
      maxResponseSkewMs: 10 ** 12,
      now: () => {
        if (clockReads++ === 1) controller.abort();
        return Date.now();
      },
    });
    const started = Date.now();
    await expect(client.syncOrder(movie(), { signal: controller.signal })).rejects.toMatchObject({
      code: "ERR_ABORTED",
      attempts: 1,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(requests).toHaveLength(1);
  });

  test("a private key that imported but cannot sign is a ConfigError naming privateKey, and nothing is sent", async () => {
    const { client, requests } = setup();
    const spy = vi
      .spyOn(crypto.subtle, "sign")
      .mockRejectedValueOnce(new DOMException("PKCS#8 cryptographic key data malformed", "DataError"));
    try {
      const call = client.syncOrder(movie());
      await expect(call).rejects.toBeInstanceOf(ConfigError);
      await expect(call).rejects.toMatchObject({
        message: expect.stringMatching(/^privateKey: invalid RSA key data: the key cannot sign/),
        attempts: 0,
        outcome: "not_applied",
      });
    } finally {
      spy.mockRestore();
    }
    expect(requests).toHaveLength(0);
  });

  test("an abort while the request is being signed sends nothing, even through a fetch that ignores signals", async () => {
    const { client, requests } = setup(); // the fake fetch never looks at the signal before recording
    const controller = new AbortController();
    const call = client.syncOrder(movie(), { signal: controller.signal }); // now importing the keys, then signing
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AbortedError);
    await expect(call).rejects.toMatchObject({ attempts: 0, outcome: "not_applied" }); // nothing was sent
    expect(requests).toHaveLength(0);
  });
});
