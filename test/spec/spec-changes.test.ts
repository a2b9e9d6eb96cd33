// The changes a team makes to the spec after an AlipayHK announcement, each made in spec/ only: a new scenario, an
// inline schema, a renamed idempotency field, a result-code component under another name, an operation removed.
// Each either fails generation naming the file and the reason, or regenerates and works end to end: the client and
// the sandbox follow, and a copy of the whole repository type-checks and runs its CLI with no other edit.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, test } from "vitest";
import { OPERATIONS, RESULT_CODES } from "alipayhk-spec";
import { makeMerchant } from "../../packages/sandbox/test/helpers.js";
import { editSpec, generate, repo, repositoryCopy, runtimeFor, specCopy, yaml, type SpecEdits } from "./spec-copy.js";

const work = mkdtempSync(join(tmpdir(), "spec-changes-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const merchant = makeMerchant("SPEC-CHANGE-MERCHANT");

const FOOD_DELIVERY = yaml.stringify({
  title: "Food delivery order",
  description: "`FOOD_DELIVERY`: a scenario a team adds after an announcement.",
  allOf: [
    { $ref: "../schemas/base-order.yaml" },
    {
      type: "object",
      required: ["merchantBizType", "orderStatus"],
      properties: {
        merchantBizType: { const: "FOOD_DELIVERY" },
        orderStatus: {
          type: "string",
          enum: ["ORDERED", "DELIVERING", "DELIVERED"],
          "x-enum-descriptions": {
            ORDERED: "Ordered.",
            DELIVERING: "On its way.",
            DELIVERED: "Delivered (end status).",
          },
        },
      },
    },
  ],
  "x-end-statuses": ["DELIVERED"],
  "x-transitions": { reversible: false },
  examples: [
    {
      requestId: "0f1c2a9b8d7e4f60a1b2c3d4e5f60718",
      merchantBizType: "FOOD_DELIVERY",
      merchantBizNo: "EX-FOOD",
      orderStatus: "ORDERED",
      userId: "2160120000000001",
      orderCreateTime: 1764122400000,
      orderModifyTime: 1764122460000,
    },
  ],
});
const registerFoodDelivery = (doc: any) => {
  doc.components.schemas.FoodDeliveryOrder = { $ref: "scenarios/food-delivery.yaml" };
  doc.components.schemas.OrderSyncRequest.oneOf.push({ $ref: "#/components/schemas/FoodDeliveryOrder" });
  doc.components.schemas.OrderSyncRequest.discriminator.mapping.FOOD_DELIVERY =
    "#/components/schemas/FoodDeliveryOrder";
};
const addToBaseEnum = (doc: any) => {
  doc.properties.merchantBizType.enum.push("FOOD_DELIVERY");
  doc.properties.merchantBizType["x-enum-descriptions"].FOOD_DELIVERY = "Food delivery.";
};

/** A new operation, a PUT, whose request and response schemas are written inline, where OpenAPI allows it. */
const CANCEL_ORDER = yaml.stringify({
  put: {
    operationId: "cancelOrder",
    "x-idempotency-key": "requestId",
    requestBody: {
      required: true,
      content: {
        "application/json": {
          schema: {
            type: "object",
            required: ["requestId", "merchantBizNo"],
            properties: {
              requestId: { type: "string", maxLength: 32 },
              merchantBizNo: { type: "string", minLength: 1, maxLength: 32 },
            },
          },
        },
      },
    },
    responses: {
      "200": {
        description: "ok",
        content: {
          "application/json": {
            schema: {
              type: "object",
              required: ["result"],
              properties: { result: { $ref: "../schemas/result.yaml" } },
            },
          },
        },
      },
    },
  },
});

/** requestId renamed callId, in the base fields and in order sync's x-idempotency-key. */
const renameInBase = (doc: any) => {
  doc.properties = Object.fromEntries(
    Object.entries(doc.properties).map(([name, schema]) => [name === "requestId" ? "callId" : name, schema]),
  );
  doc.required = doc.required.map((name: string) => (name === "requestId" ? "callId" : name));
};
const renameIdempotencyKey: SpecEdits = {
  "schemas/base-order.yaml": renameInBase,
  "paths/order-sync.yaml": (doc) => (doc.post["x-idempotency-key"] = "callId"),
};

/** Every change at once, but the removal: one spec, one repository copy to type-check. */
const ALL_CHANGES: SpecEdits = {
  "scenarios/food-delivery.yaml": FOOD_DELIVERY,
  "schemas/base-order.yaml": (doc) => addToBaseEnum(doc),
  "paths/order-cancel.yaml": CANCEL_ORDER,
  "openapi.yaml": (doc) => {
    registerFoodDelivery(doc);
    doc.paths["/api/open/alipay/v1/merchant/order/cancel"] = { $ref: "paths/order-cancel.yaml" };
    doc.components.schemas = Object.fromEntries(
      Object.entries(doc.components.schemas).map(([name, schema]) => [
        name === "ResultCode" ? "GatewayResultCode" : name,
        schema,
      ]),
    );
  },
};

const order = {
  merchantBizType: "FOOD_DELIVERY",
  merchantBizNo: "FOOD-1",
  userId: "2160120000000001",
  orderCreateTime: 1_764_122_400_000,
};

async function setup(dir: string) {
  const runtime = await runtimeFor(dir);
  const sandbox = await runtime.createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 7 });
  const sent: Request[] = [];
  const fetch = (request: Request) => (sent.push(request.clone()), sandbox.fetch(request));
  const options = {
    clientId: merchant.clientId,
    privateKey: merchant.privateKey,
    alipayPublicKey: sandbox.alipayPublicKey,
    fetch,
    baseUrl: "http://sandbox.invalid",
  };
  return {
    runtime,
    sandbox,
    sent,
    client: runtime.createOrderClient({ ...options, retry: { initialDelayMs: 1 } }) as unknown as Record<
      string,
      (body: object) => Promise<any>
    >,
  };
}

