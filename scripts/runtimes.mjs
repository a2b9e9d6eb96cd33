#!/usr/bin/env node
// @ts-check
// `npm run test:runtimes`: one client, every runtime.
//
// 1. Builds the library packages whose dist/ is missing or older than their sources (buildStale in scripts/processes.mjs;
//    --build forces it), and checks that test/conformance/vectors.json is what scripts/make-vectors.mjs writes.
// 2. Bundles the portable conformance suite (test/conformance/suite.ts) once per runtime with esbuild.
//    `alipayhk-*` resolve through the node_modules workspace links to each package's "exports", i.e.
//    the BUILT dist/ files; the bundle's metafile is checked for that.
// 3. Runs the thin runners (test/runtimes/*): Node, Deno (--allow-net=127.0.0.1 only), Bun, workerd
//    twice (nodejs_compat, and no_nodejs_compat + no_nodejs_compat_v2) and Vercel's edge-runtime.
// 4. Runs the examples (scripts/examples.mjs) against a sandbox served on 127.0.0.1, and checks each one synced.
//
// Prints each runtime's name and version and its `N passed, N failed` line; exits 1 on any failure.
//   node scripts/runtimes.mjs [--build] [--verbose] [--only=node,deno,workerd,edge,examples,...] [--jobs=N]
// --only takes prefixes of the runtime and example names; --jobs (default 2, the cores of our CI machine)
// is how many runtimes run at once.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { EXAMPLES, runExamples } from "./examples.mjs";
import { BIN, buildStale, LIBRARIES, pool, ROOT, run, seconds } from "./processes.mjs";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const VERBOSE = flag("verbose");
const ONLY = option("only")?.split(",");
const JOBS = Number(option("jobs") ?? 2);
const WORKERD_COMPATIBILITY_DATE = "2026-11-17";
const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), "alipayhk-runtimes-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------
// 2. Bundles

/**
 * Bundles `entry`; fails if an alipayhk-* import was resolved to anything but a package's dist/.
 * @param {string} entry
 * @param {string} outfile
 * @param {{ platform?: import("esbuild").Platform; format?: import("esbuild").Format }} [options]
 */
async function bundle(entry, outfile, { platform = "neutral", format = "esm" } = {}) {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    outfile: join(tmp, outfile),
    bundle: true,
    format,
    platform,
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: platform === "neutral" ? ["worker", "browser"] : [],
    metafile: true,
    // alipayhk-* resolve like a user's install does, through node_modules to each package's dist/ (the
    // "alipayhk-source" condition, which points at src/ for the type checker, is not set here)
    logLevel: "error",
    legalComments: "none",
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const lib of LIBRARIES) {
    const fromDist = inputs.some((p) => p.startsWith(`${lib.dir}/dist/`));
    const fromSrc = inputs.filter((p) => p.startsWith(`${lib.dir}/src/`));
    if (fromSrc.length)
      throw new Error(`${entry}: ${lib.name} was bundled from its sources (${fromSrc[0]}), not from dist/`);
    if (!fromDist && entry.startsWith("test/runtimes/")) throw new Error(`${entry}: ${lib.name} is not in the bundle`);
  }
  return join(tmp, outfile);
}

