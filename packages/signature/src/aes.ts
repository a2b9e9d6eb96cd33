/**
 * AES for RSA_AES bodies. WebCrypto has no AES-ECB, so this uses @noble/ciphers (audited, pure JS).
 * Only reachable from the encryption entry, so signing-only bundles never include it.
 */
import { cbc, ecb } from "@noble/ciphers/aes.js";
import { InvalidArgumentError } from "./errors.js";

/**
 * AES mode for RSA_AES bodies (PKCS#7 padding in both).
 * - `"ECB"` (default): AES/ECB/PKCS5Padding, no IV: what the Ant gateway family (ZOLOZ SDK) uses.
 *   AlipayHK has not published its mode; confirm in the sandbox.
 * - `"CBC-ZERO-IV"`: AES/CBC/PKCS5Padding with an all-zero IV, the scheme of Alipay's mainland SDK.
 */
export type AesMode = "ECB" | "CBC-ZERO-IV";

// `mode` has been through checkAesMode
const cipher = (mode: AesMode, key: Uint8Array) => (mode === "CBC-ZERO-IV" ? cbc(key, new Uint8Array(16)) : ecb(key));

/** @internal Checks the mode option up front, before any key or ciphertext is touched. */
export function checkAesMode(mode: unknown): AesMode {
  if (mode === undefined || mode === "ECB" || mode === "CBC-ZERO-IV") return mode ?? "ECB";
  throw new InvalidArgumentError('aesMode must be "ECB" or "CBC-ZERO-IV"');
}

/** @internal AES encryption with PKCS#7 padding. */
export function aesEncrypt(mode: AesMode, key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return cipher(mode, key).encrypt(plaintext);
}

/** @internal AES decryption with PKCS#7 unpadding; throws on bad padding or length. */
export function aesDecrypt(mode: AesMode, key: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return cipher(mode, key).decrypt(ciphertext);
}
