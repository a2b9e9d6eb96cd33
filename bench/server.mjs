// The sandbox served over HTTP on 127.0.0.1, in its own Node process so that its CPU is not charged to the
// client runtime under test. Started and stopped by bench/run.mjs.
//
//   node bench/server.mjs '{"merchants":{"<clientId>":"<SPKI PEM>"},"seed":1}'
//
// Prints one line `{"url":...,"alipayPublicKey":...}` once listening. `GET /bench/stats` answers the sandbox's
// counters (handled here, not by the sandbox). Exits on SIGTERM/SIGINT or when its stdin closes (the parent died).
//
// A small node:http adapter around sandbox.fetch, like packages/cli/src/serve.ts (which is bundled into the
// CLI's bin and not importable): read the body, build a Request, write the Response.
import { createServer } from "node:http";
import { createSandbox } from "alipayhk-sandbox";

const options = JSON.parse(process.argv[2] ?? "{}");
const sandbox = await createSandbox({ merchants: options.merchants, seed: options.seed ?? 1 });

async function handle(req, res) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  if (req.method === "GET" && req.url === "/bench/stats") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(sandbox.stats));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
  const response = await sandbox.fetch(request);
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

const server = createServer((req, res) => {
  handle(req, res).catch((error) => {
    console.error(`bench server: ${error?.stack ?? error}`);
    res.destroy();
  });
});
server.keepAliveTimeout = 60_000;
await new Promise((resolve, reject) => {
  server.once("error", reject);
  server.listen(0, "127.0.0.1", resolve);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.on("error", stop);
process.stdin.resume();

const { port } = server.address();
console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, alipayPublicKey: sandbox.alipayPublicKey, pid: process.pid }));
