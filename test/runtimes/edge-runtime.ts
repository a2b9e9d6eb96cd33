/**
 * Vercel edge-runtime runner, bundled as a classic script and evaluated inside `new EdgeRuntime()` by
 * test/runtimes/edge-host.mjs. The result promise is left on globalThis for the host to await. The
 * edge runtime has no Node globals and cannot listen, so there are no loopback tests here.
 */
import { runSuite, type SuiteResult } from "../conformance/suite.js";

(globalThis as { __conformance?: Promise<SuiteResult> }).__conformance = runSuite({
  runtime: "edge-runtime",
  nodeGlobals: "absent",
  log: (line) => console.log(line),
});
