// Shared by the security tests: a scriptable AlipayHK answering through an injected fetch (signed with
// node:crypto, independently of alipayhk-signature), and the "no secrets in messages" check.
import { createSign, generateKeyPairSync, type KeyObject } from "node:crypto";
import { expect } from "vitest";
import { OPERATIONS } from "alipayhk-spec";

export const CLIENT_ID = "4Q5Y8W0WSG45P907917";
export const BASE_URL = "https://alipay.test";

export interface PemPair {
  key: KeyObject;
  privatePem: string;
  publicPem: string;
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
}

export function rsa(bits = 2048): PemPair {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: bits });
  return {
    key: privateKey,
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    publicPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    privateJwk: privateKey.export({ format: "jwk" }) as JsonWebKey,
    publicJwk: publicKey.export({ format: "jwk" }) as JsonWebKey,
  };
}

export const merchant = rsa();
export const alipay = rsa();
export const stranger = rsa();

/** `Response-Time` for now (or `now + skewMs`), second precision with an offset, as AlipayHK writes it. */
export const responseTime = (skewMs = 0) => `${new Date(Date.now() + skewMs).toISOString().slice(0, 19)}+00:00`;

/** base64 RSA-SHA256 of the AlipayHK content string. */
export function signB64(content: string, key: KeyObject = alipay.key): string {
  return createSign("RSA-SHA256").update(content, "utf8").sign(key, "base64");
}

export const signatureHeader = (b64: string) => `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(b64)}`;

export interface Reply {
  status?: number;
  /** The body sent (default: a SUCCESS answer). */
  body?: string;
  /** Sign this text instead of the body. */
  signedBody?: string;
  /** Response-Time header (default now); null leaves it out. */
  time?: string | null;
  /** Sign this time instead of the header's. */
  signedTime?: string;
  /** Client-Id used in the signed content (default: the request's). */
  signedClientId?: string;
  /** Path used in the signed content (default: the request's). */
  signedPath?: string;
  /** Sign with this key (default AlipayHK's). */
  key?: KeyObject;
  /** Leave the Signature header out, or set it verbatim. */
  signature?: null | string;
  headers?: Record<string, string>;
  /** Wait this long before answering, ignoring the request's signal (as an in-process handler does). */
  lateMs?: number;
  /** Called once the answer's body has been read by the client (to fire a signal at exactly that moment). */
  afterBodyRead?: () => void;
}

export const answer = (resultCode = "SUCCESS", resultStatus = "S", extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    result: { resultCode, resultStatus, resultMessage: resultCode.toLowerCase() },
    orderId: "A1",
    orderStatus: "TICKETED",
    distributeResult: [],
    ...extra,
  });

/** A fetch answering from `script` (the last reply repeats); `calls` counts the requests. */
export function scripted(script: Reply[]) {
  const state = { calls: 0 };
  const fetch = async (request: Request): Promise<Response> => {
    const reply = script[Math.min(state.calls++, script.length - 1)]!;
    await request.text();
    if (reply.lateMs) await new Promise((resolve) => setTimeout(resolve, reply.lateMs));
    const body = reply.body ?? answer();
    const time = reply.time === undefined ? responseTime() : reply.time;
    const { pathname, search } = new URL(request.url);
    const headers = new Headers({
      "Content-Type": "application/json; charset=UTF-8",
      "Tracer-Id": "tr-1",
      ...reply.headers,
    });
    if (time !== null) headers.set("Response-Time", time);
    if (reply.signature !== null) {
      const content = `POST ${reply.signedPath ?? pathname + search}\n${reply.signedClientId ?? request.headers.get("Client-Id")}.${reply.signedTime ?? time ?? ""}.${reply.signedBody ?? body}`;
      headers.set("Signature", reply.signature ?? signatureHeader(signB64(content, reply.key)));
    }
    const response = new Response(body, { status: reply.status ?? 200, headers });
    if (reply.afterBodyRead) {
      const read = response.text.bind(response);
      response.text = () => read().finally(reply.afterBodyRead);
    }
    return response;
  };
  return { fetch, state };
}

/** One valid order of each kind used here. */
/** The body member that carries the call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
export const KEY = OPERATIONS.syncOrder.idempotencyKey;

export const validOrder = (extra: Record<string, unknown> = {}) => ({
  merchantBizType: "PASS_TICKET" as const,
  merchantBizNo: "SEC-0001",
  orderStatus: "TICKETED" as const,
  userId: "2160120000000001",
  orderCreateTime: 1_764_115_200_000,
  orderModifyTime: 1_764_115_260_000,
  extInfo: {},
  ...extra,
});

export const SYNC_URL = BASE_URL + OPERATIONS.syncOrder.path;

// ---- secrets ----

const secrets = new Set<string>();

/** Registers text that must never appear in an error message (nor any 16-character piece of it). */
export function secret(...values: (string | undefined)[]): void {
  for (const value of values) if (value && value.length >= 16) secrets.add(value);
}

for (const pair of [merchant, alipay, stranger]) {
  secret(pair.privatePem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "")); // base64 DER
  for (const line of pair.privatePem.split("\n")) if (line && !line.startsWith("-----")) secret(line);
  const jwk = pair.privateJwk as Record<string, string>;
  for (const member of ["d", "p", "q", "dp", "dq", "qi"]) secret(jwk[member]);
}

function texts(error: unknown): string[] {
  const out: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof Error) out.push(e.message, String(e));
    else out.push(String(e));
  }
  return out;
}

/** No registered secret (nor any 16-character piece), and no base64 run of 60+ characters, in the messages. */
export function expectNoSecrets(error: unknown): void {
  for (const text of texts(error)) {
    expect(text, "a long base64 run in an error message").not.toMatch(/[A-Za-z0-9+/_-]{60,}/);
    for (const value of secrets) {
      for (let i = 0; i + 16 <= value.length; i += 16) {
        if (text.includes(value.slice(i, i + 16)))
          throw new Error(`error message contains secret material: ${text.slice(0, 80)}…`);
      }
    }
  }
}
