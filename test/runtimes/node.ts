/**
 * Node runner: the conformance suite with loopback HTTP served by the node:http adapter of alipayhk-sandbox/node,
 * exactly as `alipayhk sandbox` serves it.
 */
import { serve } from "alipayhk-sandbox/node";
import { runSuite, summaryLine } from "../conformance/suite.js";

console.log(`# runtime node ${process.version}`);
const result = await runSuite({
  runtime: "node",
  serve: (handler) => serve(handler, { port: 0, host: "127.0.0.1" }),
  log: (line) => console.log(line),
  ...(process.env.CONFORMANCE_FILTER && { filter: process.env.CONFORMANCE_FILTER }),
});
console.log(summaryLine(result));
process.exitCode = result.failed === 0 ? 0 : 1;
