// The bad-input catalogue, the sandbox's side: each bad request gets a signed refusal with the documented result code
// (or an unsigned 404), its message holds no secret, and nothing is applied.
import { createSign, type KeyObject } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { OPERATIONS } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import {
  alipay,
  BASE_URL,
  CLIENT_ID,
  expectNoSecrets,
  merchant,
  responseTime,
  secret,
  signatureHeader,
  signB64,
  stranger,
  validOrder,
  KEY,
} from "./helpers.js";

/** A valid signature (by AlipayHK's test key) over another message: well-formed, but not the request's. */
const validSig = signB64(
  `POST ${OPERATIONS.syncOrder.path}\n${CLIENT_ID}.2026-11-26T08:00:00+08:00.{"a":1}`,
  alipay.key,
);
secret(validSig);

// ---- the sandbox: bad requests get a signed refusal with the documented result code ----

interface SandboxCase {
  readonly input: string;
  readonly request: () => Request;
  readonly status: number;
  readonly resultCode?: string;
}

const SANDBOX_CLIENT = "SANDBOX-MERCHANT";
const signedRequest = (
  parts: {
    body?: string | ReadableStream;
    signed?: string;
    time?: string;
    headers?: Record<string, string | null>;
    method?: string;
    path?: string;
    key?: KeyObject;
  } = {},
) => {
  const raw = parts.body ?? JSON.stringify({ ...validOrder(), [KEY]: "0123456789abcdef0123456789abcdef" });
  const time = parts.time ?? responseTime();
  const path = parts.path ?? OPERATIONS.syncOrder.path;
  const content = `${parts.method ?? "POST"} ${path}\n${SANDBOX_CLIENT}.${time}.${parts.signed ?? raw}`;
  const headers = new Headers({
    "Content-Type": "application/json; charset=UTF-8",
    "Client-Id": SANDBOX_CLIENT,
    "Request-Time": time,
    Signature: signatureHeader(
      createSign("RSA-SHA256")
        .update(content, "utf8")
        .sign(parts.key ?? merchant.key, "base64"),
    ),
  });
  for (const [name, value] of Object.entries(parts.headers ?? {}))
    value === null ? headers.delete(name) : headers.set(name, value);
  const method = parts.method ?? "POST";
  return new Request(BASE_URL + path, {
    method,
    headers,
    ...(method !== "GET" && { body: raw, duplex: "half" }),
  } as RequestInit);
};

const sandboxCases: SandboxCase[] = [
  {
    input: "garbage bytes as the body",
    request: () => signedRequest({ body: "\u0000\u0001garbage\uFFFD" }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "a JSON array body",
    request: () => signedRequest({ body: "[1,2,3]" }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "a JSON string body",
    request: () => signedRequest({ body: '"order"' }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  { input: "an empty body", request: () => signedRequest({ body: "" }), status: 200, resultCode: "PARAM_ILLEGAL" },
  {
    input: "an order failing validation",
    request: () => signedRequest({ body: JSON.stringify({ ...validOrder({ orderStatus: "NOPE" }), [KEY]: "r1" }) }),
    status: 200,
    resultCode: "ORDER_STATUS_INVALID",
  },
  {
    input: "an order without a requestId",
    request: () => signedRequest({ body: JSON.stringify(validOrder()) }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "a huge body (1 MB)",
    request: () => signedRequest({ body: "x".repeat(1_000_000) }),
    status: 413,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "a huge streamed body without Content-Length",
    request: () => {
      let n = 0;
      const body = new ReadableStream<Uint8Array>({
        pull: (c) => (n++ < 100 ? c.enqueue(new Uint8Array(16_384).fill(0x7b)) : c.close()),
      });
      return signedRequest({ body, signed: "" });
    },
    status: 413,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "no Client-Id",
    request: () => signedRequest({ headers: { "Client-Id": null } }),
    status: 200,
    resultCode: "INVALID_CLIENT",
  },
  {
    input: "an unknown Client-Id",
    request: () => signedRequest({ headers: { "Client-Id": "NOBODY" } }),
    status: 200,
    resultCode: "INVALID_CLIENT",
  },
  {
    input: "no Request-Time",
    request: () => signedRequest({ headers: { "Request-Time": null } }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "a Request-Time that is not a date",
    request: () => signedRequest({ time: "yesterday" }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "a Request-Time on 30 February",
    request: () => signedRequest({ time: "2026-02-30T10:00:00+08:00" }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "a Request-Time without a time zone",
    request: () => signedRequest({ time: "2026-11-26T10:00:00" }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "no Signature",
    request: () => signedRequest({ headers: { Signature: null } }),
    status: 200,
    resultCode: "INVALID_SIGNATURE",
  },
  {
    input: "a malformed Signature",
    request: () => signedRequest({ headers: { Signature: "algorithm=RSA256;signature=abc" } }),
    status: 200,
    resultCode: "INVALID_SIGNATURE",
  },
  {
    input: "an oversized Signature",
    request: () => signedRequest({ headers: { Signature: `signature=${"A".repeat(8_000)}` } }),
    status: 200,
    resultCode: "INVALID_SIGNATURE",
  },
  {
    input: "Signature with algorithm ECC224",
    request: () =>
      signedRequest({ headers: { Signature: `algorithm=ECC224,signature=${encodeURIComponent(validSig)}` } }),
    status: 200,
    resultCode: "INVALID_SIGNATURE",
  },
  {
    input: "a valid signature over another body",
    request: () => signedRequest({ signed: '{"requestId":"other"}' }),
    status: 200,
    resultCode: "INVALID_SIGNATURE",
  },
  {
    input: "a signature by another key (over the very same request)",
    request: () => signedRequest({ key: stranger.key }),
    status: 200,
    resultCode: "INVALID_SIGNATURE",
  },
  {
    input: "a garbage Encrypt header on a signed body",
    request: () => signedRequest({ headers: { Encrypt: "nonsense" } }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  {
    input: "Encrypt with algorithm RSA",
    request: () => signedRequest({ headers: { Encrypt: "algorithm=RSA,symmetricKey=AAAA" } }),
    status: 200,
    resultCode: "PARAM_ILLEGAL",
  },
  { input: "a GET", request: () => signedRequest({ method: "GET" }), status: 404 },
  {
    input: "another path",
    request: () => signedRequest({ path: "/api/open/alipay/v1/merchant/order/delete" }),
    status: 404,
  },
];

describe("sandbox requests", () => {
  it("has at least 20 entries", () => expect(sandboxCases.length).toBeGreaterThanOrEqual(20));

  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({ merchants: { [SANDBOX_CLIENT]: merchant.publicPem }, seed: 7 });
  });

  it.each(sandboxCases.map((c) => [c.input, c] as const))("%s", async (_input, c) => {
    const response = await sandbox.fetch(c.request());
    const text = await response.text();
    expect(response.status).toBe(c.status);
    if (c.resultCode) {
      const parsed = JSON.parse(text);
      expect(parsed.result.resultCode, parsed.result.resultMessage).toBe(c.resultCode);
      expect(parsed.result.resultStatus).toBe("F");
      expect(response.headers.get("Signature")).toBeTruthy(); // refusals are signed answers
      expectNoSecrets(new Error(parsed.result.resultMessage));
    }
    // Nothing was applied.
    expect(sandbox.orders).toEqual([]);
  });
});
