/**
 * Base64 and UTF-8 helpers on web APIs only (atob/btoa, TextEncoder), so the package runs unchanged
 * on Node, Deno, Bun and edge workers.
 */

// Padded standard alphabet, nothing else: atob() alone is lenient (whitespace, missing padding).
const STANDARD = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Standard, padded base64 without line breaks. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunked because String.fromCharCode(...bigArray) overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  }
  return btoa(binary);
}

/** True when `text` is non-empty, padded, standard-alphabet base64. */
export function isStandardBase64(text: string): boolean {
  return text.length > 0 && STANDARD.test(text);
}

/** Decodes strict standard base64; returns `undefined` rather than throwing so callers pick the error class. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  return isStandardBase64(text) ? checkedBase64ToBytes(text) : undefined;
}

/** Decodes base64 the caller has already checked with {@link isStandardBase64}. */
export function checkedBase64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * Decodes standard or URL-safe base64, padded or not (one alphabet per input).
 * Used where a sibling doc says "base64urlsafe" but the SDK sends standard base64.
 */
export function lenientBase64ToBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (/[-_]/.test(text)) {
    if (/[+/]/.test(text)) return undefined; // mixed alphabets: not something any encoder produces
    text = text.replace(/-/g, "+").replace(/_/g, "/");
  }
  const rest = text.length % 4;
  if (rest === 1) return undefined;
  if (rest !== 0 && !text.endsWith("=")) text += rest === 2 ? "==" : "=";
  return base64ToBytes(text);
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string, typed for crypto.subtle. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text) as Uint8Array<ArrayBuffer>;
}
