/**
 * How the signing layer meets openapi-fetch. Two ways in:
 * - `signedFetch`, the client's own: given to openapi-fetch as its `fetch`, it sends the body bytes it is handed
 *   with plain `fetch(url, init)`. Passing a `Request` object to `fetch` costs more than the signature, so none is.
 * - `createSigningMiddleware`, for your own openapi-fetch client: the standard onRequest/onResponse hooks.
 */
import type { Middleware } from "openapi-fetch";
import { createSigner, type Signer, type SignerOptions } from "./signer.js";

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Hop-by-hop and body headers that no longer describe the verified, decrypted body. */
const STALE_HEADERS = ["content-length", "content-encoding", "content-type", "encrypt", "transfer-encoding"];

/** A Response carrying the verified (and decrypted) JSON text. */
function verifiedResponse(text: string, response: Response): Response {
  const headers = new Headers(response.headers);
  for (const name of STALE_HEADERS) headers.delete(name);
  headers.set("content-type", "application/json; charset=UTF-8");
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}

/**
 * A fetch for openapi-fetch that signs each request and verifies each response. The request's signal bounds the
 * network part (the answer's headers and body), even for a fetch that ignores signals; once the body is in, it is
 * verified whatever the signal does, so an answer that arrived is never mistaken for a timeout.
 */
export function signedFetch(signer: Signer, fetchImpl: FetchLike): (request: Request) => Promise<Response> {
  return async (request) => {
    const { method, url, signal } = request;
    const signed = await signer.signRequest(method, url, await request.text());
    const response = await untilAborted(fetchImpl(url, { method, headers: signed.headers, body: signed.body, signal }), signal);
    const raw = await untilAborted(response.text(), signal);
    return verifiedResponse(await signer.openResponse(method, url, response, raw), response);
  };
}

/** `work`, or a rejection with the signal's reason if the signal fires first (a late failure of `work` is ignored). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      work.catch(() => {});
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * An openapi-fetch middleware that signs requests (encrypting first when `encrypt` is set) and verifies
 * responses (decrypting after), for your own `createClient<paths>()`. It adds no retries; `createOrderClient`
 * does that for you.
 *
 * @example
 * ```ts
 * const api = createClient<paths>({ baseUrl: "https://open.alipay.hk" });
 * api.use(createSigningMiddleware({ clientId, privateKey, alipayPublicKey }));
 * ```
 */
export function createSigningMiddleware(options: SignerOptions): Middleware {
  const signer = createSigner(options);
  return {
    async onRequest({ request }) {
      if (request.body === null) return undefined;
      const signed = await signer.signRequest(request.method, request.url, await request.clone().text());
      const headers = new Headers(request.headers);
      for (const [name, value] of Object.entries(signed.headers)) headers.set(name, value);
      return new Request(request, { body: signed.body, headers });
    },
    async onResponse({ request, response }) {
      return verifiedResponse(await signer.openResponse(request.method, request.url, response, await response.text()), response);
    },
  };
}
