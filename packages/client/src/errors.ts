/**
 * The client's errors. Each has a stable `code` and says whether the order may have been applied (`outcome`):
 * "not_applied" means AlipayHK definitely did not apply it (safe to fix and send again), "unknown" means it may
 * have (send the same call again, with the same requestId, to find out).
 */
import { AlipayHKError } from "alipayhk-signature";
import type { Problem } from "./validate.js";

/** Every `code` an OrderError may carry: stable, for callers (and the soak) to check against. */
export const ORDER_ERROR_CODES = [
  "ERR_VALIDATION",
  "ERR_CONFIG",
  "ERR_PARAM_ILLEGAL",
  "ERR_ORDER_STATUS_INVALID",
  "ERR_UN_SUPPORT_BUSINESS",
  "ERR_INVALID_SIGNATURE",
  "ERR_INVALID_CLIENT",
  "ERR_RESULT",
  "ERR_UNKNOWN_RESULT",
  "ERR_RESPONSE_SIGNATURE",
  "ERR_RESPONSE_FORMAT",
  "ERR_HTTP",
  "ERR_TIMEOUT",
  "ERR_NETWORK",
  "ERR_ABORTED",
] as const;

export type OrderErrorCode = (typeof ORDER_ERROR_CODES)[number];

export type Outcome = "not_applied" | "unknown";

/** What the client knows about the call an error ends. */
export interface CallDetails {
  requestId?: string | undefined;
  tracerId?: string | undefined;
  resultCode?: string | undefined;
  resultStatus?: string | undefined;
  resultMessage?: string | undefined;
  httpStatus?: number | undefined;
  attempts?: number | undefined;
  cause?: unknown;
}

/** Base class of the client's errors; `instanceof` and `code` both identify them. */
export class OrderError<Code extends OrderErrorCode = OrderErrorCode> extends AlipayHKError<Code> {
  readonly outcome: Outcome;
  /** The call's requestId: send it again to learn an unknown outcome. */
  requestId: string | undefined;
  readonly tracerId: string | undefined;
  readonly resultCode: string | undefined;
  readonly resultStatus: string | undefined;
  readonly resultMessage: string | undefined;
  readonly httpStatus: number | undefined;
  /** How many HTTP attempts the call made before this error (0: nothing was sent). */
  attempts: number;

  constructor(code: Code, outcome: Outcome, message: string, details: CallDetails = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.outcome = outcome;
    this.requestId = details.requestId;
    this.tracerId = details.tracerId;
    this.resultCode = details.resultCode;
    this.resultStatus = details.resultStatus;
    this.resultMessage = details.resultMessage;
    this.httpStatus = details.httpStatus;
    this.attempts = details.attempts ?? 0;
  }
}

/** The order breaks the spec; nothing was sent. `problems` lists each field at fault. */
export class ValidationError extends OrderError<"ERR_VALIDATION"> {
  override name = "ValidationError";
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], details?: CallDetails) {
    const list = problems.map((p) => (p.path ? `${p.path} ${p.message}` : `the order ${p.message.replace(/^the order /, "")}`)).join("; ");
    super("ERR_VALIDATION", "not_applied", `invalid order: ${list}`, details);
    this.problems = problems;
  }
}

/** The client's options are wrong (a missing key, an unknown environment...). */
export class ConfigError extends OrderError<"ERR_CONFIG"> {
  override name = "ConfigError";
  constructor(message: string, cause?: unknown) {
    super("ERR_CONFIG", "not_applied", message, { cause });
  }
}

/** AlipayHK answered with a definite failure (resultStatus F). Never retried: the same request fails again. */
export class ResultError<Code extends OrderErrorCode = OrderErrorCode> extends OrderError<Code> {
  override name = "ResultError";
  constructor(details: CallDetails, code: Code = "ERR_RESULT" as Code) {
    super(code, "not_applied", `AlipayHK answered ${details.resultCode}: ${details.resultMessage ?? "no message"}`, details);
  }
}

/** PARAM_ILLEGAL: the request is invalid, usually a missing parameter. */
export class ParamIllegalError extends ResultError<"ERR_PARAM_ILLEGAL"> {
  override name = "ParamIllegalError";
  constructor(details: CallDetails) {
    super(details, "ERR_PARAM_ILLEGAL");
  }
}

/** ORDER_STATUS_INVALID: the status is not allowed for the scenario, or not after the order's current one. */
export class OrderStatusInvalidError extends ResultError<"ERR_ORDER_STATUS_INVALID"> {
  override name = "OrderStatusInvalidError";
  constructor(details: CallDetails) {
    super(details, "ERR_ORDER_STATUS_INVALID");
  }
}

