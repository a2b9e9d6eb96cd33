/**
 * `Signature` / `Encrypt` header values: comma-separated `key=value` pairs.
 *
 * Output is strict and canonical (`algorithm=RSA256,keyVersion=1,signature=<encodeURIComponent(b64)>`,
 * as Alipay's global SDKs send). Input is tolerant, because AlipayHK pages and sibling SDKs differ:
 * spaces around pairs, any order, keyVersion optional, upper- or lower-case percent hex, raw base64.
 */
import { isStandardBase64, lenientBase64ToBytes, bytesToBase64 } from "./base64.js";
import { HeaderFormatError, InvalidArgumentError, redact, type HeaderName } from "./errors.js";

/** A parsed `Signature` header. */
export interface SignatureHeader {
  /** Algorithm name, upper-cased (`"RSA256"`); `"RSA256"` when the header omits it (documented default). */
  algorithm: string;
  /** Key version, as written; absent when the header has none (AlipayHK then uses the latest key). */
  keyVersion?: string;
  /** The signature as standard, padded base64 (URL-decoded). */
  signature: string;
}

/** A parsed `Encrypt` header. */
export interface EncryptHeader {
  /** Algorithm name, upper-cased (`"RSA_AES"`). */
  algorithm: string;
  /** Key version, as written; absent when the header has none. */
  keyVersion?: string;
  /** The RSA-wrapped AES key as standard, padded base64 (URL-decoded). */
  symmetricKey: string;
}

/** Key version option: a number or short token; `null` leaves keyVersion out of the header. */
export type KeyVersion = number | string | null;

// 8192-bit signatures URL-encoded fit; anything longer is not a header we should spend time on.
const MAX_HEADER_LENGTH = 4096;
const TOKEN = "[A-Za-z0-9._-]{1,64}";
const VERSION_TOKEN = new RegExp(`^${TOKEN}$`);
const CANONICAL = new RegExp(`^algorithm=RSA256,keyVersion=(${TOKEN}),signature=([A-Za-z0-9%+/=]+)$`);

function pairs(header: HeaderName, value: unknown, known: readonly string[]): Map<string, string> {
  if (value === undefined || value === null) throw new HeaderFormatError(header, "missing");
  if (typeof value !== "string") throw new HeaderFormatError(header, "must be a string");
  if (value.length > MAX_HEADER_LENGTH) {
    throw new HeaderFormatError(header, `longer than ${MAX_HEADER_LENGTH} characters`);
  }
  const out = new Map<string, string>();
  for (const part of value.split(",")) {
    const item = part.trim();
    if (item === "") continue; // tolerate a trailing comma
    const eq = item.indexOf("=");
    if (eq <= 0) throw new HeaderFormatError(header, `pair without "key=" (${JSON.stringify(redact(item))})`);
    const key = item.slice(0, eq).trim();
    const val = item.slice(eq + 1).trim();
    // Known names in full; anything else (it could be a stray signature) only as a short prefix.
    const shown = known.includes(key) ? key : redact(key);
    if (out.has(key)) throw new HeaderFormatError(header, `duplicate key "${shown}"`);
    if (val === "") throw new HeaderFormatError(header, `empty value for "${shown}"`);
    out.set(key, val);
  }
  return out;
}

/**
 * Percent-decoding for a base64 value. `+` stays `+` (not a form-decoded space): a space is never
 * valid base64, so reading `+` as space would only turn a raw base64 value into garbage.
 */
function percentDecode(header: HeaderName, name: string, value: string): string {
  try {
    // decodeURIComponent leaves "+" alone (unlike form decoders) and accepts lower-case hex.
    return decodeURIComponent(value);
  } catch {
    throw new HeaderFormatError(header, `${name} has an invalid percent-escape`);
  }
}

function keyVersionOf(header: HeaderName, map: Map<string, string>): string | undefined {
  const v = map.get("keyVersion");
  if (v !== undefined && !VERSION_TOKEN.test(v))
    throw new HeaderFormatError(header, "keyVersion is not a version token");
  return v;
}

