/**
 * Why a request's signature was refused, for people (the console): the content the sandbox expected to be signed,
 * the keyVersion it saw, and the likely cause it can tell.
 *
 * RSASSA-PKCS1-v1_5 signatures can be opened with the public key (s^e mod n). A valid EMSA-PKCS1-v1_5 SHA-256
 * encoding inside means the merchant's key signed, but other content: its digest is then compared with plausible
 * variants of the request (body re-serialised, path without its query, the time written another way) to name the
 * change. Garbage inside means another key signed. Only public numbers are used; nothing secret is kept.
 */
import { contentToSign, formatRequestTime, parseSignatureHeader, type PublicKey } from "alipayhk-signature";
import { base64ToBytes, bytesToBigInt, modPowPublic, publicKeyNumbers } from "alipayhk-signature/internal";

/** What the sandbox can tell about a refused signature. */
export type SignatureCause =
  | "noMerchantKey"
  | "unreadableHeader"
  | "otherKey"
  | "bodyChanged"
  | "pathChanged"
  | "timeChanged"
  | "contentChanged"
  | "unknown";

/** The diagnosis of a request refused with INVALID_CLIENT or INVALID_SIGNATURE. */
export interface SignatureDiagnosis {
  /** `POST <path>\n<Client-Id>.<Request-Time>.<body>` as received: what a valid signature covers. */
  readonly expectedContent: string;
  /** SHA-256 of expectedContent, hex. */
  readonly expectedDigest: string;
  /** The SHA-256 digest the signature covers (hex), when it could be opened with the merchant's key. */
  readonly signedDigest?: string;
  /** The header's algorithm and keyVersion, as sent. */
  readonly algorithm?: string;
  readonly keyVersion?: string;
  readonly cause: SignatureCause;
  /** The cause in a sentence. */
  readonly explanation: string;
  /** The body's requestId, if it has one (unverified: the signature failed). */
  readonly requestId?: string;
}

/** A request as the gateway saw it. */
export interface SignedAttempt {
  readonly method: string;
  readonly path: string;
  readonly clientId: string;
  readonly time: string | null;
  readonly body: string;
  readonly signature: string | null;
}

/** An RSA public key's numbers: all that opening a signature needs. */
export interface RsaNumbers {
  readonly n: bigint;
  readonly e: bigint;
}

const encoder = new TextEncoder();
const hex = (bytes: Uint8Array) =>
  bytesToBigInt(bytes)
    .toString(16)
    .padStart(bytes.length * 2, "0");
const sha256 = async (text: string) => hex(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text))));

// DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1).
const SHA256_DIGEST_INFO = "3031300d060960864801650304020105000420";

/** The SHA-256 digest inside a signature (hex), or undefined when it is no EMSA-PKCS1-v1_5 encoding for this key. */
export function openSignature(signature: Uint8Array, key: RsaNumbers): string | undefined {
  const s = bytesToBigInt(signature);
  const k = Math.ceil(key.n.toString(16).length / 2);
  if (signature.length !== k || s >= key.n) return undefined;
  const encoded = modPowPublic(s, key.e, key.n)
    .toString(16)
    .padStart(k * 2, "0");
  const padding = encoded.length - 2 * (3 + SHA256_DIGEST_INFO.length / 2 + 32);
  const expected = `0001${"ff".repeat(padding / 2)}00${SHA256_DIGEST_INFO}`;
  return padding >= 16 && encoded.startsWith(expected) ? encoded.slice(expected.length) : undefined;
}

/**
 * The public numbers of a merchant's key (from importPublicKey, which reads every form a sandbox is given);
 * undefined when they cannot be read (a non-extractable CryptoKey), and the cause of a refusal then stays unknown.
 */
export async function rsaNumbers(key: PublicKey): Promise<RsaNumbers | undefined> {
  try {
    const { n, e } = await publicKeyNumbers(key);
    return { n, e };
  } catch {
    return undefined;
  }
}

