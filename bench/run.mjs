#!/usr/bin/env node
// @ts-check
// `npm run bench`: one run that measures, for Node, Deno and Bun, the signing package against raw WebCrypto and
// the order client against a plain-fetch baseline on the same loopback server; on Node, OpenSSL's one-core RSA
// sign rate and npm `alipay-sdk`'s signing; cold start (bench/cold-start.mjs); and the bundle sizes. Prints a table, rewrites BENCHMARKS.md and
// writes bench/results.json. Numbers and ratios only: it never fails on a slow result (see `npm run size` for
// the enforced bundle budgets).
//
//   npm run bench                 full run (8 rounds, about 8 minutes)
//   npm run bench -- --quick      everyday run (4 short rounds, about 100 seconds)
//   npm run bench -- --only sandbox-load   the sandbox under load alone (bench/sandbox-load.mjs, about 5 minutes)
//   npm run bench -- --only delivery       the PostgreSQL outbox against direct calls alone (bench/delivery.mjs)
//   options: --only=node,deno,bun,sandbox-load,delivery   --build (rebuild the packages first)   --no-write (print only)
//
// How:
// - The packages are measured as built (dist/). bench/runtime.mjs is bundled once with esbuild (platform
//   neutral) and the same file runs on each runtime; Deno gets --allow-net=127.0.0.1 and nothing else.
// - The sandbox runs in a separate Node process (bench/server.mjs) on 127.0.0.1, started and stopped here, so
//   its CPU is not charged to the client runtime. Only the Node-only comparison with `openssl speed` (a one-core
//   rate) runs pinned to one core, when `taskset` exists.
// - Within a runtime, client and baseline rounds alternate (ABBA) and each reported number is the median of the
//   rounds; ratios are taken between numbers of the same run. Three ratios are cross-checked call by call
//   (interleaved), and the CPU used by other processes during each part is measured (/proc) and reported, so
//   that a number taken on a busy machine is flagged as such.
import { spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { BIN, buildStale, ROOT, run as runCommand, seconds, startServer as startChild } from "../scripts/processes.mjs";
import { measureColdStarts, mergeColdStarts } from "./cold-start.mjs";
import { measureSpecCost } from "./spec-cost.mjs";
import { budgetTable } from "./budgets.mjs";
import { BUSY_CORES, cpuMonitor } from "./cpu.mjs";
import { replaceSection, report } from "./report.mjs";
import { machineInfo, nodeResults, previousResults, round, runtimeResults } from "./results.mjs";
import { measureSandboxLoad, sandboxLoadMain, sandboxLoadSection } from "./sandbox-load.mjs";
import { deliveryMain, deliverySection } from "./delivery.mjs";
import { measureOperationSizes, OPERATION_BUDGETS } from "./operation-sizes.mjs";
import { bundleResults, measureBundles } from "./size.mjs";

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const QUICK = flag("quick");
// --only=a,b or --only a,b: runtimes (node, deno, bun), and the sandbox-load and delivery tasks
const ONLY = option("only") ?? (args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined);
const TASKS = (ONLY ?? "node,deno,bun,sandbox-load,delivery").split(",");
const RUNTIMES = TASKS.filter((t) => t !== "sandbox-load" && t !== "delivery");
if (!RUNTIMES.length) {
  // the tasks alone: each merges its numbers into results.json and BENCHMARKS.md itself
  if (TASKS.includes("sandbox-load")) await sandboxLoadMain(args);
  if (TASKS.includes("delivery")) await deliveryMain(args);
  process.exit(0);
}
const started = Date.now();

const SETTINGS = QUICK
  ? {
      rounds: 4,
      cryptoTimeMs: 250,
      httpTimeMs: 400,
      interleavedHttpMs: 4_000,
      warmupMs: 100,
      opensslSeconds: 1,
      runtimeTimeoutMs: 120_000,
      coldStarts: 3,
    }
  : {
      rounds: 8,
      cryptoTimeMs: 700,
      httpTimeMs: 1000,
      // The budget's number at 1 in flight: 8 s of pairs spread ±0.03 between runs, so 24 s (about 6,000 pairs)
      interleavedHttpMs: 24_000,
      warmupMs: 200,
      opensslSeconds: 1,
      runtimeTimeoutMs: 300_000,
      coldStarts: 7,
    };

const tmp = mkdtempSync(join(tmpdir(), "alipayhk-bench-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

const say = (text) => console.error(`bench: ${text}`);

// ------------------------------------------------------------------------------------------------------------
// Child processes

/**
 * Runs a command; streams its stderr (progress) through; resolves with its output.
 * @param {string} command
 * @param {string[]} argv
 * @param {{ timeoutMs?: number; cwd?: string; onSpawn?: (pid: number | undefined) => void }} [options]
 */
const run = (command, argv, options = {}) => runCommand(command, argv, { ...options, echoStderr: true });

/** @param {string} name @param {import("../scripts/processes.mjs").RunResult} result */
function resultOf(name, { code, signal, stdout, stderr }) {
  const line = stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (code !== 0 || !line) {
    const why = signal ? `killed by ${signal}` : `exit ${code}`;
    throw new Error(
      `${name} failed (${why}): ${(stderr.trim().split("\n").slice(-5).join("\n") || stdout.trim()).slice(0, 2000)}`,
    );
  }
  return JSON.parse(line.slice("BENCH_RESULT ".length));
}

// ------------------------------------------------------------------------------------------------------------
// 1. The built packages

// Rebuilt when dist/ is older than src/ or generated/ (a spec change), so that nothing measures an old build.
buildStale({ force: flag("build"), log: (text) => process.stderr.write(text) });

// ------------------------------------------------------------------------------------------------------------
// 2. The runtime-neutral bench, bundled once (alipayhk-* from dist/, as a user's install resolves them)

const bundlePath = join(tmp, "runtime-bench.mjs");
const bundled = await build({
  entryPoints: [join(ROOT, "bench", "runtime.mjs")],
  outfile: bundlePath,
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  metafile: true,
  logLevel: "warning",
});
const bundledInputs = Object.keys(bundled.metafile.inputs);
const fromSource = bundledInputs.filter((p) => /packages\/[^/]+\/src\//.test(p));
if (fromSource.length)
  throw new Error(`the bench bundle took package sources instead of dist/: ${fromSource.join(", ")}`);

// ------------------------------------------------------------------------------------------------------------
// 3. Keys and the server

const merchant = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKeyPem = merchant.privateKey.export({ type: "pkcs8", format: "pem" });
const publicKeyPem = merchant.publicKey.export({ type: "spki", format: "pem" });
const CLIENT_ID = "4Q5Y8W0WSG45P907917"; // as in bench/payload.mjs

/** The sandbox in its own Node process (bench/server.mjs), which prints its url and keys as one JSON line. */
async function startServer() {
  const config = JSON.stringify({ merchants: { [CLIENT_ID]: publicKeyPem }, seed: 7 });
  const child = startChild(process.execPath, [join(ROOT, "bench", "server.mjs"), config], {
    ready: /^(\{.*\})\n/,
    timeoutMs: 30_000,
    stderr: "inherit",
  });
  const [, line] = await child.started;
  const info = JSON.parse(line ?? "");
  return {
    ...info,
    async stats() {
      return (await fetch(`${info.url}/bench/stats`)).json();
    },
    stop: child.stop,
  };
}

// ------------------------------------------------------------------------------------------------------------
// 4. Node, Deno, Bun

const COMMANDS = {
  node: (cfg) => [process.execPath, [bundlePath, cfg]],
  // --allow-net=127.0.0.1 only: no other network, no file system, no environment. Run from the temporary
  // directory with --no-config so that the checkout's package.json / node_modules are not picked up.
  deno: (cfg) => [join(BIN, "deno"), ["run", "--no-config", "--no-prompt", "--allow-net=127.0.0.1", bundlePath, cfg]],
  bun: (cfg) => [join(BIN, "bun"), [bundlePath, cfg]],
};

say(
  `${QUICK ? "quick" : "full"} run: ${SETTINGS.rounds} rounds; crypto ${SETTINGS.cryptoTimeMs} ms and HTTP ${SETTINGS.httpTimeMs} ms per task and round`,
);
const server = await startServer();
say(`sandbox served by pid ${server.pid} at ${server.url}`);
const runtimes = {};
/** @type {Record<string, string>} */
const errors = {};
/** @type {Record<string, { seconds: number | null; machineBusyCores: number | null; benchCores: number | null; otherCores: number | null } | null>} */
const cpu = {};
const loadBefore = loadavg();
const statsBefore = await server.stats();
for (const name of RUNTIMES) {
  if (!COMMANDS[name]) throw new Error(`unknown runtime ${name}`);
  const t = Date.now();
  const cfg = JSON.stringify({
    url: server.url,
    privateKeyPem,
    publicKeyPem,
    alipayPublicKeyPem: server.alipayPublicKey,
    ...SETTINGS,
  });
  const [command, argv] = COMMANDS[name](cfg);
  say(`${name}: running`);
  const monitor = cpuMonitor([server.pid]);
  try {
    const output = await run(command, argv, {
      timeoutMs: SETTINGS.runtimeTimeoutMs,
      cwd: tmp,
      onSpawn: (pid) => monitor.add(pid),
    });
    cpu[name] = monitor.stop();
    runtimes[name] = resultOf(name, output);
    const c = cpu[name];
    say(
      `${name}: done in ${seconds(Date.now() - t)}${c ? `; CPU: machine ${c.machineBusyCores} cores busy, bench ${c.benchCores}, other processes ${c.otherCores}` : ""}`,
    );
  } catch (error) {
    cpu[name] ??= monitor.stop();
    errors[name] = error.message;
    say(`${name}: ${error.message}`);
  }
}

// ------------------------------------------------------------------------------------------------------------
// 4b. Cold start (bench/cold-start.mjs): fresh processes, and fresh workerd isolates, to the first verified syncOrder

say(`cold start: ${SETTINGS.coldStarts} fresh starts per runtime, client and baseline alternated`);
const coldMonitor = cpuMonitor([server.pid]);
const cold = await measureColdStarts(
  {
    url: server.url,
    clientId: CLIENT_ID,
    privateKeyPem: String(privateKeyPem),
    alipayPublicKeyPem: server.alipayPublicKey,
  },
  {
    starts: SETTINGS.coldStarts,
    runtimes: [...RUNTIMES, ...(ONLY ? [] : ["workerd"])],
    log: (text) => say(`cold start: ${text.trim()}`),
  },
);
cpu.coldStart = coldMonitor.stop();
Object.assign(errors, cold.errors);

const serverStats = await server.stats();
await server.stop();

// ------------------------------------------------------------------------------------------------------------
// 5. Node only: alipay-sdk, OpenSSL

const nodeOnlyMonitor = cpuMonitor([]);
const onSpawn = (pid) => nodeOnlyMonitor.add(pid);
let extras;
if (RUNTIMES.includes("node")) {
  say("node: openssl speed and alipay-sdk, alternated with sign()");
  const cfg = JSON.stringify({
    privateKeyPem,
    rounds: SETTINGS.rounds,
    timeMs: SETTINGS.cryptoTimeMs,
    warmupMs: SETTINGS.warmupMs,
    opensslSeconds: SETTINGS.opensslSeconds,
  });
  // One core for the whole process (openssl speed, its child, included), as the budget says "one-core rate".
  const pinned = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  const argv = [join(ROOT, "bench", "node-extras.mjs"), cfg];
  try {
    const extrasRun = pinned
      ? run("taskset", ["-c", "0", process.execPath, ...argv], { onSpawn })
      : run(process.execPath, argv, { onSpawn });
    extras = resultOf("node extras", await extrasRun);
    extras.pinnedToOneCore = pinned;
    if (extras.opensslError) errors.openssl = extras.opensslError;
  } catch (error) {
    errors.alipaySdk = error.message;
    say(error.message);
  }
}

cpu.nodeOnly = nodeOnlyMonitor.stop();

// ------------------------------------------------------------------------------------------------------------
// 6. Bundles

/**
 * What `measure` resolves to, or undefined with its error recorded under `key`: the run goes on without it.
 * @template T @param {string} key @param {string} what @param {() => Promise<T>} measure
 */
async function measured(key, what, measure) {
  say(what);
  try {
    return await measure();
  } catch (error) {
    errors[key] = error.message;
    say(error.message);
    return undefined;
  }
}

const bundles = await measured("bundles", "bundle sizes (size-limit + content checks)", measureBundles);
const operationSizes = await measured(
  "operationSizes",
  "per-operation bundles (bench/operation-sizes.mjs)",
  async () => {
    const { contentProblems, ...numbers } = await measureOperationSizes();
    if (contentProblems.length) errors.operationSizes = `syncOrder-only bundle ${contentProblems.join("; ")}`;
    return { ...numbers, budgets: OPERATION_BUDGETS, measured: new Date().toISOString() };
  },
);
const specCost = await measured(
  "specCost",
  "what the spec costs a client bundle (bench/spec-cost.mjs)",
  measureSpecCost,
);

// ------------------------------------------------------------------------------------------------------------
// 6b. The sandbox under load (bench/sandbox-load.mjs), or its numbers from the last run that measured it

/** The last run's results: what this run does not measure is carried over from them. */
const previous = previousResults();
/** @type {any} */
const sandboxLoad =
  (TASKS.includes("sandbox-load")
    ? await measured("sandboxLoad", "the sandbox under load (bench/sandbox-load.mjs)", () =>
        measureSandboxLoad({ quick: QUICK, log: (text) => say(`sandbox-load: ${text}`) }),
      )
    : undefined) ?? previous.sandbox?.load;

// ------------------------------------------------------------------------------------------------------------
// 7. Results

const results = { runtimes: runtimeResults(runtimes, errors), node: nodeResults(extras), bundle: {} };
results.bundle = { ...bundleResults(bundles), spec: specCost ?? null };
if (sandboxLoad) results.sandbox = { load: sandboxLoad };
if (operationSizes) results.size = operationSizes;

// Budgets: met / not met, with the numbers (bench/budgets.mjs).
const budgets = budgetTable({
  results,
  cold,
  bundles,
  cpu,
  errors,
  runtimes: RUNTIMES,
  coldStarts: SETTINGS.coldStarts,
  openssl: !!extras?.opensslSignPerSec,
});
results.budgets = budgets;
results.machine = machineInfo();
results.run = {
  date: new Date().toISOString(),
  mode: QUICK ? "quick" : "full",
  settings: SETTINGS,
  durationSeconds: round((Date.now() - started) / 1000, 1),
  loadAverageBefore: loadBefore.map((l) => round(l, 2)),
  loadAverageAfter: loadavg().map((l) => round(l, 2)),
  cpu,
  serverRequests: serverStats.requests - statsBefore.requests,
  serverResults: serverStats.results,
  serverHttpStatus: serverStats.httpStatus,
  errors,
};

mergeColdStarts(results, cold, {
  date: results.run.date,
  starts: SETTINGS.coldStarts,
  busy: (cpu.coldStart?.otherCores ?? 0) > BUSY_CORES,
  otherCores: cpu.coldStart?.otherCores ?? null,
});

// Every answer the sandbox sent must have been a success: anything else means the numbers measure failures.
const nonSuccess = Object.entries(serverStats.results).filter(([code]) => code !== "SUCCESS");
if (nonSuccess.length)
  errors.server = `the sandbox sent non-SUCCESS answers: ${JSON.stringify(Object.fromEntries(nonSuccess))}`;

// ------------------------------------------------------------------------------------------------------------
// 8. Output

const { text, markdown: reported } = report({ results, budgets, bundles, cpu, errors, SETTINGS, QUICK, RUNTIMES });
const withLoad = sandboxLoad
  ? replaceSection(reported, "Sandbox under load", sandboxLoadSection(sandboxLoad), "Budgets")
  : reported;
// the last delivery numbers, until bench/delivery.mjs (below) replaces them
const markdown = previous.delivery
  ? replaceSection(withLoad, "Delivery", deliverySection(previous.delivery), "Budgets")
  : withLoad;
console.log(text);
if (!flag("no-write")) {
  // bench/delivery.mjs writes `delivery` (below, or on its own): carried over so that this run does not drop it
  if (previous.delivery !== undefined) results.delivery = previous.delivery;
  writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, "BENCHMARKS.md"), markdown);
  say(`wrote bench/results.json and BENCHMARKS.md in ${seconds(Date.now() - started)}`);
} else {
  say(`done in ${seconds(Date.now() - started)} (--no-write: nothing written)`);
}
// last: it merges its own numbers into what was just written
if (TASKS.includes("delivery")) {
  try {
    await deliveryMain(args.filter((a) => a === "--quick" || a === "--no-write"));
  } catch (error) {
    say(`delivery: ${error.message}`);
    process.exitCode = 1;
  }
}