/** A `workerd test` config running `bundleFile` as a module worker. */
function workerdConfig(name, { bundleFile, flags, bindings = {} }) {
  const file = join(tmp, `${name}.capnp`);
  const bindingList = Object.entries(bindings)
    .map(([key, value]) => `(name = ${JSON.stringify(key)}, text = ${JSON.stringify(value)})`)
    .join(", ");
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed ${JSON.stringify(relative(tmp, bundleFile))})],
  compatibilityDate = "${WORKERD_COMPATIBILITY_DATE}",
  compatibilityFlags = ${JSON.stringify(flags)},
  bindings = [${bindingList}],
);
`,
  );
  return file;
}

// ---------------------------------------------------------------------------------------------
// 3. Runtimes

const deno = join(BIN, "deno");
const bun = join(BIN, "bun");
const workerd = join(BIN, "workerd");
const firstLine = (text) => text.trim().split("\n")[0];

function workerdRuntime(id, flags, nodeGlobals) {
  const name = `workerd-${nodeGlobals}`;
  return {
    id,
    version: async () =>
      `workerd ${require("workerd/package.json").version} (${firstLine((await run(workerd, ["--version"])).stdout)}), compatibility date ${WORKERD_COMPATIBILITY_DATE}, flags ${JSON.stringify(flags)}`,
    prepare: async () => {
      const file = await bundle("test/runtimes/workerd.ts", `${name}.bundle.mjs`);
      return workerdConfig(name, { bundleFile: file, flags, bindings: { NODE_GLOBALS: nodeGlobals } });
    },
    command: (config) => [workerd, ["test", "--verbose", config]],
    nodeGlobals, // the suite adds its assertion about Node's globals
  };
}

const RUNTIMES = [
  {
    id: "node",
    version: async () => `node ${process.version}`,
    prepare: () => bundle("test/runtimes/node.ts", "node.bundle.mjs", { platform: "node" }),
    command: (file) => [process.execPath, [file]],
    listens: true, // the suite adds its loopback HTTP tests
  },
  {
    id: "deno",
    version: async () => firstLine((await run(deno, ["--version"])).stdout),
    prepare: () => bundle("test/runtimes/deno.ts", "deno.bundle.mjs"),
    // Narrowest permissions: loopback network only; nothing to read, write, run or look up in env.
    command: (file) => [deno, ["run", "--allow-net=127.0.0.1", "--no-prompt", "--no-config", "--no-lock", file]],
    listens: true, // the suite adds its loopback HTTP tests
  },
  {
    id: "bun",
    version: async () => `bun ${(await run(bun, ["--version"])).stdout.trim()}`,
    prepare: () => bundle("test/runtimes/bun.ts", "bun.bundle.mjs"),
    command: (file) => [bun, ["run", "--no-install", file]],
    listens: true, // the suite adds its loopback HTTP tests
  },
  // workerd twice. At this compatibility date nodejs_compat is the default, and no_nodejs_compat alone
  // still leaves Buffer and process defined: both no_* flags are needed. The NODE_GLOBALS binding tells
  // the suite which case it is in, and the suite asserts it, so each run proves what it claims.
  workerdRuntime("workerd (nodejs_compat)", ["nodejs_compat"], "present"),
  workerdRuntime("workerd (no_nodejs_compat)", ["no_nodejs_compat", "no_nodejs_compat_v2"], "absent"),
  {
    id: "edge-runtime",
    version: async () =>
      `edge-runtime ${require("edge-runtime/package.json").version} (@edge-runtime/vm ${require("@edge-runtime/vm/package.json").version}, in node ${process.version})`,
    prepare: () => bundle("test/runtimes/edge-runtime.ts", "edge.bundle.js", { format: "iife" }),
    command: (file) => [process.execPath, [join(ROOT, "test/runtimes/edge-host.mjs"), file]],
    nodeGlobals: "absent",
  },
];

const SUMMARY = /^(\d+) passed, (\d+) failed$/m;

/**
 * How many tests a runner must run: as many as the suite registers for what the runner offers (loopback HTTP, or
 * a claim about Node's globals). A runner that lost a registration would otherwise pass with fewer.
 */
async function testCounter() {
  const suite = await bundle("test/conformance/suite.ts", "suite-count.mjs", { platform: "node" });
  const { countTests } = await import(pathToFileURL(suite).href);
  const serve = async () => {
    throw new Error("only counting");
  };
  return (runtime) =>
    countTests({
      runtime: runtime.id,
      ...(runtime.listens && { serve }),
      ...(runtime.nodeGlobals && { nodeGlobals: runtime.nodeGlobals }),
    });
}

async function runRuntime(runtime, expectedTests) {
  const t = Date.now();
  const result = { id: runtime.id, version: "?", passed: 0, failed: 0, ok: false, output: "", ms: 0 };
  try {
    result.version = await runtime.version();
    const target = await runtime.prepare();
    const [command, argv] = runtime.command(target);
    const { code, stdout, stderr } = await run(command, argv, { timeoutMs: 120_000 });
    result.output = `${stdout}${stderr ? `\n[stderr]\n${stderr}` : ""}`;
    // workerd prefixes console output; take the last summary line wherever it is.
    const lines = stdout
      .concat("\n", stderr)
      .split("\n")
      .map((l) => l.replace(/^.*?(\d+ passed, \d+ failed)\s*$/, "$1"));
    const summary = lines
      .filter((l) => SUMMARY.test(l))
      .pop()
      ?.match(SUMMARY);
    if (summary) {
      result.passed = Number(summary[1]);
      result.failed = Number(summary[2]);
    } else {
      result.failed = Math.max(1, result.failed);
      result.output += "\n(no `N passed, N failed` line: the runner crashed)";
    }
    const complete = result.passed + result.failed === expectedTests;
    result.ok = code === 0 && summary !== undefined && result.failed === 0 && complete;
    if (code !== 0 && result.failed === 0) result.output += `\n(exit code ${code})`;
    if (summary && !complete)
      result.output += `\n(ran ${result.passed + result.failed} tests, expected ${expectedTests})`;
  } catch (error) {
    result.output += `\n${error?.stack ?? error}`;
    result.failed = Math.max(1, result.failed);
  }
  result.ms = Date.now() - t;
  return result;
}

// ---------------------------------------------------------------------------------------------
// Main

try {
  buildStale({ force: flag("build") });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
{
  const { code, stdout, stderr } = await run(process.execPath, ["scripts/make-vectors.mjs", "--check"]);
  if (code !== 0) {
    console.error(stdout + stderr);
    process.exit(1);
  }
}
const selected = RUNTIMES.filter((r) => !ONLY || ONLY.some((o) => r.id.startsWith(o)));
const expectedTests = await testCounter();
const results = await pool(selected, JOBS, async (runtime) => {
  const result = await runRuntime(runtime, expectedTests(runtime));
  process.stdout.write(`  ${result.ok ? "ok  " : "FAIL"} ${runtime.id} (${seconds(result.ms)})\n`);
  return result;
});
const examples =
  !ONLY || ONLY.includes("examples") || EXAMPLES.some((e) => ONLY.some((o) => e.id.startsWith(o)))
    ? await runExamples({ bundle, tmp, only: ONLY, jobs: JOBS })
    : undefined;

console.log("");
let failed = false;
for (const r of results) {
  failed ||= !r.ok;
  console.log(`${r.ok ? "✔" : "✘"} ${r.id}: ${r.version} (${seconds(r.ms)})`);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  if (!r.ok || VERBOSE) {
    const shown = VERBOSE
      ? r.output
      : r.output
          .split("\n")
          .filter((l) => !/^ok \d+ - |^# runtime|^\d+ passed|\] main|^$/.test(l))
          .slice(0, 80)
          .join("\n");
    console.log(shown.replace(/^/gm, "    "));
  }
}
if (examples) {
  const passed = examples.results.filter((e) => e.ok).length;
  failed ||= passed !== examples.results.length || examples.results.length === 0;
  console.log(
    `${passed === examples.results.length ? "✔" : "✘"} examples, against a sandbox at ${examples.sandboxUrl} (${seconds(examples.ms)})`,
  );
  for (const e of examples.results) {
    console.log(`    ${e.ok ? "ok  " : "FAIL"} ${e.id} (${seconds(e.ms)})`);
    if (!e.ok) console.log(String(e.error).replace(/^/gm, "        "));
  }
  console.log(`${passed} passed, ${examples.results.length - passed} failed`);
}
console.log(`\n${failed ? "FAILED" : "all runtimes passed"} in ${seconds(Date.now() - started)}`);
process.exit(failed ? 1 : 0);