/** UN_SUPPORT_BUSINESS: the service is not available to this merchant. */
export class UnSupportBusinessError extends ResultError<"ERR_UN_SUPPORT_BUSINESS"> {
  override name = "UnSupportBusinessError";
  constructor(details: CallDetails) {
    super(details, "ERR_UN_SUPPORT_BUSINESS");
  }
}

/** INVALID_SIGNATURE: AlipayHK could not verify the request; check the key pair and keyVersion. */
export class InvalidSignatureError extends ResultError<"ERR_INVALID_SIGNATURE"> {
  override name = "InvalidSignatureError";
  constructor(details: CallDetails) {
    super(details, "ERR_INVALID_SIGNATURE");
  }
}

/** INVALID_CLIENT: AlipayHK does not know the Client-Id. */
export class InvalidClientError extends ResultError<"ERR_INVALID_CLIENT"> {
  override name = "InvalidClientError";
  constructor(details: CallDetails) {
    super(details, "ERR_INVALID_CLIENT");
  }
}

/** The outcome stayed unknown (UNKNOWN_EXCEPTION, status U) after every allowed attempt. */
export class UnknownResultError extends OrderError<"ERR_UNKNOWN_RESULT"> {
  override name = "UnknownResultError";
  constructor(details: CallDetails) {
    super("ERR_UNKNOWN_RESULT", "unknown", `the outcome is unknown after ${details.attempts} attempt(s): ${details.resultCode ?? "no result"}`, details);
  }
}

/** The response's signature is missing or wrong: it may be forged, so nothing in it is trusted. */
export class ResponseSignatureError extends OrderError<"ERR_RESPONSE_SIGNATURE"> {
  override name = "ResponseSignatureError";
  constructor(message: string, details?: CallDetails) {
    super("ERR_RESPONSE_SIGNATURE", "unknown", message, details);
  }
}

/** A verified response that is not a valid order-sync answer (not JSON, no result...). */
export class ResponseFormatError extends OrderError<"ERR_RESPONSE_FORMAT"> {
  override name = "ResponseFormatError";
  constructor(message: string, details?: CallDetails) {
    super("ERR_RESPONSE_FORMAT", "unknown", message, details);
  }
}

/** An HTTP error without a signed AlipayHK answer (a proxy's 502, a 404 from a wrong base URL...). */
export class HttpError extends OrderError<"ERR_HTTP"> {
  override name = "HttpError";
  /** The server's Retry-After, in milliseconds, when it sent one. */
  readonly retryAfterMs: number | undefined;
  constructor(status: number, details?: CallDetails & { retryAfterMs?: number | undefined }) {
    // 5xx, 408 and 429 may have reached AlipayHK; other statuses mean the request was refused before it
    super("ERR_HTTP", status >= 500 || status === 408 || status === 429 ? "unknown" : "not_applied", `HTTP ${status} without a signed AlipayHK answer`, {
      ...details,
      httpStatus: status,
    });
    this.retryAfterMs = details?.retryAfterMs;
  }
}

/** An attempt took longer than `timeoutMs` (headers and body). */
export class TimeoutError extends OrderError<"ERR_TIMEOUT"> {
  override name = "TimeoutError";
  constructor(timeoutMs: number, details?: CallDetails) {
    super("ERR_TIMEOUT", "unknown", `no complete answer within ${timeoutMs} ms`, details);
  }
}

/** The request could not be sent or the connection broke. */
export class NetworkError extends OrderError<"ERR_NETWORK"> {
  override name = "NetworkError";
  constructor(details?: CallDetails) {
    super("ERR_NETWORK", "unknown", `network failure: ${describe(details?.cause)}`, details);
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends OrderError<"ERR_ABORTED"> {
  override name = "AbortedError";
  constructor(details?: CallDetails) {
    super("ERR_ABORTED", details?.attempts ? "unknown" : "not_applied", "aborted by the caller", details);
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}

/** The error for a definite (F) result code. */
export function resultError(details: CallDetails): ResultError {
  switch (details.resultCode) {
    case "PARAM_ILLEGAL":
      return new ParamIllegalError(details);
    case "ORDER_STATUS_INVALID":
      return new OrderStatusInvalidError(details);
    case "UN_SUPPORT_BUSINESS":
      return new UnSupportBusinessError(details);
    case "INVALID_SIGNATURE":
      return new InvalidSignatureError(details);
    case "INVALID_CLIENT":
      return new InvalidClientError(details);
    default:
      return new ResultError(details);
  }
}
