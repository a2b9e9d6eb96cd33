// alipayhk-order/api: client.api (the typed openapi-fetch client over the signing layer) and the middleware that signs a
// user's own openapi-fetch client; and the main entry's client, which carries no openapi-fetch.
import createClient from "openapi-fetch";
import { describe, expect, test } from "vitest";
import { createOrderClient as createApiOrderClient, createSigningMiddleware, type paths } from "../src/api.js";
import { ConfigError, ResponseSignatureError } from "../src/index.js";
import { BASE_URL, CLIENT_ID, SUCCESS, fakeAlipay, order, pem } from "./fake-alipay.js";
import { setup } from "./setup.js";

describe("openapi-fetch", () => {
  test("client.api (alipayhk-order/api) is the typed openapi-fetch client, signing and verifying", async () => {
    const fake = fakeAlipay();
    const client = createApiOrderClient({ clientId: CLIENT_ID, privateKey: pem.merchantPrivate, alipayPublicKey: pem.alipayPublic, baseUrl: BASE_URL, fetch: fake.fetch });
    const requests = fake.requests;
    expect(typeof client.syncOrder).toBe("function"); // the methods too
    const { data } = await client.api.POST("/api/open/alipay/v1/merchant/order/sync", {
      body: { requestId: "r1", ...(order("TRAIN_TICKET") as object) } as never,
    });
    expect(data?.result.resultCode).toBe("SUCCESS");
    expect(requests[0]!.signatureValid).toBe(true);
  });

  test("the main entry's client has no openapi-fetch: client.api says where it is", () => {
    const { client } = setup();
    expect(() => (client as unknown as { api: unknown }).api).toThrow(ConfigError);
    expect(() => (client as unknown as { api: unknown }).api).toThrow(/alipayhk-order\/api/);
    expect(Object.keys(client).sort()).toEqual(["syncOrder", "syncPerformanceNotification"]); // not enumerable: a spread or a log does not throw
  });

  test("createSigningMiddleware signs and verifies on a user's own client", async () => {
    const fake = fakeAlipay([{}, { tamper: true }]);
    const api = createClient<paths>({ baseUrl: BASE_URL, fetch: fake.fetch });
    api.use(createSigningMiddleware({ clientId: CLIENT_ID, privateKey: pem.merchantPrivate, alipayPublicKey: pem.alipayPublic }));
    const body = { requestId: "r2", ...(order("RIDE_HAILING") as object) } as never;
    const { data } = await api.POST("/api/open/alipay/v1/merchant/order/sync", { body });
    expect(data?.orderStatus).toBe("PENDING");
    expect(fake.requests[0]!.signatureValid).toBe(true);
    await expect(api.POST("/api/open/alipay/v1/merchant/order/sync", { body })).rejects.toBeInstanceOf(ResponseSignatureError);
  });

  test("createSigningMiddleware signs a body-less request over an empty body, as the client's own transport does", async () => {
    const fake = fakeAlipay([{}]);
    // no GET in the spec: an untyped client, to send one
    const api = createClient<Record<string, never>>({ baseUrl: BASE_URL, fetch: fake.fetch }) as unknown as { GET(path: string): Promise<{ data?: unknown }> };
    (api as unknown as ReturnType<typeof createClient>).use(createSigningMiddleware({ clientId: CLIENT_ID, privateKey: pem.merchantPrivate, alipayPublicKey: pem.alipayPublic }));
    const { data } = await api.GET("/api/open/some/query");
    expect(data).toMatchObject({ result: SUCCESS });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body).toBe("");
    expect(fake.requests[0]!.headers.get("Signature")).toMatch(/^algorithm=RSA256,keyVersion=1,signature=/);
    expect(fake.requests[0]!.signatureValid).toBe(true); // checked with node:crypto over "GET /api/open/some/query\n<Client-Id>.<time>."
  });
});
