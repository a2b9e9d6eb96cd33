/**
 * `Request-Time` values. Only the literal header string is signed, so the format is a choice we
 * make once: ISO-8601, second precision, numeric offset with a colon, as on AlipayHK's own samples
 * (`2024-05-22T06:42:21+05:30`).
 */
import { InvalidArgumentError } from "./errors.js";

/** Options of {@link formatRequestTime}. */
export interface RequestTimeOptions {
  /**
   * Offset from UTC in minutes to render the time in, e.g. `480` for Hong Kong (`+08:00`).
   * Default `0`, written `+00:00`. Range -1080..1080 (±18:00).
   */
  offsetMinutes?: number;
}

/**
 * Formats an instant for the `Request-Time` header: `YYYY-MM-DDTHH:mm:ss±HH:MM`.
 *
 * Choice (AlipayHK documents only "ISO-8601 with time zone"): UTC by default, written `+00:00`
 * rather than `Z` because every AlipayHK sample uses a numeric offset; milliseconds are truncated
 * because the samples have second precision. Pass `{ offsetMinutes: 480 }` to render Hong Kong
 * time. The string must then be sent byte-for-byte as signed.
 *
 * @param date - A Date or epoch milliseconds; defaults to now.
 * @throws {InvalidArgumentError} for an invalid date, a year outside 0000-9999, or a bad offset.
 * @example formatRequestTime(new Date("2024-05-22T06:42:21.789Z")) // "2024-05-22T06:42:21+00:00"
 */
export function formatRequestTime(date: Date | number = new Date(), options: RequestTimeOptions | null = {}): string {
  const offset = options?.offsetMinutes ?? 0;
  if (!Number.isInteger(offset) || Math.abs(offset) > 18 * 60) {
    throw new InvalidArgumentError("offsetMinutes must be an integer in -1080..1080");
  }
  const ms = typeof date === "number" ? date : date instanceof Date ? date.getTime() : NaN;
  // Shift the instant and read it as UTC: that is the wall-clock time at `offset`. Truncate to
  // whole seconds first so that rounding never carries into the next second.
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000);
  const iso = Number.isNaN(shifted.getTime()) ? "" : shifted.toISOString();
  // 24 characters = a four-digit year; invalid dates and years outside 0000-9999 end up here.
  if (iso.length !== 24) throw new InvalidArgumentError("invalid date (or year outside 0000-9999)");
  const abs = Math.abs(offset);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${iso.slice(0, 19)}${offset < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** Which of the forms AlipayHK's SDKs send a time in (see {@link parseAlipayTime}). */
export type AlipayTimeForm = "iso-8601" | "iso-8601-no-colon" | "epoch-ms";

// ISO-8601 date-time with seconds and a zone: Z, +08:00, +0800 or +08; fractions allowed.
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d(:?\d\d)?)$/;

/**
 * The instant a `Request-Time` or `Response-Time` names, in any of the forms Alipay's own SDKs send: ISO-8601 with
 * a zone written `Z` or `+08:00` (the documented form; Python's SDK), `+0800` or `+08` (PHP's), or epoch
 * milliseconds (Java's). NaN for anything else. Lenient about impossible dates (2024-02-30 rolls over, as in
 * `Date.parse`); {@link parseAlipayTime} is strict.
 */
export function alipayTimeMs(text: string): number {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!ISO_TIME.test(text)) return NaN;
  // rewritten to the form Date.parse reads in every runtime: at most milliseconds, a ±HH:MM offset
  return Date.parse(
    text
      .replace(/(\.\d{3})\d+/, "$1")
      .replace(/([+-]\d\d):?(\d\d)?$/, (_, hours: string, minutes = "00") => `${hours}:${minutes}`),
  );
}

/**
 * Reads a `Request-Time` or `Response-Time` value like {@link alipayTimeMs}, and says which form it is in.
 * Returns undefined for anything else, including dates and times that do not exist (2024-02-30, 24:00, +19:00).
 * Signatures cover the header text as sent, so this only reads it.
 *
 * @example parseAlipayTime("2024-05-22T14:42:21+0800") // { ms: 1716360141000, form: "iso-8601-no-colon" }
 */
export function parseAlipayTime(text: string): { ms: number; form: AlipayTimeForm } | undefined {
  const ms = alipayTimeMs(text);
  if (Number.isNaN(ms)) return undefined;
  if (!text.includes("T")) return { ms, form: "epoch-ms" };
  // A real date and time reads back the same once parsed as UTC; the offset is at most ±18:00.
  const wall = text.slice(0, 19);
  const zone = text.slice(19).replace(/^\.\d+/, "");
  if (new Date(Date.parse(`${wall}Z`)).toISOString().slice(0, 19) !== wall || Number(zone.slice(1, 3)) > 18)
    return undefined;
  return { ms, form: zone === "Z" || zone.includes(":") ? "iso-8601" : "iso-8601-no-colon" };
}

/**
 * Waits `ms` milliseconds, or rejects with the signal's reason (an `AbortError`, as fetch does) as soon as it
 * aborts. The timer is cleared on abort, so nothing keeps the event loop alive once requests are done. Shared by
 * the client's pause between attempts and the sandbox's injected latency.
 */
export function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    // already aborted (say, while the last answer was being read): an abort event will not come again
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
