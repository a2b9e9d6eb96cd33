#!/usr/bin/env node
// @ts-check
// `npm run bench`: one run that measures, for Node, Deno and Bun, the signing package against raw WebCrypto and
// the order client against a plain-fetch baseline on the same loopback server; on Node, OpenSSL's one-core RSA
// sign rate and npm `alipay-sdk`'s signing; and the bundle sizes. Prints a table, rewrites BENCHMARKS.md and
// writes bench/results.json. Numbers and ratios only: it never fails on a slow result (see `npm run size` for
// the enforced bundle budgets).
//
//   npm run bench                 full run (7 rounds, about 7 minutes)
//   npm run bench -- --quick      everyday run (3 short rounds, about 80 seconds)
//   options: --only=node,deno,bun   --build (rebuild the packages first)   --no-write (print only)
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
import { spawn, spawnSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { formatBreakdown, measureBundles } from "./size.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const QUICK = flag("quick");
const RUNTIMES = (option("only") ?? "node,deno,bun").split(",");
const started = Date.now();

const SETTINGS = QUICK
  ? { rounds: 3, cryptoTimeMs: 250, httpTimeMs: 400, warmupMs: 100, opensslSeconds: 1, runtimeTimeoutMs: 120_000 }
  : { rounds: 7, cryptoTimeMs: 700, httpTimeMs: 1000, warmupMs: 200, opensslSeconds: 1, runtimeTimeoutMs: 300_000 };

const BUDGETS = {
  signVsSubtle: 0.95,
  verifyVsSubtle: 0.9,
  signVsOpenssl: 0.9,
  syncOrderVsBaseline: 0.95,
  signVsAlipaySdk: 2.5,
};

const tmp = mkdtempSync(join(tmpdir(), "alipayhk-bench-"));
const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(130));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
const round = (n, digits = 0) => (typeof n === "number" && Number.isFinite(n) ? Number(n.toFixed(digits)) : null);
const ratio = (a, b) => (typeof a === "number" && typeof b === "number" && b > 0 ? round(a / b, 3) : null);
/** Median of the per-round ratios (client and baseline of the same round), beside the ratio of the medians. */
const pairedRatio = (a, b) => (a?.length && b?.length === a.length ? round(median(a.map((x, i) => x / b[i])), 3) : null);
const say = (text) => console.error(`bench: ${text}`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

// ------------------------------------------------------------------------------------------------------------
// Child processes

/**
 * Runs a command; streams its stderr (progress) through; resolves with its stdout.
 * @param {string} command
 * @param {string[]} argv
 * @param {{ timeoutMs?: number; cwd?: string; onSpawn?: (pid: number | undefined) => void }} [options]
 */
function run(command, argv, { timeoutMs = 600_000, cwd = ROOT, onSpawn } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    onSpawn?.(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: code ?? 1, signal, stdout, stderr });
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: 127, stdout, stderr: String(error) });
    });
  });
}

function resultOf(name, { code, signal, stdout, stderr }) {
  const line = stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (code !== 0 || !line) {
    const why = signal ? `killed by ${signal}` : `exit ${code}`;
    throw new Error(`${name} failed (${why}): ${(stderr.trim().split("\n").slice(-5).join("\n") || stdout.trim()).slice(0, 2000)}`);
  }
  return JSON.parse(line.slice("BENCH_RESULT ".length));
}

// ------------------------------------------------------------------------------------------------------------
// CPU accounting (Linux): how much CPU the machine spent, and how much of it went to processes other than the
// bench's own (the runtime under test, the server, this script). Other work on the machine slows both client and
// baseline, and is reported so that a number taken on a busy machine is not mistaken for a regression.

const TICKS_PER_SECOND = 100; // USER_HZ; the /proc interface reports in these units on Linux
const HAS_PROC = existsSync("/proc/stat");
function machineTicks() {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  return { busy: user + nice + system + irq + softirq + steal, total: fields.slice(0, 8).reduce((a, b) => a + b, 0), idle: idle + iowait };
}
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]); // utime stime cutime cstime
  } catch {
    return undefined; // exited
  }
}
/** Samples the machine and the given pids every 200 ms; stop() returns average cores used. */
function cpuMonitor(pids) {
  if (!HAS_PROC) return { add() {}, stop: () => null };
  const t0 = Date.now();
  const m0 = machineTicks();
  const self0 = process.cpuUsage();
  const first = new Map();
  const last = new Map();
  const sample = () => {
    for (const pid of pids) {
      const ticks = processTicks(pid);
      if (ticks === undefined) continue;
      if (!first.has(pid)) first.set(pid, ticks);
      last.set(pid, ticks);
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    add(pid) {
      pids.push(pid);
      first.set(pid, 0); // a process started now: all its CPU time counts
      sample();
    },
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (Date.now() - t0) / 1000;
      const m1 = machineTicks();
      const self = process.cpuUsage(self0);
      const ours = [...last.entries()].reduce((sum, [pid, ticks]) => sum + ticks - first.get(pid), 0) / TICKS_PER_SECOND + (self.user + self.system) / 1e6;
      const busy = (m1.busy - m0.busy) / TICKS_PER_SECOND;
      return {
        seconds: round(seconds, 1),
        machineBusyCores: round(busy / seconds, 2),
        benchCores: round(ours / seconds, 2),
        // what neither the runtime under test, the server nor this script used: other people's work
        otherCores: round(Math.max(0, busy - ours) / seconds, 2),
      };
    },
  };
}