describe("a new scenario", () => {
  test("a scenario file nothing refers to fails generation, naming the file", () => {
    const result = generate(specCopy(join(work, "lone"), { "scenarios/food-delivery.yaml": FOOD_DELIVERY }));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/spec\/scenarios\/food-delivery\.yaml is not part of the spec/);
  });

  test("a scenario registered as a component but left out of its request fails generation, naming it", () => {
    const edits: SpecEdits = {
      "scenarios/food-delivery.yaml": FOOD_DELIVERY,
      "openapi.yaml": (doc) => (doc.components.schemas.FoodDeliveryOrder = { $ref: "scenarios/food-delivery.yaml" }),
    };
    const result = generate(specCopy(join(work, "unused"), edits));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /no operation uses components\.schemas\.FoodDeliveryOrder \(.*spec\/scenarios\/food-delivery\.yaml\)/,
    );
  });

  test("registered, it is synced by the client and its status rules are kept by the sandbox", async () => {
    const dir = specCopy(join(work, "scenario"), ALL_CHANGES);
    expect(generate(dir).status).toBe(0);
    const { client, sandbox } = await setup(dir);
    const ordered = await client.syncOrder!({ ...order, orderStatus: "ORDERED", orderModifyTime: 1_764_122_460_000 });
    expect(ordered).toMatchObject({ result: { resultCode: "SUCCESS" }, orderStatus: "ORDERED" });
    await client.syncOrder!({ ...order, orderStatus: "DELIVERED", orderModifyTime: 1_764_122_520_000 });
    const back = await client.syncOrder!({
      ...order,
      orderStatus: "ORDERED",
      orderModifyTime: 1_764_122_580_000,
    }).catch((e: unknown) => e);
    expect(back).toMatchObject({ resultCode: "ORDER_STATUS_INVALID" });
    expect(sandbox.orders[0]).toMatchObject({ merchantBizType: "FOOD_DELIVERY", orderStatus: "DELIVERED" });
  });
});

describe("schemas written inline", () => {
  test("an operation whose request and response schemas are inline is a validated method; the sandbox signs its answer as a PUT", async () => {
    const dir = specCopy(join(work, "inline"), ALL_CHANGES);
    expect(generate(dir).status).toBe(0);
    const { client, sent, runtime } = await setup(dir);
    expect(runtime.OPERATIONS).toHaveProperty(
      "cancelOrder",
      expect.objectContaining({ schema: "cancelOrder request", idempotencyKey: "requestId" }),
    );
    await expect(client.cancelOrder!({})).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      problems: [expect.objectContaining({ path: "merchantBizNo", keyword: "required" })],
    });
    expect(sent).toHaveLength(0);
    const answer = await client.cancelOrder!({ merchantBizNo: "FOOD-1" });
    expect(answer.result.resultCode).toBe("SUCCESS"); // verified: signed over "PUT <path>", or the client would refuse it
    expect(sent[0]).toMatchObject({ method: "PUT" });
    expect(new URL(sent[0]!.url).pathname).toBe("/api/open/alipay/v1/merchant/order/cancel");
  });
});

