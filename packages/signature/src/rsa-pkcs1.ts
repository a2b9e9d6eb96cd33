/**
 * RSAES-PKCS1-v1_5 (RFC 8017 §7.2) on BigInt, for wrapping the RSA_AES symmetric key.
 *
 * Why hand-written: crypto.subtle only offers RSA-OAEP, and Node ≥ 20.11 refuses PKCS#1 v1.5 in
 * privateDecrypt. The gateway family uses RSA/ECB/PKCS1Padding, so we need it on every runtime.
 *
 * BigInt arithmetic is not constant-time. Mitigations: RSA blinding, a fixed-window exponentiation
 * with a data-independent operation sequence, a branch-free padding check, and one generic error.
 * The protocol order (verify the signature over the body first, then decrypt) keeps forged bodies
 * out, but the Encrypt header is not signed, so a swapped wrapped key can still reach this code.
 */

/** RSA public numbers; `k` is the modulus length in bytes. */
export interface RsaPublicNumbers {
  n: bigint;
  e: bigint;
  k: number;
}

/** RSA private numbers; the CRT values are absent only for keys imported without them. */
export interface RsaPrivateNumbers extends RsaPublicNumbers {
  d: bigint;
  crt?: { p: bigint; q: bigint; dp: bigint; dq: bigint; qi: bigint };
  /** Blinding pair (r^e, r^-1) mod n, squared after each use and renewed every 32 uses. */
  blinding?: { a: bigint; ai: bigint; uses: number };
}

/** OS2IP: big-endian bytes to integer. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let hex = "";
  for (const b of bytes) hex += b.toString(16).padStart(2, "0");
  return hex === "" ? 0n : BigInt(`0x${hex}`);
}

/** I2OSP: integer to exactly `length` big-endian bytes. */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const hex = value.toString(16);
  if (value < 0n || hex.length > length * 2) throw new RangeError("integer too large");
  const padded = hex.padStart(length * 2, "0");
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** base64url (JWK member) to integer. */
export function base64UrlToBigInt(value: string): bigint {
  const b64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  let hex = "";
  for (let i = 0; i < binary.length; i++) hex += binary.charCodeAt(i).toString(16).padStart(2, "0");
  return hex === "" ? 0n : BigInt(`0x${hex}`);
}

const mod = (a: bigint, m: bigint): bigint => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

/**
 * base^exponent mod modulus with a fixed 4-bit window: four squarings and one multiplication per
 * hex digit whatever its value (the multiplication by table[0] = 1 is deliberate).
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  const table: bigint[] = [1n, mod(base, modulus)];
  for (let i = 2; i < 16; i++) table.push((table[i - 1]! * table[1]!) % modulus);
  let result = 1n;
  for (const digit of exponent.toString(16)) {
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * result) % modulus;
    result = (result * table[parseInt(digit, 16)]!) % modulus;
  }
  return result;
}

/**
 * base^exponent mod modulus by plain square-and-multiply, for PUBLIC exponents only (e = 65537
 * takes 17 multiplications instead of the fixed window's table of 14 plus 20).
 */
export function modPowPublic(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = mod(base, modulus);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result % modulus;
}

/** Modular inverse by the extended Euclidean algorithm; throws when none exists. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError("not invertible");
  return mod(oldS, m);
}

function randomBelow(n: bigint, k: number): bigint {
  for (;;) {
    const r = bytesToBigInt(crypto.getRandomValues(new Uint8Array(k))) % n;
    if (r > 1n) return r;
  }
}

/** RSAEP + EME-PKCS1-v1_5 encoding (RFC 8017 §7.2.1). */
export function rsaesPkcs1Encrypt(key: RsaPublicNumbers, message: Uint8Array): Uint8Array {
  const { k } = key;
  if (message.length > k - 11) throw new RangeError("message too long");
  // EM = 0x00 || 0x02 || PS (>= 8 random non-zero bytes) || 0x00 || M
  const em = new Uint8Array(k);
  em[1] = 0x02;
  const psEnd = k - message.length - 1;
  for (let i = 2; i < psEnd; ) {
    const random = crypto.getRandomValues(new Uint8Array(psEnd - i + 16));
    for (const b of random) if (b !== 0 && i < psEnd) em[i++] = b;
  }
  em.set(message, psEnd + 1);
  return bigIntToBytes(modPowPublic(bytesToBigInt(em), key.e, key.n), k);
}

