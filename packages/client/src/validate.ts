/**
 * Local validation of a request body against the spec, before anything goes on the network. The schemas and the
 * validator come from `alipayhk-spec`, so a spec change changes what is checked.
 */
import { OPERATIONS, SCHEMAS, validate, type Problem } from "alipayhk-spec";
import type { OperationId } from "./types.js";

/** Checks a body of `operationId` against the spec; every problem found ([] when it is valid). It never throws. */
export function validateRequest(operationId: OperationId, body: unknown): Problem[] {
  return validate(SCHEMAS, OPERATIONS[operationId].schema, body);
}

/** Checks an order-sync body: `validateRequest("syncOrder", order)`. */
export function validateOrder(order: unknown): Problem[] {
  return validateRequest("syncOrder", order);
}
