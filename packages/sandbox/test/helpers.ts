/**
 * Test helpers. Requests are signed and responses verified with node:crypto, independently of
 * alipayhk-signature, so that a bug there cannot hide a bug here.
 */
import { createSign, createVerify, generateKeyPairSync, randomUUID } from "node:crypto";
import type { MerchantBizType } from "alipayhk-order";
import { EXAMPLES, OPERATIONS } from "alipayhk-spec";
import { expect } from "vitest";
import type { Sandbox } from "alipayhk-sandbox";

/** The body member that carries the call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
export const KEY = OPERATIONS.syncOrder.idempotencyKey;
export const BASE_URL = "https://sandbox.test";
export const URL_ = BASE_URL + OPERATIONS.syncOrder.path;

export interface Merchant {
  readonly clientId: string;
  readonly privateKey: string;
  readonly publicKey: string;
}

/** A merchant with a fresh RSA-2048 key pair (PEM). */
export function makeMerchant(clientId: string): Merchant {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return { clientId, privateKey, publicKey };
}

/** `algorithm=RSA256,keyVersion=1,signature=<encodeURIComponent(base64)>` over `content`. */
export function signatureHeader(content: string, privateKeyPem: string): string {
  const signer = createSign("RSA-SHA256");
  signer.update(content, "utf8");
  return `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signer.sign(privateKeyPem, "base64"))}`;
}

export const content = (path: string, clientId: string, time: string, body: string) =>
  `POST ${path}\n${clientId}.${time}.${body}`;

export const newRequestId = () => randomUUID().replace(/-/g, "");

export interface RequestParts {
  body: string;
  merchant: Merchant;
  time?: string;
  path?: string;
  /** Override or remove (null) headers after signing. */
  headers?: Record<string, string | null>;
  /** Sign this instead of the body. */
  signedBody?: string;
  signal?: AbortSignal;
}

/** A signed POST to the sync path. */
export function signedRequest(parts: RequestParts): Request {
  const path = parts.path ?? OPERATIONS.syncOrder.path;
  const time = parts.time ?? new Date().toISOString();
  const headers = new Headers({
    "Content-Type": "application/json; charset=UTF-8",
    "Client-Id": parts.merchant.clientId,
    "Request-Time": time,
    Signature: signatureHeader(
      content(path, parts.merchant.clientId, time, parts.signedBody ?? parts.body),
      parts.merchant.privateKey,
    ),
  });
  for (const [name, value] of Object.entries(parts.headers ?? {})) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return new Request(BASE_URL + path, {
    method: "POST",
    headers,
    body: parts.body,
    ...(parts.signal && { signal: parts.signal }),
  });
}

/** Verifies a response's signature with node:crypto and AlipayHK's (the sandbox's) public key. */
export function verifyResponse(
  text: string,
  response: Response,
  sandbox: Sandbox,
  clientId: string,
  path: string = OPERATIONS.syncOrder.path,
): boolean {
  const header = response.headers.get("Signature");
  const time = response.headers.get("Response-Time");
  if (!header || !time) return false;
  const value = /(?:^|,)\s*signature=([^,]+)/.exec(header)?.[1];
  if (!value) return false;
  const verifier = createVerify("RSA-SHA256");
  verifier.update(content(path, clientId, time, text), "utf8");
  return verifier.verify(sandbox.alipayPublicKey, decodeURIComponent(value), "base64");
}

export interface Answer {
  result: { resultCode: string; resultStatus: string; resultMessage: string };
  orderId?: string;
  orderStatus?: string;
  distributeResult?: unknown[];
}

/** Sends a request and checks the common answer contract: HTTP status, signature, headers, JSON shape. */
export async function call(sandbox: Sandbox, request: Request, clientId: string, httpStatus = 200): Promise<Answer> {
  const response = await sandbox.fetch(request);
  const text = await response.text();
  expect(response.status, text).toBe(httpStatus);
  expect(response.headers.get("Content-Type")).toBe("application/json; charset=UTF-8");
  expect(response.headers.get("Tracer-Id")).toMatch(/^\w{8,}$/);
  if (clientId) expect(response.headers.get("Client-Id")).toBe(clientId);
  expect(verifyResponse(text, response, sandbox, clientId)).toBe(true);
  const answer = JSON.parse(text) as Answer;
  // order sync's own answers carry distributeResult; the gateway's refusals carry only the result
  if (answer.distributeResult !== undefined) expect(answer.distributeResult).toEqual([]);
  return answer;
}

/** The spec's example body of an order-sync scenario. */
function exampleOf(bizType: MerchantBizType): Record<string, unknown> {
  const example = EXAMPLES.syncOrder.find((e) => e.variant === bizType);
  if (!example) throw new Error(`the spec has no example order for ${bizType}: add one to its scenario file`);
  return example.body as Record<string, unknown>;
}

let clock = Date.UTC(2025, 0, 1);

/** A valid order of `bizType` (the spec's example of it), with fresh times and ids. */
export function makeOrder(
  bizType: MerchantBizType,
  orderStatus: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  clock += 1000;
  return {
    ...exampleOf(bizType),
    [KEY]: newRequestId(),
    merchantBizNo: `bizno-${newRequestId().slice(0, 16)}`,
    merchantBizType: bizType,
    orderStatus,
    userId: "2088000000000001",
    orderCreateTime: Date.UTC(2025, 0, 1),
    orderModifyTime: clock,
    ...overrides,
  };
}

/** The next update of an order: same identity, new requestId and a newer orderModifyTime. */
export function nextUpdate(
  order: Record<string, unknown>,
  orderStatus: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  clock += 1000;
  return { ...order, [KEY]: newRequestId(), orderStatus, orderModifyTime: clock, ...overrides };
}

/** `count` applied updates of one PASS_TICKET order (TICKETED again, each with a newer orderModifyTime), sent by `merchant`. */
export async function sendUpdates(
  sandbox: Sandbox,
  merchant: Merchant,
  count: number,
  merchantBizNo: string,
): Promise<Record<string, unknown>[]> {
  const sent = [makeOrder("PASS_TICKET", "TICKETED", { merchantBizNo })];
  for (let i = 1; i < count; i++) sent.push(nextUpdate(sent.at(-1)!, "TICKETED"));
  for (const order of sent)
    expect(
      (await call(sandbox, signedRequest({ body: JSON.stringify(order), merchant }), merchant.clientId)).result
        .resultCode,
    ).toBe("SUCCESS");
  return sent;
}
