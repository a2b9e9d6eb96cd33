#!/usr/bin/env node
// @ts-check
// Cold start: from a fresh process (Node, Deno, Bun) or a fresh workerd isolate to the first verified syncOrder
// against the bench's sandbox on 127.0.0.1 (bench/cold/client.mjs), beside a baseline that imports nothing of ours
// and does the same fetch, sign and verify inline with crypto.subtle (bench/cold/baseline.mjs), and, on Node,
// alipay-sdk's import plus its first signature (bench/cold/alipay-sdk.mjs). Each start is timed by this process,
// from spawning the child to the child's COLD_START_DONE line; client and baseline alternate, and each number is
// the median of `starts` starts.
//
// Part of `npm run bench`; on its own (`npm run bench:cold-start`), it starts its own sandbox, prints the numbers,
// and merges them into bench/results.json and the "Cold start" section of BENCHMARKS.md (--no-write: print only).
//   node bench/cold-start.mjs [--starts=N] [--only=node,deno,bun,workerd] [--no-write]
import { spawn } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { BIN, buildStale, ROOT, seconds, startServer } from "../scripts/processes.mjs";

const require = createRequire(import.meta.url);
const RUNTIMES = ["node", "deno", "bun", "workerd"];
const WORKERD_COMPATIBILITY_DATE = "2026-11-17";
const DONE = /COLD_START_DONE/;

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** @param {number} n */
const ms = (n) => Math.round(n * 10) / 10;

/**
 * Spawns one fresh child and returns the milliseconds from the spawn to its COLD_START_DONE line (stdout or
 * stderr: workerd logs the worker's console to either); the child is then ended, by its pid.
 * @param {string} command
 * @param {string[]} argv
 * @param {string} cwd
 */
function timeStart(command, argv, cwd, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    let done = false;
    const timer = setTimeout(() => finish(new Error(`no ${DONE.source} within ${timeoutMs} ms`)), timeoutMs);
    /** @param {Error | number} outcome */
    const finish = (outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      if (typeof outcome === "number") resolve(outcome);
      else
        reject(
          new Error(
            `${basename(command)} ${argv.filter((a) => !a.startsWith("{")).join(" ")}: ${outcome.message}\n${output.slice(-2000)}`,
          ),
        );
    };
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      output += chunk;
      if (DONE.test(output)) finish(performance.now() - started);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => finish(new Error(`exited with ${code}`)));
    child.on("error", (error) => finish(error));
  });
}

/**
 * A `workerd test` config that runs `bundleFile`'s test handler in a fresh isolate, with `config` as its CONFIG
 * binding and the network limited to this machine.
 * @param {string} tmp @param {string} name @param {string} bundleFile @param {string} config
 */
