/**
 * workerd runner: the suite as the `test()` handler of a module worker, run by `workerd test` with a
 * config that scripts/runtimes.mjs generates twice (with nodejs_compat, and with no_nodejs_compat +
 * no_nodejs_compat_v2). The NODE_GLOBALS text binding says which, and the suite asserts it.
 * workerd cannot listen from inside a test, so there are no loopback tests here.
 */
import { runSuite, summaryLine } from "../conformance/suite.js";

interface Env {
  NODE_GLOBALS: "absent" | "present";
}

export default {
  async test(_controller: unknown, env: Env): Promise<void> {
    console.log(`# runtime workerd (${navigator.userAgent}), Node globals ${env.NODE_GLOBALS}`);
    const result = await runSuite({
      runtime: "workerd",
      nodeGlobals: env.NODE_GLOBALS,
      log: (line) => console.log(line),
    });
    console.log(summaryLine(result));
    if (result.failed !== 0) throw new Error(`${result.failed} conformance test(s) failed`);
  },
};
