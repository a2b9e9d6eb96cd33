/**
 * The RSA numbers of a key (n, e, and for a private key d and the CRT values), read once per key object: what RSA_AES
 * wraps and unwraps its AES key with, and (through alipayhk-signature/internal) what the sandbox opens a refused
 * signature with. A module of its own, so that the encryption entry exports no more than it did.
 */
import { KeyFormatError } from "./errors.js";
import { keyRecord, RSASSA, wrongType } from "./keys.js";
import { base64UrlToBigInt, type RsaPrivateNumbers, type RsaPublicNumbers } from "./rsa-pkcs1.js";

// RSA numbers per key object, resolved values only (never a pending promise shared across requests).
// The type is stored too, so that a cached private key is never accepted where a public one is due.
const numbersCache = new WeakMap<
  object,
  { type: "private" | "public"; numbers: RsaPrivateNumbers | RsaPublicNumbers }
>();

/** A key's JWK (its numbers), from a key of ours or an extractable CryptoKey. */
export async function exportJwk(key: unknown, want: "private" | "public", operation: string): Promise<JsonWebKey> {
  const notExtractable = () =>
    new KeyFormatError(
      `${operation}() needs the RSA numbers and this CryptoKey is not extractable; pass the PEM/JWK to import${
        want === "private" ? "Private" : "Public"
      }Key() instead`,
      { code: "ERR_KEY_NOT_EXTRACTABLE" },
    );
  let source: CryptoKey;
  if (typeof CryptoKey !== "undefined" && key instanceof CryptoKey) {
    // Any RSA CryptoKey will do here (RSA-OAEP included): only its numbers are used.
    if (key.type !== want) throw wrongType(key.type, want);
    if (!key.algorithm.name.startsWith("RSA"))
      throw new KeyFormatError(`${key.algorithm.name} keys are not supported; AlipayHK needs RSA`);
    if (!key.extractable) throw notExtractable();
    source = key;
  } else {
    const material = (await keyRecord(key, want, operation)).material;
    if (!material) throw notExtractable(); // imported from a non-extractable CryptoKey
    if (material.format === "jwk") return material.jwk;
    source =
      material.format === "cryptokey"
        ? material.key
        : await crypto.subtle.importKey("pkcs8", material.der, RSASSA, true, ["sign"]);
  }
  return crypto.subtle.exportKey("jwk", source);
}

/** The RSA numbers of `key` (of type `want`), cached per key object; `operation` names the caller in errors. */
export async function rsaNumbers(
  key: unknown,
  want: "private" | "public",
  operation: string,
): Promise<RsaPrivateNumbers | RsaPublicNumbers> {
  const cached = typeof key === "object" && key !== null ? numbersCache.get(key) : undefined;
  if (cached?.type === want) return cached.numbers;
  const jwk = await exportJwk(key, want, operation);
  const n = base64UrlToBigInt(jwk.n ?? "");
  const bits = n.toString(2).length;
  if (bits < 2048)
    throw new KeyFormatError(`RSA key has ${bits} bits; AlipayHK requires at least 2048`, {
      code: "ERR_KEY_TOO_SMALL",
    });
  const numbers: RsaPrivateNumbers | RsaPublicNumbers = {
    n,
    e: base64UrlToBigInt(jwk.e ?? ""),
    k: Math.ceil(bits / 8),
  };
  if (want === "private") {
    const { p, q, dp, dq, qi } = jwk;
    const priv = numbers as RsaPrivateNumbers;
    priv.d = base64UrlToBigInt(jwk.d ?? "");
    if (p && q && dp && dq && qi) {
      priv.crt = {
        p: base64UrlToBigInt(p),
        q: base64UrlToBigInt(q),
        dp: base64UrlToBigInt(dp),
        dq: base64UrlToBigInt(dq),
        qi: base64UrlToBigInt(qi),
      };
    }
  }
  numbersCache.set(key as object, { type: want, numbers });
  return numbers;
}

/** The numbers (n, e; k, the modulus length in bytes) of a public key from importPublicKey, or an extractable CryptoKey. */
export const publicKeyNumbers = (key: unknown): Promise<RsaPublicNumbers> =>
  rsaNumbers(key, "public", "publicKeyNumbers");
