// The spec against AlipayHK's Base API page, and the generator's staleness check.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { OPERATIONS, RESULT_CODES, SCHEMAS, SERVERS, VARIANTS, type Operation, type SchemaNode } from "alipayhk-spec";

const BASE_ORDER = SCHEMAS.BaseOrder as SchemaNode & {
  properties: Record<string, SchemaNode>;
  required: readonly string[];
};
const SCENARIOS = VARIANTS.syncOrder.values;
/** What a scenario's own part (its second allOf part) requires. */
const requiredOf = (name: keyof typeof SCHEMAS) => ((SCHEMAS[name] as SchemaNode).allOf![1] as SchemaNode).required;

const repo = fileURLToPath(new URL("../../", import.meta.url));

// Transcribed by hand from AlipayHK's Base API page: name, required, max length (null: none given).
const BASE_API_FIELDS: [string, boolean, number | null][] = [
  ["requestId", true, 32],
  ["merchantBizNo", true, 32],
  ["orderStatus", true, 32],
  ["userId", false, 64],
  ["openId", false, 64],
  ["merchantBizType", true, null],
  ["orderCreateTime", true, null],
  ["orderModifyTime", true, null],
  ["merchantAccountId", false, 64],
  ["merchantId", false, 64],
  ["tinyAppId", false, null],
];
const BASE_API_BIZ_TYPES = [
  "PASS_TICKET",
  "ALIPAY_COUPON",
  "GIFT_CARD_COUPON",
  "CHARGING_PILE",
  "MOVIE_TICKET",
  "LINE_UP",
  "RIDE_HAILING",
  "SELF_PICK",
  "TRAIN_TICKET",
];

describe("spec against the Base API page", () => {
  test("the endpoint", () => {
    expect(OPERATIONS.syncOrder).toMatchObject({ method: "POST", path: "/api/open/alipay/v1/merchant/order/sync" });
    expect(SERVERS.production).toBe("https://open.alipay.hk");
  });

  // the page's requestId is the call's ID: whichever member the spec declares as the idempotency key
  const specName = (pageName: string) =>
    pageName === "requestId" ? ((OPERATIONS.syncOrder as Operation).idempotencyKey ?? pageName) : pageName;

  test.each(BASE_API_FIELDS)("base field %s (required %s, max length %s)", (pageName, required, maxLength) => {
    const name = specName(pageName);
    const field = BASE_ORDER.properties[name as keyof typeof BASE_ORDER.properties] as { maxLength?: number };
    expect(field).toBeDefined();
    expect((BASE_ORDER.required as readonly string[]).includes(name)).toBe(required);
    expect(field.maxLength ?? null).toBe(maxLength);
  });

  test("no base field beyond the page's", () => {
    expect(Object.keys(BASE_ORDER.properties).sort()).toEqual(BASE_API_FIELDS.map(([n]) => specName(n)).sort());
  });

  test("timestamps are numbers (whole milliseconds our reading); userId or openId is required, sending both is refused as our reading", () => {
    for (const name of ["orderCreateTime", "orderModifyTime"]) {
      expect(BASE_ORDER.properties[name]).toMatchObject({
        type: "number",
        allOf: [{ type: "integer", "x-inferred": expect.any(String) }],
      });
    }
    expect(SCHEMAS.UserIdentity).toMatchObject({
      anyOf: [{ required: ["userId"] }, { required: ["openId"] }],
      not: { required: ["userId", "openId"] },
    });
    expect((SCHEMAS.UserIdentity as SchemaNode).not).toHaveProperty("x-inferred");
  });

  test("the page's nine scenarios (and any the spec adds), each with statuses and end statuses among them", () => {
    expect(Object.keys(SCENARIOS)).toEqual(expect.arrayContaining(BASE_API_BIZ_TYPES));
    expect(BASE_ORDER.properties.merchantBizType!.enum).toEqual(expect.arrayContaining(BASE_API_BIZ_TYPES));
    for (const s of Object.values(SCENARIOS)) {
      expect(s.statuses.length).toBeGreaterThan(0);
      for (const end of s.endStatuses) expect(s.statuses).toContain(end);
    }
  });

  test("scenario rules from the scenario pages", () => {
    expect(SCENARIOS.MOVIE_TICKET.endStatuses).toEqual(["REFUNDED", "USED"]);
    expect(SCENARIOS.LINE_UP.onlyFrom).toEqual({ CANCELLED: ["CALL_NUM"] });
    expect(SCENARIOS.SELF_PICK.onlyTo).toEqual({ TO_PICK_UP: ["FINISHED"] });
    expect(requiredOf("SelfPickOrder")).toEqual([
      "merchantBizType",
      "orderStatus",
      "amount",
      "itemOrderList",
      "shopInfo",
      "extInfo",
    ]);
    expect(requiredOf("LineUpOrder")).toEqual(["merchantBizType", "orderStatus", "shopInfo", "extInfo"]);
  });

  test("the page's result codes, UNKNOWN_EXCEPTION retryable", () => {
    for (const code of [
      "SUCCESS",
      "PARAM_ILLEGAL",
      "ORDER_STATUS_INVALID",
      "UNKNOWN_EXCEPTION",
      "UN_SUPPORT_BUSINESS",
    ]) {
      expect(RESULT_CODES).toHaveProperty(code);
    }
    expect(RESULT_CODES.UNKNOWN_EXCEPTION.retryable).toBe(true);
    expect(RESULT_CODES.PARAM_ILLEGAL.retryable).toBe(false);
  });
});

describe("generate:check", () => {
  const work = mkdtempSync(join(tmpdir(), "spec-check-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  for (const dir of ["spec", "scripts", "generated", "packages/spec/src", "packages/spec/generated"])
    cpSync(join(repo, dir), join(work, dir), { recursive: true, verbatimSymlinks: true });
  symlinkSync(join(repo, "node_modules"), join(work, "node_modules"));
  const check = () => spawnSync(process.execPath, ["scripts/generate.mjs", "--check"], { cwd: work, encoding: "utf8" });

  test("passes on the committed output and fails, naming the file, after one status changes", () => {
    expect(check().status).toBe(0);
    const file = join(work, "spec/scenarios/movie-ticket.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        "enum: [TICKETED, REFUNDED, USED]",
        "enum: [TICKETED, REFUNDED, USED, EXPIRED]",
      ),
    );
    const stale = check();
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain("generated/openapi.d.ts");
    expect(stale.stderr).toContain("generated/model.ts");
    // regenerating makes it pass again
    execFileSync(process.execPath, ["scripts/generate.mjs"], { cwd: work });
    expect(check().status).toBe(0);
  }, 60_000);
});
