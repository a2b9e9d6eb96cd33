/**
 * The client's errors. Each has a stable `code` and says whether the order may have been applied (`outcome`):
 * "not_applied" means AlipayHK definitely did not apply it (safe to fix and send again), "unknown" means it may
 * have (send the same call again, with the same requestId, to find out).
 */
import { AlipayHKError } from "alipayhk-signature";
import type { Problem, RESULT_CODES } from "alipayhk-spec";
import { RESULT_RETRYABLE } from "alipayhk-spec/internal";

/** A result code of the spec (`SUCCESS`, `PARAM_ILLEGAL`...). */
export type ResultCode = keyof typeof RESULT_CODES;

/** The codes of the error categories (a definite failure's code is `ERR_<resultCode>`, see {@link OrderErrorCode}). */
const CATEGORY_CODES = [
  "ERR_VALIDATION",
  "ERR_CONFIG",
  "ERR_RESULT",
  "ERR_UNKNOWN_RESULT",
  "ERR_RESPONSE_SIGNATURE",
  "ERR_RESPONSE_FORMAT",
  "ERR_HTTP",
  "ERR_TIMEOUT",
  "ERR_NETWORK",
  "ERR_ABORTED",
] as const;

/** The spec's success codes (status S): SUCCESS. */
type SuccessCode = { [C in ResultCode]: (typeof RESULT_CODES)[C]["status"] extends "S" ? C : never }[ResultCode];
// The one success code, by name (the check below needs no table at run time): a spec that renames it, or adds a
// second one, fails to compile here.
const SUCCESS: [SuccessCode] extends ["SUCCESS"] ? SuccessCode : never = "SUCCESS";

/**
 * The result codes a definite failure (a {@link ResultError}) carries: those of the spec that are neither a success
 * nor retried (a retried code that stays ends as `ERR_UNKNOWN_RESULT`).
 */
export type FailureCode = Exclude<
  { [C in ResultCode]: (typeof RESULT_CODES)[C]["retryable"] extends false ? C : never }[ResultCode],
  SuccessCode
>;

/** Whether `code` is one of the spec's {@link FailureCode}s. */
const isFailureCode = (code: unknown): code is FailureCode =>
  (RESULT_RETRYABLE as Readonly<Record<string, unknown>>)[code as string] === false && code !== SUCCESS;

/**
 * Stable error codes: those an OrderError can be thrown with. A definite failure is `ERR_<resultCode>` for the
 * spec's failure codes (`ERR_PARAM_ILLEGAL`), and `ERR_RESULT` for a code the spec does not list; the other codes
 * name a category.
 */
export type OrderErrorCode = (typeof CATEGORY_CODES)[number] | `ERR_${FailureCode}`;

/** Every `code` an OrderError may carry, from the spec's result codes: stable, for callers (and the soak) to check against. */
export const ORDER_ERROR_CODES: readonly OrderErrorCode[] = /* @__PURE__ */ (() => [
  ...CATEGORY_CODES,
  ...Object.keys(RESULT_RETRYABLE)
    .filter(isFailureCode)
    .map((code) => `ERR_${code}` as const),
])(); // pure: a bundle that does not use the list does not build it

export type Outcome = "not_applied" | "unknown";

/** What the client knows about the call an error ends. */
export interface CallDetails {
  requestId?: string | undefined;
  tracerId?: string | undefined;
  resultCode?: ResultCode | (string & {}) | undefined;
  resultStatus?: string | undefined;
  resultMessage?: string | undefined;
  httpStatus?: number | undefined;
  attempts?: number | undefined;
  cause?: unknown;
}

/**
 * Base class of the client's errors; `instanceof` and `code` both identify them. Every field is final: an error is
 * made with what the call knows when it ends, and never changed after.
 */
export class OrderError<Code extends OrderErrorCode = OrderErrorCode> extends AlipayHKError<Code> {
  // Declared, not defined as class fields: the constructor sets every one, and field definitions would add each
  // name once more to every bundle.
  declare readonly outcome: Outcome;
  /** The call's requestId: send it again to learn an unknown outcome. */
  declare readonly requestId: string | undefined;
  declare readonly tracerId: string | undefined;
  /** AlipayHK's result code, when an answer was read: one of the spec's, or another that AlipayHK sent. */
  declare readonly resultCode: ResultCode | (string & {}) | undefined;
  declare readonly resultStatus: string | undefined;
  declare readonly resultMessage: string | undefined;
  declare readonly httpStatus: number | undefined;
  /** How many HTTP attempts the call made before this error (0: nothing was sent). */
  declare readonly attempts: number;

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

/** The body breaks the spec; nothing was sent. `problems` lists each field at fault. */
export class ValidationError extends OrderError<"ERR_VALIDATION"> {
  override name = "ValidationError";
  declare readonly problems: readonly Problem[];
  /** @param details - the call's details; its `operationId` names the refused call in the message */
  constructor(problems: readonly Problem[], details?: CallDetails & { operationId?: string }) {
    const list = problems
      .map(
        (p) =>
          (p.path ? `${p.path} ${p.message}` : p.message) +
          (p.inferred === undefined ? "" : " (inferred: refused because strict is on)"),
      )
      .join("; ");
    super("ERR_VALIDATION", "not_applied", `${details?.operationId ?? "the request"} was not sent: ${list}`, details);
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

/**
 * AlipayHK answered with a definite failure (resultStatus F). Never retried: the same request fails again.
 * `resultCode` says which (`PARAM_ILLEGAL`, `ORDER_STATUS_INVALID`, `INVALID_SIGNATURE`...).
 */
export class ResultError extends OrderError {
  override name = "ResultError";
  constructor(details: CallDetails) {
    const code = details.resultCode;
    const message = `AlipayHK answered ${code}: ${details.resultMessage ?? "no message"}`;
    super(isFailureCode(code) ? `ERR_${code}` : "ERR_RESULT", "not_applied", message, details);
  }
}

/** The outcome stayed unknown (UNKNOWN_EXCEPTION, status U) after every allowed attempt. */
export class UnknownResultError extends OrderError<"ERR_UNKNOWN_RESULT"> {
  override name = "UnknownResultError";
  constructor(details: CallDetails) {
    super(
      "ERR_UNKNOWN_RESULT",
      "unknown",
      `the outcome is unknown after ${details.attempts} attempt(s): ${details.resultCode ?? "no result"}`,
      details,
    );
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
  declare readonly retryAfterMs: number | undefined;
  constructor(status: number, details?: CallDetails & { retryAfterMs?: number | undefined }) {
    // 5xx, 408 and 429 may have reached AlipayHK; other statuses mean the request was refused before it
    super(
      "ERR_HTTP",
      status >= 500 || status === 408 || status === 429 ? "unknown" : "not_applied",
      `HTTP ${status} without a signed AlipayHK answer`,
      {
        ...details,
        httpStatus: status,
      },
    );
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
