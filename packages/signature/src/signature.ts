/**
 * Request signing and response verification (AlipayHK `Signature` header).
 */
import { bytesToBase64, checkedBase64ToBytes, utf8 } from "./base64.js";
import { InvalidArgumentError, UnsupportedAlgorithmError } from "./errors.js";
import { formatHeader, keyVersionPair, parseSignatureHeader, type KeyVersion } from "./header.js";
import {
  cannotSign,
  keyRecord,
  RSASSA,
  type KeyRecord,
  type PrivateKey,
  type PublicKey,
  type WebCryptoKey,
} from "./keys.js";

/** The parts of an HTTP message that AlipayHK signs. Every field is used byte-for-byte. */
export interface Message {
  /** HTTP method as sent, e.g. `"POST"` (not upper-cased for you). */
  method: string;
  /** Path plus query string, without scheme and host, e.g. `"/api/open/alipay/v1/merchant/order/sync"`. */
  path: string;
  /** The `Client-Id` header value. */
  clientId: string;
  /** The `Request-Time` (requests) or `Response-Time` (responses) header value, exactly as sent. */
  time: string;
  /** The exact body text sent (the ciphertext when the body is encrypted). */
  body: string;
}

/** Options of {@link sign}. */
export interface SignOptions {
  /** `keyVersion` written into the header; default `1`; `null` leaves it out (AlipayHK then uses the latest key). */
  keyVersion?: KeyVersion;
}

/**
 * A signature algorithm as named in the `Signature` header. A registry rather than a hard-coded
 * branch so that `ECC224` (named by AlipayHK, but not specified precisely anywhere public) can be
 * added once it is defined.
 */
interface SignatureAlgorithm {
  sign(key: KeyRecord, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
  verify(key: KeyRecord, signature: Uint8Array<ArrayBuffer>, data: Uint8Array<ArrayBuffer>): Promise<boolean>;
}

// Keyed by upper-case header name.
const ALGORITHMS: Record<string, SignatureAlgorithm> = {
  RSA256: {
    // a private key the runtime imported but cannot use (see keys.ts) fails here: typed, like at import
    sign: (key, data) =>
      crypto.subtle.sign(RSASSA.name, key.signingKey, data).catch((cause: unknown) => {
        throw cannotSign(cause);
      }),
    verify: (key, signature, data) =>
      // A wrong-length signature is simply not valid; some runtimes throw instead of returning false.
      signature.length === Math.ceil(key.modulusBits / 8)
        ? crypto.subtle.verify(RSASSA.name, key.signingKey, signature, data)
        : Promise.resolve(false),
  },
};

function algorithm(name: string): SignatureAlgorithm {
  const found = Object.hasOwn(ALGORITHMS, name) ? ALGORITHMS[name] : undefined;
  if (!found) throw new UnsupportedAlgorithmError("Signature", name, Object.keys(ALGORITHMS));
  return found;
}

/**
 * The exact text AlipayHK signs: `${method} ${path}\n${clientId}.${time}.${body}`.
 *
 * Nothing is normalised (no upper-casing, trimming or JSON re-serialisation): the gateway signs
 * the literal strings, so any change would break the signature.
 *
 * @throws {InvalidArgumentError} when a field is not a string.
 */
export function contentToSign(message: Message): string {
  for (const field of ["method", "path", "clientId", "time", "body"] as const) {
    if (typeof message?.[field] !== "string") throw new InvalidArgumentError(`message.${field} must be a string`);
  }
  return `${message.method} ${message.path}\n${message.clientId}.${message.time}.${message.body}`;
}

/**
 * Signs a request (RSASSA-PKCS1-v1_5 with SHA-256 over the UTF-8 bytes of {@link contentToSign})
 * and returns the `Signature` header value:
 * `algorithm=RSA256,keyVersion=1,signature=<URL-encoded standard base64>`.
 *
 * @param privateKey - from {@link importPrivateKey} (import once, reuse), or a CryptoKey.
 * @throws {KeyFormatError} for a public key, anything that is not an imported key, or a key the runtime cannot
 *   sign with (its numbers do not fit together).
 * @throws {InvalidArgumentError} for a malformed message or keyVersion.
 */
export async function sign(
  message: Message,
  privateKey: PrivateKey | WebCryptoKey,
  options?: SignOptions | null,
): Promise<string> {
  const keyVersion = options?.keyVersion;
  keyVersionPair(keyVersion); // a bad option fails before the signature is paid for
  const data = utf8(contentToSign(message));
  const found = keyRecord(privateKey, "private", "sign");
  const key = found instanceof Promise ? await found : found;
  const signature = new Uint8Array(await algorithm("RSA256").sign(key, data));
  return formatHeader("RSA256", keyVersion, "signature", bytesToBase64(signature));
}

/**
 * Verifies a `Signature` header (typically a response's: pass the `Response-Time` header as
 * `message.time` and the raw response body as `message.body`).
 *
 * Returns `false` for a well-formed header whose signature does not match (tampered message, other
 * key); throws for a header that cannot be read, so a missing or mangled header is never mistaken
 * for a mere mismatch. If the body is encrypted, verify the ciphertext *before* decrypting it.
 *
 * @param publicKey - AlipayHK's key from {@link importPublicKey}, or a CryptoKey.
 * @throws {HeaderFormatError} `ERR_SIGNATURE_HEADER` for a missing or malformed header.
 * @throws {UnsupportedAlgorithmError} for an algorithm other than RSA256 (e.g. ECC224).
 */
export function verify(
  message: Message,
  signatureHeader: string | null | undefined,
  publicKey: PublicKey | WebCryptoKey,
): Promise<boolean> {
  // Not an async function: verify runs on every response, and the extra promise adoption is measurable.
  try {
    const header = parseSignatureHeader(signatureHeader);
    const alg = algorithm(header.algorithm);
    const data = utf8(contentToSign(message));
    const signature = checkedBase64ToBytes(header.signature); // parseSignatureHeader checked it
    const found = keyRecord(publicKey, "public", "verify");
    return found instanceof Promise
      ? found.then((key) => alg.verify(key, signature, data))
      : alg.verify(found, signature, data);
  } catch (error) {
    return Promise.reject(error);
  }
}
