// @ts-check
// One cold start of the client: bundled by bench/cold-start.mjs (alipayhk-* from their built dist/) and started
// in a fresh process (Node, Deno, Bun) or a fresh workerd isolate, it imports the client, creates it with PEM keys
// and makes one syncOrder against the bench's sandbox on 127.0.0.1, whose answer the client verifies. It prints
// COLD_START_DONE when that first call has succeeded; bench/cold-start.mjs times the start up to that line.
import { createOrderClient } from "alipayhk-order";

/** @param {{ url: string; clientId: string; privateKeyPem: string; alipayPublicKeyPem: string }} config */
export async function coldStart(config) {
  const client = createOrderClient({
    clientId: config.clientId,
    privateKey: config.privateKeyPem,
    alipayPublicKey: config.alipayPublicKeyPem,
    baseUrl: config.url,
    retry: { maxAttempts: 1 }, // a failure must surface, not hide in a retry
  });
  const id = crypto.randomUUID().replaceAll("-", "");
  const now = Date.now();
  const result = await client.syncOrder({
    merchantBizNo: `cold-${id.slice(0, 26)}`,
    merchantBizType: "MOVIE_TICKET",
    orderStatus: "TICKETED",
    userId: "2160120000000001",
    orderCreateTime: now,
    orderModifyTime: now,
    extInfo: { seats: ["F7"] },
  });
  if (result.result.resultStatus !== "S") throw new Error(`syncOrder: ${JSON.stringify(result.result)}`);
  console.log("COLD_START_DONE");
}

// A process (Node, Deno, Bun) runs it at once with the config as its argument; workerd calls the test handler.
const g = /** @type {any} */ (globalThis);
const argv = g.Deno ? g.Deno.args : g.process?.argv?.slice(2);
if (argv?.length) await coldStart(JSON.parse(argv[0]));

export default {
  /** @param {unknown} _ @param {{ CONFIG: string }} env */
  async test(_, env) {
    await coldStart(JSON.parse(env.CONFIG));
  },
};
