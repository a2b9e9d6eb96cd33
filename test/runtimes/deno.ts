/**
 * Deno runner: loopback HTTP through Deno.serve on 127.0.0.1. Run with the narrowest permissions:
 * `deno run --allow-net=127.0.0.1 --no-prompt deno.bundle.mjs` (no read, write, env or run).
 */
import { runSuite, summaryLine } from "../conformance/suite.js";

declare const Deno: {
  version: { deno: string; v8: string };
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number; hostname: string }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { addr: { port: number; hostname: string }; shutdown(): Promise<void>; finished: Promise<void> };
  exit(code: number): never;
};

console.log(`# runtime deno ${Deno.version.deno} (v8 ${Deno.version.v8})`);
const result = await runSuite({
  runtime: "deno",
  serve: async (handler) => {
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, handler);
    return { url: `http://127.0.0.1:${server.addr.port}`, close: () => server.shutdown() };
  },
  log: (line) => console.log(line),
});
console.log(summaryLine(result));
Deno.exit(result.failed === 0 ? 0 : 1);
