// @ts-check
// What a signing-only user bundles, as the budget defines it: createOrderClient alone, calling both operations (each
// validated in full before it is signed). Resolved like an install: node_modules -> the package's "exports" -> dist/.
import { createOrderClient } from "alipayhk-order";

/** @param {import("alipayhk-order").OrderClientOptions} options @param {any} order @param {any} notification */
export const syncBoth = (options, order, notification) => {
  const client = createOrderClient(options);
  return Promise.all([client.syncOrder(order), /** @type {any} */ (client).syncPerformanceNotification(notification)]);
};
