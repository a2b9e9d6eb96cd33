/**
 * One delivery attempt of a stored call through the caller's client, and what to do next: every adapter (a store's
 * worker, a Cloudflare Queues consumer, a Deno KV listener) acts on the same verdict.
 */
import { OrderError } from "alipayhk-order";
import type { StoredCall } from "./call.js";
import { OutboxConfigError } from "./errors.js";

/** The client's methods the outbox calls: any client of alipayhk-order (`createOrderClient`, `createClient`). */
export type OutboxClient = object;

export interface DeliveryOptions {
  /** How long an unknown outcome is retried, from enqueue, before the call is dead-lettered. Default 24 h. */
  windowMs?: number;
  /** Delay before the second delivery attempt; doubles each time, with jitter. Default 1,000 ms. */
  initialDelayMs?: number;
  /** Cap on one delay. Default 300,000 ms (5 min). */
  maxDelayMs?: number;
  /** The random source of the jitter, in [0, 1). Default Math.random. */
  random?: () => number;
}

/** What a failed attempt ended with, safe to store: codes and AlipayHK's result, never a key or a signature. */
export interface FailureSummary {
  readonly code: string;
  readonly message: string;
  readonly resultCode?: string;
  readonly resultStatus?: string;
  readonly resultMessage?: string;
  readonly httpStatus?: number;
  readonly tracerId?: string;
}

/** Why a call was dead-lettered. */
export type DeadReason =
  /** AlipayHK refused it (an F result), or the request was refused before reaching it (a 4xx): re-sending fails again. */
  | "definite_failure"
  /** Its outcome stayed unknown for the whole retry window. */
  | "window_expired"
  /** The stored call cannot be read (damaged, or written by something else). */
  | "unreadable";

export type Verdict =
  | { readonly state: "delivered"; readonly result: Readonly<Record<string, unknown>> }
  | { readonly state: "dead"; readonly reason: DeadReason; readonly failure: FailureSummary }
  | { readonly state: "retry"; readonly delayMs: number; readonly failure: FailureSummary }
  /** The worker is stopping (its signal fired) before an answer: the call goes back as it was, no attempt counted. */
  | { readonly state: "released" };

const HOUR = 3_600_000;
export const DEFAULT_DELIVERY: Required<Omit<DeliveryOptions, "random">> = {
  windowMs: 24 * HOUR,
  initialDelayMs: 1_000,
  maxDelayMs: 300_000,
};

/** The options, checked: an OutboxConfigError names the first one that is not usable. */
export function checkDeliveryOptions(options: DeliveryOptions = {}): Required<DeliveryOptions> {
  const checked = { ...DEFAULT_DELIVERY, random: Math.random, ...options };
  for (const name of ["windowMs", "initialDelayMs", "maxDelayMs"] as const) {
    const value = checked[name];
    if (!(typeof value === "number" && value >= 0 && !Number.isNaN(value)))
      throw new OutboxConfigError(`${name}: must be a number of milliseconds, 0 or more`);
  }
  if (typeof checked.random !== "function")
    throw new OutboxConfigError("random: must be a function returning a number in [0, 1)");
  return checked;
}

/** The pause before attempt `attempts + 1`: exponential, capped, half of it random (so retries of an outage spread). */
export function backoffMs(attempts: number, { initialDelayMs, maxDelayMs, random }: Required<DeliveryOptions>): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/**
 * Sends `call` once through `client` (whose own retries of an unknown outcome run inside this attempt) and decides:
 * delivered, dead-lettered, retried later with the same requestId, or released because `signal` fired.
 * @param attempts the delivery attempts made so far, this one included (1 for the first).
 */
export async function deliverCall(
  client: OutboxClient,
  call: StoredCall,
  attempts: number,
  options: Required<DeliveryOptions>,
  signal?: AbortSignal,
): Promise<Verdict> {
  const method = (client as Record<string, unknown>)[call.operationId];
  if (typeof method !== "function") {
    // the worker's client was built without this operation: a setting to fix, not a reason to drop the call
    const failure = { code: "ERR_OUTBOX_CONFIG", message: `the worker's client has no ${call.operationId} method` };
    return later(call, attempts, failure, options);
  }
  try {
    const result = (await method.call(client, call.body, { signal })) as Record<string, unknown>;
    return { state: "delivered", result };
  } catch (error) {
    if (error instanceof OrderError && error.code === "ERR_ABORTED" && signal?.aborted) return { state: "released" };
    const failure = summarise(error);
    // A definite failure, except a local one: a bad setting of the worker (ERR_CONFIG) is fixed by its operator,
    // and the call must survive until then.
    if (
      error instanceof OrderError &&
      error.outcome === "not_applied" &&
      error.code !== "ERR_CONFIG" &&
      error.code !== "ERR_ABORTED"
    ) {
      return { state: "dead", reason: "definite_failure", failure };
    }
    return later(call, attempts, failure, options);
  }
}

function later(
  call: StoredCall,
  attempts: number,
  failure: FailureSummary,
  options: Required<DeliveryOptions>,
): Verdict {
  const delayMs = backoffMs(attempts, options);
  if (Date.now() + delayMs > call.enqueuedAt + options.windowMs)
    return { state: "dead", reason: "window_expired", failure };
  return { state: "retry", delayMs, failure };
}

/** What an error says about the attempt, without its stack or cause (which could quote a key's source). */
export function summarise(error: unknown): FailureSummary {
  if (!(error instanceof Error)) return { code: "ERR_UNEXPECTED", message: String(error).slice(0, 300) };
  const e = error as Partial<OrderError> & Error;
  const summary: Record<string, unknown> = {
    code: typeof e.code === "string" ? e.code : "ERR_UNEXPECTED",
    message: e.message.slice(0, 300),
  };
  for (const field of ["resultCode", "resultStatus", "resultMessage", "httpStatus", "tracerId"] as const) {
    if (e[field] !== undefined) summary[field] = e[field];
  }
  return summary as unknown as FailureSummary;
}
