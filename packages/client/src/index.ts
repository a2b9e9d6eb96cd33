/**
 * alipayhk-order: a typed, signed, verified client for AlipayHK's order service API: one method per operation of
 * the spec (`syncOrder`, `syncPerformanceNotification`...).
 * @module
 */
import { OPERATIONS, VARIANTS } from "alipayhk-spec";

export {
  createOrderClient,
  newRequestId,
  type CallOptions,
  type Environment,
  type OperationMethods,
  type OrderClient,
  type OrderClientOptions,
  type SyncOrderOptions,
} from "./client.js";
export type {
  CallInfo,
  InputOf,
  MerchantBizType,
  OperationId,
  OrderInput,
  OrderStatusOf,
  OrderSyncRequest,
  OrderSyncResponse,
  PerformanceNotificationInput,
  RequestOf,
  ResponseOf,
  ResultOf,
  SyncOrderResult,
} from "./types.js";
export {
  AbortedError,
  ConfigError,
  HttpError,
  NetworkError,
  OrderError,
  ResponseFormatError,
  ResponseSignatureError,
  ResultError,
  TimeoutError,
  UnknownResultError,
  ValidationError,
  ORDER_ERROR_CODES,
  type CallDetails,
  type OrderErrorCode,
  type Outcome,
  type ResultCode,
} from "./errors.js";
export { isRetryableResult, type RetryOptions } from "./retry.js";
export { delay } from "alipayhk-signature";
export { transitionProblem } from "./rules.js";
export type { Encryption, SignerOptions } from "./signer.js";
export { createSigningMiddleware, type FetchLike } from "./transport.js";
export { validateOrder, validateRequest } from "./validate.js";
export { OPERATIONS, RESULT_CODES, SERVERS, VARIANTS, type Problem } from "alipayhk-spec";
export type { components, operations, paths } from "alipayhk-spec";

// Marked pure: a top-level property read would otherwise keep VARIANTS in every bundle, whether SCENARIOS is used or not.
/** The order-sync path (`OPERATIONS.syncOrder.path`). */
export const SYNC_ORDER_PATH: typeof OPERATIONS.syncOrder.path = /* @__PURE__ */ (() => OPERATIONS.syncOrder.path)();
/** Order sync's scenarios with their statuses and status rules (`VARIANTS.syncOrder.values`). */
export const SCENARIOS: typeof VARIANTS.syncOrder.values = /* @__PURE__ */ (() => VARIANTS.syncOrder.values)();
