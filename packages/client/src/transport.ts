/**
 * One signed exchange, and the two ways it meets openapi-fetch:
 * - `exchange`: sign (and encrypt) a body, send it with plain `fetch(url, init)`, read and verify (and decrypt) the
 *   answer. `syncOrder` calls it directly: handing fetch a `Request` object, as openapi-fetch must, costs more than
 *   the RSA signature on Node.
 * - `signedFetch`: `exchange` as openapi-fetch's `fetch`, for `createApiClient` (alipayhk-order/api; internal: it
 *   needs a `Signer`; users sign their own openapi-fetch client with `createSigningMiddleware`).
 * - `createSigningMiddleware`, for your own openapi-fetch client: the standard onRequest/onResponse hooks.
 */
import type { Middleware } from "openapi-fetch";
import { NetworkError, OrderError, type CallDetails } from "./errors.js";
import { createSigner, type Signer, type SignerOptions } from "./signer.js";

/**
 * A fetch that takes a `Request`, as the `fetch` option does: the global fetch, an instrumented one, or a fetch
 * handler such as a sandbox's `fetch`.
 */
export type FetchLike = (request: Request) => Promise<Response>;

/** What the transport calls: `(url, init)`, which costs the global fetch less than building a Request first. */
export type Send = (url: string, init: RequestInit) => Promise<Response>;

/** The transport's fetch: the user's (handed a Request), else the global one. */
export const sendWith = (userFetch: FetchLike | undefined): Send =>
  // Kept in a local, never called as a method: fetch throws "Illegal invocation" on workerd when it is.
  userFetch ? (url, init) => userFetch(new Request(url, init)) : (url, init) => fetch(url, init);

/** Hop-by-hop and body headers that no longer describe the verified, decrypted body. */
const STALE_HEADERS = ["content-length", "content-encoding", "content-type", "encrypt", "transfer-encoding"];

/** A Response carrying the verified (and decrypted) JSON text. */
function verifiedResponse(text: string, response: Response): Response {
  const headers = new Headers(response.headers);
  for (const name of STALE_HEADERS) headers.delete(name);
  headers.set("content-type", "application/json; charset=UTF-8");
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}

/** Errors thrown before the request was handed to fetch (a bad key, an abort while signing): that attempt sent nothing. */
const unsent = new WeakSet<object>();
const beforeSending = (error: unknown) => (error instanceof Object && unsent.add(error), error);

/** True when `error` was thrown before anything was sent. */
export const sentNothing = (error: unknown): boolean => unsent.has(error as object);

/**
 * Signs and sends `body`, then reads and verifies the answer: its verified (decrypted) text and the response.
 * `signal` goes to fetch; `stopped`, given with it, rejects with the signal's reason as it fires, and bounds the network
 * part (the answer's headers and body) even for a fetch that ignores signals. Once the body is in, it is verified
 * whatever the signal does, so an answer that arrived is never mistaken for a timeout.
 * `call` (the call's requestId and attempts) goes into each error made once the request went, so it is made whole.
 */
export async function exchange(
  signer: Signer,
  fetchImpl: Send,
  method: string,
  url: string,
  body: string,
  signal: AbortSignal | undefined,
  stopped?: Promise<never>,
  call?: CallDetails,
) {
  const until = <T>(work: Promise<T>): Promise<T> => (stopped ? Promise.race([work, stopped]) : work);
  const signed = await signer.signRequest(method, url, body).catch((error: unknown) => {
    throw beforeSending(error);
  });
  // aborted while signing (or importing the keys): send nothing, even with a fetch that ignores signals
  if (signal?.aborted) throw beforeSending(signal.reason);
  // an empty body is sent as none: fetch refuses any body, even "", on a GET
  // a failure of the fetch itself (or of reading its body) is a network failure, unless it is already ours
  const failed = (cause: unknown): never => {
    throw cause instanceof OrderError ? cause : new NetworkError({ ...call, cause });
  };
  const response = await until(
    fetchImpl(url, { method, headers: signed.headers, body: signed.body || undefined, signal }).catch(failed),
  );
  const raw = await until(response.text().catch(failed));
  return { response, text: await signer.openResponse(method, url, response, raw, call) };
}

/** `exchange` as a fetch for openapi-fetch: each request signed, each response verified. */
export function signedFetch(signer: Signer, fetchImpl: Send): FetchLike {
  return async (request) => {
    const { signal } = request;
    const { stopped, done } = stopOn(signal);
    try {
      const body = await request.text();
      const { response, text } = await exchange(signer, fetchImpl, request.method, request.url, body, signal, stopped);
      return verifiedResponse(text, response);
    } finally {
      done(); // a runtime may hand every request the caller's own long-lived signal: leave no listener on it
    }
  };
}

/** A promise that rejects with the signal's reason once it fires, and `done` to stop listening. */
function stopOn(signal: AbortSignal): { stopped: Promise<never>; done: () => void } {
  let onAbort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  stopped.catch(() => {}); // it may fire when nobody waits any more
  return { stopped, done: () => signal.removeEventListener("abort", onAbort) };
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
      // A body-less request is signed over an empty body, as the signed content is defined and as the client does.
      const body = request.body === null ? "" : await request.clone().text();
      const signed = await signer.signRequest(request.method, request.url, body);
      const headers = new Headers(request.headers);
      for (const [name, value] of Object.entries(signed.headers)) headers.set(name, value);
      return new Request(request, { body: signed.body || null, headers });
    },
    async onResponse({ request, response }) {
      return verifiedResponse(
        await signer.openResponse(request.method, request.url, response, await response.text()),
        response,
      );
    },
  };
}
