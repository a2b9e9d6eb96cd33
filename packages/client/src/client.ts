/**
 * `createOrderClient`: for each operation of the spec a typed, validated, signed, verified and safely retried method
 * (`syncOrder`, `syncPerformanceNotification`...), built from OPERATIONS and SCHEMAS: every operation in every bundle.
 * `createClient` of `alipayhk-order/operations` is the same methods for the operations it is passed only (methods.ts
 * is their one implementation). The typed openapi-fetch client is `createApiClient` of `alipayhk-order/api` (api.ts):
 * openapi-fetch's request builder would be most of a small bundle. Nothing here is written per operation.
 */
import { OPERATIONS, SCHEMAS, type OperationDescriptor } from "alipayhk-spec";
import { createMethodsFor, type OrderClientOptions } from "./methods.js";
import type { MethodOf, OperationId } from "./types.js";

export { newRequestId, type CallOptions, type Environment, type OrderClientOptions } from "./methods.js";

/**
 * What `createOrderClient` returns: one method per operation of the spec. Each validates the body, signs (and
 * encrypts) it, sends it, verifies (and decrypts) the answer, retries what may be retried with the same requestId;
 * it resolves on a SUCCESS (S) answer and throws an OrderError otherwise.
 */
export type OrderClient = { readonly [Op in OperationId]: MethodOf<Op> };

/** Creates the client. Options are checked at once; keys are imported on the first call and reused. */
export function createOrderClient(options: OrderClientOptions): OrderClient {
  const operations: Record<string, OperationDescriptor> = {};
  for (const [operationId, op] of Object.entries(OPERATIONS))
    operations[operationId] = { operationId, ...op, schemas: SCHEMAS };
  return createMethodsFor(options, operations) as OrderClient;
}
