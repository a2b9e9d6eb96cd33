/**
 * Key import. Importing is explicit and done once: on Node, parsing a PKCS#8 key costs more than
 * the signature itself, so sign/verify only ever take already imported keys.
 *
 * WebCrypto imports the keys; der.ts reads what a PEM or bare base64 DER (what AlipayHK's key tool
 * hands out) really holds, so that PKCS#1 keys are wrapped, a certificate's public key is found and
 * a key of the wrong kind is named, and every failure becomes a KeyFormatError that says what is
 * wrong without quoting the key. (jose did the importing for a while: any of its importers brings its
 * whole JWS/JWE algorithm table, 2.2 kB gzip of the client's 8 kB budget, for what is one
 * `crypto.subtle.importKey` call once the container is known. It still generates and exports keys
 * for the sandbox and the CLI.)
 *
 * The objects handed out are opaque, frozen `{ type, modulusBits }` records. The CryptoKey and the
 * material RSA_AES needs live in a module-private WeakMap, so logging, JSON.stringify or an error
 * never shows key material.
 *
 * This module is on every signing client's bundle: messages are kept short on purpose.
 */
import { base64ToBytes } from "./base64.js";
import { classifyDer, pkcs1PrivateToPkcs8, pkcs1PublicToSpki, spkiOfCertificate } from "./der.js";
import { KeyFormatError } from "./errors.js";

declare const keyBrand: unique symbol;

/**
 * An imported RSA private key (from {@link importPrivateKey}). Opaque: it shows only its type and
 * size, works with `sign` and `decryptBody`, and cannot be forged from a plain object.
 */
export interface PrivateKey {
  readonly type: "private";
  /** RSA modulus size in bits (at least 2048). */
  readonly modulusBits: number;
  readonly [keyBrand]: "private";
}

/** An imported RSA public key (from {@link importPublicKey}); works with `verify` and `encryptBody`. */
export interface PublicKey {
  readonly type: "public";
  /** RSA modulus size in bits (at least 2048). */
  readonly modulusBits: number;
  readonly [keyBrand]: "public";
}

/**
 * A WebCrypto `CryptoKey`, described by its shape so that the published types need no DOM lib (a
 * Node-only project's `lib` may not have one). Every real CryptoKey fits.
 */
export interface WebCryptoKey {
  readonly type: string;
  readonly extractable: boolean;
  readonly algorithm: object;
  readonly usages: readonly string[];
}

/**
 * A JSON Web Key (RFC 7517; RSA members from RFC 7518 §6.3), described by its shape for the same reason; a DOM
 * JsonWebKey fits. Only RSA keys import; the other members are listed so that any JWK can be passed and refused.
 */
export interface Jwk {
  kty?: unknown;
  kid?: unknown;
  crv?: unknown;
  x?: unknown;
  y?: unknown;
  k?: unknown;
  x5c?: unknown;
  x5t?: unknown;
  "x5t#S256"?: unknown;
  x5u?: unknown;
  n?: unknown;
  e?: unknown;
  d?: unknown;
  p?: unknown;
  q?: unknown;
  dp?: unknown;
  dq?: unknown;
  qi?: unknown;
  oth?: unknown;
  alg?: unknown;
  use?: unknown;
  key_ops?: unknown;
  ext?: unknown;
}

/**
 * What {@link importPrivateKey} accepts: PEM (PKCS#8 or PKCS#1), bare base64 DER of either (the
 * format AlipayHK's key tool hands out), DER bytes, a JWK (object or JSON text), a CryptoKey, or an
 * already imported {@link PrivateKey}.
 */
export type PrivateKeyInput = string | Uint8Array | Jwk | WebCryptoKey | PrivateKey;

/**
 * What {@link importPublicKey} accepts: PEM (SPKI, PKCS#1 or an X.509 certificate), bare base64 DER of
 * SPKI or PKCS#1, DER bytes, a JWK (object or JSON text), a CryptoKey, or an already imported {@link PublicKey}.
 */
export type PublicKeyInput = string | Uint8Array | Jwk | WebCryptoKey | PublicKey;

type KeyType = "private" | "public";

/** Where RSA_AES finds the RSA numbers; read lazily so signing-only users never pay for it. */
export type KeyMaterial =
  | { readonly format: "pkcs8"; readonly der: Uint8Array<ArrayBuffer> }
  | { readonly format: "jwk"; readonly jwk: JsonWebKey }
  | { readonly format: "cryptokey"; readonly key: CryptoKey };

