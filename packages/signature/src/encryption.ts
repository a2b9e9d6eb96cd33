/**
 * RSA_AES body encryption (`Encrypt: algorithm=RSA_AES,keyVersion=1,symmetricKey=...`).
 *
 * Also published as its own entry, `alipayhk-signature/encryption`, and kept out of the signing
 * modules, so that code which only signs and verifies tree-shakes all AES and RSA-wrap code away.
 *
 * Scheme (the Ant gateway family as ZOLOZ implements it; AlipayHK has not published its own):
 * a fresh random AES key per message; AES (ECB by default) with PKCS#7 padding; the ciphertext as
 * standard base64 is the HTTP body; the AES key wrapped with RSAES-PKCS1-v1_5 under the recipient's
 * public key, base64- then URL-encoded into `symmetricKey`. Sign the ciphertext after encrypting;
 * verify the signature before decrypting.
 */
import { aesDecrypt, aesEncrypt, checkAesMode, type AesMode } from "./aes.js";
import { base64ToBytes, bytesToBase64, lenientBase64ToBytes, utf8 } from "./base64.js";
import { DecryptionError, InvalidArgumentError, UnsupportedAlgorithmError } from "./errors.js";
import { spkiPem } from "./generate.js";
import { formatHeader, keyVersionPair, parseEncryptHeader, type KeyVersion } from "./header.js";
import { RSASSA, type PrivateKey, type PublicKey, type WebCryptoKey } from "./keys.js";
import { exportJwk, rsaNumbers } from "./rsa-numbers.js";
import { rsaesPkcs1Decrypt, rsaesPkcs1Encrypt, type RsaPrivateNumbers } from "./rsa-pkcs1.js";

export type { AesMode } from "./aes.js";
export type { KeyVersion } from "./header.js";
export type { PrivateKey, PublicKey, WebCryptoKey } from "./keys.js";

/** Options of {@link encryptBody}. */
export interface EncryptOptions {
  /** AES key size; default 256 (the gateway's recommendation), 128 allowed. */
  aesKeyBits?: 256 | 128;
  /** `keyVersion` written into the Encrypt header; default `1`; `null` leaves it out. */
  keyVersion?: KeyVersion;
  /** AES mode; default `"ECB"` (unconfirmed by AlipayHK). See {@link AesMode}. */
  aesMode?: AesMode;
}

/** Options of {@link decryptBody}. */
export interface DecryptOptions {
  /** AES mode the sender used; default `"ECB"`. See {@link AesMode}. */
  aesMode?: AesMode;
}

/** Result of {@link encryptBody}: send `body` as the HTTP body and `encryptHeader` as the `Encrypt` header. */
export interface EncryptedBody {
  /** Standard base64 of the AES ciphertext: the HTTP body (`Content-Type: text/plain; charset=UTF-8`). */
  body: string;
  /** `algorithm=RSA_AES,keyVersion=1,symmetricKey=<URL-encoded base64>`. */
  encryptHeader: string;
}

/**
 * The public half of a private key, as SPKI PEM: what to hand the other side (the sandbox gives merchants its own).
 * Needs the key's numbers, so the key must come from `importPrivateKey` (alipayhk-signature) or be an extractable
 * CryptoKey.
 *
 * @throws {KeyFormatError} `ERR_KEY_NOT_EXTRACTABLE` for a non-extractable CryptoKey; `ERR_KEY_TYPE` for a public key.
 */
export async function publicKeyPem(privateKey: PrivateKey | WebCryptoKey): Promise<string> {
  const { n, e } = await exportJwk(privateKey, "private", "publicKeyPem");
  return spkiPem(await crypto.subtle.importKey("jwk", { kty: "RSA", n, e }, RSASSA, true, ["verify"]));
}

/**
 * Encrypts a body for the `RSA_AES` scheme: a fresh random AES key (256-bit by default) encrypts
 * the UTF-8 plaintext with PKCS#7 padding (ECB by default, see {@link AesMode}), and that key is
 * wrapped with RSAES-PKCS1-v1_5 under the recipient's public key.
 *
 * Then sign the returned `body` (the ciphertext) with `sign`, and send
 * `Content-Type: text/plain; charset=UTF-8`.
 *
 * @param recipientPublicKey - AlipayHK's public key (for requests) from `importPublicKey`, or a CryptoKey.
 * @throws {KeyFormatError} for a private key, a non-imported key, or a non-extractable CryptoKey.
 * @throws {InvalidArgumentError} for a non-string plaintext or a bad option.
 */
