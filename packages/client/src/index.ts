/**
 * alipayhk-order: a typed, signed, verified client for AlipayHK's order service API: one method per operation of
 * the spec (`syncOrder`, `syncPerformanceNotification`...).
 * @module
 */
export {
  createOrderClient,
  newRequestId,
  type CallOptions,
  type Environment,
  type OrderClient,
  type OrderClientOptions,
} from "./client.js";
export type {
  CallInfo,
  InputOf,
  MerchantBizType,
  MethodOf,
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
  type FailureCode,
  type OrderErrorCode,
  type Outcome,
  type ResultCode,
} from "./errors.js";
export { isRetryable, type AttemptEnd, type RetryOptions } from "./retry.js";
export { transitionProblem } from "./rules.js";
export type { Encryption, SignerOptions } from "./signer.js";
export type { FetchLike } from "./transport.js";
export { validateOrder, validateRequest } from "./validate.js";
export { OPERATIONS, RESULT_CODES, SERVERS, VARIANTS, type Problem } from "alipayhk-spec";
export type { components, operations, paths } from "alipayhk-spec";
