// alipayhk-order/operations: createClient with the operations passed to it, against the same fake AlipayHK (and the
// sandbox) as createOrderClient, with the same behaviour; a bad `operations` option is a ConfigError naming it.
import { describe, expect, test } from "vitest";
import { createSandbox } from "alipayhk-sandbox";
import { EXAMPLES, OPERATIONS } from "alipayhk-spec";
import * as specOperations from "alipayhk-spec/operations";
import { ConfigError, ValidationError, UnknownResultError, createOrderClient } from "../src/index.js";
import * as entry from "../src/operations.js";
import { createClient, syncOrder } from "../src/operations.js";
import { BASE_URL, CLIENT_ID, fakeAlipay, pem, type Answer } from "./fake-alipay.js";
import { KEY, U, fast, movie } from "./setup.js";

const base = {
  clientId: CLIENT_ID,
  privateKey: pem.merchantPrivate,
  alipayPublicKey: pem.alipayPublic,
  baseUrl: BASE_URL,
  retry: fast,
};

/** The same script answered to the per-operation client and to createOrderClient. */
function both(script?: Answer[]) {
  const one = fakeAlipay(script);
  const all = fakeAlipay(script);
  return {
    one: { client: createClient({ ...base, fetch: one.fetch, operations: { syncOrder } }), requests: one.requests },
    all: { client: createOrderClient({ ...base, fetch: all.fetch }), requests: all.requests },
  };
}

describe("createClient (alipayhk-order/operations)", () => {
  test("the entry exports every descriptor of alipayhk-spec/operations, unchanged, and createClient", () => {
    for (const [name, descriptor] of Object.entries(specOperations)) {
      // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the test enumerates what the entry exports
      expect(entry[name as keyof typeof entry]).toBe(descriptor);
    }
    expect(Object.keys(entry).filter((name) => !(name in specOperations))).toEqual(["createClient"]);
  });

  test("syncOrder syncs as createOrderClient's does: the same request, signed; the same answer", async () => {
    const { one, all } = both();
    const body = { ...movie(), [KEY]: "req-0001" };
    const [a, b] = await Promise.all([one.client.syncOrder(body), all.client.syncOrder(body)]);
    expect(a.result.resultCode).toBe("SUCCESS");
    expect({ ...a, tracerId: undefined }).toEqual({ ...b, tracerId: undefined });
    const [sent, expected] = [one.requests[0]!, all.requests[0]!];
    expect(sent.signatureValid).toBe(true);
    expect([sent.method, sent.url, sent.body]).toEqual([expected.method, expected.url, expected.body]);
  });

  test("validated and retried as createOrderClient's: the same problems; a U answer retried with the same requestId", async () => {
    const { one, all } = both([{ result: U }, {}]);
    const bad = { ...movie(), orderStatus: "SERVING" } as never;
    const [e1, e2] = await Promise.all([
      one.client.syncOrder(bad).catch((e: unknown) => e),
      all.client.syncOrder(bad).catch((e: unknown) => e),
    ]);
    expect(e1).toBeInstanceOf(ValidationError);
    expect((e1 as ValidationError).problems).toEqual((e2 as ValidationError).problems);
    expect(one.requests).toHaveLength(0);
    const res = await one.client.syncOrder(movie());
    expect(res.attempts).toBe(2);
    expect(one.requests.map((r) => JSON.parse(r.body)[KEY])).toEqual([res.requestId, res.requestId]);
    const once = createClient({
      ...base,
      fetch: fakeAlipay([{ result: U }]).fetch,
      retry: { maxAttempts: 1 },
      operations: { syncOrder },
    });
    await expect(once.syncOrder(movie())).rejects.toBeInstanceOf(UnknownResultError);
  });

  test("has exactly the methods of the operations given", () => {
    const { one } = both();
    expect(Object.keys(one.client)).toEqual(["syncOrder"]);
    for (const other of Object.keys(OPERATIONS).filter((id) => id !== "syncOrder"))
      expect(other in one.client).toBe(false);
    // @ts-expect-error: not passed, so not a method
    expect(one.client.syncPerformanceNotification).toBeUndefined();
    // every operation: the module's descriptors as they are
    const every = createClient({ ...base, operations: specOperations });
    expect(Object.keys(every).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });

  test("every operation through the sandbox, from the spec's examples", async () => {
    const merchant = await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ["sign", "verify"],
    );
    const sandbox = await createSandbox({ merchants: { [CLIENT_ID]: merchant.publicKey } });
    const client = createClient({
      clientId: CLIENT_ID,
      privateKey: merchant.privateKey,
      alipayPublicKey: sandbox.alipayPublicKey,
      baseUrl: "https://sandbox.invalid",
      fetch: sandbox.fetch,
      operations: specOperations,
    });
    const methods = client as unknown as Record<string, (body: unknown) => Promise<{ result: { resultCode: string } }>>;
    for (const [operationId, examples] of Object.entries(EXAMPLES)) {
      const key = OPERATIONS[operationId as keyof typeof OPERATIONS].idempotencyKey;
      const body = { ...(examples[0]!.body as Record<string, unknown>), ...(key && { [key]: undefined }) };
      expect((await methods[operationId]!(body)).result.resultCode, operationId).toBe("SUCCESS");
    }
  });

  test.each([
    ["missing", undefined, /^operations: give the operations to call, e\.g\. \{ syncOrder \}/],
    ["an array", [syncOrder], /^operations: give the operations to call/],
    ["empty", {}, /^operations: give the operations to call/],
    [
      "not a descriptor",
      { syncOrder: () => {} },
      /^operations\.syncOrder: not an operation descriptor; give each operation under its own name \(\{ syncOrder \}/,
    ],
    [
      "a descriptor without its schema",
      { syncOrder: { ...syncOrder, schemas: {} } },
      /^operations\.syncOrder: not an operation descriptor/,
    ],
    [
      "under another name",
      { sync: syncOrder },
      /^operations\.sync: the descriptor of syncOrder; give each operation under its own name \(\{ syncOrder \}/,
    ],
  ])("operations %s: a ConfigError naming it", (_, operations, message) => {
    const make = () => createClient({ ...base, operations: operations as never });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(message);
  });

  test("a descriptor under another name does not compile either", () => {
    // @ts-expect-error: operationId "syncOrder" under the key "sync"
    expect(() => createClient({ ...base, operations: { sync: syncOrder } })).toThrow(ConfigError);
  });
});