// ------------------------------------------------------------------------------------------------------------
// 1. The built packages

const LIBRARIES = ["signature", "client", "sandbox"];
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  return stat.isDirectory() ? Math.max(0, ...readdirSync(path).map((e) => newest(join(path, e)))) : stat.mtimeMs;
}
const missing = LIBRARIES.filter((lib) => !existsSync(join(ROOT, "packages", lib, "dist", "index.js")));
if (missing.length || flag("build")) {
  say(`building the packages (${missing.length ? `missing dist/: ${missing.join(", ")}` : "--build"})`);
  const built = spawnSync("npm", ["run", "build", "-w", "alipayhk-signature", "-w", "alipayhk-order", "-w", "alipayhk-sandbox"], { cwd: ROOT, stdio: "inherit" });
  if (built.status !== 0) throw new Error("npm run build failed");
}
const stale = LIBRARIES.filter((lib) => newest(join(ROOT, "packages", lib, "src")) > newest(join(ROOT, "packages", lib, "dist")));
if (stale.length) say(`warning: dist/ is older than src/ in ${stale.join(", ")}: measuring the build as it is (pass --build to rebuild)`);

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
if (fromSource.length) throw new Error(`the bench bundle took package sources instead of dist/: ${fromSource.join(", ")}`);

// ------------------------------------------------------------------------------------------------------------
// 3. Keys and the server

const merchant = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKeyPem = merchant.privateKey.export({ type: "pkcs8", format: "pem" });
const publicKeyPem = merchant.publicKey.export({ type: "spki", format: "pem" });
const CLIENT_ID = "4Q5Y8W0WSG45P907917"; // as in bench/payload.mjs

