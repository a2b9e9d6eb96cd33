/**
 * Just enough DER to (1) tell RSA key containers apart, so that a public key given as a private
 * one (or the reverse) gets a precise error, and (2) wrap PKCS#1 keys into the PKCS#8 / SPKI
 * containers that crypto.subtle.importKey accepts. Not an ASN.1 parser: it recognises the fixed
 * prefixes every encoder writes for RSA keys, and WebCrypto does the real validation on import.
 * Kept tiny because it is on every signing client's bundle.
 */

// AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
const RSA_ALGORITHM_ID = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];

/** "pkcs8" / "spki": RSA in the standard container; "pkcs1" / "pkcs1-public": bare RSA key; "other": anything else. */
export type DerKind = "pkcs8" | "spki" | "pkcs1" | "pkcs1-public" | "other";

/** Classifies DER by its leading bytes. */
export function classifyDer(der: Uint8Array): DerKind {
  if (der[0] !== 0x30) return "other";
  const lengthBytes = der[1]! & 0x80 ? der[1]! & 0x7f : 0;
  const body = 2 + lengthBytes; // offset of the first element inside the outer SEQUENCE
  const rsaIdAt = (offset: number) => RSA_ALGORITHM_ID.every((b, i) => der[offset + i] === b);
  const at = (offset: number) => der[body + offset];
  if (rsaIdAt(body)) return "spki"; // SEQUENCE { AlgorithmIdentifier, BIT STRING }
  if (at(0) === 0x02 && at(1) === 0x01 && at(2) === 0x00) {
    if (rsaIdAt(body + 3)) return "pkcs8"; // SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING }
    if (at(3) === 0x02) return "pkcs1"; // SEQUENCE { INTEGER 0 (version), INTEGER n, ... }
  }
  // SEQUENCE { INTEGER n (hundreds of bytes, long-form length), INTEGER e }
  if (at(0) === 0x02 && at(1)! & 0x80 && lengthBytes) return "pkcs1-public";
  return "other";
}

function encodeTlv(tag: number, content: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const n = content.length;
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff]; // keys stay < 64 KB
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(content, 1 + length.length);
  return out;
}

const concat = (...parts: ArrayLike<number>[]): number[] => parts.flatMap((p) => Array.from(p));

/** PKCS#1 RSAPrivateKey -> PKCS#8 PrivateKeyInfo (RFC 5208), the only private DER importKey takes. */
export function pkcs1PrivateToPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeTlv(0x30, concat([0x02, 0x01, 0x00], RSA_ALGORITHM_ID, encodeTlv(0x04, pkcs1)));
}

/** PKCS#1 RSAPublicKey -> SubjectPublicKeyInfo (RFC 5280), the only public DER importKey takes. */
export function pkcs1PublicToSpki(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  return encodeTlv(0x30, concat(RSA_ALGORITHM_ID, encodeTlv(0x03, concat([0x00], pkcs1))));
}

/**
 * The SubjectPublicKeyInfo of an X.509 certificate (RFC 5280 §4.1), or undefined when `der` is not shaped like one:
 * Certificate = SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity,
 * subject, subjectPublicKeyInfo, ... }, ... }. Only the structure is read: nothing in the certificate is checked.
 */
export function spkiOfCertificate(der: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  /** The element at `at`: its tag, where its content starts and where it ends. */
  const element = (at: number) => {
    let length = der[at + 1] ?? NaN;
    let start = at + 2;
    if (length > 0x80 && length < 0x84) {
      const count = length & 0x7f;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? NaN);
      start += count;
    } else if (length >= 0x80) length = NaN; // indefinite or absurd: not DER
    const end = start + length;
    return end <= der.length ? { tag: der[at], start, end } : undefined;
  };
  const certificate = element(0);
  const tbs = certificate?.tag === 0x30 ? element(certificate.start) : undefined;
  if (tbs?.tag !== 0x30) return undefined;
  let at = tbs.start;
  if (der[at] === 0xa0) at = element(at)?.end ?? NaN; // the explicit [0] version
  for (let skipped = 0; skipped < 5; skipped++) at = element(at)?.end ?? NaN; // serialNumber ... subject
  const spki = element(at);
  return spki?.tag === 0x30 && spki.end <= tbs.end ? der.slice(at, spki.end) : undefined;
}
