/** When and how long to wait before trying the same call again. */
import { RESULT_RETRYABLE } from "alipayhk-spec/internal";
import { ConfigError, OrderError } from "./errors.js";

/** The longest delay setTimeout honours in every runtime (a signed 32-bit count of ms); past it, it fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3; 1 turns retries off. */
  maxAttempts?: number;
  /** Delay before the second attempt; doubles each time. Default 200 ms. */
  initialDelayMs?: number;
  /** Cap on one delay (a server's Retry-After included). Default 5,000 ms. */
  maxDelayMs?: number;
  /** No new attempt starts after this long since the first. Default 30,000 ms. */
  maxElapsedMs?: number;
}

/** A copy of `options` once every value given is usable; otherwise a ConfigError names the first one that is not. */
export function checkRetryOptions(options: RetryOptions): RetryOptions {
  if (typeof options !== "object" || options === null)
    throw new ConfigError("retry: must be an object such as { maxAttempts: 3 }");
  const { maxAttempts } = options;
  // Infinity: retry for as long as maxElapsedMs allows
  if (
    maxAttempts !== undefined &&
    !((Number.isSafeInteger(maxAttempts) || maxAttempts === Infinity) && maxAttempts >= 1)
  ) {
    throw new ConfigError(
      "retry.maxAttempts: must be a whole number of attempts, at least 1 (1 turns retries off), or Infinity",
    );
  }
  for (const name of ["initialDelayMs", "maxDelayMs"] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === "number" && value >= 0 && value <= MAX_TIMER_MS)) {
      throw new ConfigError(`retry.${name}: must be a number of milliseconds from 0 to ${MAX_TIMER_MS}`);
    }
  }
  // a bound on elapsed time, not a timer: any number of milliseconds, Infinity included
  if (options.maxElapsedMs !== undefined && !(typeof options.maxElapsedMs === "number" && options.maxElapsedMs >= 0)) {
    throw new ConfigError("retry.maxElapsedMs: must be a number of milliseconds, 0 or more (Infinity for no bound)");
  }
  return { ...options }; // later changes to the caller's object cannot skip these checks
}

/** How an attempt ended: AlipayHK's verified result, or one of the client's errors. */
export type AttemptEnd = { readonly resultStatus: string; readonly resultCode: string } | OrderError;

/** Errors whose outcome a new attempt with the same requestId may learn (when their outcome is unknown). */
const RETRIED_ERRORS: readonly string[] = ["ERR_TIMEOUT", "ERR_NETWORK", "ERR_HTTP", "ERR_UNKNOWN_RESULT"];

/**
 * The one retry decision: whether a call may try again, with the same requestId, after an attempt that ended so.
 *
 * Yes for a U result and the result codes the spec marks retryable (UNKNOWN_EXCEPTION whatever its status letter:
 * those of `operation`, an OPERATIONS entry, when given, else those of any operation); for a timeout, a network
 * failure, an HTTP error that may have reached AlipayHK (5xx, 408, 429: outcome unknown) and an unknown result.
 * No for S and the other results, an answer that fails verification (it may be forged, and the same key fails again),
 * one that is no valid answer, an abort, and whatever was refused before it was sent.
 */
export function isRetryable(end: AttemptEnd, operation?: { readonly retryable: readonly string[] }): boolean {
  if (end instanceof OrderError) return end.outcome === "unknown" && RETRIED_ERRORS.includes(end.code);
  if (end.resultStatus === "S") return false;
  if (end.resultStatus === "U") return true;
  if (operation) return operation.retryable.includes(end.resultCode);
  return (RESULT_RETRYABLE as Readonly<Record<string, unknown>>)[end.resultCode] === true;
}

/**
 * The delay before attempt `attempts + 1`, or undefined when the policy allows no more: exponential backoff with
 * jitter (50–100% of the step), so clients that failed together do not retry together.
 */
export function retryDelay(
  options: RetryOptions,
  attempts: number,
  elapsedMs: number,
  retryAfterMs?: number,
): number | undefined {
  const { maxAttempts = 3, initialDelayMs = 200, maxDelayMs = 5_000, maxElapsedMs = 30_000 } = options;
  if (attempts >= maxAttempts) return undefined;
  const step = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempts - 1));
  const delay = Math.min(maxDelayMs, Math.max(retryAfterMs ?? 0, step * (0.5 + Math.random() / 2)));
  return elapsedMs + delay > maxElapsedMs ? undefined : delay;
}
