/**
 * The portable conformance suite: one set of tests, run unchanged in Node, Deno, Bun, workerd (with and
 * without Node compatibility) and Vercel's edge-runtime by the thin runners in test/runtimes/.
 *
 * Plain web APIs only (crypto.subtle, fetch, Request/Response, TextEncoder, atob/btoa, setTimeout): no
 * test-runner globals, no Node APIs. It imports the *built* packages: scripts/runtimes.mjs bundles it
 * with esbuild, which resolves `alipayhk-*` through the node_modules workspace links to each package's
 * "exports" (dist/). What a runtime can do beyond that (listen on a port) comes in through `env`.
 *
 * Known answers come from test/conformance/vectors.json, written by scripts/make-vectors.mjs with
 * node:crypto only.
 *
 * The tests are in topic modules, registered in this order: keys.ts, signatures.ts, encryption.ts, client.ts
 * (in process), notifications.ts (the spec's second operation and its examples) and loopback.ts (over HTTP);
 * fixtures.ts holds what they share.
 */
import { createRegistry, equal, ok, type Registry, type SuiteResult } from "./harness.js";
import { registerClient } from "./client.js";
import { registerEncryption } from "./encryption.js";
import { registerKeys } from "./keys.js";
import { registerLoopback } from "./loopback.js";
import { registerNotificationTests } from "./notifications.js";
import { registerSignatures } from "./signatures.js";

export type { Failure, SuiteResult } from "./harness.js";

export type FetchHandler = (request: Request) => Promise<Response>;

/** What a runtime offers the suite beyond plain web APIs. */
export interface SuiteEnv {
  /** Runtime name, for messages. */
  runtime: string;
  /**
   * Serves a fetch handler over HTTP on 127.0.0.1 (port chosen by the OS). Given where the runtime can listen
   * (Node, Deno, Bun); the loopback tests are registered only then.
   */
  serve?: (handler: FetchHandler) => Promise<{ url: string; close(): Promise<void> }>;
  /**
   * What the run claims about Node's globals: "absent" (workerd without nodejs_compat, edge-runtime) or
   * "present" (workerd with nodejs_compat). The suite asserts the claim.
   */
  nodeGlobals?: "absent" | "present";
  /** One line per test (TAP-like). */
  log?: (line: string) => void;
  /** Runs only the tests whose name contains this. */
  filter?: string;
}

/** Registers every test; `env` decides the optional ones. */
function register(env: SuiteEnv, { test }: Pick<Registry, "test"> = registry) {
  // ---------------------------------------------------------------------------------------------
  // The runtime itself

  if (env.nodeGlobals === "absent") {
    test("runtime: no Node globals (typeof Buffer and typeof process are 'undefined')", () => {
      const g = globalThis as Record<string, unknown>;
      equal(typeof g.Buffer, "undefined", "typeof Buffer");
      equal(typeof g.process, "undefined", "typeof process");
    });
  }
  if (env.nodeGlobals === "present") {
    test("runtime: Node globals present (nodejs_compat is really on)", () => {
      const g = globalThis as Record<string, unknown>;
      equal(typeof g.Buffer, "function", "typeof Buffer");
      equal(typeof g.process, "object", "typeof process");
    });
  }
  test("runtime: the web APIs the packages use exist", () => {
    for (const name of [
      "crypto",
      "fetch",
      "Request",
      "Response",
      "Headers",
      "TextEncoder",
      "TextDecoder",
      "atob",
      "btoa",
      "AbortController",
      "setTimeout",
      "clearTimeout",
      "structuredClone",
    ]) {
      ok((globalThis as Record<string, unknown>)[name] !== undefined, `globalThis.${name} is missing`);
    }
    equal(typeof crypto.subtle?.sign, "function", "typeof crypto.subtle.sign");
    equal(typeof crypto.randomUUID, "function", "typeof crypto.randomUUID");
  });

  registerKeys({ test });
  registerSignatures({ test });
  registerEncryption({ test });
  registerClient({ test });
  registerNotificationTests(test);
  registerLoopback({ test }, env);
}

const registry = createRegistry();
let registeredFor: SuiteEnv | undefined;

/** Runs the suite in the current runtime. Never throws: failures are counted and listed. */
export async function runSuite(env: SuiteEnv): Promise<SuiteResult> {
  if (registeredFor) throw new Error("runSuite() runs once per realm");
  registeredFor = env;
  register(env);
  return registry.run({
    ...(env.log && { log: env.log }),
    ...(env.filter && { filter: env.filter }),
    timeoutMs: 30_000,
  });
}

/**
 * How many tests `runSuite(env)` runs, without running any: what scripts/runtimes.mjs expects of each runner (only
 * whether `serve` and `nodeGlobals` are given matters).
 */
export function countTests(env: SuiteEnv): number {
  const counting = createRegistry();
  register(env, counting);
  return counting.size;
}

/** The line every runner prints last, and that scripts/runtimes.mjs reads. */
export const summaryLine = (result: SuiteResult): string => `${result.passed} passed, ${result.failed} failed`;
