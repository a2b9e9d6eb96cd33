/** Bun runner: loopback HTTP through Bun.serve on 127.0.0.1. */
import { runSuite, summaryLine } from "../conformance/suite.js";

declare const Bun: {
  version: string;
  revision: string;
  serve(options: { port: number; hostname: string; fetch: (request: Request) => Response | Promise<Response> }): {
    port: number;
    hostname: string;
    stop(closeActiveConnections?: boolean): Promise<void> | void;
  };
};
declare const process: { exit(code: number): never };

console.log(`# runtime bun ${Bun.version} (${Bun.revision.slice(0, 9)})`);
const result = await runSuite({
  runtime: "bun",
  serve: async (handler) => {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: handler });
    return { url: `http://127.0.0.1:${server.port}`, close: async () => void (await server.stop(true)) };
  },
  log: (line) => console.log(line),
});
console.log(summaryLine(result));
process.exit(result.failed === 0 ? 0 : 1);
