import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { transitionProblem, validateOrder, type VARIANTS } from "../src/index.js";
import { ORDERS, order } from "./fake-alipay.js";
import { KEY } from "./setup.js";

const valid = (bizType: keyof typeof ORDERS, extra: Record<string, unknown> = {}) => ({
  [KEY]: "a".repeat(32),
  ...order(bizType),
  ...extra,
});
const paths = (o: unknown) => validateOrder(o).map((p) => p.path);

describe("validateOrder", () => {
  test.each(Object.keys(ORDERS) as (keyof typeof ORDERS)[])("a valid %s order has no problem", (bizType) => {
    expect(validateOrder(valid(bizType))).toEqual([]);
  });

  test.each<[string, unknown, string, string]>([
    ["not an object", [], "", "must be an object"],
    ["null", null, "", "must be an object"],
    ["unknown scenario", valid("MOVIE_TICKET", { merchantBizType: "CONCERT" }), "merchantBizType", "must be one of"],
    ["missing scenario", valid("MOVIE_TICKET", { merchantBizType: undefined }), "merchantBizType", "is required"],
    [
      "status of another scenario",
      valid("MOVIE_TICKET", { orderStatus: "SERVING" }),
      "orderStatus",
      "must be one of TICKETED, REFUNDED, USED for merchantBizType MOVIE_TICKET (got SERVING)",
    ],
    ["missing requestId", valid("MOVIE_TICKET", { [KEY]: undefined }), KEY, "is required"],
    ["empty merchantBizNo", valid("MOVIE_TICKET", { merchantBizNo: "" }), "merchantBizNo", "must not be empty"],
    ["merchantBizNo of 33", valid("MOVIE_TICKET", { merchantBizNo: "1".repeat(33) }), "merchantBizNo", "at most 32"],
    ["userId of 65", valid("MOVIE_TICKET", { userId: "u".repeat(65) }), "userId", "at most 64"],
    [
      "merchantAccountId of 65",
      valid("MOVIE_TICKET", { merchantAccountId: "m".repeat(65) }),
      "merchantAccountId",
      "at most 64",
    ],
    [
      "both userId and openId (inferred)",
      valid("MOVIE_TICKET", { openId: "o" }),
      "",
      "userId and openId must not both be given",
    ],
    ["neither userId nor openId", valid("MOVIE_TICKET", { userId: undefined }), "", "userId or openId is required"],
    [
      "a timestamp as a string",
      valid("MOVIE_TICKET", { orderCreateTime: "1764115200000" }),
      "orderCreateTime",
      "must be a number",
    ],
    [
      "a fractional timestamp (inferred)",
      valid("MOVIE_TICKET", { orderModifyTime: 1764115260000.5 }),
      "orderModifyTime",
      "must be an integer",
    ],
    [
      "a negative timestamp (inferred)",
      valid("MOVIE_TICKET", { orderCreateTime: -1, orderModifyTime: 0 }),
      "orderCreateTime",
      "at least 0",
    ],
    [
      "orderModifyTime before orderCreateTime (inferred)",
      valid("MOVIE_TICKET", { orderModifyTime: 1 }),
      "orderModifyTime",
      "must not be earlier than orderCreateTime",
    ],
    ["missing extInfo", valid("TRAIN_TICKET", { extInfo: undefined }), "extInfo", "is required"],
    ["extInfo an array", valid("TRAIN_TICKET", { extInfo: [] }), "extInfo", "must be an object"],
    ["Queue Up without shopInfo", valid("LINE_UP", { shopInfo: undefined }), "shopInfo", "is required"],
    ["Queue Up shopInfo without extInfo", valid("LINE_UP", { shopInfo: {} }), "shopInfo.extInfo", "is required"],
    ["Self Pick without items", valid("SELF_PICK", { itemOrderList: undefined }), "itemOrderList", "is required"],
    [
      "Self Pick item not an object",
      valid("SELF_PICK", { itemOrderList: ["tea"] }),
      "itemOrderList[0]",
      "must be an object",
    ],
    [
      "amount value a number",
      valid("SELF_PICK", { amount: { value: 8800, currency: "HKD" } }),
      "amount.value",
      "must be a string",
    ],
    ["amount without currency", valid("SELF_PICK", { amount: { value: "8800" } }), "amount.currency", "is required"],
    [
      "lower-case currency",
      valid("PASS_TICKET", { payAmount: { value: "1", currency: "hkd" } }),
      "payAmount.currency",
      "must match",
    ],
    [
      "EV extInfo.amount wrong",
      valid("CHARGING_PILE", { extInfo: { amount: "50" } }),
      "extInfo.amount",
      "must be an object",
    ],
    ["tradeNo a number", valid("MOVIE_TICKET", { tradeNo: 7 }), "tradeNo", "must be a string"],
    ["null status", valid("MOVIE_TICKET", { orderStatus: null }), "orderStatus", "must be a string"],
  ])("%s", (_, input, path, message) => {
    const problems = validateOrder(input);
    expect(problems).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
  });

  test("every problem is reported at once", () => {
    const bad = valid("SELF_PICK", { merchantBizNo: "", userId: undefined, amount: undefined, orderStatus: "NOPE" });
    expect(paths(bad).sort()).toEqual(["", "amount", "merchantBizNo", "orderStatus"]);
  });

  test("lengths count characters, not UTF-16 units: 32 emoji fit merchantBizNo", () => {
    expect(validateOrder(valid("MOVIE_TICKET", { merchantBizNo: "🎬".repeat(32) }))).toEqual([]);
    expect(paths(valid("MOVIE_TICKET", { merchantBizNo: "🎬".repeat(33) }))).toEqual(["merchantBizNo"]);
  });

  test("any text, lone surrogates included, is measured as [...text] measures it", () => {
    // UTF-16 units from every range that matters: ASCII, BMP, lead and trail surrogates (paired or not)
    const unit = fc.oneof(
      fc.constantFrom("a", "é", "中", "\uff21"),
      fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c)),
      fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c)),
      fc.constantFrom("🎬", "👍🏽"),
    );
    fc.assert(
      fc.property(fc.array(unit, { minLength: 24, maxLength: 44 }), (units) => {
        const text = units.join("");
        const tooLong = [...text].length > 32; // merchantBizNo: at most 32 characters; 24-44 units straddle it
        expect(paths(valid("MOVIE_TICKET", { merchantBizNo: text })).includes("merchantBizNo")).toBe(
          tooLong || text === "",
        );
      }),
      { numRuns: 500 },
    );
  });

  test("unknown extra fields are let through (forward compatibility)", () => {
    expect(validateOrder(valid("MOVIE_TICKET", { somethingNew: 1 }))).toEqual([]);
  });
});

