/** The client's types, all derived from the spec's generated types: nothing here is written per operation. */
import type { inputOperations, OPERATIONS, operations } from "alipayhk-spec";

/** The spec's operations: `syncOrder`, `syncPerformanceNotification`... */
export type OperationId = keyof typeof OPERATIONS & keyof operations;

type JsonBody<T> = T extends { requestBody: { content: { "application/json": infer Body } } } ? Body : never;
type JsonAnswer<T> = T extends { responses: { 200: { content: { "application/json": infer Answer } } } } ? Answer : never;
/** The body member an operation's calls are identified by (its `x-idempotency-key`), or never. */
type IdempotencyKeyOf<Op extends OperationId> = (typeof OPERATIONS)[Op] extends { readonly idempotencyKey: infer Key extends string } ? Key : never;
type OptionalKey<T, Key extends string> = T extends unknown ? (Key extends keyof T ? Omit<T, Key> & { [K in Key]?: string } : T) : never;

/** A complete request body of an operation, as sent. */
export type RequestOf<Op extends OperationId> = JsonBody<operations[Op]>;
/**
 * What a method takes: the body, with its idempotency key (`requestId`) optional (generated when left out) and
 * JSON-text fields as values or text.
 */
export type InputOf<Op extends OperationId> = OptionalKey<JsonBody<inputOperations[Op]>, IdempotencyKeyOf<Op>>;
/** AlipayHK's verified answer to an operation. */
export type ResponseOf<Op extends OperationId> = JsonAnswer<operations[Op]>;

/** What every successful call adds to AlipayHK's answer. */
export interface CallInfo {
  /** The requestId sent (generated when the body had none): keep it to retry the same call later. */
  requestId: string;
  tracerId: string | undefined;
  /** HTTP attempts made. */
  attempts: number;
}
/** A method's result: the verified answer, plus the call's requestId, tracerId and attempts. */
export type ResultOf<Op extends OperationId> = ResponseOf<Op> & CallInfo;

/** `Of<Op>` for an operation the spec may lose: never once it has. The named types below stay valid through that change. */
type IfOperation<Op extends string, T> = Op extends OperationId ? T : never;

/** A complete order-sync request body: one of its scenarios. */
export type OrderSyncRequest = IfOperation<"syncOrder", RequestOf<"syncOrder" & OperationId>>;
/** AlipayHK's answer to an order sync. */
export type OrderSyncResponse = IfOperation<"syncOrder", ResponseOf<"syncOrder" & OperationId>>;
export type MerchantBizType = OrderSyncRequest["merchantBizType"];
/** The statuses of one scenario. */
export type OrderStatusOf<T extends MerchantBizType> = Extract<OrderSyncRequest, { merchantBizType: T }>["orderStatus"];
/**
 * What `syncOrder` takes: an order of one scenario; `requestId` is generated when omitted. Annotate an order built in
 * a variable with it, so that its scenario is checked where it is written:
 * @example
 * ```ts
 * const order: OrderInput = { merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED", ... };
 * await client.syncOrder(order);
 * ```
 */
export type OrderInput = IfOperation<"syncOrder", InputOf<"syncOrder" & OperationId>>;
/** What `syncOrder` resolves to. */
export type SyncOrderResult = IfOperation<"syncOrder", ResultOf<"syncOrder" & OperationId>>;
/** What `syncPerformanceNotification` takes. */
export type PerformanceNotificationInput = IfOperation<"syncPerformanceNotification", InputOf<"syncPerformanceNotification" & OperationId>>;
