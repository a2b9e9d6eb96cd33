/**
 * `createOrderClient`: for each operation of the spec a typed, validated, signed, verified and safely retried method
 * (`syncOrder`, `syncPerformanceNotification`...), built from OPERATIONS and SCHEMAS: every operation in every bundle.
 * `createClient` of `alipayhk-order/operations` is the same methods for the operations it is passed only (methods.ts
 * is their one implementation). The typed openapi-fetch client (`client.api`) is the `alipayhk-order/api` entry's
 * (api.ts): openapi-fetch's request builder would be most of a small bundle. Nothing here is written per operation.
 */
import { OPERATIONS, SCHEMAS, type OperationDescriptor } from "alipayhk-spec";
import { ConfigError } from "./errors.js";
import { createMethodsFor, type CallOptions, type OrderClientOptions } from "./methods.js";
import type { Signer } from "./signer.js";
import type { FetchLike } from "./transport.js";
import type { InputOf, OperationId, ResultOf } from "./types.js";

export { newRequestId, type CallOptions, type Environment, type OrderClientOptions, type SyncOrderOptions } from "./methods.js";

/**
 * One method per operation of the spec: validates the body, signs (and encrypts) it, sends it, verifies (and
 * decrypts) the answer, retries what may be retried with the same requestId; resolves on a SUCCESS (S) answer and
 * throws an OrderError otherwise.
 */
export type OperationMethods = { [Op in OperationId]: (body: InputOf<Op>, options?: CallOptions) => Promise<ResultOf<Op>> };

/** What `createOrderClient` returns: one method per operation (`client.api` comes with `alipayhk-order/api`'s). */
export type OrderClient = OperationMethods;

/**
 * Creates the client. Options are checked at once; keys are imported on the first call and reused.
 *
 * `client.api`, the typed openapi-fetch client, is on clients made by `createOrderClient` from `alipayhk-order/api`;
 * here it throws a ConfigError saying so (it would carry openapi-fetch into every bundle).
 */
export function createOrderClient(options: OrderClientOptions): OrderClient {
  return Object.defineProperty(createMethods(options).methods, "api", {
    get() {
      throw new ConfigError('client.api is the typed openapi-fetch client: create the client with createOrderClient from "alipayhk-order/api"');
    },
  });
}

/** @internal The methods of every operation, and the signing layer they send through (for `alipayhk-order/api`). */
export function createMethods(options: OrderClientOptions): { methods: OperationMethods; signer: Signer; fetchImpl: FetchLike; baseUrl: string } {
  const operations: Record<string, OperationDescriptor> = {};
  for (const [operationId, op] of Object.entries(OPERATIONS)) operations[operationId] = { operationId, ...op, schemas: SCHEMAS };
  const { methods, ...rest } = createMethodsFor(options, operations);
  return { methods: methods as OperationMethods, ...rest };
}