async function startServer() {
  const child = spawn(process.execPath, [join(ROOT, "bench", "server.mjs"), JSON.stringify({ merchants: { [CLIENT_ID]: publicKeyPem }, seed: 7 })], {
    cwd: ROOT,
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.add(child);
  const info = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the bench server did not start within 30 s")), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const newline = out.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      resolve(JSON.parse(out.slice(0, newline)));
    });
    child.on("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  return {
    ...info,
    async stats() {
      return (await fetch(`${info.url}/bench/stats`)).json();
    },
    stop() {
      return new Promise(/** @param {(value?: void) => void} resolve */ (resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => {
          children.delete(child);
          resolve();
        });
        child.kill("SIGTERM");
      });
    },
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

say(`${QUICK ? "quick" : "full"} run: ${SETTINGS.rounds} rounds; crypto ${SETTINGS.cryptoTimeMs} ms and HTTP ${SETTINGS.httpTimeMs} ms per task and round`);
const server = await startServer();
say(`sandbox served by pid ${server.pid} at ${server.url}`);
const runtimes = {};
const errors = {};
/** @type {Record<string, { seconds: number | null; machineBusyCores: number | null; benchCores: number | null; otherCores: number | null } | null>} */
const cpu = {};
const loadBefore = loadavg();
const statsBefore = await server.stats();
for (const name of RUNTIMES) {
  if (!COMMANDS[name]) throw new Error(`unknown runtime ${name}`);
  const t = Date.now();
  const cfg = JSON.stringify({ url: server.url, privateKeyPem, publicKeyPem, alipayPublicKeyPem: server.alipayPublicKey, ...SETTINGS });
  const [command, argv] = COMMANDS[name](cfg);
  say(`${name}: running`);
  const monitor = cpuMonitor([server.pid]);
  try {
    const output = await run(command, argv, { timeoutMs: SETTINGS.runtimeTimeoutMs, cwd: tmp, onSpawn: (pid) => monitor.add(pid) });
    cpu[name] = monitor.stop();
    runtimes[name] = resultOf(name, output);
    const c = cpu[name];
    say(`${name}: done in ${seconds(Date.now() - t)}${c ? `; CPU: machine ${c.machineBusyCores} cores busy, bench ${c.benchCores}, other processes ${c.otherCores}` : ""}`);
  } catch (error) {
    cpu[name] ??= monitor.stop();
    errors[name] = error.message;
    say(`${name}: ${error.message}`);
  }
}
const serverStats = await server.stats();
await server.stop();

// ------------------------------------------------------------------------------------------------------------
// 5. Node only: alipay-sdk, OpenSSL

const nodeOnlyMonitor = cpuMonitor([]);
const onSpawn = (pid) => nodeOnlyMonitor.add(pid);
let extras;
if (RUNTIMES.includes("node")) {
  say("node: openssl speed and alipay-sdk, alternated with sign()");
  const cfg = JSON.stringify({ privateKeyPem, rounds: SETTINGS.rounds, timeMs: SETTINGS.cryptoTimeMs, warmupMs: SETTINGS.warmupMs, opensslSeconds: SETTINGS.opensslSeconds });
  // One core for the whole process (openssl speed, its child, included), as the budget says "one-core rate".
  const pinned = spawnSync("taskset", ["-c", "0", "true"]).status === 0;
  const argv = [join(ROOT, "bench", "node-extras.mjs"), cfg];
  try {
    const extrasRun = pinned ? run("taskset", ["-c", "0", process.execPath, ...argv], { onSpawn }) : run(process.execPath, argv, { onSpawn });
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

say("bundle sizes (size-limit + content checks)");
let bundles;
try {
  bundles = await measureBundles();
} catch (error) {
  errors.bundles = error.message;
  say(error.message);
}
const bundle = (key) => bundles?.find((b) => b.key === key);

// ------------------------------------------------------------------------------------------------------------
// 7. Results


const KEYS = ["signPerSec", "subtleSignPerSec", "verifyPerSec", "subtleVerifyPerSec", "syncOrderC1", "baselineC1", "syncOrderC16", "baselineC16"];
const EXTRA_KEYS = ["subtleSignReusedBytesPerSec", "subtleVerifyReusedBytesPerSec", "baselineTimeoutC1", "baselineTimeoutC16", "syncOrderNoTimeoutC16", "encryptSignPerSec", "verifyDecryptPerSec"];
const results = { runtimes: {}, node: {}, bundle: {} };
for (const name of ["node", "deno", "bun"]) {
  const r = runtimes[name];
  if (!r) {
    results.runtimes[name] = { version: null, ...Object.fromEntries(KEYS.map((k) => [k, null])), ...(errors[name] && { error: errors[name] }) };
    continue;
  }
  results.runtimes[name] = {
    version: r.version,
    ...Object.fromEntries(KEYS.map((k) => [k, round(r[k])])),
    encryptSignPerSec: round(r.encryptSignPerSec),
    verifyDecryptPerSec: round(r.verifyDecryptPerSec),
    // Ratios. The primary estimate is the median of per-round ratios: the two numbers of a pair are measured
    // next to each other in time, so bursts of other load on the machine cancel out better than in a ratio of
    // medians taken from different rounds (also given, "OfMedians"). "Interleaved": call by call.
    ratios: {
      signVsSubtle: pairedRatio(r.signPerSecRounds, r.subtleSignPerSecRounds),
      verifyVsSubtle: pairedRatio(r.verifyPerSecRounds, r.subtleVerifyPerSecRounds),
      signVsSubtleReusedBytes: pairedRatio(r.signPerSecRounds, r.subtleSignReusedBytesPerSecRounds),
      verifyVsSubtleReusedBytes: pairedRatio(r.verifyPerSecRounds, r.subtleVerifyReusedBytesPerSecRounds),
      baselineTimeoutVsBaselineC1: pairedRatio(r.baselineTimeoutC1Rounds, r.baselineC1Rounds),
      baselineTimeoutVsBaselineC16: pairedRatio(r.baselineTimeoutC16Rounds, r.baselineC16Rounds),
      syncOrderNoTimeoutVsBaselineC16: pairedRatio(r.syncOrderNoTimeoutC16Rounds, r.baselineC16Rounds),
      syncOrderVsBaselineC1: pairedRatio(r.syncOrderC1Rounds, r.baselineC1Rounds),
      syncOrderVsBaselineC16: pairedRatio(r.syncOrderC16Rounds, r.baselineC16Rounds),
      encryptSignVsSubtleSign: pairedRatio(r.encryptSignPerSecRounds, r.subtleSignPerSecRounds),
      verifyDecryptVsSubtleSign: pairedRatio(r.verifyDecryptPerSecRounds, r.subtleSignPerSecRounds),
      signVsSubtleOfMedians: ratio(r.signPerSec, r.subtleSignPerSec),
      verifyVsSubtleOfMedians: ratio(r.verifyPerSec, r.subtleVerifyPerSec),
      syncOrderVsBaselineC1OfMedians: ratio(r.syncOrderC1, r.baselineC1),
      syncOrderVsBaselineC16OfMedians: ratio(r.syncOrderC16, r.baselineC16),
      signVsSubtleInterleaved: round(r.interleaved?.signVsSubtle.ratio, 3),
      verifyVsSubtleInterleaved: round(r.interleaved?.verifyVsSubtle.ratio, 3),
      syncOrderVsBaselineC1Interleaved: round(r.interleaved?.syncOrderVsBaselineC1.ratio, 3),
    },
    interleavedPairs: r.interleaved && Object.fromEntries(Object.entries(r.interleaved).map(([k, v]) => [k, v.pairs])),
    latencyMs: Object.fromEntries(["syncOrderC1", "baselineC1", "syncOrderC16", "baselineC16"].map((k) => [k, { p50: round(r[`${k}P50Ms`], 3), p99: round(r[`${k}P99Ms`], 3) }])),
    baselineTimeoutC1: round(r.baselineTimeoutC1),
    baselineTimeoutC16: round(r.baselineTimeoutC16),
    syncOrderNoTimeoutC16: round(r.syncOrderNoTimeoutC16),
    subtleSignReusedBytesPerSec: round(r.subtleSignReusedBytesPerSec),
    subtleVerifyReusedBytesPerSec: round(r.subtleVerifyReusedBytesPerSec),
    rounds: Object.fromEntries([...KEYS, ...EXTRA_KEYS].map((k) => [k, r[`${k}Rounds`]?.map((v) => round(v))])),
    httpCalls: Object.fromEntries(["syncOrderC1", "baselineC1", "syncOrderC16", "baselineC16"].map((k) => [k, r[`${k}Calls`]])),
  };
}
results.node = {
  opensslSignPerSec: round(extras?.opensslSignPerSec),
  alipaySdkSignPerSec: round(extras?.alipaySdkSignPerSec),
  opensslVersion: extras?.opensslVersion ?? null,
  opensslVerifyPerSec: round(extras?.opensslVerifyPerSec),
  alipaySdkVersion: extras?.alipaySdkVersion ?? null,
  // sign() and crypto.subtle.sign measured in that process, alternated with openssl and alipay-sdk round by round
  signPerSecBesideOpensslAndAlipaySdk: round(extras?.signPerSec),
  subtleSignPerSecBesideOpensslAndAlipaySdk: round(extras?.subtleSignPerSec),
  // node:crypto's synchronous sign (KeyObject): what a Node-only path, outside WebCrypto, would reach
  nodeCryptoSignPerSec: round(extras?.nodeCryptoSignPerSec),
  pinnedToOneCore: extras?.pinnedToOneCore ?? null,
  rounds: {
    opensslSignPerSec: extras?.opensslSignPerSecRounds?.map((v) => round(v)),
    alipaySdkSignPerSec: extras?.alipaySdkSignPerSecRounds?.map((v) => round(v)),
    signPerSec: extras?.signPerSecRounds?.map((v) => round(v)),
    subtleSignPerSec: extras?.subtleSignPerSecRounds?.map((v) => round(v)),
    nodeCryptoSignPerSec: extras?.nodeCryptoSignPerSecRounds?.map((v) => round(v)),
  },
  // medians of per-round ratios (each round: openssl, then the three in-process tasks), and ratios of medians
  ratios: {
    signVsOpenssl: pairedRatio(extras?.signPerSecRounds, extras?.opensslSignPerSecRounds),
    subtleSignVsOpenssl: pairedRatio(extras?.subtleSignPerSecRounds, extras?.opensslSignPerSecRounds),
    nodeCryptoSignVsOpenssl: pairedRatio(extras?.nodeCryptoSignPerSecRounds, extras?.opensslSignPerSecRounds),
    signVsAlipaySdk: pairedRatio(extras?.signPerSecRounds, extras?.alipaySdkSignPerSecRounds),
    signVsOpensslOfMedians: ratio(extras?.signPerSec, extras?.opensslSignPerSec),
    subtleSignVsOpensslOfMedians: ratio(extras?.subtleSignPerSec, extras?.opensslSignPerSec),
    signVsAlipaySdkOfMedians: ratio(extras?.signPerSec, extras?.alipaySdkSignPerSec),
  },
};
results.bundle = {
  clientGzipBytes: bundle("clientGzipBytes")?.gzipBytes ?? null,
  clientWithEncryptionGzipBytes: bundle("clientWithEncryptionGzipBytes")?.gzipBytes ?? null,
  signatureGzipBytes: bundle("signatureGzipBytes")?.gzipBytes ?? null,
  // openapi-fetch + the signing core alone: what any client of this design spends before its own code
  floorGzipBytes: bundle("floorGzipBytes")?.gzipBytes ?? null,
  minifiedBytes: Object.fromEntries((bundles ?? []).map((b) => [b.key.replace("GzipBytes", ""), b.minifiedBytes])),
  limitsBytes: Object.fromEntries((bundles ?? []).filter((b) => b.limitBytes !== undefined).map((b) => [b.key, b.limitBytes])),
  contentProblems: Object.fromEntries((bundles ?? []).map((b) => [b.key, b.contentProblems])),
};

// Budgets: met / not met, with the numbers.
/** @type {{ name: string; value: number | null; threshold: number | null; met: boolean | null; detail: string; otherCores?: number | null; busy?: boolean; bytes?: boolean }[]} */
const budgets = [];
const BUSY_CORES = 0.2; // more CPU than this used by other processes during a measurement: a noisy number
const check = (name, value, threshold, detail, load) =>
  budgets.push({ name, value, threshold, met: value === null ? null : value >= threshold, detail, otherCores: load?.otherCores ?? null, busy: (load?.otherCores ?? 0) > BUSY_CORES });
for (const name of ["node", "deno", "bun"]) {
  const r = results.runtimes[name].ratios;
  if (!r) {
    budgets.push({ name: `${name}: not measured`, value: null, threshold: null, met: null, detail: errors[name] ?? "" });
    continue;
  }
  check(`${name}: sign() ≥ 0.95 × crypto.subtle.sign`, r.signVsSubtle, BUDGETS.signVsSubtle, `interleaved ${r.signVsSubtleInterleaved}; of medians ${r.signVsSubtleOfMedians}`, cpu[name]);
  check(`${name}: verify() ≥ 0.9 × crypto.subtle.verify`, r.verifyVsSubtle, BUDGETS.verifyVsSubtle, `interleaved ${r.verifyVsSubtleInterleaved}; of medians ${r.verifyVsSubtleOfMedians}`, cpu[name]);
  check(`${name}: syncOrder ≥ 0.95 × baseline, 1 in flight`, r.syncOrderVsBaselineC1, BUDGETS.syncOrderVsBaseline, `interleaved ${r.syncOrderVsBaselineC1Interleaved}; of medians ${r.syncOrderVsBaselineC1OfMedians}`, cpu[name]);
  check(`${name}: syncOrder ≥ 0.95 × baseline, 16 in flight`, r.syncOrderVsBaselineC16, BUDGETS.syncOrderVsBaseline, `of medians ${r.syncOrderVsBaselineC16OfMedians}`, cpu[name]);
}
if (RUNTIMES.includes("node")) {
  check("node: sign() ≥ 0.9 × openssl speed rsa2048 (one core)", results.node.ratios.signVsOpenssl, BUDGETS.signVsOpenssl, extras?.opensslSignPerSec ? `of medians ${results.node.ratios.signVsOpensslOfMedians}; crypto.subtle.sign itself: ${results.node.ratios.subtleSignVsOpenssl}` : "openssl not available", cpu.nodeOnly);
  check("node: sign() ≥ 2.5 × alipay-sdk signing", results.node.ratios.signVsAlipaySdk, BUDGETS.signVsAlipaySdk, `of medians ${results.node.ratios.signVsAlipaySdkOfMedians}`, cpu.nodeOnly);
}
for (const b of bundles ?? []) {
  if (b.limitBytes !== undefined) {
    budgets.push({ name: `bundle: ${b.label} ≤ ${(b.limitBytes / 1000).toFixed(0)} kB gzip`, value: b.gzipBytes, threshold: b.limitBytes, met: b.passed, detail: `${b.gzipBytes} B`, bytes: true });
  }
  budgets.push({
    name: `bundle content: ${b.label} (${b.forbid.join(", ")} absent)`,
    value: null,
    threshold: null,
    met: b.contentProblems.length === 0,
    detail: b.contentProblems.join("; ") || "ok",
  });
}
results.budgets = budgets;
results.machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  freeMemoryGiB: round(freemem() / 2 ** 30, 1),
  os: `${process.platform} ${release()}`,
};
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

// Every answer the sandbox sent must have been a success: anything else means the numbers measure failures.
const nonSuccess = Object.entries(serverStats.results).filter(([code]) => code !== "SUCCESS");
if (nonSuccess.length) errors.server = `the sandbox sent non-SUCCESS answers: ${JSON.stringify(Object.fromEntries(nonSuccess))}`;

// ------------------------------------------------------------------------------------------------------------
// 8. Output

const fmt = (n) => (typeof n === "number" ? Math.round(n).toLocaleString("en-US") : "–");
const fx = (n) => (typeof n === "number" ? n.toFixed(2) : "–");
const names = ["node", "deno", "bun"];
const header = ["", ...names.map((n) => (results.runtimes[n].version ? `${n[0].toUpperCase()}${n.slice(1)} ${results.runtimes[n].version}` : `${n} (failed)`))];
const R = (n) => results.runtimes[n];
const rows = [
  ["sign() /s", ...names.map((n) => fmt(R(n).signPerSec))],
  ["crypto.subtle.sign /s (cached key)", ...names.map((n) => fmt(R(n).subtleSignPerSec))],
  ["  ratio, per-round pairs (budget ≥ 0.95)", ...names.map((n) => fx(R(n).ratios?.signVsSubtle))],
  ["  ratio, interleaved call by call", ...names.map((n) => fx(R(n).ratios?.signVsSubtleInterleaved))],
  ["  ratio to crypto.subtle.sign on the same bytes every call", ...names.map((n) => fx(R(n).ratios?.signVsSubtleReusedBytes))],
  ["verify() /s", ...names.map((n) => fmt(R(n).verifyPerSec))],
  ["crypto.subtle.verify /s (cached key)", ...names.map((n) => fmt(R(n).subtleVerifyPerSec))],
  ["  ratio, per-round pairs (budget ≥ 0.9)", ...names.map((n) => fx(R(n).ratios?.verifyVsSubtle))],
  ["  ratio, interleaved call by call", ...names.map((n) => fx(R(n).ratios?.verifyVsSubtleInterleaved))],
  ["  ratio to crypto.subtle.verify on the same bytes every call", ...names.map((n) => fx(R(n).ratios?.verifyVsSubtleReusedBytes))],
  ["encryptBody() + sign() /s, 1 KB", ...names.map((n) => fmt(R(n).encryptSignPerSec))],
  ["verify() + decryptBody() /s, 1 KB", ...names.map((n) => fmt(R(n).verifyDecryptPerSec))],
  ["syncOrder req/s, 1 in flight", ...names.map((n) => fmt(R(n).syncOrderC1))],
  ["baseline req/s, 1 in flight", ...names.map((n) => fmt(R(n).baselineC1))],
  ["  ratio, per-round pairs (budget ≥ 0.95)", ...names.map((n) => fx(R(n).ratios?.syncOrderVsBaselineC1))],
  ["  ratio, interleaved call by call", ...names.map((n) => fx(R(n).ratios?.syncOrderVsBaselineC1Interleaved))],
  ["baseline + a timeout signal req/s, 1 in flight", ...names.map((n) => fmt(R(n).baselineTimeoutC1))],
  ["  ratio to the baseline, per round", ...names.map((n) => fx(R(n).ratios?.baselineTimeoutVsBaselineC1))],
  ["syncOrder req/s, 16 in flight", ...names.map((n) => fmt(R(n).syncOrderC16))],
  ["baseline req/s, 16 in flight", ...names.map((n) => fmt(R(n).baselineC16))],
  ["  ratio, per-round pairs (budget ≥ 0.95)", ...names.map((n) => fx(R(n).ratios?.syncOrderVsBaselineC16))],
  ["baseline + a timeout signal req/s, 16 in flight", ...names.map((n) => fmt(R(n).baselineTimeoutC16))],
  ["  ratio to the baseline, per round", ...names.map((n) => fx(R(n).ratios?.baselineTimeoutVsBaselineC16))],
  ["syncOrder with timeoutMs: Infinity req/s, 16 in flight", ...names.map((n) => fmt(R(n).syncOrderNoTimeoutC16))],
  ["  ratio to the baseline, per round", ...names.map((n) => fx(R(n).ratios?.syncOrderNoTimeoutVsBaselineC16))],
  ["syncOrder p50 / p99 ms, 1 in flight", ...names.map((n) => (R(n).latencyMs ? `${fx(R(n).latencyMs.syncOrderC1.p50)} / ${fx(R(n).latencyMs.syncOrderC1.p99)}` : "–"))],
  ["baseline p50 / p99 ms, 1 in flight", ...names.map((n) => (R(n).latencyMs ? `${fx(R(n).latencyMs.baselineC1.p50)} / ${fx(R(n).latencyMs.baselineC1.p99)}` : "–"))],
  ["CPU of other processes, cores (should be ~0)", ...names.map((n) => fx(cpu[n]?.otherCores))],
];
const nodeRows = [
  [`openssl speed rsa2048 sign /s (one core)`, fmt(results.node.opensslSignPerSec)],
  ["sign() / openssl, per-round pairs (budget ≥ 0.9)", fx(results.node.ratios.signVsOpenssl)],
  ["crypto.subtle.sign / openssl, per-round pairs", fx(results.node.ratios.subtleSignVsOpenssl)],
  ["node:crypto sign (synchronous, KeyObject; not web APIs) / openssl", fx(results.node.ratios.nodeCryptoSignVsOpenssl)],
  [`alipay-sdk ${results.node.alipaySdkVersion ?? ""} signing /s (PEM re-parsed per call)`, fmt(results.node.alipaySdkSignPerSec)],
  ["sign() /s, alternated with both in one process", fmt(results.node.signPerSecBesideOpensslAndAlipaySdk)],
  ["crypto.subtle.sign /s, the same", fmt(results.node.subtleSignPerSecBesideOpensslAndAlipaySdk)],
  ["node:crypto sign /s, the same", fmt(results.node.nodeCryptoSignPerSec)],
  ["sign() / alipay-sdk, per-round pairs (budget ≥ 2.5)", fx(results.node.ratios.signVsAlipaySdk)],
];
const bundleRows = (bundles ?? []).map((b) => [
  b.label,
  `${b.gzipBytes.toLocaleString("en-US")} B`,
  `${b.minifiedBytes.toLocaleString("en-US")} B`,
  b.limitBytes === undefined ? "none" : `${b.limitBytes.toLocaleString("en-US")} B: ${b.passed ? "met" : `NOT MET (+${(b.gzipBytes - b.limitBytes).toLocaleString("en-US")} B)`}`,
  b.contentProblems.length ? `FAILED: ${b.contentProblems.join("; ")}` : "ok",
]);
const budgetRows = budgets.map((b) => [
  b.name,
  b.value === null ? "" : b.bytes ? `${b.value.toLocaleString("en-US")} B` : b.value.toFixed(2),
  `${b.met === null ? "not measured" : b.met ? "met" : "NOT MET"}${b.busy ? ` (busy machine: ${b.otherCores} cores of other load)` : ""}`,
  b.detail ?? "",
]);

function textTable(head, body) {
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? "").length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}
function mdTable(head, body, align) {
  const esc = (c) => String(c ?? "").replace(/\|/g, "\\|");
  return [
    `| ${head.map(esc).join(" | ")} |`,
    `|${head.map((_, i) => ((align ?? [])[i] === "l" || (!align && i === 0) ? "---" : "---:")).join("|")}|`,
    ...body.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

console.log(`\nalipayhk benchmarks (${results.run.mode} run, ${SETTINGS.rounds} rounds, medians) on ${results.machine.cpu}, ${results.machine.cores} cores\n`);
console.log(textTable(header, rows));
if (RUNTIMES.includes("node")) console.log(`\nNode only\n${textTable(["", "value"], nodeRows)}`);
if (bundles) console.log(`\nBundles (minified + gzip, esbuild, platform neutral, ESM)\n${textTable(["bundle", "gzip", "minified", "budget", "content"], bundleRows)}`);
console.log(`\nBudgets\n${textTable(["budget", "measured", "", "detail"], budgetRows)}`);
if (Object.keys(errors).length) console.log(`\nErrors:\n${Object.entries(errors).map(([k, v]) => `  ${k}: ${v}`).join("\n")}`);

if (!flag("no-write")) {
  writeFileSync(join(ROOT, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT, "BENCHMARKS.md"), markdown());
  say(`wrote bench/results.json and BENCHMARKS.md in ${seconds(Date.now() - started)}`);
} else {
  say(`done in ${seconds(Date.now() - started)} (--no-write: nothing written)`);
}

/**
 * Why each budget that was not met is not met, with this run's numbers: what the measurements beside the budgets
 * (node:crypto, the floor bundle, the timeout baseline, the reused-bytes baselines) show about where the limit is.
 */
function limits() {
  const out = [];
  const unmet = (test) => budgets.filter((b) => b.met === false && test(b.name));
  const n = results.node;
  if (unmet((name) => name.startsWith("node: sign() ≥ 0.9 × openssl")).length) {
    out.push(
      `- **sign() vs openssl (Node):** sign() reaches ${fx(n.ratios.signVsOpenssl)} of \`openssl speed\`, crypto.subtle.sign itself ` +
        `${fx(n.ratios.subtleSignVsOpenssl)}, and node:crypto's synchronous sign ${fx(n.ratios.nodeCryptoSignVsOpenssl)}. The gap is WebCrypto's: every ` +
        `crypto.subtle call is a job handed to libuv's thread pool and back. Closing it would take a Node-only node:crypto ` +
        `path, which a web-APIs-only library cannot have.`,
    );
  }
  const verifyMisses = unmet((name) => name.includes("verify() ≥"));
  if (verifyMisses.length) {
    const which = verifyMisses.map((b) => b.name.split(":")[0]);
    out.push(
      `- **verify() (${which.join(", ")}):** beyond what the baseline does, verify() parses and strictly checks the Signature header ` +
        `(its canonical form, percent-decoding, strict base64), a few microseconds on a ` +
        `${which.map((w) => `${Math.round(1e6 / R(w).subtleVerifyPerSec)} µs`).join(" / ")} operation; the interleaved ratio ` +
        `(${which.map((w) => fx(R(w).ratios?.verifyVsSubtleInterleaved)).join(" / ")}) is the steadier estimate.`,
    );
  }
  const syncMisses = unmet((name) => name.includes("syncOrder ≥"));
  if (syncMisses.length) {
    const detail = syncMisses.map((b) => {
      const [runtime] = b.name.split(":");
      const c = b.name.includes("16 in flight") ? "C16" : "C1";
      const noTimeout = c === "C16" ? `; with timeoutMs: Infinity, ${fx(R(runtime).ratios?.syncOrderNoTimeoutVsBaselineC16)} of the baseline` : "";
      return `${runtime} at ${c === "C16" ? 16 : 1} in flight: ${fx(b.value)} of the baseline; the baseline with a timeout signal, ${fx(R(runtime).ratios?.[`baselineTimeoutVsBaseline${c}`])} of it${noTimeout}`;
    });
    const onNode = syncMisses.some((b) => b.name.startsWith("node:"));
    out.push(
      `- **syncOrder (${detail.join("; ")}):** the budget's baseline only signs, sends and verifies. syncOrder also ` +
        `validates the order, gives every attempt a timer and an AbortSignal that fetch honours, so that a timed-out request ` +
        `is really cancelled (${onNode ? "on Node, undici's handling of a request signal costs tens of microseconds per call; " : ""}` +
        `\`timeoutMs: Infinity\` turns timeouts off), and classifies the answer; \`node bench/profile.mjs\` measures that ` +
        `per-call work with the network taken out. At 16 in flight client and server share the two cores, so every ` +
        `microsecond of CPU shows; compare the round-to-round ranges above before reading much into a few percent.`,
    );
  }
  const floor = bundle("floorGzipBytes");
  const client = bundle("clientGzipBytes");
  const withEncryption = bundle("clientWithEncryptionGzipBytes");
  const bytes = (value) => (typeof value === "number" ? value.toLocaleString("en-US") : "–");
  if (client?.passed === false && floor) {
    out.push(
      `- **Signing-only client bundle:** openapi-fetch (needed by \`client.api\`; ${bytes(client.gzipSavedWithout["openapi-fetch"])} B of ` +
        `the client's) and the signing core alone, with nothing of the client, take ${bytes(floor.gzipBytes)} B gzip (the "floor" ` +
        `row), which leaves ${bytes(client.limitBytes - floor.gzipBytes)} B of the ${bytes(client.limitBytes)} B budget for the client itself. Its own code ` +
        `(spec metadata for nine scenarios, local validation, one error class per result code, retries, timeouts, ` +
        `option checks) takes ${bytes(client.gzipBytes - floor.gzipBytes)} B; meeting the budget means dropping features the client is ` +
        `specified to have.`,
    );
  }
  if (withEncryption?.passed === false && client) {
    out.push(
      `- **Client with encryption bundle:** the two budgets leave ${bytes(withEncryption.limitBytes - client.limitBytes)} B for encryption on top ` +
        `of the client; the plug-in (RSA key wrap, AES-ECB, the Encrypt header) adds ${bytes(withEncryption.gzipBytes - client.gzipBytes)} B, ` +
        `${bytes(withEncryption.gzipSavedWithout["@noble/ciphers"])} B of it @noble/ciphers' AES, on top of a client already over its own budget.`,
    );
  }
  return out.length ? `\n## What limits the budgets not met\n\n${out.join("\n")}\n` : "";
}

function markdown() {
  const versions = names.map((n) => `${n[0].toUpperCase()}${n.slice(1)} ${R(n).version ?? "(not measured)"}`).join(", ");
  const spread = (n, key) => {
    const values = R(n).rounds?.[key];
    return values?.length ? `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}` : "–";
  };
  const spreadRows = [...KEYS, ...EXTRA_KEYS].map((k) => [k, ...names.map((n) => spread(n, k))]);
  const failedBundles = (bundles ?? []).filter((b) => b.passed === false);
  const busy = Object.entries(cpu).flatMap(([k, c]) => (c?.otherCores != null && c.otherCores > BUSY_CORES ? [/** @type {const} */ ([k, c])] : []));
  const busyNote = busy.length
    ? `\n> **The machine was not quiet:** other processes used ${busy.map(([k, c]) => `${c.otherCores} cores during ${k}`).join(", ")} (load average ${results.run.loadAverageBefore.join(" / ")} before, ${results.run.loadAverageAfter.join(" / ")} after). Both sides of each ratio were slowed, in alternation, but absolute numbers are low and ratios noisier; re-run on a quiet machine before drawing conclusions.\n`
    : "";
  return `# Benchmarks

Generated by \`npm run bench${QUICK ? " -- --quick" : ""}\` on ${results.run.date.slice(0, 10)} (${results.run.mode} run, ${results.run.durationSeconds} s); do not edit by hand.
Machine-readable: [bench/results.json](bench/results.json). Only the bundle budgets are enforced (\`npm run size\`, which
exits 1 when one is not met); everything here is measured and reported, never a pass/fail timed test.

**Machine:** ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.os}.
**Runtimes:** ${versions}${results.node.opensslVersion ? `; ${results.node.opensslVersion}` : ""}${results.node.alipaySdkVersion ? `; alipay-sdk ${results.node.alipaySdkVersion}` : ""}.

Absolute numbers move from machine to machine and run to run; compare the ratios, which are taken between
numbers measured in the same run. Rates are medians over rounds; a ratio is the median of the per-round ratios
(both numbers of a pair measured next to each other in time, so that bursts of other work cancel out), checked
against an interleaved, call-by-call measurement; bench/results.json also has the ratios of the medians.
${busyNote}
## Method

- **Crypto:** RSA-2048, a 1 KB JSON body; one call at a time (tinybench, ${SETTINGS.cryptoTimeMs} ms per task and round).
  \`sign()\` / \`verify()\` from the built \`alipayhk-signature\`, beside \`crypto.subtle.sign\` / \`verify\` with the same key
  imported once, doing the least any caller does per message: encode the text (TextEncoder), and base64-encode the
  signature (sign) or base64-decode it (verify). Also shown: crypto.subtle handed the very same buffers on every call,
  which no caller with new messages can do (on Bun, fresh buffers alone cost crypto.subtle.verify 5-15%).
  ${SETTINGS.rounds} rounds, task order reversed every other round; medians of the rounds.
- **HTTP:** the sandbox (\`alipayhk-sandbox\`) served by a separate Node process on 127.0.0.1 (the CLI's
  \`node:http\` adapter, bench/server.mjs), one server for the whole run, nothing pinned. \`client.syncOrder(order)\` (signing-only
  client, retries off) against a **baseline** on the same server: plain \`fetch\` of the same JSON body, signed inline with
  \`crypto.subtle.sign\` and a cached key, the response signature verified inline with \`crypto.subtle.verify\` (and the
  body parsed to check for SUCCESS), nothing else. Also measured, not a budget: the baseline plus what any client with
  timeouts does per call (an AbortController and a 10 s timer, the signal given to fetch so that a timed-out request is
  cancelled), which syncOrder does too; and syncOrder with \`timeoutMs: Infinity\` (no timer, no signal) at 16 in flight. Every call has a unique requestId and a growing orderModifyTime.
  1 and 16 calls in flight (tinybench \`concurrency: "task"\`); requests/s = completed calls / wall time of the run phase
  (${SETTINGS.httpTimeMs} ms per task and round). Client and baseline alternate in ABBA order over ${SETTINGS.rounds} rounds; the reference tasks below follow them in each round, in rotating order; medians. The
  sandbox signs every answer, so the server spends about one RSA signature per request too: with 2 cores, client and
  server share the machine.
- **Interleaved cross-checks:** sign() vs \`crypto.subtle.sign\`, verify() vs \`crypto.subtle.verify\` and syncOrder vs baseline
  (1 in flight) also called alternately, call by call, each call timed (${SETTINGS.rounds * SETTINGS.cryptoTimeMs} ms of pairs for crypto, ${SETTINGS.rounds * SETTINGS.httpTimeMs} ms for HTTP):
  other work on the machine then hits both sides alike. When the two estimates disagree, the machine was busy.
- **Runtimes:** bench/runtime.mjs bundled once by esbuild (platform neutral, the packages' dist/), run unchanged by
  each runtime; Deno with \`--allow-net=127.0.0.1\` only.
- **Node only:** in one process, ${SETTINGS.rounds} alternating rounds of \`openssl speed -seconds ${SETTINGS.opensslSeconds} rsa2048\` (one process, one core),
  npm \`alipay-sdk\`'s signing function (\`signatureV3\`: \`createSign("RSA-SHA256").sign(pemString)\`, which re-parses
  the PEM every call) over the same content with the same key, \`sign()\`, \`crypto.subtle.sign\` and node:crypto's synchronous
  \`sign\` with a KeyObject (all produce the same signature); medians. ${results.node.pinnedToOneCore ? "The process (and openssl, its child) pinned to one core with \`taskset -c 0\`, so the thread pool shares that core with the main thread, as a one-core comparison must; unpinned, the hand-off crosses cores and WebCrypto's ratio to openssl came out lower on this machine." : "Not pinned (\`taskset -c 0\` unavailable or refused)."}
  node:crypto is there to show WebCrypto's own cost: every \`crypto.subtle\` call is a job handed to libuv's thread pool.
- **Bundles:** size-limit with .size-limit.cjs: esbuild, minified, gzip level 9, platform neutral, ESM, from dist/;
  contents checked by bench/size.mjs.

## Results (medians)

${mdTable(header, rows)}

Round-to-round range (min–max over ${SETTINGS.rounds} rounds):

${mdTable(["", ...header.slice(1)], spreadRows)}
${
  RUNTIMES.includes("node")
    ? `
## Node only

${mdTable(["", "value"], nodeRows)}
`
    : ""
}
## Bundle sizes

${bundles ? mdTable(["bundle", "gzip", "minified", "budget", "content check"], bundleRows, ["l", "r", "r", "l", "l"]) : `not measured: ${errors.bundles}`}
${
  failedBundles.length
    ? `
### Where the bytes are (bundles over budget)

\`\`\`
${failedBundles.map(formatBreakdown).join("\n")}
\`\`\`
`
    : ""
}
## Budgets

${mdTable(["budget", "measured", "status", "detail"], budgetRows, ["l", "r", "l", "l"])}
${limits()}${
  Object.keys(errors).length
    ? `
## Errors in this run

${Object.entries(errors).map(([k, v]) => `- ${k}: ${v.replace(/\n/g, " ")}`).join("\n")}
`
    : ""
}`;
}
