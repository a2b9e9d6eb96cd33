// @ts-check
// The sandbox served over HTTP on 127.0.0.1, in its own Node process so that its CPU is not charged to the
// client runtime under test. Started and stopped by bench/run.mjs.
//
//   node bench/server.mjs '{"merchants":{"<clientId>":"<SPKI PEM>"},"seed":1}'
//
// Prints one line `{"url":...,"alipayPublicKey":...}` once listening. `GET /bench/stats` answers the sandbox's
// counters (handled here, not by the sandbox). Exits on SIGTERM/SIGINT or when its stdin closes (the parent died).
//
// Served with the node:http adapter of alipayhk-sandbox/node (as `alipayhk sandbox` serves it); the adapter only
// sees the sandbox's fetch handler, with the stats route in front of it.
import { createSandbox } from "alipayhk-sandbox";
import { serve } from "alipayhk-sandbox/node";

const options = JSON.parse(process.argv[2] ?? "{}");
const sandbox = await createSandbox({ merchants: options.merchants, seed: options.seed ?? 1 });
const server = await serve(async (request) =>
  request.method === "GET" && new URL(request.url).pathname === "/bench/stats"
    ? Response.json(sandbox.stats)
    : sandbox.fetch(request),
);

const stop = () => {
  server.close().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();

console.log(JSON.stringify({ url: server.url, alipayPublicKey: sandbox.alipayPublicKey, pid: process.pid }));