/**
 * Parses a `Signature` header value into `{ algorithm, keyVersion?, signature }`.
 *
 * Tolerant input rules: pairs split on `,` and trimmed; each pair split at its first `=`; keys
 * matched exactly (after trimming); any order; unknown keys ignored; `keyVersion` optional;
 * `algorithm` optional (AlipayHK documents `RSA256` as the default) and compared case-insensitively;
 * the signature value may be URL-encoded (upper- or lower-case hex) or raw base64, and a literal `+`
 * stays `+`.
 *
 * The algorithm is returned upper-cased and not checked here; `verify` rejects unsupported ones.
 *
 * @throws {HeaderFormatError} `ERR_SIGNATURE_HEADER` when the header is missing, too long
 *   (> 4096 characters), has a pair without `=`, a duplicate key, an empty value, no `signature`,
 *   or a signature that is not standard padded base64.
 */
export function parseSignatureHeader(value: string | null | undefined): SignatureHeader {
  // The canonical form every AlipayHK SDK sends, read without the general parser's allocations.
  const canonical = typeof value === "string" && value.length <= MAX_HEADER_LENGTH ? CANONICAL.exec(value) : null;
  if (canonical) {
    const signature = percentDecode("Signature", "signature", canonical[2]!);
    if (isStandardBase64(signature)) return { algorithm: "RSA256", keyVersion: canonical[1]!, signature };
  }
  const map = pairs("Signature", value, ["algorithm", "keyVersion", "signature"]);
  const raw = map.get("signature");
  if (raw === undefined) throw new HeaderFormatError("Signature", 'no "signature=" pair');
  const signature = percentDecode("Signature", "signature", raw);
  if (!isStandardBase64(signature)) throw new HeaderFormatError("Signature", "signature is not base64");
  const keyVersion = keyVersionOf("Signature", map);
  const result: SignatureHeader = { algorithm: (map.get("algorithm") ?? "RSA256").toUpperCase(), signature };
  if (keyVersion !== undefined) result.keyVersion = keyVersion;
  return result;
}

/**
 * Parses an `Encrypt` header value into `{ algorithm, keyVersion?, symmetricKey }`, with the same
 * tolerance as {@link parseSignatureHeader}. `algorithm` is required here (AlipayHK documents no
 * default); `symmetricKey` may be standard or URL-safe base64 and is returned as standard base64.
 *
 * @throws {HeaderFormatError} `ERR_ENCRYPT_HEADER` when missing or malformed.
 */
export function parseEncryptHeader(value: string | null | undefined): EncryptHeader {
  const map = pairs("Encrypt", value, ["algorithm", "keyVersion", "symmetricKey"]);
  const algorithm = map.get("algorithm");
  if (algorithm === undefined) throw new HeaderFormatError("Encrypt", 'no "algorithm=" pair');
  const raw = map.get("symmetricKey");
  if (raw === undefined) throw new HeaderFormatError("Encrypt", 'no "symmetricKey=" pair');
  const bytes = lenientBase64ToBytes(percentDecode("Encrypt", "symmetricKey", raw));
  if (!bytes) throw new HeaderFormatError("Encrypt", "symmetricKey is not base64");
  const keyVersion = keyVersionOf("Encrypt", map);
  const result: EncryptHeader = { algorithm: algorithm.toUpperCase(), symmetricKey: bytesToBase64(bytes) };
  if (keyVersion !== undefined) result.keyVersion = keyVersion;
  return result;
}

/** @internal Validates the keyVersion option and renders the `keyVersion=` pair ("" when null). */
export function keyVersionPair(keyVersion: KeyVersion | undefined): string {
  if (keyVersion === null) return "";
  const v = keyVersion ?? 1;
  if (!isKeyVersion(v))
    throw new InvalidArgumentError("keyVersion must be an integer >= 0, a [A-Za-z0-9._-] token or null");
  return `keyVersion=${v},`;
}

/**
 * True for a `keyVersion` a header may carry: an integer >= 0, or a token of 1 to 64 `[A-Za-z0-9._-]` characters.
 * (`null`, which leaves keyVersion out, is not itself a version.)
 */
export function isKeyVersion(value: unknown): value is number | string {
  return typeof value === "number"
    ? Number.isSafeInteger(value) && value >= 0
    : typeof value === "string" && VERSION_TOKEN.test(value);
}

/** @internal Canonical header value: `algorithm=<A>,keyVersion=<v>,<name>=<URL-encoded base64>`. */
export function formatHeader(
  algorithm: string,
  keyVersion: KeyVersion | undefined,
  name: string,
  base64: string,
): string {
  return `algorithm=${algorithm},${keyVersionPair(keyVersion)}${name}=${encodeURIComponent(base64)}`;
}
