// Type-level tests of the generated types: each @ts-expect-error fails the build if the error it expects goes away.
import { describe, expectTypeOf, test } from "vitest";
import type { paths } from "../../generated/openapi";
import { OPERATIONS, type VARIANTS } from "alipayhk-spec";

/** The body member that carries the call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
const KEY = OPERATIONS.syncOrder.idempotencyKey;

type Body = paths["/api/open/alipay/v1/merchant/order/sync"]["post"]["requestBody"]["content"]["application/json"];
type Scenario<T extends Body["merchantBizType"]> = Extract<Body, { merchantBizType: T }>;

const base = { [KEY]: "3f1c2a9b8d7e4f60a1b2c3d4e5f60718", merchantBizNo: "M1", orderCreateTime: 1, orderModifyTime: 2 };
const amount = { value: "100", currency: "HKD" };

describe("generated request body", () => {
  test("is a union discriminated by merchantBizType with every scenario of the model", () => {
    expectTypeOf<Body["merchantBizType"]>().toEqualTypeOf<keyof typeof VARIANTS.syncOrder.values>();
    expectTypeOf<Scenario<"MOVIE_TICKET">["orderStatus"]>().toEqualTypeOf<"TICKETED" | "REFUNDED" | "USED">();
    expectTypeOf<"TICKETED">().toMatchTypeOf<Scenario<"MOVIE_TICKET">["orderStatus"]>();
    expectTypeOf<"SERVING">().not.toMatchTypeOf<Scenario<"MOVIE_TICKET">["orderStatus"]>();
    expectTypeOf<Scenario<"LINE_UP">["orderStatus"]>().toEqualTypeOf<
      "CALL_NUM" | "NUMBER_ARRIVED" | "NUMBER_PASSED" | "CANCELLED" | "FINISHED"
    >();
  });

  test("a valid body of each scenario compiles", () => {
    const bodies: Body[] = [
      {
        ...base,
        userId: "u",
        merchantBizType: "PASS_TICKET",
        orderStatus: "TICKETED",
        extInfo: {},
        amount,
        payAmount: amount,
      },
      { ...base, userId: "u", merchantBizType: "TRAIN_TICKET", orderStatus: "USED", extInfo: {}, tradeNo: "T1" },
      { ...base, openId: "o", merchantBizType: "MOVIE_TICKET", orderStatus: "REFUNDED", extInfo: { any: 1 } },
      {
        ...base,
        userId: "u",
        merchantBizType: "CHARGING_PILE",
        orderStatus: "PARKING_DUE",
        extInfo: { amount, surcharge_amount: amount },
      },
      {
        ...base,
        userId: "u",
        merchantBizType: "LINE_UP",
        orderStatus: "CALL_NUM",
        shopInfo: { extInfo: { multiLang: { en_US: {} } } },
        extInfo: {},
      },
      {
        ...base,
        userId: "u",
        merchantBizType: "SELF_PICK",
        orderStatus: "TO_PICK_UP",
        amount,
        itemOrderList: [{}],
        shopInfo: {},
        extInfo: {},
      },
      { ...base, userId: "u", merchantBizType: "RIDE_HAILING", orderStatus: "WAIT_PAY", extInfo: {} },
      { ...base, userId: "u", merchantBizType: "ALIPAY_COUPON", orderStatus: "TICKETED", extInfo: {} },
      { ...base, userId: "u", merchantBizType: "GIFT_CARD_COUPON", orderStatus: "USED", extInfo: {} },
    ];
    expectTypeOf(bodies).toEqualTypeOf<Body[]>();
  });

  test("a status of another scenario does not compile", () => {
    // @ts-expect-error SERVING is an EV-charging status, not a movie-ticket one
    const wrong: Body = { ...base, userId: "u", merchantBizType: "MOVIE_TICKET", orderStatus: "SERVING", extInfo: {} };
    expectTypeOf(wrong).toEqualTypeOf<Body>();
  });

  test("at least one of userId and openId (both compile: refusing them is our reading, checked at run time)", () => {
    // @ts-expect-error neither userId nor openId
    const neither: Body = { ...base, merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED", extInfo: {} };
    const both: Body = {
      ...base,
      userId: "u",
      openId: "o",
      merchantBizType: "MOVIE_TICKET",
      orderStatus: "TICKETED",
      extInfo: {},
    };
    expectTypeOf([neither, both]).toEqualTypeOf<Body[]>();
  });

  test("required extras are required", () => {
    // @ts-expect-error extInfo is required
    const noExt: Body = { ...base, userId: "u", merchantBizType: "TRAIN_TICKET", orderStatus: "TICKETED" };
    // @ts-expect-error Queue Up needs shopInfo
    const noShop: Body = { ...base, userId: "u", merchantBizType: "LINE_UP", orderStatus: "CALL_NUM", extInfo: {} };
    const ride = {
      ...base,
      userId: "u",
      merchantBizType: "RIDE_HAILING",
      orderStatus: "PENDING",
      extInfo: {},
    } as const;
    // @ts-expect-error timestamps are numbers (epoch milliseconds), not strings
    const stringTime: Body = { ...ride, orderCreateTime: "1" };
    expectTypeOf([noExt, noShop, stringTime]).toEqualTypeOf<Body[]>();
  });

  test("narrowing on merchantBizType exposes the scenario's own fields", () => {
    const read = (body: Body) => {
      if (body.merchantBizType === "SELF_PICK") {
        expectTypeOf(body.itemOrderList).toEqualTypeOf<{ [key: string]: unknown }[]>();
        expectTypeOf(body.orderStatus).toEqualTypeOf<
          "PENDING" | "ORDER_TAKEN" | "TO_PICK_UP" | "FINISHED" | "CLOSED" | "REFUNDED"
        >();
      }
      if (body.merchantBizType === "LINE_UP") {
        expectTypeOf(body.shopInfo.extInfo).toMatchTypeOf<object>();
        // @ts-expect-error itemOrderList belongs to SELF_PICK
        body.itemOrderList;
      }
    };
    expectTypeOf(read).toBeFunction();
  });
});
