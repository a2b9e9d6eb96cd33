/**
 * alipayhk-order/api: `createApiClient`, the typed openapi-fetch client over the same signing layer as
 * `createOrderClient` (it signs and verifies, without validation or retries), and the middleware that signs your own
 * openapi-fetch client. An entry of its own so that a bundle of the methods alone does not carry openapi-fetch.
 * @module
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "alipayhk-spec";
import { resolveBaseUrl, type OrderClientOptions } from "./methods.js";
import { createSigner, type SignerOptions } from "./signer.js";
import { sendWith, signedFetch } from "./transport.js";

/** The typed openapi-fetch client over AlipayHK's paths. */
export type ApiClient = Client<paths>;

/** The options of `createApiClient`: `createOrderClient`'s less those of validation, timeouts and retries. */
export type ApiClientOptions = Pick<OrderClientOptions, keyof SignerOptions | "baseUrl" | "environment" | "fetch">;

/**
 * The typed openapi-fetch client over AlipayHK's paths: each request signed (and encrypted with `encrypt`), each
 * answer verified (and decrypted) before openapi-fetch reads it. No local validation and no retries: for those, use
 * `createOrderClient`. Options are checked at once; keys are imported on the first request and reused.
 *
 * @example
 * ```ts
 * const api = createApiClient({ clientId, privateKey, alipayPublicKey, environment: "production" });
 * const { data } = await api.POST("/api/open/alipay/v1/merchant/order/sync", { body: order });
 * ```
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = resolveBaseUrl(options);
  return createClient<paths>({ baseUrl, fetch: signedFetch(createSigner(options), sendWith(options.fetch)) });
}

export { createSigningMiddleware } from "./transport.js";
export type { FetchLike } from "./transport.js";
export type { Environment, OrderClientOptions } from "./methods.js";
export type { Encryption, SignerOptions } from "./signer.js";
export type { paths } from "alipayhk-spec";
