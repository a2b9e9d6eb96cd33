/**
 * alipayhk-order/api: the client with `client.api`, the typed openapi-fetch client over the same signing layer (it
 * signs and verifies, without validation or retries), and the middleware that signs your own openapi-fetch client.
 * An entry of its own so that a bundle of the methods alone does not carry openapi-fetch's request builder.
 * @module
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "alipayhk-spec";
import { createMethods, type OperationMethods, type OrderClientOptions } from "./client.js";
import { signedFetch } from "./transport.js";

/** The typed openapi-fetch client over AlipayHK's paths. */
export type ApiClient = Client<paths>;

/** The methods of `createOrderClient`, and `api`. */
export type OrderClientWithApi = OperationMethods & {
  /** The typed openapi-fetch client, signing and verifying, without validation or retries. */
  readonly api: ApiClient;
};

/** `createOrderClient` of `alipayhk-order`, plus `client.api`. */
export function createOrderClient(options: OrderClientOptions): OrderClientWithApi {
  const { methods, signer, fetchImpl, baseUrl } = createMethods(options);
  return { ...methods, api: createClient<paths>({ baseUrl, fetch: signedFetch(signer, fetchImpl) }) };
}

export { createSigningMiddleware } from "./transport.js";
export type { OrderClientOptions } from "./client.js";
export type { paths } from "alipayhk-spec";
