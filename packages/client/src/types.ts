/** The client's types, all derived from the spec's generated types: nothing here is written per operation. */
import type { inputOperations, OPERATIONS, operations, VARIANTS } from "alipayhk-spec";
import type { CallOptions } from "./methods.js";

/** The spec's operations: `syncOrder`, `syncPerformanceNotification`... */
export type OperationId = keyof typeof OPERATIONS & keyof operations;

type JsonBody<T> = T extends { requestBody: { content: { "application/json": infer Body } } } ? Body : never;
type JsonAnswer<T> = T extends { responses: { 200: { content: { "application/json": infer Answer } } } }
  ? Answer
  : never;
/** The body member an operation's calls are identified by (its `x-idempotency-key`), or never. */
type IdempotencyKeyOf<Op extends OperationId> = (typeof OPERATIONS)[Op] extends {
  readonly idempotencyKey: infer Key extends string;
}
  ? Key
  : never;
type OptionalKey<T, Key extends string> = T extends unknown
  ? Key extends keyof T
    ? Omit<T, Key> & { [K in Key]?: string }
    : T
  : never;

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
/**
 * A method's result: AlipayHK's verified SUCCESS answer to `Body`, plus the call's requestId, tracerId and attempts.
 * `result.resultStatus` is "S". For a request with variants (order sync's scenarios), the answer's status member
 * (`orderStatus`) is a status of the variant sent, and the members the variant's page marks as required in the
 * answer (the spec's `x-response-required`) are present. With `Body` left out: any body of the operation.
 */
export type ResultOf<Op extends OperationId, Body extends InputOf<Op> = InputOf<Op>> = Succeeded<
  ResponseOf<Op>,
  Op,
  Body
> &
  CallInfo;

/**
 * An operation's method. For a request with variants, generic over the variant sent (`V`, inferred from the body's
 * discriminator), so that the result is that variant's; the body is still checked as a plain object literal is.
 */
export type MethodOf<Op extends OperationId> = <V extends VariantValue<Op> = VariantValue<Op>>(
  body: InputOf<Op> & { readonly [K in VariantProperty<Op>]: V },
  options?: CallOptions,
) => Promise<ResultOf<Op, Extract<InputOf<Op>, { readonly [K in VariantProperty<Op>]: V }>>>;

type VariantsOf<Op> = Op extends keyof typeof VARIANTS ? (typeof VARIANTS)[Op] : never;
/** The body member that picks the variant (`merchantBizType`), or never; and the values it takes. */
type VariantProperty<Op> = VariantsOf<Op> extends { readonly property: infer P extends string } ? P : never;
type VariantValue<Op extends OperationId> = [VariantProperty<Op>] extends [never]
  ? unknown
  : InputOf<Op>[VariantProperty<Op> & keyof InputOf<Op>];
/** The variant (scenario) of the operation that `Body` is: the value of its discriminator, a union for a union. */
type VariantOf<Op, Body> =
  VariantsOf<Op> extends { readonly property: infer P extends string }
    ? Body extends { readonly [K in P]: infer V }
      ? V
      : never
    : never;
type VariantFactsOf<Op, V> =
  VariantsOf<Op> extends { readonly values: infer Values } ? (V extends keyof Values ? Values[V] : never) : never;
/** The answer's members that every variant of `Body` requires (none for a union of variants that differ). */
type RequiredInAnswer<Op, Body> =
  VariantFactsOf<Op, VariantOf<Op, Body>> extends { readonly responseRequired: readonly (infer K)[] } ? K : never;
/** The member that holds a record's status (`orderStatus`), and its type for the variants of `Body`. */
type StatusKey<Op> = VariantsOf<Op> extends { readonly statusProperty: infer S extends string } ? S : never;
type StatusOf<Op extends OperationId, Body> =
  VariantsOf<Op> extends { readonly property: infer P extends string }
    ? Extract<InputOf<Op>, { readonly [K in P]: VariantOf<Op, Body> }>[StatusKey<Op> & keyof InputOf<Op>]
    : never;
type SuccessResult<R> = { [K in keyof R]: K extends "resultStatus" ? "S" : R[K] };
type Member<Answer, K extends keyof Answer, Op extends OperationId, Body> = K extends "result"
  ? SuccessResult<Answer[K]>
  : K extends StatusKey<Op>
    ? StatusOf<Op, Body>
    : Answer[K];
/** The answer as a SUCCESS to `Body` has it (see ResultOf). */
type Succeeded<Answer, Op extends OperationId, Body> = {
  [K in keyof Answer as K extends RequiredInAnswer<Op, Body> ? never : K]: Member<Answer, K, Op, Body>;
} & {
  [K in keyof Answer as K extends RequiredInAnswer<Op, Body> ? K : never]-?: Exclude<
    Member<Answer, K, Op, Body>,
    undefined
  >;
};

/**
 * `Of<Op>` for an operation the spec may lose: never once it has. The named types below stay valid through that change.
 */
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
/**
 * What `syncOrder` resolves to for an order of `Body` (any order when left out): its `orderStatus` is a status of the
 * order's scenario.
 */
export type SyncOrderResult<Body extends OrderInput = OrderInput> = IfOperation<
  "syncOrder",
  ResultOf<"syncOrder" & OperationId, Body & InputOf<"syncOrder" & OperationId>>
>;
/** What `syncPerformanceNotification` takes. */
export type PerformanceNotificationInput = IfOperation<
  "syncPerformanceNotification",
  InputOf<"syncPerformanceNotification" & OperationId>
>;