/** @internal What the WeakMap holds for each key object (and for each CryptoKey already checked). */
export interface KeyRecord {
  readonly type: KeyType;
  readonly modulusBits: number;
  /** RSASSA-PKCS1-v1_5 / SHA-256 key; non-extractable for private keys we imported. */
  readonly signingKey: CryptoKey;
  /** Undefined for a non-extractable CryptoKey given by the caller. */
  readonly material: KeyMaterial | undefined;
}

/** A key ready for importKey: DER (PKCS#8 or SPKI, PKCS#1 already wrapped, a certificate's key taken out), or a JWK's RSA numbers. */
type Decoded = { format: "pkcs8" | "spki"; der: Uint8Array<ArrayBuffer> } | { format: "jwk"; jwk: JsonWebKey };
type KeyCode = "ERR_KEY_TYPE" | "ERR_KEY_TOO_SMALL";

const records = new WeakMap<object, KeyRecord>();
/** @internal The algorithm AlipayHK calls RSA256, as WebCrypto names it. */
export const RSASSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;
const MIN_BITS = 2048;
const MAX_INPUT = 65536; // far above any real key; keeps garbage cheap to reject

const fail = (message: string, code?: KeyCode): KeyFormatError => new KeyFormatError(message, code && { code });
/** @internal */
export const wrongType = (got: string, want: KeyType): KeyFormatError =>
  fail(`expected a ${want} key, got a ${got} key`, "ERR_KEY_TYPE");
const usageOf = (want: KeyType): KeyUsage => (want === "private" ? "sign" : "verify");

const UNKNOWN = "unrecognised key; expected PEM, base64 DER, JWK or CryptoKey";
const ENCRYPTED = "encrypted private keys are not supported; decrypt first (openssl pkcs8)";
const NOT_RSA = "not an RSA key in PKCS#8, PKCS#1 or SPKI form";

function fromDer(der: Uint8Array<ArrayBuffer>, want: KeyType): Decoded {
  const kind = classifyDer(der);
  if (kind === "other") throw fail(NOT_RSA);
  const got: KeyType = kind === "pkcs8" || kind === "pkcs1" ? "private" : "public";
  if (got !== want) throw wrongType(got, want);
  if (got === "private") return { format: "pkcs8", der: kind === "pkcs1" ? pkcs1PrivateToPkcs8(der) : der };
  return { format: "spki", der: kind === "pkcs1-public" ? pkcs1PublicToSpki(der) : der };
}

function fromPem(text: string, want: KeyType): Decoded {
  // Keys pasted into env vars often arrive with literal "\n" escapes instead of newlines.
  text = text.replace(/\\r/g, "").replace(/\\n/g, "\n").trim();
  const m = /^-----BEGIN ([A-Z0-9 ]+)-----((?:(?!-----)[\s\S])*)-----END \1-----$/.exec(text);
  if (!m) throw fail("malformed PEM");
  const [, label, body] = m as unknown as [string, string, string];
  // Legacy OpenSSL encryption adds "Proc-Type: 4,ENCRYPTED" headers inside the block.
  if (label === "ENCRYPTED PRIVATE KEY" || body.includes(":")) throw fail(ENCRYPTED);
  const certificate = label === "CERTIFICATE";
  if (certificate && want === "private")
    throw fail("expected a private key, got a certificate (it holds a public key)", "ERR_KEY_TYPE");
  if (!certificate && !/^(RSA )?(PRIVATE|PUBLIC) KEY$/.test(label))
    throw fail(`PEM "${label.slice(0, 24)}" is not an RSA key`);
  const der = base64ToBytes(body.replace(/\s+/g, ""));
  if (!der) throw fail("PEM body is not base64");
  if (certificate) {
    const spki = spkiOfCertificate(der);
    if (!spki || classifyDer(spki) !== "spki") throw fail("invalid X.509 certificate, or its public key is not RSA");
    return { format: "spki", der: spki };
  }
  // the bytes, not the label, say what is inside: a mislabelled PKCS#1 key is still wrapped, a public key still named
  return fromDer(der, want);
}

