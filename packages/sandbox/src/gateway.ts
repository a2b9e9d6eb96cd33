/**
 * What the gateway checks before the order service sees a request, in this order: body size, Client-Id,
 * Request-Time, Signature (over the raw body, before anything is decrypted or parsed), Encrypt, JSON.
 * Nothing here changes the sandbox's state.
 */
import { AlipayHKError, decryptBody, verify, type PrivateKey, type PublicKey } from "alipayhk-signature";
import { parseAlipayTime, type AlipayTimeForm } from "alipayhk-signature/internal";
import type { SignatureDiagnosis, SignedAttempt } from "./diagnose.js";
import type { Answer } from "./store.js";

/** What the gateway learnt of a request, whether it let it through or not. */
interface Seen {
  /** The method, and the path and query: what the signatures cover. */
  readonly method: string;
  readonly path: string;
  /** The Client-Id header ("" when missing). */
  readonly clientId: string;
  /** The merchant's key, once the Client-Id is known. */
  readonly merchantKey?: PublicKey;
  /** The body was RSA_AES-encrypted and decrypted successfully: answer encrypted. */
  readonly encrypted: boolean;
  /** The Request-Time form, when it is one of Alipay's SDKs' forms other than the documented ISO-8601 one. */
  readonly requestTimeForm?: Exclude<AlipayTimeForm, "iso-8601">;
}

/** A request as far as the gateway got with it: answered by the gateway itself, or an order for the order service. */
export type Incoming =
  | (Seen & { readonly rejection: Answer; readonly diagnosis?: SignatureDiagnosis })
  | (Seen & {
      readonly rejection?: undefined;
      /** The (decrypted) body text, whose signature verified. */
      readonly text: string;
      /** The body as a JSON object. */
      readonly order: Record<string, unknown>;
    });

/** What the gateway needs from the sandbox. */
export interface GatewayContext {
  readonly maxBodyBytes: number;
  readonly merchants: ReadonlyMap<string, PublicKey>;
  readonly privateKey: PrivateKey;
  /** Explains a refused Client-Id or signature (for the console). */
  readonly diagnose?: (attempt: SignedAttempt) => Promise<SignatureDiagnosis>;
}

const reject = (httpStatus: number, code: Answer["code"], message: string): Answer => ({ httpStatus, code, message });

/** Reads the body as text, or returns undefined as soon as it is larger than `max` bytes. */
async function readBody(request: Request, max: number): Promise<string | undefined> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > max) return undefined;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // Keep a BOM: the signature covers the exact text. Invalid UTF-8 simply fails the signature.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** Runs the gateway's checks on a request to the sync path. */
export async function passGateway(request: Request, path: string, context: GatewayContext): Promise<Incoming> {
  const clientId = request.headers.get("Client-Id") ?? "";
  const base = { method: request.method, path, clientId, encrypted: false };

  const raw = await readBody(request, context.maxBodyBytes);
  if (raw === undefined) {
    return {
      ...base,
      rejection: reject(413, "PARAM_ILLEGAL", `the request body is larger than ${context.maxBodyBytes} bytes`),
    };
  }

  const attempt = {
    method: request.method,
    path,
    clientId,
    time: request.headers.get("Request-Time"),
    body: raw,
    signature: request.headers.get("Signature"),
  };
  const refused = async (rejection: Answer) => ({
    rejection,
    ...(context.diagnose && { diagnosis: await context.diagnose(attempt) }),
  });

  const merchantKey = context.merchants.get(clientId);
  if (!merchantKey) {
    return {
      ...base,
      ...(await refused(
        reject(
          200,
          "INVALID_CLIENT",
          clientId ? `Client-Id ${clientId} is not registered with the sandbox` : "the Client-Id header is missing",
        ),
      )),
    };
  }
  const known = { ...base, merchantKey };

  // Alipay's own SDKs send three forms (ISO-8601 with +08:00, with +0800, epoch milliseconds); the signature covers
  // the text as sent, whatever its form.
  const time = request.headers.get("Request-Time");
  const parsed = time === null ? undefined : parseAlipayTime(time);
  if (time === null || !parsed) {
    const problem =
      time === null ? "is missing" : "must be an ISO-8601 date-time with a time zone, e.g. 2024-05-22T06:42:21+08:00";
    return { ...known, rejection: reject(200, "PARAM_ILLEGAL", `the Request-Time header ${problem}`) };
  }
  const timed: Seen = parsed.form === "iso-8601" ? known : { ...known, requestTimeForm: parsed.form };

  let valid: boolean;
  try {
    valid = await verify(
      { method: request.method, path, clientId, time, body: raw },
      request.headers.get("Signature"),
      merchantKey,
    );
  } catch (error) {
    if (!(error instanceof AlipayHKError)) throw error;
    return { ...timed, ...(await refused(reject(200, "INVALID_SIGNATURE", error.message))) };
  }
  if (!valid) {
    return {
      ...timed,
      ...(await refused(
        reject(
          200,
          "INVALID_SIGNATURE",
          "the signature does not match the request (method, path, Client-Id, Request-Time and body)",
        ),
      )),
    };
  }

  let text = raw;
  const encryptHeader = request.headers.get("Encrypt");
  if (encryptHeader !== null) {
    try {
      text = await decryptBody(raw, encryptHeader, context.privateKey);
    } catch (error) {
      if (!(error instanceof AlipayHKError)) throw error;
      const detail = error.message.startsWith("Encrypt header") ? error.message : `Encrypt header: ${error.message}`;
      return { ...timed, rejection: reject(200, "PARAM_ILLEGAL", detail) };
    }
  }
  const decrypted = { ...timed, encrypted: encryptHeader !== null, text };

  let order: unknown;
  try {
    order = JSON.parse(text);
  } catch {
    return { ...decrypted, rejection: reject(200, "PARAM_ILLEGAL", "the body is not valid JSON") };
  }
  if (typeof order !== "object" || order === null || Array.isArray(order)) {
    return { ...decrypted, rejection: reject(200, "PARAM_ILLEGAL", "the body must be a JSON object (the order)") };
  }
  return { ...decrypted, order: order as Record<string, unknown> };
}