export async function encryptBody(
  plaintext: string,
  recipientPublicKey: PublicKey | WebCryptoKey,
  options: EncryptOptions | null = {},
): Promise<EncryptedBody> {
  if (typeof plaintext !== "string") throw new InvalidArgumentError("plaintext must be a string");
  const bits = options?.aesKeyBits ?? 256;
  if (bits !== 256 && bits !== 128) throw new InvalidArgumentError("aesKeyBits must be 256 or 128");
  const mode = checkAesMode(options?.aesMode);
  keyVersionPair(options?.keyVersion); // validate before doing any work
  const numbers = await rsaNumbers(recipientPublicKey, "public", "encryptBody");
  const aesKey = crypto.getRandomValues(new Uint8Array(bits / 8));
  try {
    const ciphertext = aesEncrypt(mode, aesKey, utf8(plaintext));
    const wrapped = rsaesPkcs1Encrypt(numbers, aesKey);
    return {
      body: bytesToBase64(ciphertext),
      encryptHeader: formatHeader("RSA_AES", options?.keyVersion, "symmetricKey", bytesToBase64(wrapped)),
    };
  } finally {
    aesKey.fill(0);
  }
}

/**
 * Decrypts an `RSA_AES` body with your own private key (the sender wrapped the AES key for your
 * public key) and returns the UTF-8 plaintext.
 *
 * **Verify the signature over the ciphertext with `verify` before calling this.** Decryption is
 * unauthenticated (no MAC), so a body that was not verified first may be forged, and feeding
 * forged ciphertexts to an RSA PKCS#1 v1.5 decryptor is how padding-oracle attacks work.
 *
 * The body may be standard or URL-safe base64, padded or not; whitespace is ignored.
 *
 * @param encryptHeader - the `Encrypt` header value of the same message.
 * @param ownPrivateKey - from `importPrivateKey`, or an extractable CryptoKey.
 * @throws {DecryptionError} for any cryptographic failure (one generic message, no detail).
 * @throws {HeaderFormatError} `ERR_ENCRYPT_HEADER` for a missing or malformed Encrypt header.
 * @throws {UnsupportedAlgorithmError} for an algorithm other than RSA_AES.
 * @throws {KeyFormatError} `ERR_KEY_NOT_EXTRACTABLE` for a non-extractable CryptoKey.
 */
export async function decryptBody(
  body: string,
  encryptHeader: string | null | undefined,
  ownPrivateKey: PrivateKey | WebCryptoKey,
  options: DecryptOptions | null = {},
): Promise<string> {
  if (typeof body !== "string") throw new InvalidArgumentError("body must be a string");
  const mode = checkAesMode(options?.aesMode);
  const header = parseEncryptHeader(encryptHeader);
  if (header.algorithm !== "RSA_AES") throw new UnsupportedAlgorithmError("Encrypt", header.algorithm, ["RSA_AES"]);
  const numbers = (await rsaNumbers(ownPrivateKey, "private", "decryptBody")) as RsaPrivateNumbers;
  const unwrapped = rsaesPkcs1Decrypt(numbers, base64ToBytes(header.symmetricKey)!);
  // On bad RSA padding, carry on with a random key so that failure costs about the same as an
  // AES failure; the outcome is the same DecryptionError either way.
  const aesKey = unwrapped ?? crypto.getRandomValues(new Uint8Array(32));
  let plaintext: string | undefined;
  try {
    const ciphertext = lenientBase64ToBytes(body.replace(/\s+/g, ""));
    if (ciphertext) {
      plaintext = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(
        aesDecrypt(mode, aesKey, ciphertext),
      );
    }
  } catch {
    plaintext = undefined;
  } finally {
    aesKey.fill(0);
  }
  if (unwrapped === undefined || plaintext === undefined) throw new DecryptionError();
  return plaintext;
}