/** Other ways the same request may have been written when it was signed, each with the cause it would show. */
function variants(
  attempt: SignedAttempt & { time: string },
): { cause: SignatureCause; explanation: string; content: string }[] {
  const out: { cause: SignatureCause; explanation: string; content: string }[] = [];
  const add = (cause: SignatureCause, explanation: string, field: { path?: string; time?: string; body?: string }) =>
    out.push({ cause, explanation, content: contentToSign({ ...attempt, ...field }) });
  const body = (how: string, changed: string) =>
    add("bodyChanged", `The body changed after signing: it was signed ${how}.`, { body: changed });
  try {
    const parsed: unknown = JSON.parse(attempt.body);
    body("as compact JSON (JSON.stringify of the same value)", JSON.stringify(parsed));
    for (const indent of [2, 4]) body(`as JSON indented by ${indent} spaces`, JSON.stringify(parsed, null, indent));
  } catch {
    // not JSON (e.g. an encrypted body): only whitespace variants
  }
  body("without surrounding whitespace", attempt.body.trim());
  body("with a trailing newline", `${attempt.body}\n`);
  const path = (how: string, changed: string) =>
    add("pathChanged", `The path is not the one signed: it was signed ${how} (${changed}).`, { path: changed });
  const query = attempt.path.indexOf("?");
  if (query >= 0) path("without its query", attempt.path.slice(0, query));
  if (attempt.path.endsWith("/")) path("without its trailing slash", attempt.path.slice(0, -1));
  else path("with a trailing slash", `${attempt.path}/`);
  const instant = new Date(attempt.time);
  if (!Number.isNaN(instant.getTime())) {
    for (const time of [
      instant.toISOString(),
      formatRequestTime(instant),
      formatRequestTime(instant, { offsetMinutes: 480 }),
    ]) {
      add(
        "timeChanged",
        `Request-Time is not the one signed: it was signed as ${time}, the same instant written another way.`,
        { time },
      );
    }
  }
  const received = contentToSign(attempt);
  return out.filter((v, i) => v.content !== received && out.findIndex((w) => w.content === v.content) === i);
}

/** The call's ID: the body member the operation's spec names (its x-idempotency-key), if the body has one. */
function requestIdOf(body: string, key: string | undefined): { requestId?: string } {
  if (key === undefined) return {};
  try {
    const requestId = (JSON.parse(body) as Record<string, unknown>)[key];
    return typeof requestId === "string" ? { requestId } : {};
  } catch {
    return {};
  }
}

/**
 * Diagnoses a refused signature. `key` is the merchant's public numbers: null when no key is registered for the
 * Client-Id, undefined when the key is registered but its numbers are unknown.
 */
export async function diagnoseSignature(
  attempt: SignedAttempt,
  key: RsaNumbers | null | undefined,
  registered: readonly string[],
  idempotencyKey?: string,
): Promise<SignatureDiagnosis> {
  const time = attempt.time ?? "";
  const expectedContent = contentToSign({ ...attempt, time });
  const base = {
    expectedContent,
    expectedDigest: await sha256(expectedContent),
    ...requestIdOf(attempt.body, idempotencyKey),
  };
  if (key === null) {
    const known = registered.length ? `registered: ${registered.join(", ")}` : "none is registered";
    const who = attempt.clientId ? `Client-Id ${attempt.clientId}` : "a request without a Client-Id header";
    return {
      ...base,
      cause: "noMerchantKey",
      explanation: `The sandbox has no merchant public key for ${who} (${known}).`,
    };
  }
  let header: ReturnType<typeof parseSignatureHeader>;
  try {
    header = parseSignatureHeader(attempt.signature);
  } catch (error) {
    return {
      ...base,
      cause: "unreadableHeader",
      explanation: `The Signature header cannot be read: ${(error as Error).message}.`,
    };
  }
  const seen = {
    algorithm: header.algorithm,
    ...(header.keyVersion !== undefined && { keyVersion: header.keyVersion }),
  };
  if (header.algorithm !== "RSA256") {
    return {
      ...base,
      ...seen,
      cause: "unreadableHeader",
      explanation: `The algorithm ${header.algorithm} is not supported; AlipayHK signs with RSA256.`,
    };
  }
  if (key === undefined) {
    return {
      ...base,
      ...seen,
      cause: "unknown",
      explanation:
        "The signature does not match; the sandbox cannot open it (the merchant key is a CryptoKey that is not extractable).",
    };
  }
  const signedDigest = openSignature(base64ToBytes(header.signature) ?? new Uint8Array(0), key);
  if (signedDigest === undefined) {
    return {
      ...base,
      ...seen,
      cause: "otherKey",
      explanation: `Signed by another key: the signature does not open with the public key registered for Client-Id ${attempt.clientId}${header.keyVersion ? ` (the header says keyVersion=${header.keyVersion})` : ""}.`,
    };
  }
  const opened = { ...base, ...seen, signedDigest };
  if (!attempt.time)
    return {
      ...opened,
      cause: "timeChanged",
      explanation: "The merchant's key signed other content; the request has no Request-Time header.",
    };
  for (const { cause, explanation, content } of variants({ ...attempt, time })) {
    if ((await sha256(content)) === signedDigest) return { ...opened, cause, explanation };
  }
  return {
    ...opened,
    cause: "contentChanged",
    explanation:
      "The merchant's key signed, but other content: the method, path, Client-Id, Request-Time or body signed differ from those received (compare with the expected content).",
  };
}
