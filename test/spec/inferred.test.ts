// Certainty decides enforcement. For every rule the spec marks x-inferred (read from the spec model, so a new one is
// covered without a new test), a body that breaks only it is: sent by the default client and answered SUCCESS by a
// sandbox created with strict: false; refused before sending by a client with strict: true; and refused by the
// default sandbox with a message saying the rule is inferred.
import { createOrderClient, ResultError, ValidationError, type OperationId } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { EXAMPLES, INFERRED, VARIANTS, type InferredConstraint, type SchemaNode, type Variants } from "alipayhk-spec";
import { beforeAll, describe, expect, test } from "vitest";
import { makeMerchant } from "../../packages/sandbox/test/helpers.js";

const merchant = makeMerchant("INFERRED-MERCHANT");
let lenient: Sandbox;
let strictSandbox: Sandbox;
beforeAll(async () => {
  const merchants = { [merchant.clientId]: merchant.publicKey };
  [lenient, strictSandbox] = await Promise.all([
    createSandbox({ merchants, strict: false }),
    createSandbox({ merchants }),
  ]);
});

const clientFor = (sandbox: Sandbox, strict?: boolean) =>
  createOrderClient({
    clientId: merchant.clientId,
    privateKey: merchant.privateKey,
    alipayPublicKey: sandbox.alipayPublicKey,
    baseUrl: "http://sandbox.invalid",
    fetch: sandbox.fetch,
    strict,
    retry: { maxAttempts: 1 },
  });
const call = (sandbox: Sandbox, operationId: string, body: unknown, strict?: boolean) =>
  (
    clientFor(sandbox, strict) as unknown as Record<
      string,
      (body: unknown) => Promise<{ result: { resultCode: string } }>
    >
  )[operationId]!(body);

let serial = 0;
/** The spec's example body of the variant (or of the operation), with a fresh identity. */
function exampleBody(operationId: string, variant?: string): Record<string, unknown> {
  const examples = EXAMPLES[operationId as keyof typeof EXAMPLES];
  const example = examples.find((e) => variant === undefined || e.variant === variant);
  if (!example) throw new Error(`the spec has no example body for ${operationId} ${variant ?? ""}`);
  const { requestId: _, ...body } = structuredClone(example.body) as Record<string, unknown>;
  return { ...body, merchantBizNo: `INF-${++serial}` };
}

/** The object at `path` (dot-separated) in `body`. */
const at = (body: Record<string, unknown>, path: string): Record<string, unknown> =>
  path
    .split(".")
    .filter(Boolean)
    .reduce((node, name) => node[name] as Record<string, unknown>, body);

/** A body that breaks `constraint` and nothing else; a keyword this cannot break makes the test fail, naming it. */
function breaking(constraint: InferredConstraint): Record<string, unknown> {
  const body = exampleBody(constraint.operationId, constraint.variant);
  const { schema, path, keywords } = constraint;
  const parentPath = path.split(".").slice(0, -1).join(".");
  const name = path.split(".").at(-1)!;
  if (keywords.includes("not")) {
    const both = ((schema.not as SchemaNode).required ?? []) as string[];
    const given = both.find((field) => at(body, path)[field] !== undefined)!;
    for (const field of both) at(body, path)[field] ??= at(body, path)[given];
  } else if (keywords.includes("x-not-before")) {
    for (const [later, earlier] of Object.entries(schema["x-not-before"]!))
      at(body, path)[later] = (at(body, path)[earlier] as number) - 1000;
  } else if (keywords.includes("required")) {
    for (const field of schema.required!) delete at(body, path)[field];
  } else if (keywords.includes("minLength")) {
    at(body, parentPath)[name] = "";
  } else if (keywords.includes("type") && schema.type === "integer") {
    at(body, parentPath)[name] = ((at(body, parentPath)[name] as number | undefined) ?? 1_764_122_400_000) + 0.5;
  } else {
    throw new Error(`no way to break ${keywords.join(", ")} at ${path}: teach this test how`);
  }
  return body;
}

const named = (c: InferredConstraint) =>
  `${c.operationId}${c.variant ? ` ${c.variant}` : ""} ${c.path || "(body)"} ${c.keywords.join("+")}`;

