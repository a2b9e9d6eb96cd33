/**
 * Node runner: the conformance suite with loopback HTTP served by the CLI's node:http adapter
 * (packages/cli/src/serve.ts), exactly as `alipayhk sandbox` serves it.
 */
import { serve } from "../../packages/cli/src/serve.js";
import { runSuite, summaryLine } from "../conformance/suite.js";

console.log(`# runtime node ${process.version}`);
const result = await runSuite({
  runtime: "node",
  serve: (handler) => serve(handler, { port: 0, hostname: "127.0.0.1" }),
  log: (line) => console.log(line),
  ...(process.env.CONFORMANCE_FILTER && { filter: process.env.CONFORMANCE_FILTER }),
});
console.log(summaryLine(result));
process.exitCode = result.failed === 0 ? 0 : 1;
