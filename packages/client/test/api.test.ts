// alipayhk-order/api: createApiClient (the typed openapi-fetch client over the signing layer) and the middleware that
// signs a user's own openapi-fetch client; and the main entry's client, which carries no openapi-fetch.
import createClient from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { createApiClient, createSigningMiddleware, type paths } from "../src/api.js";
import { ConfigError, ResponseSignatureError } from "../src/index.js";
import { BASE_URL, CLIENT_ID, SUCCESS, fakeAlipay, order, pem } from "./fake-alipay.js";
import { setup } from "./setup.js";

describe("openapi-fetch", () => {
  test("createApiClient (alipayhk-order/api) is the typed openapi-fetch client, signing and verifying", async () => {
    const fake = fakeAlipay([{}, { tamper: true }]);
    const api = createApiClient({
      clientId: CLIENT_ID,
      privateKey: pem.merchantPrivate,
      alipayPublicKey: pem.alipayPublic,
      baseUrl: BASE_URL,
      fetch: fake.fetch,
    });
    const body = { requestId: "r1", ...(order("TRAIN_TICKET") as object) } as never;
    const { data } = await api.POST("/api/open/alipay/v1/merchant/order/sync", { body });
    expect(data?.result.resultCode).toBe("SUCCESS");
    expect(fake.requests[0]!.signatureValid).toBe(true);
    await expect(api.POST("/api/open/alipay/v1/merchant/order/sync", { body })).rejects.toBeInstanceOf(
      ResponseSignatureError,
    );
  });

  test("createApiClient checks its options at once, naming the one at fault", () => {
    const options = { clientId: CLIENT_ID, privateKey: pem.merchantPrivate, alipayPublicKey: pem.alipayPublic };
    expect(() => createApiClient(options)).toThrow(/baseUrl or environment is required/);
    expect(() => createApiClient({ ...options, baseUrl: "not a url" })).toThrow(ConfigError);
    expect(() => createApiClient({ ...options, environment: "production", clientId: "" })).toThrow(/^clientId/);
  });

  test("the main entry's client is the methods only: no api member", () => {
    const { client } = setup();
    expect("api" in client).toBe(false);
    expect(Object.keys(client).sort()).toEqual(["syncOrder", "syncPerformanceNotification"]);
  });

  test("createSigningMiddleware signs and verifies on a user's own client", async () => {
    const fake = fakeAlipay([{}, { tamper: true }]);
    const api = createClient<paths>({ baseUrl: BASE_URL, fetch: fake.fetch });
    api.use(
      createSigningMiddleware({
        clientId: CLIENT_ID,
        privateKey: pem.merchantPrivate,
        alipayPublicKey: pem.alipayPublic,
      }),
    );
    const body = { requestId: "r2", ...(order("RIDE_HAILING") as object) } as never;
    const { data } = await api.POST("/api/open/alipay/v1/merchant/order/sync", { body });
    expect(data?.orderStatus).toBe("PENDING");
    expect(fake.requests[0]!.signatureValid).toBe(true);
    await expect(api.POST("/api/open/alipay/v1/merchant/order/sync", { body })).rejects.toBeInstanceOf(
      ResponseSignatureError,
    );
  });

  test("createSigningMiddleware signs a body-less request over an empty body, as the client's own transport does", async () => {
    const fake = fakeAlipay([{}]);
    // no GET in the spec: an untyped client, to send one
    const api = createClient<Record<string, never>>({ baseUrl: BASE_URL, fetch: fake.fetch }) as unknown as {
      GET(path: string): Promise<{ data?: unknown }>;
    };
    (api as unknown as ReturnType<typeof createClient>).use(
      createSigningMiddleware({
        clientId: CLIENT_ID,
        privateKey: pem.merchantPrivate,
        alipayPublicKey: pem.alipayPublic,
      }),
    );
    const { data } = await api.GET("/api/open/some/query");
    expect(data).toMatchObject({ result: SUCCESS });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body).toBe("");
    expect(fake.requests[0]!.headers.get("Signature")).toMatch(/^algorithm=RSA256,keyVersion=1,signature=/);
    expect(fake.requests[0]!.signatureValid).toBe(true); // checked with node:crypto over "GET /api/open/some/query\n<Client-Id>.<time>."
  });
});
