// The spec drives the runtime: a copy of spec/ is changed the way AlipayHK's API changes (a new status, a new
// constraint of each JSON Schema keyword, reordered servers, a new operation listed first), regenerated into the
// copy, and the client and the sandbox, bundled from their sources against the regenerated spec model, must follow
// with no edit outside spec/. Keywords the validator cannot enforce, and scenario lists that disagree, stop generation.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { makeMerchant } from "../../packages/sandbox/test/helpers.js";
import { generate, runtimeFor, specCopy as copyInto, type SpecEdits } from "./spec-copy.js";

const work = mkdtempSync(join(tmpdir(), "spec-mutation-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const specCopy = (name: string, edits: SpecEdits) => copyInto(join(work, name), edits);

const order = {
  merchantBizType: "MOVIE_TICKET",
  merchantBizNo: "MUT-1",
  orderStatus: "TICKETED",
  userId: "2160120000000001",
  orderCreateTime: 1_764_122_400_000,
  orderModifyTime: 1_764_122_400_000,
  extInfo: { seats: ["G12"] },
};
const selfPick = {
  ...order,
  merchantBizType: "SELF_PICK",
  orderStatus: "PENDING",
  amount: { value: "100", currency: "HKD" },
  itemOrderList: [{ name: "tea" }, { name: "cake" }],
  shopInfo: {},
};

/** One constraint per keyword the issue names, added to the spec, and a body of order sync that breaks only it. */
const KEYWORDS: { keyword: string; path: string; body: Record<string, unknown> }[] = [
  {
    keyword: "maximum",
    path: "orderCreateTime",
    body: { ...order, orderCreateTime: 5_000_000_000_001, orderModifyTime: 5_000_000_000_001 },
  },
  { keyword: "exclusiveMaximum", path: "orderModifyTime", body: { ...order, orderModifyTime: 9_000_000_000_000 } },
  { keyword: "exclusiveMinimum", path: "orderModifyTime", body: { ...order, orderModifyTime: 1000 } },
  { keyword: "multipleOf", path: "orderCreateTime", body: { ...order, orderCreateTime: 1_764_122_400_001 } },
  { keyword: "dependentRequired", path: "tinyAppId", body: { ...order, merchantAccountId: "2188000000000001" } },
  { keyword: "minItems", path: "itemOrderList", body: { ...selfPick, itemOrderList: [{ name: "tea" }] } },
  {
    keyword: "maxItems",
    path: "itemOrderList",
    body: { ...selfPick, itemOrderList: [{ name: "a" }, { name: "b" }, { name: "c" }, { name: "d" }] },
  },
  {
    keyword: "uniqueItems",
    path: "itemOrderList",
    body: { ...selfPick, itemOrderList: [{ name: "tea" }, { name: "tea" }] },
  },
  {
    keyword: "minContains",
    path: "itemOrderList",
    body: { ...selfPick, itemOrderList: [{ name: "tea" }, { sku: 2 }] },
  },
  { keyword: "maxProperties", path: "extInfo", body: { ...order, extInfo: { a: 1, b: 2, c: 3 } } },
  { keyword: "minProperties", path: "extInfo", body: { ...order, extInfo: {} } },
];

describe("a changed spec, regenerated: the client and the sandbox follow with no edit outside spec/", () => {
  let dir: string;
  let runtime: Awaited<ReturnType<typeof runtimeFor>>;
  const merchant = makeMerchant("MUTATION-MERCHANT");

  beforeAll(async () => {
    dir = specCopy("changed", {
      // a new status
      "scenarios/movie-ticket.yaml": (doc) => {
        doc.allOf[1].properties.orderStatus.enum.push("EXPIRED");
        doc.allOf[1].properties.extInfo.maxProperties = 2;
        doc.allOf[1].properties.extInfo.minProperties = 1;
      },
      // a constraint of each keyword
      "schemas/base-order.yaml": (doc) => {
        Object.assign(doc.properties.orderCreateTime, { maximum: 5_000_000_000_000, multipleOf: 1000 });
        Object.assign(doc.properties.orderModifyTime, { exclusiveMaximum: 8_000_000_000_000, exclusiveMinimum: 1000 });
        doc.dependentRequired = { merchantAccountId: ["tinyAppId"] };
      },
      "scenarios/self-pick.yaml": (doc) => {
        Object.assign(doc.allOf[1].properties.itemOrderList, {
          minItems: 2,
          maxItems: 3,
          uniqueItems: true,
          contains: { type: "object", required: ["name"] },
          minContains: 2,
          maxContains: 3,
        });
      },
      // reordered servers, and a new operation listed first
      "openapi.yaml": (doc) => {
        doc.servers.reverse();
        doc.paths = { "/api/open/alipay/v1/merchant/order/cancel": { $ref: "paths/order-cancel.yaml" }, ...doc.paths };
        doc.components.schemas.OrderCancelRequest = {
          type: "object",
          required: ["requestId", "merchantBizNo"],
          properties: {
            requestId: { type: "string", maxLength: 32 },
            merchantBizNo: { type: "string", minLength: 1, maxLength: 32 },
          },
        };
      },
    });
    writeFileSync(
      join(dir, "spec/paths/order-cancel.yaml"),
      stringify({
        post: {
          operationId: "cancelOrder",
          "x-idempotency-key": "requestId",
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: { $ref: "../openapi.yaml#/components/schemas/OrderCancelRequest" } },
            },
          },
          responses: {
            "200": {
              description: "ok",
              content: {
                "application/json": {
                  schema: { $ref: "../openapi.yaml#/components/schemas/PerformanceNotificationResponse" },
                },
              },
            },
          },
        },
      }),
    );
    const generated = generate(dir);
    expect(generated.status, generated.stderr).toBe(0);
    runtime = await runtimeFor(dir);
  }, 60_000);

  async function setup() {
    const sandbox = await runtime.createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 5 });
    const sent: Request[] = [];
    const fetch = (request: Request) => {
      sent.push(request.clone());
      return sandbox.fetch(request);
    };
    const options = {
      clientId: merchant.clientId,
      privateKey: merchant.privateKey,
      alipayPublicKey: sandbox.alipayPublicKey,
      fetch,
      retry: { maxAttempts: 1 },
    };
    const where = { ...options, baseUrl: "http://sandbox.invalid" };
    return { sandbox, sent, client: runtime.createOrderClient(where), api: runtime.createApiClient(where), options };
  }

  test("a new status is accepted by the client and applied by the sandbox", async () => {
    const { client } = await setup();
    const result = await client.syncOrder({ ...order, orderStatus: "EXPIRED" } as never);
    expect(result.result.resultCode).toBe("SUCCESS");
    expect(result.orderStatus).toBe("EXPIRED");
  });

  test.each(KEYWORDS)(
    "$keyword: the client refuses before sending, naming $path; the sandbox answers PARAM_ILLEGAL",
    async ({ keyword, path, body }) => {
      const { client, api, sent, sandbox } = await setup();
      const error = await client.syncOrder(body as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(runtime.ValidationError);
      expect((error as InstanceType<typeof runtime.ValidationError>).problems).toContainEqual(
        expect.objectContaining({ path, keyword }),
      );
      expect(sent).toHaveLength(0);
      // the same body, signed but not validated (createApiClient), reaches the sandbox, which refuses it
      const { data } = await api.POST("/api/open/alipay/v1/merchant/order/sync", {
        body: { ...body, requestId: crypto.randomUUID().replaceAll("-", "") } as never,
      });
      expect(data?.result.resultCode).toBe("PARAM_ILLEGAL");
      expect(data?.result.resultMessage).toContain(path);
      expect(sandbox.orders).toHaveLength(0);
    },
  );

  test("every body that breaks nothing is still accepted (the constraints are not over-eager)", async () => {
    const { client } = await setup();
    expect((await client.syncOrder(order as never)).result.resultCode).toBe("SUCCESS");
    expect((await client.syncOrder({ ...selfPick, merchantBizNo: "MUT-2" } as never)).result.resultCode).toBe(
      "SUCCESS",
    );
  });

  test('reordered servers: environment "production" still means https://open.alipay.hk', async () => {
    const { options } = await setup();
    const seen: string[] = [];
    const client = runtime.createOrderClient({
      ...options,
      environment: "production",
      fetch: async (request: Request) => (seen.push(request.url), new Response("", { status: 503 })),
    });
    await client.syncOrder(order as never).catch(() => {});
    expect(seen[0]).toBe("https://open.alipay.hk/api/open/alipay/v1/merchant/order/sync");
  });

  test("a new operation listed first: syncOrder still posts to /order/sync; cancelOrder is a validated method the sandbox answers", async () => {
    const { client, sent, sandbox } = await setup();
    await client.syncOrder({ ...order, merchantBizNo: "MUT-3" } as never);
    expect(new URL(sent[0]!.url).pathname).toBe("/api/open/alipay/v1/merchant/order/sync");
    const cancel = (
      client as unknown as Record<
        string,
        (body: unknown) => Promise<{ result: { resultCode: string }; requestId: string }>
      >
    ).cancelOrder!;
    await expect(cancel({})).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      problems: [expect.objectContaining({ path: "merchantBizNo", keyword: "required" })],
    });
    expect(sent).toHaveLength(1);
    const answer = await cancel({ merchantBizNo: "MUT-3" });
    expect(answer.result.resultCode).toBe("SUCCESS");
    expect(answer.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(new URL(sent[1]!.url).pathname).toBe("/api/open/alipay/v1/merchant/order/cancel");
    expect(sandbox.events.at(-1)).toMatchObject({ operation: "cancelOrder", type: "applied", resultCode: "SUCCESS" });
  });
});