function fromJwk(jwk: Record<string, unknown>, want: KeyType): Decoded {
  if (jwk.kty !== "RSA") throw fail(jwk.kty === undefined ? UNKNOWN : "JWK is not an RSA key");
  if ((jwk.d === undefined ? "public" : "private") !== want)
    throw wrongType(want === "private" ? "public" : "private", want);
  if (jwk.oth !== undefined) throw fail("multi-prime RSA keys are not supported");
  // Copy only the numbers: "alg", "use", "key_ops" or "ext" written by another tool would make
  // importKey refuse an otherwise fine key for RSASSA-PKCS1-v1_5.
  const clean: Record<string, unknown> = { kty: "RSA" };
  for (const f of want === "private" ? ["n", "e", "d", "p", "q", "dp", "dq", "qi"] : ["n", "e"]) {
    const v = jwk[f];
    // base64url numbers only: some runtimes read a garbled "n" as a 0-bit modulus instead of refusing it
    // (a length of 4k + 1 is no base64 at all: some runtimes import it anyway, and it fails much later)
    if (typeof v === "string" && /^[A-Za-z0-9_-]+$/.test(v) && v.length % 4 !== 1) clean[f] = v;
    else if (v !== undefined) throw fail(`JWK "${f}" is not a base64url string`);
  }
  return { format: "jwk", jwk: clean as JsonWebKey };
}

function decode(input: unknown, want: KeyType): Decoded {
  if (typeof input === "string" || input instanceof Uint8Array) {
    if (input.length > MAX_INPUT) throw fail("key input is too long");
    if (typeof input !== "string") return fromDer(new Uint8Array(input), want); // copy: callers reuse buffers
    const text = input.trim();
    if (text[0] === "{") {
      try {
        input = JSON.parse(text);
      } catch {
        throw fail(UNKNOWN);
      }
    } else {
      if (text.includes("-----")) return fromPem(text, want);
      const der = base64ToBytes(text.replace(/\s+/g, ""));
      if (!der) throw fail(UNKNOWN);
      return fromDer(der, want);
    }
  }
  if (typeof input !== "object" || input === null) throw fail(UNKNOWN);
  return fromJwk(input as Record<string, unknown>, want);
}

async function importRsassa(decoded: Decoded, want: KeyType, extractable: boolean): Promise<CryptoKey> {
  const usages = [usageOf(want)];
  try {
    return await (decoded.format === "jwk"
      ? crypto.subtle.importKey("jwk", decoded.jwk, RSASSA, extractable, usages)
      : crypto.subtle.importKey(decoded.format, decoded.der, RSASSA, extractable, usages));
  } catch (cause) {
    // the container was checked before: what is left is the key itself
    throw new KeyFormatError("invalid RSA key data", { cause });
  }
}

/** @internal A private key the runtime imported but cannot sign with. */
export const cannotSign = (cause: unknown): KeyFormatError =>
  new KeyFormatError("invalid RSA key data: the key cannot sign (its numbers do not fit together)", { cause });

/**
 * One signature at import of a JWK: some runtimes import a private JWK whose numbers do not fit together, and only
 * fail (with an untyped error) on every later sign. A PKCS#8 key comes whole from a key tool, and most runtimes check
 * it at import; where one does not (Deno, for a damaged key), `sign()` reports the failure as this same
 * KeyFormatError. Not paid for PKCS#8: it is an RSA private-key operation on every cold start (1.4 ms in workerd).
 */
async function trialSignature(key: CryptoKey): Promise<void> {
  try {
    await crypto.subtle.sign(RSASSA.name, key, new Uint8Array(1));
  } catch (cause) {
    throw cannotSign(cause);
  }
}

function modulusBits(key: CryptoKey): number {
  const { modulusLength: bits = 0, publicExponent: e } = key.algorithm as Partial<RsaHashedKeyAlgorithm>;
  if (bits < MIN_BITS)
    throw fail(`RSA key has ${bits} bits; AlipayHK requires at least ${MIN_BITS}`, "ERR_KEY_TOO_SMALL");
  // Some runtimes import a JWK with an empty "e" and only fail when signing; catch it here.
  if (!e || !(e[e.length - 1]! & 1) || (e.length === 1 && e[0] === 1)) throw fail("invalid RSA public exponent");
  return bits;
}

const isCryptoKey = (value: unknown): value is CryptoKey =>
  typeof CryptoKey !== "undefined" && value instanceof CryptoKey;

async function fromCryptoKey(key: CryptoKey, want: KeyType): Promise<KeyRecord> {
  // async so that a bad CryptoKey rejects (like every other failure of sign/verify) instead of throwing
  if (key.type !== want) throw wrongType(key.type, want);
  const algorithm = key.algorithm as { name: string; hash?: { name: string } };
  // Only a key made for this exact use can sign/verify; an RSA-OAEP or RSA-PSS CryptoKey is refused
  // (re-importing it would need it extractable: pass its PEM/JWK to the importer instead).
  if (algorithm.name !== RSASSA.name || algorithm.hash?.name !== RSASSA.hash || !key.usages.includes(usageOf(want))) {
    throw fail(`CryptoKey is not RSASSA-PKCS1-v1_5/SHA-256 "${usageOf(want)}"; pass the PEM/JWK`, "ERR_KEY_TYPE");
  }
  return {
    type: want,
    modulusBits: modulusBits(key),
    signingKey: key,
    material: key.extractable ? { format: "cryptokey", key } : undefined,
  };
}