describe("every inferred constraint of the spec model", () => {
  test("the spec marks some (the list is not empty by accident)", () => {
    expect(INFERRED.length).toBeGreaterThanOrEqual(10);
  });

  test.each(INFERRED.map((c) => [named(c), c] as const))("%s", async (_, constraint) => {
    const body = breaking(constraint);
    // the default client sends it, and a non-strict sandbox accepts it
    const sent = await call(lenient, constraint.operationId, structuredClone(body));
    expect(sent.result.resultCode).toBe("SUCCESS");
    // a strict client refuses it before sending, for this rule (and, where breaking it takes a field that is also
    // under another inferred rule, as for an empty openId beside a userId, that one): never for a stated rule
    const before = strictSandbox.stats.requests;
    const local = await call(strictSandbox, constraint.operationId, structuredClone(body), true).catch(
      (e: unknown) => e,
    );
    expect(local).toBeInstanceOf(ValidationError);
    const problems = (local as ValidationError).problems;
    expect(problems.map((p) => p.inferred)).toContain(constraint.why);
    expect(problems.filter((p) => p.inferred === undefined)).toEqual([]);
    expect(strictSandbox.stats.requests).toBe(before);
    // the default sandbox refuses it, saying the rule is inferred and how to accept it
    const refused = await call(strictSandbox, constraint.operationId, structuredClone(body)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ResultError);
    expect((refused as ResultError).resultMessage).toContain(
      `(inferred: ${constraint.why} createSandbox({ strict: false }) accepts it)`,
    );
    expect(strictSandbox.events.at(-1)).toMatchObject({
      type: "rejected",
      inferred: expect.arrayContaining([constraint.why]),
    });
  });
});

describe("every inferred status rule of the spec model", () => {
  const rules = Object.entries(VARIANTS as Readonly<Record<string, Variants>>).flatMap(
    ([operationId, { values, statusProperty }]) =>
      Object.entries(values).flatMap(([variant, facts]) =>
        facts.inferred.newOrders === undefined
          ? []
          : Object.keys(facts.onlyFrom).map((status) => ({
              operationId,
              variant,
              statusProperty,
              status,
              why: facts.inferred.newOrders!,
            })),
      ),
  );

  test("the spec marks some", () => expect(rules.length).toBeGreaterThan(0));

  test.each(rules.map((r) => [`${r.operationId} ${r.variant}: a new record starting as ${r.status}`, r] as const))(
    "%s",
    async (_, rule) => {
      const body = { ...exampleBody(rule.operationId, rule.variant), [rule.statusProperty]: rule.status };
      expect((await call(lenient, rule.operationId as OperationId, structuredClone(body))).result.resultCode).toBe(
        "SUCCESS",
      );
      const refused = await call(strictSandbox, rule.operationId, structuredClone(body)).catch((e: unknown) => e);
      expect(refused).toMatchObject({ resultCode: "ORDER_STATUS_INVALID" });
      expect((refused as ResultError).resultMessage).toContain(
        `(inferred: ${rule.why} createSandbox({ strict: false }) accepts it)`,
      );
      expect(strictSandbox.events.at(-1)).toMatchObject({ inferred: [rule.why] });
    },
  );
});

describe("the cases that started it", () => {
  test("with default options: both user ids, CHARGING_PILE FAULT, LINE_UP starting CANCELLED, surcharge_amount { value: 100 }, orderModifyTime before orderCreateTime", async () => {
    const cases = [
      { ...exampleBody("syncOrder", "MOVIE_TICKET"), openId: "o-1" },
      { ...exampleBody("syncOrder", "CHARGING_PILE"), orderStatus: "FAULT" },
      { ...exampleBody("syncOrder", "LINE_UP"), orderStatus: "CANCELLED" },
      { ...exampleBody("syncOrder", "CHARGING_PILE"), extInfo: { surcharge_amount: { value: 100 } } },
      {
        ...exampleBody("syncOrder", "MOVIE_TICKET"),
        orderCreateTime: 1_764_122_400_000,
        orderModifyTime: 1_764_122_000_000,
      },
    ];
    for (const body of cases) expect((await call(lenient, "syncOrder", body)).result.resultCode).toBe("SUCCESS");
  });

  test("a strict client refuses the two-ids order; the default sandbox refuses it as inferred", async () => {
    const body = { ...exampleBody("syncOrder", "MOVIE_TICKET"), openId: "o-2" };
    await expect(call(strictSandbox, "syncOrder", body, true)).rejects.toMatchObject({
      code: "ERR_VALIDATION",
      message: expect.stringContaining("userId and openId must not both be given"),
    });
    await expect(call(strictSandbox, "syncOrder", body)).rejects.toMatchObject({
      resultCode: "PARAM_ILLEGAL",
      resultMessage: expect.stringMatching(
        /must not both be given \(inferred: .* createSandbox\(\{ strict: false \}\) accepts it\)/,
      ),
    });
  });

  test("orders of two sub-merchants (merchantAccountId) that share an order number do not collide", async () => {
    const base = exampleBody("syncOrder", "MOVIE_TICKET");
    await call(lenient, "syncOrder", { ...base, merchantAccountId: "SUB-A" });
    await call(lenient, "syncOrder", { ...base, merchantAccountId: "SUB-B", orderStatus: "USED" });
    expect(lenient.order(merchant.clientId, base.merchantBizNo as string, "SUB-A")?.orderStatus).toBe("TICKETED");
    expect(lenient.order(merchant.clientId, base.merchantBizNo as string, "SUB-B")?.orderStatus).toBe("USED");
  });
});
