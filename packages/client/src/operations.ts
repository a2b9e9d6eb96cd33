/**
 * alipayhk-order/operations: a client of the operations you pass it, and one descriptor per operation of the spec
 * (`syncOrder`, `syncPerformanceNotification`...), AWS SDK v3 style: a bundle carries the schemas of the operations
 * it imports and no others, so the spec gaining operations costs a bundle that does not use them nothing.
 *
 * ```ts
 * import { createClient, syncOrder } from "alipayhk-order/operations";
 * const client = createClient({ clientId, privateKey, alipayPublicKey, environment: "production", operations: { syncOrder } });
 * await client.syncOrder(order);
 * ```
 * @module
 */
import type { OperationDescriptor } from "alipayhk-spec";
import { ConfigError } from "./errors.js";
import { createMethodsFor, type OrderClientOptions } from "./methods.js";
import type { MethodOf, OperationId } from "./types.js";

export * from "alipayhk-spec/operations";
export type { OperationDescriptor } from "alipayhk-spec";

/** The options of `createClient`: `createOrderClient`'s, and the operations to call, each under its operationId. */
export interface OperationsClientOptions<Ops> extends OrderClientOptions {
  /** The descriptors of the operations to call, each under its own operationId: `{ syncOrder }`. */
  operations: Ops;
}

/** A method for each operation given, typed and behaving exactly as `createOrderClient`'s method of that name. */
export type OperationsClient<Ops> = {
  readonly [K in keyof Ops]: Ops[K] extends { readonly operationId: infer Id extends OperationId }
    ? MethodOf<Id>
    : never;
};

/**
 * A client with a method for each operation in `operations` and no other: validated, signed, verified and retried
 * exactly as `createOrderClient`'s (one implementation). Options are checked at once, `operations` included (a
 * ConfigError names what is wrong); keys are imported on the first call and reused.
 */
export function createClient<const Ops extends { readonly [K in keyof Ops]: OperationDescriptor<K & string> }>(
  options: OperationsClientOptions<Ops>,
): OperationsClient<Ops> {
  const operations = checkOperations(options?.operations);
  return createMethodsFor(options, operations) as OperationsClient<Ops>;
}

/**
 * The descriptors given, checked: each one under its own operationId, holding its request schema. Kept short: it is
 * in every bundle of createClient.
 */
function checkOperations(operations: unknown): Record<string, OperationDescriptor> {
  const checked: Record<string, OperationDescriptor> = {}; // a copy: later changes to the caller's object change nothing
  for (const [name, op] of Object.entries(
    typeof operations === "object" && !Array.isArray(operations) ? (operations ?? {}) : {},
  )) {
    const d = op as Partial<OperationDescriptor> | null;
    if (
      d?.operationId !== name ||
      typeof d.method !== "string" ||
      typeof d.path !== "string" ||
      !Array.isArray(d.retryable) ||
      !d.schemas?.[d.schema!]
    ) {
      const what =
        typeof d?.operationId === "string" && d.operationId !== name
          ? `the descriptor of ${d.operationId}`
          : "not an operation descriptor";
      throw new ConfigError(
        `operations.${name}: ${what}; give each operation under its own name ({ ${typeof d?.operationId === "string" ? d.operationId : name} }, imported from "alipayhk-order/operations")`,
      );
    }
    checked[name] = d as OperationDescriptor;
  }
  if (!Object.keys(checked).length)
    throw new ConfigError(
      'operations: give the operations to call, e.g. { syncOrder } imported from "alipayhk-order/operations"',
    );
  return checked;
}
