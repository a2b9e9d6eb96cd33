// Type tests of the client's public types.
import { describe, expectTypeOf, test } from "vitest";
import { OPERATIONS } from "alipayhk-spec";
import {
  createOrderClient,
  type MerchantBizType,
  type OrderInput,
  type OrderStatusOf,
  type OrderSyncRequest,
  type ResultOf,
  type SyncOrderResult,
} from "alipayhk-order";
import { NetworkError, type FailureCode, type OrderErrorCode } from "alipayhk-order";
import { createClient, syncOrder } from "alipayhk-order/operations";

/** The body member that carries the call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
const KEY = OPERATIONS.syncOrder.idempotencyKey;

const client = createOrderClient({ clientId: "c", privateKey: "k", alipayPublicKey: "p", baseUrl: "http://127.0.0.1" });
const base = { merchantBizNo: "M1", userId: "u", orderCreateTime: 1, orderModifyTime: 2 };

describe("syncOrder types", () => {
  test("a valid order compiles and resolves to the result", () => {
    const movie = { ...base, merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED", extInfo: {} } as const;
    expectTypeOf(client.syncOrder(movie)).resolves.toEqualTypeOf<
      SyncOrderResult<Extract<OrderInput, { merchantBizType: "MOVIE_TICKET" }>>
    >();
    expectTypeOf<OrderStatusOf<"LINE_UP">>().toEqualTypeOf<
      "CALL_NUM" | "NUMBER_ARRIVED" | "NUMBER_PASSED" | "CANCELLED" | "FINISHED"
    >();
  });

  test("MerchantBizType (the spec's scenarios) is exactly the request body's merchantBizType", () => {
    expectTypeOf<MerchantBizType>().toEqualTypeOf<OrderSyncRequest["merchantBizType"]>();
  });

  test("a wrong status, a missing extInfo, or neither user id does not compile; both ids do (refusing them is our reading)", () => {
    // @ts-expect-error SERVING is not a movie-ticket status
    void client.syncOrder({ ...base, merchantBizType: "MOVIE_TICKET", orderStatus: "SERVING", extInfo: {} });
    // @ts-expect-error extInfo is required
    void client.syncOrder({ ...base, merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED" });
    // userId and openId together: AlipayHK's pages do not forbid it, so the types do not either
    void client.syncOrder({
      ...base,
      openId: "o",
      merchantBizType: "MOVIE_TICKET",
      orderStatus: "TICKETED",
      extInfo: {},
    });
    const { userId: _, ...anonymous } = base;
    // @ts-expect-error neither userId nor openId
    void client.syncOrder({ ...anonymous, merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED", extInfo: {} });
    // @ts-expect-error Self Pick needs amount, itemOrderList and shopInfo
    void client.syncOrder({ ...base, merchantBizType: "SELF_PICK", orderStatus: "PENDING", extInfo: {} });
  });

  test("requestId is optional and must be a string", () => {
    expectTypeOf<OrderInput[typeof KEY]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error requestId is a string
    void client.syncOrder({ ...base, [KEY]: 1, merchantBizType: "RIDE_HAILING", orderStatus: "PENDING", extInfo: {} });
  });
});

describe("results narrow on SUCCESS", () => {
  const order = <T extends MerchantBizType>(merchantBizType: T, orderStatus: OrderStatusOf<T>) => ({
    ...base,
    merchantBizType,
    orderStatus,
    extInfo: {},
  });

  test("result.resultStatus is S: a method resolves on SUCCESS only", async () => {
    const res = await client.syncOrder(order("MOVIE_TICKET", "TICKETED"));
    expectTypeOf(res.result.resultStatus).toEqualTypeOf<"S">();
  });

  test("orderStatus is a status of the scenario sent, not of every scenario", async () => {
    const res = await client.syncOrder(order("RIDE_HAILING", "PENDING"));
    expectTypeOf(res.orderStatus).toEqualTypeOf<OrderStatusOf<"RIDE_HAILING"> | undefined>();
    // @ts-expect-error TICKETED is no ride-hailing status: the answer to a RIDE_HAILING order cannot hold it
    void (res.orderStatus === "TICKETED");
  });

  test("orderId, orderStatus and distributeResult are present where the scenario's page marks them required", async () => {
    const coupon = await client.syncOrder(order("ALIPAY_COUPON", "TICKETED"));
    expectTypeOf(coupon.orderId).toEqualTypeOf<string>();
    expectTypeOf(coupon.orderStatus).toEqualTypeOf<"TICKETED">();
    expectTypeOf(coupon.distributeResult).toBeArray();
    // the Base API page leaves them optional for the other scenarios
    const movie = await client.syncOrder(order("MOVIE_TICKET", "USED"));
    expectTypeOf(movie.orderId).toEqualTypeOf<string | undefined>();
  });

  test("a body of any scenario (OrderInput) gets any scenario's status, and orderId stays optional", async () => {
    const any = {} as OrderInput;
    const res = await client.syncOrder(any);
    expectTypeOf(res).toEqualTypeOf<SyncOrderResult>();
    expectTypeOf(res.orderStatus).toEqualTypeOf<OrderSyncRequest["orderStatus"] | undefined>();
    expectTypeOf(res.orderId).toEqualTypeOf<string | undefined>();
  });

  test("createClient (alipayhk-order/operations) narrows the same way, and ResultOf is generic over the body", async () => {
    const one = createClient({
      clientId: "c",
      privateKey: "k",
      alipayPublicKey: "p",
      baseUrl: "http://127.0.0.1",
      operations: { syncOrder },
    });
    const res = await one.syncOrder(order("ALIPAY_COUPON", "TICKETED"));
    expectTypeOf(res.orderId).toEqualTypeOf<string>();
    expectTypeOf<
      ResultOf<"syncOrder", Extract<OrderInput, { merchantBizType: "CHARGING_PILE" }>>["orderStatus"]
    >().toEqualTypeOf<OrderStatusOf<"CHARGING_PILE"> | undefined>();
  });

  test("the narrowing keeps a body's mistakes errors: an unknown member, a status of another scenario", () => {
    const train = { merchantBizNo: "M1", userId: "u", orderCreateTime: 1, orderModifyTime: 2, extInfo: {} } as const;
    // @ts-expect-error tradeNO is no member of an order (tradeNo is)
    void client.syncOrder({ ...train, merchantBizType: "TRAIN_TICKET", orderStatus: "USED", tradeNO: "T1" });
    // @ts-expect-error SERVING is not a movie-ticket status
    void client.syncOrder({ ...base, merchantBizType: "MOVIE_TICKET", orderStatus: "SERVING", extInfo: {} });
  });
});

describe("error types", () => {
  test("OrderErrorCode holds the codes an error can be thrown with, and no other", () => {
    expectTypeOf<"ERR_PARAM_ILLEGAL" | "ERR_INVALID_SIGNATURE">().toMatchTypeOf<OrderErrorCode>();
    expectTypeOf<"ERR_UNKNOWN_RESULT" | "ERR_RESULT">().toMatchTypeOf<OrderErrorCode>();
    // SUCCESS is no error; a retried code that stays ends as ERR_UNKNOWN_RESULT
    expectTypeOf<"ERR_SUCCESS">().not.toMatchTypeOf<OrderErrorCode>();
    expectTypeOf<"ERR_UNKNOWN_EXCEPTION">().not.toMatchTypeOf<OrderErrorCode>();
    expectTypeOf<"ERR_REQUEST_TRAFFIC_EXCEED_LIMIT">().not.toMatchTypeOf<OrderErrorCode>();
    expectTypeOf<"SUCCESS">().not.toMatchTypeOf<FailureCode>();
    expectTypeOf<"UNKNOWN_EXCEPTION">().not.toMatchTypeOf<FailureCode>();
    expectTypeOf<"PARAM_ILLEGAL">().toMatchTypeOf<FailureCode>();
  });

  test("an error's details cannot be changed once it is made", () => {
    const error = new NetworkError({ requestId: "r", attempts: 1 });
    // @ts-expect-error requestId is read-only
    error.requestId = "another";
    // @ts-expect-error attempts is read-only
    error.attempts = 2;
  });
});
