// @ts-check
/**
 * The soak's AlipayHK: `alipayhk-sandbox` served over loopback HTTP (127.0.0.1, a port the OS picks) with the
 * node:http adapter of alipayhk-sandbox/node. It runs either in the soak's own thread ("inline", used by the
 * vitest short run so that the sandbox comes from packages/sandbox/src) or in a worker thread ("worker", the
 * default of `npm run soak`, so that the client and the sandbox each get a core of their own).
 *
 * Besides the sandbox's own seeded faults, the host's clock (the sandbox's `now` option, which stamps
 * Response-Time) jumps by ±`skewSpikeMs` on a seeded fraction of readings: AlipayHK's clock going wrong now and
 * then, which a client with `maxResponseSkewMs` must refuse.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { createSandbox } from "alipayhk-sandbox";
import { mulberry32 } from "alipayhk-sandbox/internal";
import { serve } from "alipayhk-sandbox/node";

/**
 * Creates the sandbox and serves it on 127.0.0.1.
 * @param {object} config { merchants, seed, faults, maxBodyBytes, skewSpikeRate, skewSpikeMs }
 */
export async function startSandboxHost(config) {
  const random = mulberry32((config.seed ^ 0x51ce) >>> 0);
  const now = () => {
    const t = Date.now();
    if (config.skewSpikeRate > 0 && random() < config.skewSpikeRate) {
      return new Date(t + (random() < 0.5 ? -1 : 1) * config.skewSpikeMs);
    }
    return new Date(t);
  };
  const sandbox = await createSandbox({
    merchants: config.merchants,
    seed: config.seed,
    faults: config.faults,
    maxBodyBytes: config.maxBodyBytes,
    now,
  });
  const server = await serve(sandbox.fetch, { port: 0, host: "127.0.0.1" });
  return {
    url: server.url,
    alipayPublicKey: sandbox.alipayPublicKey,
    seed: sandbox.seed,
    snapshot: () => ({ events: sandbox.events, orders: sandbox.orders, stats: sandbox.stats }),
    close: () => server.close(),
  };
}

// Worker entry: started by soak.mjs with workerData { soakHost: true, config }.
if (!isMainThread && workerData?.soakHost === true && parentPort) {
  const port = parentPort;
  try {
    const host = await startSandboxHost(workerData.config);
    port.on("message", async (message) => {
      if (message?.type === "snapshot") port.postMessage({ type: "snapshot", data: host.snapshot() });
      if (message?.type === "close") {
        await host.close();
        port.postMessage({ type: "closed" });
        port.close();
      }
    });
    port.postMessage({ type: "ready", url: host.url, alipayPublicKey: host.alipayPublicKey, seed: host.seed });
  } catch (error) {
    port.postMessage({ type: "error", message: String(error?.stack ?? error) });
  }
}
