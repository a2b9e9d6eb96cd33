// Type tests of the client's public types.
import { describe, expectTypeOf, test } from "vitest";
import { OPERATIONS } from "alipayhk-spec";
import { createOrderClient, type MerchantBizType, type OrderInput, type OrderStatusOf, type OrderSyncRequest, type SyncOrderResult } from "alipayhk-order";

/** The body member that carries the call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
const KEY = OPERATIONS.syncOrder.idempotencyKey;

const client = createOrderClient({ clientId: "c", privateKey: "k", alipayPublicKey: "p", baseUrl: "http://127.0.0.1" });
const base = { merchantBizNo: "M1", userId: "u", orderCreateTime: 1, orderModifyTime: 2 };

describe("syncOrder types", () => {
  test("a valid order compiles and resolves to the result", () => {
    expectTypeOf(client.syncOrder({ ...base, merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED", extInfo: {} })).resolves.toEqualTypeOf<SyncOrderResult>();
    expectTypeOf<OrderStatusOf<"LINE_UP">>().toEqualTypeOf<"CALL_NUM" | "NUMBER_ARRIVED" | "NUMBER_PASSED" | "CANCELLED" | "FINISHED">();
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
    void client.syncOrder({ ...base, openId: "o", merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED", extInfo: {} });
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