// A fresh blinding pair needs a modular inverse (about as costly as a tenth of the decryption), so
// like OpenSSL we square the pair between uses ((r^2)^e = (r^e)^2) and renew it every 32 uses.
function nextBlinding(key: RsaPrivateNumbers): { a: bigint; ai: bigint } {
  const { n } = key;
  let b = key.blinding;
  if (!b || b.uses >= 32) {
    const r = randomBelow(n, key.k);
    b = key.blinding = { a: modPowPublic(r, key.e, n), ai: modInverse(r, n), uses: 0 };
  } else {
    b.a = (b.a * b.a) % n;
    b.ai = (b.ai * b.ai) % n;
  }
  b.uses++;
  return b;
}

/** RSADP with blinding, CRT when available, and a check of the result against the public key. */
function rsadp(key: RsaPrivateNumbers, c: bigint): bigint {
  const { n, e } = key;
  const blinding = nextBlinding(key);
  const blinded = (c * blinding.a) % n;
  let m: bigint;
  if (key.crt) {
    const { p, q, dp, dq, qi } = key.crt;
    const m1 = modPow(blinded % p, dp, p);
    const m2 = modPow(blinded % q, dq, q);
    m = m2 + mod(qi * (m1 - m2), p) * q;
  } else {
    m = modPow(blinded, key.d, n);
  }
  // Catches inconsistent CRT numbers (and faults) instead of returning garbage.
  if (modPowPublic(m, e, n) !== blinded) throw new RangeError("RSA self-check failed");
  return (m * blinding.ai) % n;
}

/**
 * RSADP + EME-PKCS1-v1_5 decoding (RFC 8017 §7.2.2) with the checks RSA_AES needs: first bytes
 * 0x00 0x02, at least 8 non-zero padding bytes, a 0x00 separator, and a message of exactly one of
 * `allowedLengths` bytes. Returns `undefined` on any failure (the caller raises one generic error).
 *
 * The padding is checked without early exits so that where it fails is not visible in timing.
 */
export function rsaesPkcs1Decrypt(
  key: RsaPrivateNumbers,
  ciphertext: Uint8Array,
  allowedLengths: readonly number[] = [16, 24, 32],
): Uint8Array | undefined {
  const { k } = key;
  if (ciphertext.length !== k) return undefined;
  const c = bytesToBigInt(ciphertext);
  if (c >= key.n) return undefined;
  let em: Uint8Array;
  try {
    em = bigIntToBytes(rsadp(key, c), k);
  } catch {
    return undefined;
  }
  let bad = em[0]! | (em[1]! ^ 0x02);
  let separator = 0; // index of the first 0x00 after the padding string
  for (let i = 2; i < k; i++) {
    const isZero = ((em[i]! - 1) >>> 31) & 1; // 1 when em[i] === 0
    const first = isZero & (separator === 0 ? 1 : 0);
    separator |= -first & i;
  }
  bad |= separator === 0 ? 1 : 0; // no separator
  bad |= separator < 10 ? 1 : 0; // fewer than 8 padding bytes
  const length = k - separator - 1;
  let lengthOk = 0;
  for (const allowed of allowedLengths) lengthOk |= length === allowed ? 1 : 0;
  bad |= lengthOk ^ 1;
  const message = em.slice(k - length);
  em.fill(0);
  if (bad !== 0) {
    message.fill(0);
    return undefined;
  }
  return message;
}