describe("what generation refuses", () => {
  test.each([
    ["unevaluatedProperties", (doc: any) => (doc.unevaluatedProperties = false)],
    ["if", (doc: any) => (doc.if = { required: ["tinyAppId"] })],
    ["propertyNames", (doc: any) => (doc.properties.tinyAppId.propertyNames = { maxLength: 3 })],
  ])("a keyword the validator does not enforce (%s) fails generation, naming it and where it is", (keyword, edit) => {
    const dir = specCopy(`refuse-${keyword}`, { "schemas/base-order.yaml": edit });
    const result = generate(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`"${keyword}"`);
    expect(result.stderr).toContain("#/components/schemas/BaseOrder");
  });

  test("a scenario missing from the base enum fails generation, naming the files", () => {
    let dropped = "";
    const dir = specCopy("lists", {
      "schemas/base-order.yaml": (doc) => (dropped = doc.properties.merchantBizType.enum.pop()),
    });
    const result = generate(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /merchantBizType enum in .*spec\/schemas\/base-order\.yaml and the discriminator mapping in .*spec\/openapi\.yaml disagree/,
    );
    expect(result.stderr).toContain(`(mapping only: ${dropped})`);
  });

  test("a scenario whose const is not its mapping key fails generation, naming its file", () => {
    const dir = specCopy("const", {
      "scenarios/train-ticket.yaml": (doc) => (doc.allOf[1].properties.merchantBizType.const = "TRAIN"),
    });
    const result = generate(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/spec\/scenarios\/train-ticket\.yaml must fix merchantBizType to TRAIN_TICKET/);
  });

  test("a server without an x-environment name fails generation (nothing is taken by position)", () => {
    const dir = specCopy("servers", { "openapi.yaml": (doc) => delete doc.servers[1]["x-environment"] });
    const result = generate(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("has no x-environment name");
  });
});
