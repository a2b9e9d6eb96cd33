/** When and how long to wait before trying the same call again. */
import { RETRYABLE_RESULT_CODES } from "../../../generated/metadata.js";

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

/** U results, and the result codes the spec marks retryable (UNKNOWN_EXCEPTION whatever its status letter). */
export function isRetryableResult(result: { resultCode: string; resultStatus: string }): boolean {
  if (result.resultStatus === "S") return false;
  return result.resultStatus === "U" || (RETRYABLE_RESULT_CODES as readonly string[]).includes(result.resultCode);
}

/**
 * The delay before attempt `attempts + 1`, or undefined when the policy allows no more: exponential backoff with
 * jitter (50–100% of the step), so clients that failed together do not retry together.
 */
export function retryDelay(options: RetryOptions, attempts: number, elapsedMs: number, retryAfterMs?: number): number | undefined {
  const { maxAttempts = 3, initialDelayMs = 200, maxDelayMs = 5_000, maxElapsedMs = 30_000 } = options;
  if (attempts >= maxAttempts) return undefined;
  const step = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempts - 1));
  const delay = Math.min(maxDelayMs, Math.max(retryAfterMs ?? 0, step * (0.5 + Math.random() / 2)));
  return elapsedMs + delay > maxElapsedMs ? undefined : delay;
}
