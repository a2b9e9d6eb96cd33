/**
 * alipayhk-order: a typed, signed, verified client for AlipayHK's order sync API.
 * @module
 */
export {
  createOrderClient,
  newRequestId,
  type Environment,
  type MerchantBizType,
  type OrderClient,
  type OrderClientOptions,
  type OrderInput,
  type OrderStatusOf,
  type OrderSyncRequest,
  type OrderSyncResponse,
  type SyncOrderOptions,
  type SyncOrderResult,
} from "./client.js";
export {
  AbortedError,
  ConfigError,
  HttpError,
  InvalidClientError,
  InvalidSignatureError,
  NetworkError,
  OrderError,
  OrderStatusInvalidError,
  ParamIllegalError,
  ResponseFormatError,
  ResponseSignatureError,
  ResultError,
  TimeoutError,
  UnknownResultError,
  UnSupportBusinessError,
  ValidationError,
  ORDER_ERROR_CODES,
  type CallDetails,
  type OrderErrorCode,
  type Outcome,
} from "./errors.js";
export { delay, isRetryableResult, type RetryOptions } from "./retry.js";
export { transitionProblem } from "./rules.js";
export type { Encryption, SignerOptions } from "./signer.js";
export { createSigningMiddleware, signedFetch, type FetchLike } from "./transport.js";
export { validateOrder, type Problem } from "./validate.js";
export { BASE_ORDER, RESULT_CODES, SCENARIOS, SERVERS, STATUS_RULES, SYNC_ORDER_PATH } from "../../../generated/metadata.js";
export type { components, paths } from "../../../generated/openapi.js";
