/**
 * Turning answers into HTTP responses: the signed (and, for encrypted requests, encrypted) order-sync answer,
 * its deliberately broken variants for faults, and the unsigned pages a proxy or router would send.
 */
import { OPERATIONS, RESULT_CODES } from "alipayhk-spec";
import { encryptBody, formatRequestTime, sign, type PrivateKey, type PublicKey } from "alipayhk-signature";
import type { FaultKind } from "./faults.js";
import type { Answer } from "./store.js";

const JSON_TYPE = "application/json; charset=UTF-8";
const TEXT_TYPE = "text/plain; charset=UTF-8";

/** The answer's body: `{"result":{...}}`, then the operation's own members (order sync: orderId, orderStatus...). */
export function answerJson(answer: Answer): string {
  return JSON.stringify({
    result: { resultCode: answer.code, resultStatus: RESULT_CODES[answer.code].status, resultMessage: answer.message },
    ...answer.fields,
  });
}

/** How a signed answer is sent. */
export interface SignedResponseOptions {
  /** The request's method and its path and query: what the response signature covers with the body. */
  readonly method: string;
  readonly path: string;
  /** The request's Client-Id, echoed and signed ("" when it had none). */
  readonly clientId: string;
  readonly privateKey: PrivateKey;
  /** The Response-Time instant. */
  readonly time: Date;
  readonly tracerId: string;
  /** Encrypt the body for this merchant key (the request was encrypted). */
  readonly encryptFor?: PublicKey;
  /** Break the answer on purpose. */
  readonly tamper?: Extract<FaultKind, "truncate" | "forgeSignature" | "omitSignature">;
}

/**
 * A signed answer: the signature covers `<request's method> <path>\n<Client-Id>.<Response-Time>.<exact body>`; the body is
 * the RSA_AES ciphertext (sent as `text/plain`, with an `Encrypt` header) when `encryptFor` is given.
 */
export async function signedResponse(answer: Answer, options: SignedResponseOptions): Promise<Response> {
  const { method, path, clientId, privateKey, tamper } = options;
  let body = answerJson(answer);
  const headers = new Headers({
    "Content-Type": JSON_TYPE,
    "Response-Time": formatRequestTime(options.time),
    "Tracer-Id": options.tracerId,
  });
  if (clientId) headers.set("Client-Id", clientId);
  if (options.encryptFor) {
    const encrypted = await encryptBody(body, options.encryptFor);
    body = encrypted.body;
    headers.set("Content-Type", TEXT_TYPE);
    headers.set("Encrypt", encrypted.encryptHeader);
  }
  if (tamper !== "omitSignature") {
    // A forged signature is well-formed and made with the right key, but over other content.
    const signed = tamper === "forgeSignature" ? `${body} ` : body;
    headers.set(
      "Signature",
      await sign({ method, path, clientId, time: headers.get("Response-Time")!, body: signed }, privateKey),
    );
  }
  if (tamper === "truncate") body = body.slice(0, Math.floor(body.length / 2));
  return new Response(body, { status: answer.httpStatus, headers });
}

/** The router's answer to a method and path that is no operation of the spec: an unsigned JSON 404. */
export function notFound(method: string, path: string): Response {
  const operations = Object.values(OPERATIONS).map((op) => `${op.method} ${op.path}`);
  return Response.json(
    { error: "not found", method, path, hint: `the sandbox answers ${operations.join(", ")}` },
    { status: 404, headers: { "Content-Type": JSON_TYPE } },
  );
}

/** The unsigned answers of a failing server or proxy, for the http* faults. */
export function proxyError(kind: Extract<FaultKind, "http500" | "http502" | "http503" | "http429">): Response {
  switch (kind) {
    case "http500":
      return Response.json({ error: "internal server error" }, { status: 500, headers: { "Content-Type": JSON_TYPE } });
    case "http502":
      return new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
        status: 502,
        headers: { "Content-Type": "text/html" },
      });
    case "http503":
      return new Response("Service Unavailable", {
        status: 503,
        headers: { "Content-Type": TEXT_TYPE, "Retry-After": "0" },
      });
    case "http429":
      return Response.json(
        { error: "too many requests" },
        { status: 429, headers: { "Content-Type": JSON_TYPE, "Retry-After": "0" } },
      );
  }
}
