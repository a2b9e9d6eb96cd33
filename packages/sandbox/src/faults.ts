/**
 * Fault injection: a seeded PRNG decides, per request, which fault (if any) hits it, whether the request
 * is processed before the fault hides its outcome, and how long it waits first.
 *
 * Every request draws exactly three numbers, synchronously, before anything is awaited, whatever the
 * options: so the same seed and the same sequence of requests give the same faults.
 */

import { SandboxConfigError, shown } from "./errors.js";

/** The faults that can hit a request; each has a rate in {@link FaultOptions}. */
export type FaultKind =
  | "unknownException"
  | "http500"
  | "http502"
  | "http503"
  | "http429"
  | "drop"
  | "truncate"
  | "forgeSignature"
  | "omitSignature";

/** Order in which a draw is mapped onto the rates (cumulative ranges of [0, 1)). Fixed: part of reproducibility. */
export const FAULT_KINDS: readonly FaultKind[] = [
  "unknownException",
  "http500",
  "http502",
  "http503",
  "http429",
  "drop",
  "truncate",
  "forgeSignature",
  "omitSignature",
];

/**
 * Faults to inject, for testing clients. Rates are probabilities (0..1) per request; at most one fault hits a
 * request, so the rates must add up to at most 1.
 */
export interface FaultOptions {
  /** A signed `UNKNOWN_EXCEPTION` (resultStatus U) answer. */
  unknownException?: number;
  /** An unsigned HTTP 500, as an application server would send. */
  http500?: number;
  /** An unsigned HTTP 502 page, as a proxy would send. */
  http502?: number;
  /** An unsigned HTTP 503 with `Retry-After: 0`. */
  http503?: number;
  /** An unsigned HTTP 429 with `Retry-After: 0`. A rate limiter answers first: the request is never processed. */
  http429?: number;
  /** The handler throws {@link SandboxDropError}, like fetch on a broken connection. */
  drop?: number;
  /** The signed answer's body is cut in half (the signature covers the whole body). */
  truncate?: number;
  /** The answer carries a well-formed `Signature` that does not match it. */
  forgeSignature?: number;
  /** The answer has no `Signature` header. */
  omitSignature?: number;
  /** Delay before each request is handled: a fixed number of milliseconds, or a uniform `[min, max]` range. */
  latencyMs?: number | readonly [number, number];
  /** Added to every `Response-Time` (the signature covers the skewed value), to test clients' clock checks. */
  responseTimeSkewMs?: number;
}

/** What the PRNG decided for one request. */
export interface FaultPlan {
  /** The fault that hits the request, if any. */
  readonly kind: FaultKind | undefined;
  /** For a fault: whether the request is processed (and maybe applied) before the fault hides the answer. */
  readonly processed: boolean;
  /** How long to wait before handling the request. */
  readonly latencyMs: number;
}

/**
 * Thrown by `sandbox.fetch` for a `drop` fault: what fetch throws when a connection breaks. A `TypeError`,
 * like fetch's own network errors (so a client treats it as one), with a `code` like the sandbox's other errors; an
 * HTTP adapter that sees one destroys the socket.
 */
export class SandboxDropError extends TypeError {
  override name = "SandboxDropError";
  readonly code = "ERR_SANDBOX_DROP";
  constructor(message = "connection dropped by the sandbox (injected fault)") {
    super(message);
  }
}

/** mulberry32: a small, fast, seeded 32-bit PRNG giving numbers in [0, 1). Not for cryptography. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isRate = (value: unknown): value is number => typeof value === "number" && value >= 0 && value <= 1;
const isMs = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value >= 0;

/**
 * Checks the options (a SandboxConfigError names the one at fault) and returns the per-request planner. `forced`
 * (from `sandbox.faultNext`) replaces the drawn kind; the three numbers are drawn all the same, so later requests meet
 * the faults they would have met anyway.
 */
export function faultPlanner(options: FaultOptions, seed: number): (forced?: FaultKind) => FaultPlan {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new SandboxConfigError("faults", `must be an object such as { http500: 0.1 } (got ${shown(options)})`);
  }
  let total = 0;
  for (const kind of FAULT_KINDS) {
    const rate = options[kind];
    if (rate === undefined) continue;
    if (!isRate(rate))
      throw new SandboxConfigError(`faults.${kind}`, `must be a rate between 0 and 1 (got ${shown(rate)})`);
    total += rate;
  }
  if (total > 1 + 1e-9) {
    throw new SandboxConfigError(
      "faults",
      `rates add up to ${total}; at most one fault hits a request, so they must add up to at most 1`,
    );
  }
  const latency = options.latencyMs ?? 0;
  const [min, max] = typeof latency === "number" ? [latency, latency] : Array.isArray(latency) ? latency : [];
  if (!isMs(min) || !isMs(max) || min > max) {
    throw new SandboxConfigError(
      "faults.latencyMs",
      `must be a number of milliseconds or a [min, max] range (got ${shown(latency)})`,
    );
  }
  const skew = options.responseTimeSkewMs;
  if (skew !== undefined && !(typeof skew === "number" && Number.isFinite(skew))) {
    throw new SandboxConfigError("faults.responseTimeSkewMs", `must be a number of milliseconds (got ${shown(skew)})`);
  }

  const random = mulberry32(seed);
  /** The kind whose cumulative range holds `pick`, if any. */
  const kindAt = (pick: number): FaultKind | undefined => {
    let upTo = 0;
    return FAULT_KINDS.find((kind) => pick < (upTo += options[kind] ?? 0));
  };
  return (forced) => {
    const pick = random();
    const coin = random();
    const spread = random();
    const kind = forced ?? kindAt(pick);
    return {
      kind,
      processed: kind !== undefined && kind !== "http429" && coin < 0.5,
      latencyMs: Math.round(min + spread * (max - min)),
    };
  };
}

/** Waits, or rejects with the signal's reason on abort: the client's retry pause, shared. */
export { delay } from "alipayhk-signature/internal";