function workerdConfig(tmp, name, bundleFile, config) {
  const file = join(tmp, `${name}.capnp`);
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "loopback", network = (allow = ["local"])),
  ],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed ${JSON.stringify(relative(tmp, bundleFile))})],
  compatibilityDate = "${WORKERD_COMPATIBILITY_DATE}",
  compatibilityFlags = ["no_nodejs_compat", "no_nodejs_compat_v2"],
  bindings = [(name = "CONFIG", text = ${JSON.stringify(config)})],
  globalOutbound = "loopback",
);
`,
  );
  return file;
}

/** @param {string} entry @param {string} outfile */
async function bundle(entry, outfile) {
  // neutral ESM, alipayhk-* through node_modules to the built dist/, as bench/run.mjs bundles bench/runtime.mjs
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    metafile: true,
    logLevel: "warning",
  });
  const fromSource = Object.keys(result.metafile.inputs).filter((p) => /packages\/[^/]+\/src\//.test(p));
  if (fromSource.length) throw new Error(`${entry} was bundled from package sources: ${fromSource.join(", ")}`);
  return outfile;
}

/**
 * @typedef {{ url: string; clientId: string; privateKeyPem: string; alipayPublicKeyPem: string }} ColdConfig
 * @typedef {{ version: string; coldStartMs: number; baselineColdStartMs: number; coldStartRunsMs: number[]; baselineColdStartRunsMs: number[] }} ColdResult
 */

/**
 * Measures the cold starts. Errors are per runtime: one that fails does not stop the others.
 * @param {ColdConfig} config
 * @param {{ starts: number; runtimes?: string[]; log?: (text: string) => void }} options
 * @returns {Promise<{ runtimes: Record<string, ColdResult>; alipaySdk?: { coldStartMs: number; runsMs: number[] }; errors: Record<string, string> }>}
 */
export async function measureColdStarts(config, { starts, runtimes = RUNTIMES, log = () => {} }) {
  const tmp = mkdtempSync(join(tmpdir(), "alipayhk-cold-"));
  try {
    const client = await bundle("bench/cold/client.mjs", join(tmp, "client.mjs"));
    const baseline = await bundle("bench/cold/baseline.mjs", join(tmp, "baseline.mjs"));
    const cfg = JSON.stringify(config);
    /** @type {Record<string, { version: () => string; command: (file: string) => [string, string[]] }>} */
    const how = {
      node: { version: () => process.versions.node, command: (file) => [process.execPath, [file, cfg]] },
      // as in the bench: network to 127.0.0.1 only, nothing else, no config picked up from the checkout
      deno: {
        version: () => versionOf(join(BIN, "deno")),
        command: (file) => [
          join(BIN, "deno"),
          ["run", "--no-config", "--no-prompt", "--allow-net=127.0.0.1", file, cfg],
        ],
      },
      bun: { version: () => versionOf(join(BIN, "bun")), command: (file) => [join(BIN, "bun"), [file, cfg]] },
      workerd: {
        version: () => require("workerd/package.json").version,
        command: (file) => [
          join(BIN, "workerd"),
          ["test", workerdConfig(tmp, relative(tmp, file).replace(/\W/g, "-"), file, cfg)],
        ],
      },
    };
    /** @type {Record<string, ColdResult>} */
    const results = {};
    /** @type {Record<string, string>} */
    const errors = {};
    for (const name of runtimes) {
      try {
        const runs = { client: /** @type {number[]} */ ([]), baseline: /** @type {number[]} */ ([]) };
        const [clientCommand, clientArgv] = how[name].command(client);
        const [baselineCommand, baselineArgv] = how[name].command(baseline);
        for (let i = 0; i < starts; i++) {
          // alternated, and which goes first alternates too, so that drift hits both alike
          const order = i % 2 ? ["baseline", "client"] : ["client", "baseline"];
          for (const kind of order) {
            const t =
              kind === "client"
                ? await timeStart(clientCommand, clientArgv, tmp)
                : await timeStart(baselineCommand, baselineArgv, tmp);
            runs[/** @type {"client" | "baseline"} */ (kind)].push(ms(t));
          }
        }
        results[name] = {
          version: how[name].version(),
          coldStartMs: ms(median(runs.client)),
          baselineColdStartMs: ms(median(runs.baseline)),
          coldStartRunsMs: runs.client,
          baselineColdStartRunsMs: runs.baseline,
        };
        log(
          `${name}: cold start ${results[name].coldStartMs} ms, baseline ${results[name].baselineColdStartMs} ms (medians of ${starts})\n`,
        );
      } catch (error) {
        errors[`${name} cold start`] = error.message;
        log(`${name}: ${error.message}\n`);
      }
    }
    let alipaySdk;
    if (runtimes.includes("node")) {
      try {
        const runsMs = [];
        for (let i = 0; i < starts; i++)
          runsMs.push(
            ms(await timeStart(process.execPath, [join(ROOT, "bench", "cold", "alipay-sdk.mjs"), cfg], ROOT)),
          );
        alipaySdk = { coldStartMs: ms(median(runsMs)), runsMs };
        log(`node: alipay-sdk import + first signature ${alipaySdk.coldStartMs} ms\n`);
      } catch (error) {
        errors["alipay-sdk cold start"] = error.message;
      }
    }
    return { runtimes: results, alipaySdk, errors };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** The bare version number a runtime's `--version` prints first ("deno 2.9.6 (stable, ...)" gives "2.9.6"). @param {string} bin */
function versionOf(bin) {
  const { execFileSync } = require("node:child_process");
  const text = String(execFileSync(bin, ["--version"], { encoding: "utf8" }));
  return /\d+\.\d+\.\d+/.exec(text)?.[0] ?? text.trim().split("\n")[0];
}

/**
 * Puts a run's cold-start numbers into results.json's shape: runtimes.<runtime>.coldStartMs and
 * baselineColdStartMs (workerd gets an entry of its own), node.alipaySdkColdStartMs.
 * @param {any} results
 * @param {Awaited<ReturnType<typeof measureColdStarts>>} cold
 * @param {{ date: string; starts: number; busy: boolean; otherCores?: number | null }} run
 */
export function mergeColdStarts(results, cold, run) {
  for (const [name, { version, ...numbers }] of Object.entries(cold.runtimes)) {
    results.runtimes[name] = { ...(results.runtimes[name] ?? { version }), ...numbers };
  }
  results.node ??= {};
  if (cold.alipaySdk) {
    results.node.alipaySdkColdStartMs = cold.alipaySdk.coldStartMs;
    results.node.alipaySdkColdStartRunsMs = cold.alipaySdk.runsMs;
  }
  results.coldStart = { ...run, errors: cold.errors };
  return results;
}

// ------------------------------------------------------------------------------------------------------------
// On its own: its own sandbox, then the numbers into results.json and BENCHMARKS.md

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (/** @type {string} */ name) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const starts = Number(option("starts") ?? 5);
  const runtimes = option("only")?.split(",") ?? RUNTIMES;
  const started = Date.now();
  buildStale({ log: (text) => process.stderr.write(text) });
  const { cpuMonitor } = await import("./cpu.mjs");
  const { coldStartSection, replaceSection } = await import("./report.mjs");
  const merchant = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = String(merchant.publicKey.export({ type: "spki", format: "pem" }));
  const clientId = "4Q5Y8W0WSG45P907917";
  const server = startServer(
    process.execPath,
    [join(ROOT, "bench", "server.mjs"), JSON.stringify({ merchants: { [clientId]: publicKeyPem }, seed: 7 })],
    {
      ready: /^(\{.*\})\n/,
      timeoutMs: 30_000,
      stderr: "inherit",
    },
  );
  const [, line] = await server.started;
  const info = JSON.parse(line ?? "");
  const monitor = cpuMonitor([info.pid]);
  let cold;
  try {
    const config = {
      url: info.url,
      clientId,
      privateKeyPem: String(merchant.privateKey.export({ type: "pkcs8", format: "pem" })),
      alipayPublicKeyPem: info.alipayPublicKey,
    };
    cold = await measureColdStarts(config, {
      starts,
      runtimes,
      log: (text) => process.stderr.write(`cold start: ${text}`),
    });
  } finally {
    await server.stop();
  }
  const load = monitor.stop();
  const { BUSY_CORES } = await import("./cpu.mjs");
  const run = {
    date: new Date().toISOString(),
    starts,
    busy: (load?.otherCores ?? 0) > BUSY_CORES,
    otherCores: load?.otherCores ?? null,
  };
  console.log(JSON.stringify({ ...cold, run }, null, 2));
  if (!args.includes("--no-write")) {
    const resultsFile = join(ROOT, "bench", "results.json");
    const results = mergeColdStarts(JSON.parse(readFileSync(resultsFile, "utf8")), cold, run);
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    const markdownFile = join(ROOT, "BENCHMARKS.md");
    writeFileSync(
      markdownFile,
      replaceSection(readFileSync(markdownFile, "utf8"), "Cold start", coldStartSection(results)),
    );
    process.stderr.write(
      `cold start: wrote bench/results.json and BENCHMARKS.md in ${seconds(Date.now() - started)}\n`,
    );
  }
}
