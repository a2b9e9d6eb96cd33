// What the client refuses before anything is sent: invalid bodies and unusable options.
import { describe, expect, test } from "vitest";
import {
  ConfigError,
  ValidationError,
  createOrderClient,
  type OrderClientOptions,
  type OrderInput,
} from "../src/index.js";
import { BASE_URL, CLIENT_ID, fakeAlipay, order, pem } from "./fake-alipay.js";
import { KEY, movie, setup } from "./setup.js";

describe("invalid input never reaches the network", () => {
  test("one ValidationError lists every problem with its field path", async () => {
    const { client, requests } = setup();
    const bad = {
      ...order("MOVIE_TICKET"),
      merchantBizNo: "x".repeat(33),
      orderStatus: "SERVING",
      openId: "also-set",
      payAmount: { value: "1", currency: "hkd" },
    };
    const error = await client.syncOrder(bad as unknown as OrderInput).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.code).toBe("ERR_VALIDATION");
    expect(error.attempts).toBe(0);
    const paths = error.problems.map((p: { path: string }) => p.path);
    // both userId and openId is refused only by a strict client: that rule is our reading of AlipayHK's pages
    expect(paths.sort()).toEqual(["merchantBizNo", "orderStatus", "payAmount.currency"]);
    expect(error.message).toMatch(/^syncOrder was not sent: .*merchantBizNo must be at most 32 characters/);
    expect(error.message).toContain(
      "orderStatus must be one of TICKETED, REFUNDED, USED for merchantBizType MOVIE_TICKET (got SERVING)",
    );
    expect(requests).toHaveLength(0);
  });

  test("a dashed UUID is too long for requestId", async () => {
    const { client, requests } = setup();
    const error = await client.syncOrder({ ...movie(), [KEY]: crypto.randomUUID() }).catch((e) => e);
    expect(error.problems).toEqual([
      { path: KEY, message: "must be at most 32 characters (got 36)", keyword: "maxLength" },
    ]);
    expect(requests).toHaveLength(0);
  });
});

describe("configuration", () => {
  test.each<[string, Partial<OrderClientOptions>, string]>([
    ["no clientId", { clientId: "" }, "clientId"],
    ["no base URL", { baseUrl: undefined }, "baseUrl or environment"],
    ["both base URL and environment", { environment: "production" }, "not both"],
    ["an unknown environment", { baseUrl: undefined, environment: "staging" as never }, "environment"],
    ["a relative base URL", { baseUrl: "/api" }, "baseUrl"],
    ["a negative keyVersion", { keyVersion: -1 }, "keyVersion"],
    ["a keyVersion with a comma", { keyVersion: "1,signature=x" }, "keyVersion"],
    // the header's own rule (isKeyVersion): a boolean is no version, even though String(true) is a fine token
    ["a boolean keyVersion", { keyVersion: true as never }, "keyVersion"],
    ["a 65-character keyVersion", { keyVersion: "v".repeat(65) }, "keyVersion"],
    ["encrypt: true instead of rsaAes()", { encrypt: true as never }, "encrypt"],
    ["a zero timeout", { timeoutMs: 0 }, "timeoutMs"],
    ["a timeout past what setTimeout honours", { timeoutMs: 2 ** 31 }, "timeoutMs"],
    ["a timeout that is not a number", { timeoutMs: "5000" as never }, "timeoutMs"],
    ["zero attempts", { retry: { maxAttempts: 0 } }, "retry.maxAttempts"],
    ["a fractional attempt count", { retry: { maxAttempts: 2.5 } }, "retry.maxAttempts"],
    ["a negative delay", { retry: { initialDelayMs: -1 } }, "retry.initialDelayMs"],
    ["a delay past what setTimeout honours", { retry: { maxDelayMs: 2 ** 31 } }, "retry.maxDelayMs"],
    ["a delay given as text", { retry: { maxElapsedMs: "30s" as never } }, "retry.maxElapsedMs"],
    ["retry: true", { retry: true as never }, "retry"],
    ["a null timeout", { timeoutMs: null as never }, "timeoutMs"],
  ])("%s is a ConfigError naming the option", (_, options, name) => {
    expect(() => setup([], options)).toThrow(ConfigError);
    expect(() => setup([], options)).toThrow(name);
  });

  test("limits that are not timers may be Infinity: attempts (bounded by maxElapsedMs), maxElapsedMs, timeoutMs", () => {
    expect(() => setup([], { retry: { maxAttempts: Infinity, maxElapsedMs: 1_000 } })).not.toThrow();
    expect(() => setup([], { retry: { maxElapsedMs: Infinity }, timeoutMs: Infinity })).not.toThrow();
  });

  test("a bad key is a ConfigError naming the option, without the key in the message", async () => {
    const garbage =
      "-----BEGIN PRIVATE KEY-----\nTUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD\n-----END PRIVATE KEY-----";
    const { client, requests } = setup([], { privateKey: garbage });
    const error = await client.syncOrder(movie()).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/^privateKey: /);
    expect(error.message).not.toContain("TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lCQVFD");
    expect(requests).toHaveLength(0);
    expect(error.attempts).toBe(0); // nothing was sent
  });

  test("environment selects AlipayHK's production server", async () => {
    const { client, requests } = setup(undefined, { baseUrl: undefined, environment: "production" });
    await client.syncOrder(movie());
    expect(requests[0]!.url).toBe("https://open.alipay.hk/api/open/alipay/v1/merchant/order/sync");
  });

  test("a custom fetch receives a Request (so a fetch handler works as one)", async () => {
    const fake = fakeAlipay();
    const handler = (request: Request) => fake.fetch(request);
    const client = createOrderClient({
      clientId: CLIENT_ID,
      privateKey: pem.merchantPrivate,
      alipayPublicKey: pem.alipayPublic,
      baseUrl: BASE_URL,
      fetch: handler,
    });
    await expect(client.syncOrder(movie())).resolves.toMatchObject({ attempts: 1 });
    expect(fake.requests[0]!.signatureValid).toBe(true);
  });
});