async function importKeyAs(input: unknown, want: KeyType): Promise<PrivateKey | PublicKey> {
  let record: KeyRecord;
  if (isCryptoKey(input)) {
    record = await keyRecord(input, want, "");
  } else {
    const existing = typeof input === "object" && input !== null && records.get(input);
    if (existing) {
      if (existing.type !== want) throw wrongType(existing.type, want);
      return input as PrivateKey | PublicKey;
    }
    const decoded = decode(input, want);
    // Private keys stay non-extractable; their input is kept (privately) for RSA_AES instead.
    // Public keys are not secret: they stay extractable and RSA_AES exports them when needed.
    const signingKey = await importRsassa(decoded, want, want === "public");
    if (want === "private" && decoded.format === "jwk") await trialSignature(signingKey);
    record = {
      type: want,
      modulusBits: modulusBits(signingKey),
      signingKey,
      // a private key decodes to PKCS#8 PEM or a JWK only
      material: want === "public" ? { format: "cryptokey", key: signingKey } : (decoded as KeyMaterial),
    };
  }
  const key = Object.freeze({ type: want, modulusBits: record.modulusBits }) as PrivateKey | PublicKey;
  records.set(key, record);
  return key;
}

/**
 * Imports an RSA private key once, for `sign` and `decryptBody`.
 *
 * Accepts PEM PKCS#8 (`BEGIN PRIVATE KEY`), PEM PKCS#1 (`BEGIN RSA PRIVATE KEY`), bare base64 DER
 * of either (what AlipayHK's key tool hands out), DER bytes, a JWK (object or JSON text), a
 * CryptoKey, or a key this function already returned (returned as is). Literal `\n` escapes in a
 * PEM (as often found in environment variables) are accepted.
 *
 * @throws {KeyFormatError} `ERR_KEY_FORMAT` for EC keys, encrypted keys, unknown PEM labels or
 *   garbage; `ERR_KEY_TYPE` for a public key or a certificate; `ERR_KEY_TOO_SMALL` below 2048 bits.
 */
export async function importPrivateKey(key: PrivateKeyInput): Promise<PrivateKey> {
  return (await importKeyAs(key, "private")) as PrivateKey;
}

/**
 * Imports an RSA public key once (AlipayHK's, for `verify`; or a recipient's, for `encryptBody`).
 *
 * Accepts PEM SPKI (`BEGIN PUBLIC KEY`), PEM PKCS#1 (`BEGIN RSA PUBLIC KEY`), an X.509 certificate
 * in PEM (`BEGIN CERTIFICATE`: only its public key is used; its signature, dates and issuer are not
 * checked, so it must come from a source you trust, like a bare key), bare base64 DER of SPKI or
 * PKCS#1, DER bytes, a JWK (object or JSON text), a CryptoKey, or a key this function already returned.
 *
 * @throws {KeyFormatError} `ERR_KEY_FORMAT` for EC keys (or certificates of them) or garbage;
 *   `ERR_KEY_TYPE` for a private key; `ERR_KEY_TOO_SMALL` below 2048 bits.
 */
export async function importPublicKey(key: PublicKeyInput): Promise<PublicKey> {
  return (await importKeyAs(key, "public")) as PublicKey;
}

/**
 * @internal The record of an imported key, or of a CryptoKey (checked once, then cached).
 * `operation` names the caller in the error for anything else (e.g. a PEM string).
 */
export function keyRecord(key: unknown, want: KeyType, operation: string): KeyRecord | Promise<KeyRecord> {
  // Synchronous for keys seen before: sign/verify run per request and every await costs a tick.
  const record = typeof key === "object" && key !== null ? records.get(key) : undefined;
  if (record) {
    if (record.type !== want) throw wrongType(record.type, want);
    return record;
  }
  if (!isCryptoKey(key))
    throw fail(
      `${operation}() takes a key from import${want === "private" ? "Private" : "Public"}Key() or a CryptoKey`,
      "ERR_KEY_TYPE",
    );
  return fromCryptoKey(key, want).then((checked) => {
    records.set(key, checked);
    return checked;
  });
}