describe("transitionProblem", () => {
  test.each<[keyof typeof VARIANTS.syncOrder.values, string | undefined, string, boolean]>([
    ["MOVIE_TICKET", undefined, "TICKETED", true],
    ["MOVIE_TICKET", undefined, "USED", true], // a new order may start at any status
    ["MOVIE_TICKET", "TICKETED", "USED", true],
    ["MOVIE_TICKET", "TICKETED", "TICKETED", true], // re-sending the same status
    ["MOVIE_TICKET", "USED", "TICKETED", false], // out of an end status
    ["MOVIE_TICKET", "REFUNDED", "USED", false],
    ["MOVIE_TICKET", "TICKETED", "SERVING", false],
    ["LINE_UP", "CALL_NUM", "CANCELLED", true],
    ["LINE_UP", "NUMBER_ARRIVED", "CANCELLED", false],
    ["LINE_UP", undefined, "CANCELLED", false],
    ["LINE_UP", "CALL_NUM", "CALL_NUM", true],
    ["LINE_UP", "NUMBER_PASSED", "NUMBER_ARRIVED", false], // no reversal
    ["LINE_UP", "CALL_NUM", "FINISHED", true], // skipping
    ["SELF_PICK", "TO_PICK_UP", "FINISHED", true],
    ["SELF_PICK", "TO_PICK_UP", "CLOSED", false],
    ["SELF_PICK", "PENDING", "CLOSED", true],
    ["SELF_PICK", "ORDER_TAKEN", "PENDING", false],
    ["CHARGING_PILE", "PAUSED", "SERVING", true], // EV sessions pause and resume
    ["CHARGING_PILE", "FINISHED", "SERVING", false],
    ["RIDE_HAILING", "ORDER_TAKEN", "TO_SEND", true],
    ["RIDE_HAILING", "TO_SEND", "ORDER_TAKEN", true],
    ["ALIPAY_COUPON", undefined, "TICKETED", true],
    ["GIFT_CARD_COUPON", "USED", "REFUNDED", false],
  ])("%s: %s → %s allowed: %s", (bizType, from, to, allowed) => {
    const problem = transitionProblem(bizType, from, to);
    if (allowed) expect(problem).toBeUndefined();
    else expect(problem).toMatch(/\w/);
  });
});
