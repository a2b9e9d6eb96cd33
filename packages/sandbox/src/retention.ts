/**
 * How much history a sandbox keeps. Everything the sandbox learns about past requests (the event log, each order's
 * and notification's history, the answers it replays) would otherwise grow with every request, for as long as the
 * sandbox lives: a demo left running, or a soak of a few hundred thousand syncs, would hold it all. Each is kept
 * up to a limit, the oldest dropped first and counted (`sandbox.stats.dropped`, the console).
 */
import { SandboxConfigError, shown } from "./errors.js";

/** The `retention` option of `createSandbox`: how many of each the sandbox keeps (the newest). */
export interface RetentionOptions {
  /** Events in `sandbox.events` and the console's request log and timelines. Default 30,000. */
  readonly events?: number;
  /** Applied updates in each order's `history` and each notification's, and entries on its console timeline. Default 100. */
  readonly historyPerOrder?: number;
  /**
   * Remembered answers per Client-Id: a retried requestId among its newest `answers` is replayed. Default 100,000.
   * An older retry is processed again, which never applies an order's update twice (its orderModifyTime is not
   * newer than itself: answered SUCCESS as stale).
   */
  readonly answers?: number;
}

export type Retention = { readonly [K in keyof RetentionOptions]-?: number };

/**
 * Enough for a demo and for `npm run soak` (10,000 syncs with faults and retries leave about 19,000 events, and
 * lifecycles of a few updates); the events and answers take about 30 MB when full. `Infinity` keeps everything.
 */
export const DEFAULT_RETENTION: Retention = { events: 30_000, historyPerOrder: 100, answers: 100_000 };

/** The limits `options` asks for, over the defaults. @throws {SandboxConfigError} naming the setting at fault. */
export function retentionOf(options: RetentionOptions | undefined): Retention {
  if (options === undefined) return DEFAULT_RETENTION;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new SandboxConfigError("retention", `must be an object such as { events: 30000 } (got ${shown(options)})`);
  }
  const known = Object.keys(DEFAULT_RETENTION);
  const out: Record<string, number> = { ...DEFAULT_RETENTION };
  for (const [key, value] of Object.entries(options) as [string, unknown][]) {
    if (!known.includes(key))
      throw new SandboxConfigError(`retention.${key}`, `is not a retention setting; they are ${known.join(", ")}`);
    if (value === undefined) continue;
    if (value !== Infinity && !(Number.isSafeInteger(value) && (value as number) >= 1)) {
      throw new SandboxConfigError(`retention.${key}`, `must be a positive integer or Infinity (got ${shown(value)})`);
    }
    out[key] = value as number;
  }
  return out as Retention;
}

/**
 * A 53-bit fingerprint of a text (cyrb53), so that a remembered answer keeps a number instead of the body it
 * answered: two different bodies under one requestId share it with a probability of about 1 in 2^53.
 */
export function fingerprint(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
