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
  const iso = isNaN(shifted.getTime()) ? "" : shifted.toISOString();
  // 24 characters = a four-digit year; invalid dates and years outside 0000-9999 end up here.
  if (iso.length !== 24) throw new InvalidArgumentError("invalid date (or year outside 0000-9999)");
  const abs = Math.abs(offset);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${iso.slice(0, 19)}${offset < 0 ? "-" : "+"}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** Which of the forms AlipayHK's SDKs send a time in (see {@link parseAlipayTime}). */
export type AlipayTimeForm = "iso-8601" | "iso-8601-no-colon" | "epoch-ms";

// ISO-8601 date-time with seconds and an explicit offset (Z, +08:00, +0800 or +08); fractions allowed.
const ISO_TIME =
  /^(?<date>\d{4}-\d{2}-\d{2})T(?<time>\d{2}:\d{2}:\d{2})(?<fraction>\.\d{1,9})?(?:Z|(?<sign>[+-])(?<oh>\d{2})(?:(?<colon>:)?(?<om>\d{2}))?)$/;

/**
 * Reads a `Request-Time` or `Response-Time` value in any of the forms Alipay's own SDKs send:
 * ISO-8601 with an offset written `+08:00` or `Z` (the documented form; Python's SDK), `+0800` or `+08` (PHP's), or
 * epoch milliseconds (Java's). Returns the instant and the form, or undefined for anything else, including dates
 * that do not exist (2024-02-30). Signatures cover the header text as sent, so this only reads it.
 *
 * @example parseAlipayTime("2024-05-22T14:42:21+0800") // { ms: 1716360141000, form: "iso-8601-no-colon" }
 */
export function parseAlipayTime(text: string): { ms: number; form: AlipayTimeForm } | undefined {
  if (/^\d{1,15}$/.test(text)) return { ms: Number(text), form: "epoch-ms" };
  const g = ISO_TIME.exec(text)?.groups;
  if (!g) return undefined;
  const [year, month, day] = g.date!.split("-").map(Number) as [number, number, number];
  const [hour, minute, second] = g.time!.split(":").map(Number) as [number, number, number];
  const offsetMinutes = (g.sign === "-" ? -1 : 1) * (Number(g.oh ?? 0) * 60 + Number(g.om ?? 0));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(utc);
  // Date.UTC rolls 2024-02-30 over into March: a real date reads back the same.
  const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
  if (!real || Number(g.oh ?? 0) > 18 || Number(g.om ?? 0) >= 60) return undefined;
  const ms = utc + Math.floor(Number(`0${g.fraction ?? ""}`) * 1000) - offsetMinutes * 60_000;
  const documented = g.sign === undefined || g.colon !== undefined; // Z, or an offset with its colon
  return { ms, form: documented ? "iso-8601" : "iso-8601-no-colon" };
}
