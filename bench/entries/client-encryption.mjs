// @ts-check
// A client that encrypts bodies (RSA_AES): the signing-only client plus the encryption plug-in.
import { createOrderClient } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";

/** @param {import("alipayhk-order").OrderClientOptions} options @param {any} order @param {any} notification */
export const syncBoth = (options, order, notification) => {
  const client = createOrderClient({ ...options, encrypt: rsaAes() });
  return Promise.all([client.syncOrder(order), /** @type {any} */ (client).syncPerformanceNotification(notification)]);
};
