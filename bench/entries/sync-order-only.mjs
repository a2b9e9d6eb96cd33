// @ts-check
// What an edge function that only syncs orders bundles: createClient from alipayhk-order/operations with syncOrder
// alone (validated in full before it is signed). No other operation's schemas: the spec gaining operations costs it
// nothing. Resolved like an install: node_modules -> the package's "exports" -> dist/.
import { createClient, syncOrder } from "alipayhk-order/operations";

/** @param {import("alipayhk-order").OrderClientOptions} options @param {any} order */
export const sync = (options, order) => createClient({ ...options, operations: { syncOrder } }).syncOrder(order);