describe("a renamed idempotency field", () => {
  test("the client generates and re-sends callId; the sandbox answers a repeated callId without applying it again", async () => {
    const dir = specCopy(join(work, "renamed"), renameIdempotencyKey);
    expect(generate(dir).status).toBe(0);
    const { client, sandbox, sent } = await setup(dir);
    sandbox.faultNext("drop", { processed: true }); // applied, then the answer is lost: the retry must not apply it again
    const body = {
      ...order,
      merchantBizType: "MOVIE_TICKET",
      orderStatus: "TICKETED",
      orderModifyTime: 1_764_122_460_000,
      extInfo: {},
    };
    const result = await client.syncOrder!(body);
    expect(result.attempts).toBe(2);
    const bodies = await Promise.all(sent.map((r) => r.json()));
    expect(bodies.map((b) => b.callId)).toEqual([result.requestId, result.requestId]);
    expect(result.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(bodies[0]).not.toHaveProperty("requestId");
    expect(
      sandbox.events.filter((e) => e.type === "applied" || e.type === "replayed").map((e) => [e.type, e.requestId]),
    ).toEqual([
      ["applied", result.requestId],
      ["replayed", result.requestId],
    ]);
  });
});

describe("the result codes under another component name", () => {
  test("are read from each operation's response schema: the same codes, the same retries", async () => {
    const dir = specCopy(join(work, "codes"), ALL_CHANGES);
    expect(generate(dir).status).toBe(0);
    const { client, sandbox, runtime } = await setup(dir);
    expect(Object.keys(runtime.RESULT_CODES)).toEqual(Object.keys(RESULT_CODES));
    expect(runtime.OPERATIONS.syncOrder.retryable).toEqual(OPERATIONS.syncOrder.retryable);
    sandbox.faultNext("unknownException");
    const result = await client.syncOrder!({
      ...order,
      merchantBizNo: "FOOD-2",
      orderStatus: "ORDERED",
      orderModifyTime: 1_764_122_460_000,
    });
    expect(result).toMatchObject({ result: { resultCode: "SUCCESS" }, attempts: 2 });
  });
});

/** `tsc -b` in a repository copy. */
function typecheck(dir: string) {
  return spawnSync(process.execPath, [join(repo, "node_modules/typescript/bin/tsc"), "-b"], {
    cwd: dir,
    encoding: "utf8",
  });
}
/** The CLI bundled from its sources (the packages' `alipayhk-source` condition), ready to run in `dir`. */
async function bundleCli(dir: string): Promise<void> {
  await build({
    absWorkingDir: dir,
    entryPoints: ["packages/cli/src/alipayhk.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    conditions: ["alipayhk-source"],
    // bundled CommonJS dependencies may require() Node's modules
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    outfile: join(dir, "cli.mjs"),
    logLevel: "silent",
  });
}
/** `npm run generate` in a repository copy. */
const generateIn = (dir: string) =>
  spawnSync(process.execPath, ["scripts/generate.mjs"], { cwd: dir, encoding: "utf8" });
/** Every package, test and tool of a repository copy type-checks, and its CLI is bundled, ready to run. */
async function typeChecksAndBundles(dir: string): Promise<void> {
  const checked = typecheck(dir);
  expect(checked.status, checked.stdout).toBe(0);
  await bundleCli(dir);
}
const cli = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, ["cli.mjs", ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });

describe("the whole repository, after the change and nothing else", () => {
  test("every change above at once: generation, type checks of every package, test and tool, and the CLI's demo", async () => {
    const dir = repositoryCopy(join(work, "repo-changed"));
    editSpec(dir, {
      ...ALL_CHANGES,
      ...renameIdempotencyKey,
      "schemas/base-order.yaml": (doc) => (addToBaseEnum(doc), renameInBase(doc)),
    });
    const generated = generateIn(dir);
    expect(generated.status, generated.stderr).toBe(0);
    await typeChecksAndBundles(dir);
    const demo = cli(dir, "demo");
    expect(demo.status, demo.stderr).toBe(0);
    // each status of the new scenario's lifecycle synced, in order (the summary table wraps long lifecycles)
    expect(demo.stdout).toMatch(
      /✓ FOOD_DELIVERY\s+ORDERED\s+SUCCESS\n.*✓ FOOD_DELIVERY\s+DELIVERING\s+SUCCESS\n.*✓ FOOD_DELIVERY\s+DELIVERED\s+SUCCESS/,
    );
  }, 180_000);

  test("an operation removed: generation names every file and component left over; once they are gone, everything builds and runs", async () => {
    const dir = repositoryCopy(join(work, "repo-removed"));
    const path = "/api/open/alipay/intl/promotion/order/contractCardSync";
    const file = "paths/performance-notification.yaml";
    editSpec(dir, { "openapi.yaml": (doc) => delete doc.paths[path] });
    let run = generateIn(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`spec/${file} is not part of the spec`);
    editSpec(dir, { [file]: null });
    // a team follows the messages: the generator names each component no operation uses any more, and its file
    run = generateIn(dir);
    expect(run.status).toBe(1);
    const leftovers = [...run.stderr.matchAll(/components\.schemas\.(\w+) \(([^)]+)\)/g)].map(
      ([, name, where]) => [name!, where!] as const,
    );
    expect(leftovers.map(([name]) => name)).toContain("PerformanceNotificationRequest");
    editSpec(dir, {
      "openapi.yaml": (doc) => {
        for (const [name] of leftovers) delete doc.components.schemas[name];
      },
    });
    for (const [, where] of leftovers) if (!where.endsWith("openapi.yaml")) rmSync(resolve(dir, where));
    run = generateIn(dir);
    expect(run.status, run.stderr).toBe(0);

    await typeChecksAndBundles(dir);
    const help = cli(dir, "--help");
    expect(help.status, help.stderr).toBe(0);
    const demo = cli(dir, "demo");
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stdout).toContain("the spec has no syncPerformanceNotification");
  }, 180_000);
});
