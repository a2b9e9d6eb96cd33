#!/usr/bin/env node
// @ts-check
// The sandbox under load (`npm run bench -- --only sandbox-load`): 200,000 syncs over 20,000 orders through one
// sandbox, in process, the real client calling the sandbox's fetch handler (no network), 16 in flight. Measures
// what the console and a long-lived sandbox need: the heap after a warm-up (the first tenth, which creates every
// order) and at the end, each after a forced GC; the full `GET /console/state` at the end; the console's
// incremental poll (`?since=`) after a second's worth of syncs; and the throughput of the last tenth against the
// first. Writes `sandbox.load` into bench/results.json and the "Sandbox under load" section of BENCHMARKS.md.
//
//   node bench/sandbox-load.mjs [--quick] [--syncs=N] [--orders=N] [--no-write]
//
// It measures in a child process started with --expose-gc (the heap numbers need a forced GC), from the packages'
// dist/ (rebuilt first when stale), and never fails on a slow result: the budgets are reported, met or not.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildStale, ROOT, run, seconds } from "../scripts/processes.mjs";
import { BUSY_CORES, cpuMonitor } from "./cpu.mjs";

const SELF = fileURLToPath(import.meta.url);
const SECTION = "Sandbox under load";

/** The workload: full (the budgets' own), and --quick for a look in well under a minute. */
export const LOAD = {
  full: { syncs: 200_000, orders: 20_000, concurrency: 16, deadlineMs: 20 * 60_000 },
  quick: { syncs: 20_000, orders: 2_000, concurrency: 16, deadlineMs: 3 * 60_000 },
};

export const LOAD_BUDGETS = {
  /** MB the heap may grow from the end of the warm-up to the end of the run */
  heapGrowthMB: 50,
  /** ms for the full GET /console/state at the end */
  fullStateMs: 100,
  /** ms for the console's incremental poll after a second's worth of syncs */
  incrementalPollMs: 20,
  /** throughput of the last tenth, at least this fraction of the first tenth's */
  lastTenthVsFirst: 0.9,
};

const MB = 1024 * 1024;
const round = (/** @type {number} */ n, digits = 1) => Number(n.toFixed(digits));
/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ------------------------------------------------------------------------------------------------------------
// The measurement (in the child, with --expose-gc)

/**
 * @param {{ syncs: number; orders: number; concurrency: number; deadlineMs: number }} load
 * @param {(text: string) => void} log
 */
async function measure(load, log) {
  const gc = /** @type {(() => void) | undefined} */ (globalThis.gc);
  if (!gc) throw new Error("run with node --expose-gc: the heap is measured after a forced GC");
  const { createSandbox } = await import("alipayhk-sandbox");
  const { createOrderClient } = await import("alipayhk-order");
  const pem = {
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  };
  const merchant = /** @type {{ publicKey: string; privateKey: string }} */ (
    /** @type {unknown} */ (generateKeyPairSync("rsa", /** @type {any} */ ({ modulusLength: 2048, ...pem })))
  );
  const clientId = "LOAD-MERCHANT-0001";
  const sandbox = await createSandbox({ merchants: { [clientId]: merchant.publicKey }, seed: 24 });
  const baseUrl = "https://sandbox.invalid";
  /** A client of `target`, as a merchant would configure it (retries off: a failure must surface). */
  const clientOf = (/** @type {typeof sandbox} */ target) =>
    createOrderClient({
      clientId,
      privateKey: merchant.privateKey,
      alipayPublicKey: target.alipayPublicKey,
      baseUrl,
      fetch: target.fetch,
      retry: { maxAttempts: 1 },
    });
  const client = clientOf(sandbox);

  // Sync i updates order i % orders (or i % `among`): every order is created in the first tenth, then moved
  // (TICKETED again, a newer orderModifyTime: applied every time). An order is never in flight twice at once. The
  // client gives each call its ID, as in use.
  const CREATED = 1_764_115_200_000;
  const syncOne = async (/** @type {number} */ i, among = load.orders, by = client) => {
    const result = await by.syncOrder({
      merchantBizNo: `LOAD-${String(i % among).padStart(6, "0")}`,
      merchantBizType: "MOVIE_TICKET",
      orderStatus: "TICKETED",
      userId: "2160120000000001",
      orderCreateTime: CREATED,
      orderModifyTime: CREATED + i,
      extInfo: { seats: ["F7", "F8"], cinema: "Grand Cinema, Harbour City" },
      amount: { value: "12800", currency: "HKD" },
    });
    if (result.result.resultCode !== "SUCCESS") throw new Error(`sync ${i}: ${JSON.stringify(result.result)}`);
  };
  const started = Date.now();
  let done = 0;
  /** Syncs [from, to) with `concurrency` in flight; returns the wall time in ms (stops early past the deadline). */
  async function run(/** @type {number} */ from, /** @type {number} */ to, among = load.orders, by = client) {
    let next = from;
    const t = performance.now();
    const worker = async () => {
      while (next < to && Date.now() - started < load.deadlineMs) {
        await syncOne(next++, among, by);
        done++;
      }
    };
    await Promise.all(Array.from({ length: load.concurrency }, worker));
    return performance.now() - t;
  }
  // a few full collections with turns of the event loop between (finalizers, weak references): the live heap
  const heap = async () => {
    for (let i = 0; i < 4; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return process.memoryUsage().heapUsed / MB;
  };
  /** A console route's time (ms, the body read as the page reads it) and size. */
  const consoleGet = async (/** @type {string} */ path) => {
    const t = performance.now();
    const text = await (await sandbox.fetch(new Request(baseUrl + path))).text();
    return { ms: performance.now() - t, bytes: text.length, state: JSON.parse(text) };
  };

  // Ten tenths, each timed, by the clock and by the CPU time of this process (all its threads: what other
  // processes on the machine take does not count there); the heap after the first (the warm-up) and the last.
  const tenth = Math.floor(load.syncs / 10);
  /** @type {number[]} */
  const rates = [];
  /** @type {number[]} */
  const cpuRates = [];
  let heapAfterWarmup = 0;
  for (let k = 0; k < 10; k++) {
    const cpu = process.cpuUsage();
    const ms = await run(k * tenth, (k + 1) * tenth);
    const used = process.cpuUsage(cpu);
    rates.push((tenth / ms) * 1000);
    cpuRates.push((tenth / (used.user + used.system)) * 1e6);
    if (k === 0) heapAfterWarmup = await heap();
    log(`tenth ${k + 1}: ${Math.round(rates[k])} syncs/s${k === 0 ? `; heap ${heapAfterWarmup.toFixed(1)} MB` : ""}`);
  }
  const heapEnd = await heap();
  const [firstRate, lastRate] = [rates[0], rates[9]];
  log(`heap at the end ${heapEnd.toFixed(1)} MB`);

  // The console at the end: the full state (what a page opening now asks for), then the page's own poll after
  // a second's worth of syncs, all to orders the page shows: every card on it has changed, the most a poll carries.
  const full = [];
  for (let i = 0; i < 5; i++) full.push(await consoleGet("/console/state"));
  const polls = [];
  const perSecond = Math.max(1, Math.round(lastRate));
  for (let i = 0; i < 5; i++) {
    const { state } = await consoleGet("/console/state");
    const shown = state.merchants.flatMap((/** @type {any} */ m) => m.cards.map((/** @type {any} */ c) => c.id));
    const upTo = state.nextCards === undefined ? "" : `&cardsUpTo=${Math.max(...shown)}`;
    await run(load.syncs + i * perSecond, load.syncs + (i + 1) * perSecond, shown.length);
    polls.push(await consoleGet(`/console/state?since=${state.seq}&epoch=${state.epoch}${upTo}`));
  }
  const last = polls.at(-1)?.state ?? {};

  // Cross-check of the throughput, as the bench's other ratios are: the loaded sandbox against a fresh one, in
  // alternating bursts (ABBA), moving orders as in the last tenth and creating them as in the first, so that other
  // work on the machine slows both sides alike.
  const fresh = await createSandbox({ merchants: { [clientId]: merchant.publicKey }, seed: 25 });
  const freshClient = clientOf(fresh);
  const burst = Math.min(2_000, tenth);
  let [loadedMs, freshMs, loadedNext, freshNext] = [0, 0, load.syncs + 5 * perSecond, 0];
  for (const side of ["loaded", "fresh", "fresh", "loaded", "loaded", "fresh", "fresh", "loaded"]) {
    if (side === "loaded") loadedMs += await run(loadedNext, (loadedNext += burst));
    else freshMs += await run(freshNext, (freshNext += burst), load.orders, freshClient);
  }
  const stats = sandbox.stats;
  return {
    date: new Date().toISOString(),
    node: process.version,
    syncs: load.syncs,
    orders: load.orders,
    concurrency: load.concurrency,
    completed: Math.min(done, load.syncs),
    durationSeconds: round((Date.now() - started) / 1000),
    retention: last.retention?.limits ?? null,
    dropped: stats.dropped ?? null,
    heapMB: { afterWarmup: round(heapAfterWarmup), end: round(heapEnd), growth: round(heapEnd - heapAfterWarmup) },
    fullState: {
      ms: round(median(full.map((f) => f.ms)), 2),
      bytes: full[0]?.bytes ?? null,
      cards: full[0]?.state.merchants.reduce((/** @type {number} */ n, /** @type {any} */ m) => n + m.cards.length, 0),
      requests: full[0]?.state.requests.length,
    },
    incrementalPoll: {
      ms: round(median(polls.map((p) => p.ms)), 2),
      bytes: round(median(polls.map((p) => p.bytes)), 0),
      syncsSincePrevious: perSecond,
      incremental: polls.every((p) => p.state.full === false),
      cards: last.merchants?.reduce((/** @type {number} */ n, /** @type {any} */ m) => n + m.cards.length, 0) ?? null,
      requests: last.requests?.length ?? null,
    },
    throughput: {
      firstTenthPerSec: round(firstRate, 0),
      lastTenthPerSec: round(lastRate, 0),
      ratio: round(lastRate / firstRate, 3),
      byTenth: rates.map((r) => round(r, 0)),
      // syncs per CPU second of the process: the same comparison without what other processes took
      perCpuSecondByTenth: cpuRates.map((r) => round(r, 0)),
      cpuRatio: round(cpuRates[9] / cpuRates[0], 3),
      // the loaded sandbox against a fresh one, bursts of `burst` syncs alternated ABBA, 4 each
      interleavedRatio: round(freshMs / loadedMs, 3),
      interleavedBurst: burst,
    },
  };
}

// ------------------------------------------------------------------------------------------------------------
// Budgets and the report

/** @typedef {Awaited<ReturnType<typeof measure>>} Load */

/** The budgets of a run, met or not, with their margins. @param {Load} load */
export function loadBudgets(load) {
  const complete = load.completed === load.syncs;
  const row = (
    /** @type {string} */ name,
    /** @type {number} */ value,
    /** @type {number} */ threshold,
    /** @type {boolean} */ atMost,
    /** @type {string} */ unit,
    /** @type {string} */ detail,
  ) => {
    const met = complete && (atMost ? value <= threshold : value >= threshold);
    const margin = atMost ? threshold - value : value - threshold;
    return {
      name,
      value,
      threshold,
      met,
      margin: round(margin, unit === "" ? 3 : 1),
      unit,
      detail: complete ? detail : `incomplete run (${load.completed} of ${load.syncs} syncs): ${detail}`,
    };
  };
  const b = LOAD_BUDGETS;
  return [
    row(
      `heap growth after warm-up ≤ ${b.heapGrowthMB} MB`,
      load.heapMB.growth,
      b.heapGrowthMB,
      true,
      " MB",
      `${load.heapMB.afterWarmup} MB after ${load.syncs / 10} syncs → ${load.heapMB.end} MB after ${load.syncs} (forced GC each)`,
    ),
    row(
      `full GET /console/state ≤ ${b.fullStateMs} ms`,
      load.fullState.ms,
      b.fullStateMs,
      true,
      " ms",
      `${load.fullState.bytes?.toLocaleString("en-US")} bytes: ${load.fullState.cards} cards, ${load.fullState.requests} requests (median of 5)`,
    ),
    row(
      `incremental poll ≤ ${b.incrementalPollMs} ms`,
      load.incrementalPoll.ms,
      b.incrementalPollMs,
      true,
      " ms",
      `after ${load.incrementalPoll.syncsSincePrevious} syncs (a second's worth) to the orders the page shows: ${load.incrementalPoll.cards} cards, ${load.incrementalPoll.requests} requests, ${load.incrementalPoll.bytes.toLocaleString("en-US")} bytes${load.incrementalPoll.incremental ? "" : ", NOT incremental"} (median of 5)`,
    ),
    row(
      `last tenth ≥ ${b.lastTenthVsFirst} × the first tenth's throughput`,
      load.throughput.ratio,
      b.lastTenthVsFirst,
      false,
      "",
      `${load.throughput.lastTenthPerSec} vs ${load.throughput.firstTenthPerSec} syncs/s; per CPU second of the process, ${load.throughput.cpuRatio}; ` +
        `the loaded sandbox against a fresh one, interleaved (ABBA, 4 × ${load.throughput.interleavedBurst.toLocaleString("en-US")} syncs each), ${load.throughput.interleavedRatio}`,
    ),
  ];
}

/**
 * BENCHMARKS.md's "Sandbox under load" section.
 * @param {(Load & { budgets: ReturnType<typeof loadBudgets>; cpu?: { otherCores: number | null } | null; busy?: boolean }) | undefined} load
 */
export function sandboxLoadSection(load) {
  if (!load) return "";
  const cell = (/** @type {ReturnType<typeof loadBudgets>[number]} */ b) => `${b.value}${b.unit}`;
  const rows = load.budgets.map(
    (b) =>
      `| ${b.name} | ${cell(b)} | ${b.met ? "met" : "NOT MET"} (margin ${b.margin > 0 ? "+" : ""}${b.margin}${b.unit}) | ${b.detail} |`,
  );
  const dropped = load.dropped
    ? `${Object.entries(load.dropped)
        .map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`)
        .join(", ")}`
    : "not reported";
  const limits = load.retention
    ? Object.entries(load.retention)
        .map(([k, v]) => `\`${k}: ${v.toLocaleString("en-US")}\``)
        .join(", ")
    : "none";
  return `## ${SECTION}

\`npm run bench -- --only sandbox-load\` (bench/sandbox-load.mjs): ${load.syncs.toLocaleString("en-US")} syncs over ${load.orders.toLocaleString("en-US")} orders
through one sandbox in one Node process (\`--expose-gc\`), the real client (built, dist/) calling \`sandbox.fetch\`, ${load.concurrency} in
flight, each sync an applied update (${(load.syncs / load.orders).toLocaleString("en-US")} per order). Warm-up: the first tenth, which creates every order.
Heap: \`heapUsed\` after forced GCs. Console: the full \`GET /console/state\` at the end, and the page's own poll
(\`?since=<seq>\`) after a second's worth of syncs to the orders it shows (all its cards changed). Syncs/s by tenth:
${load.throughput.byTenth.join(", ")}; per CPU second of the process (all its threads), which other processes on the
machine do not move: ${load.throughput.perCpuSecondByTenth.join(", ")}. Measured ${load.date.slice(0, 10)} on Node ${load.node.slice(1)} in ${load.durationSeconds} s,
with the default retention (${limits}); dropped by the end (the polls' syncs included): ${dropped}.${load.busy ? ` **The machine was busy** (other processes used ${load.cpu?.otherCores} cores meanwhile): the timings are high and the throughput noisy.` : ""}

| budget | measured | status | detail |
|---|---:|---|---|
${rows.join("\n")}
`;
}

// ------------------------------------------------------------------------------------------------------------
// Running it

/**
 * Measures in a child process with --expose-gc and returns the result with its budgets, and how busy the machine
 * was meanwhile (other processes' CPU slows the throughput and lengthens the timings).
 * @param {{ quick?: boolean; syncs?: number; orders?: number; log?: (text: string) => void }} [options]
 */
export async function measureSandboxLoad({
  quick = false,
  syncs,
  orders,
  log = (text) => process.stderr.write(`sandbox-load: ${text}\n`),
} = {}) {
  const load = { ...(quick ? LOAD.quick : LOAD.full), ...(syncs && { syncs }), ...(orders && { orders }) };
  log(
    `${load.syncs} syncs over ${load.orders} orders, ${load.concurrency} in flight (stops after ${seconds(load.deadlineMs)})`,
  );
  const monitor = cpuMonitor([]);
  const child = await run(process.execPath, ["--expose-gc", SELF, "--measure", JSON.stringify(load)], {
    timeoutMs: load.deadlineMs + 5 * 60_000,
    echoStderr: true,
    onSpawn: (pid) => monitor.add(pid),
  });
  const cpu = monitor.stop();
  const line = child.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (child.code !== 0 || !line)
    throw new Error(
      `sandbox-load failed (${child.signal ?? `exit ${child.code}`}): ${(child.stderr || child.stdout).slice(-2000)}`,
    );
  /** @type {Load} */
  const result = JSON.parse(line.slice("BENCH_RESULT ".length));
  return { ...result, cpu, busy: (cpu?.otherCores ?? 0) > BUSY_CORES, budgets: loadBudgets(result) };
}

/** Runs the task and merges its numbers into bench/results.json (`sandbox.load`) and BENCHMARKS.md. @param {string[]} args */
export async function sandboxLoadMain(args) {
  const started = Date.now();
  const option = (/** @type {string} */ name) =>
    Number(args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1]) || undefined;
  buildStale({ log: (text) => process.stderr.write(text) });
  const load = await measureSandboxLoad({
    quick: args.includes("--quick"),
    syncs: option("syncs"),
    orders: option("orders"),
  });
  for (const b of load.budgets)
    process.stdout.write(
      `${b.name}: ${b.value}${b.unit} ${b.met ? "met" : "NOT MET"} (margin ${b.margin}${b.unit}); ${b.detail}\n`,
    );
  if (args.includes("--no-write")) return;
  const { replaceSection } = await import("./report.mjs");
  const resultsFile = join(ROOT, "bench", "results.json");
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  results.sandbox = { ...results.sandbox, load };
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const markdownFile = join(ROOT, "BENCHMARKS.md");
  writeFileSync(
    markdownFile,
    replaceSection(readFileSync(markdownFile, "utf8"), SECTION, sandboxLoadSection(load), "Budgets"),
  );
  process.stderr.write(
    `sandbox-load: wrote bench/results.json and BENCHMARKS.md in ${seconds(Date.now() - started)}\n`,
  );
}

if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  if (args[0] === "--measure") {
    const result = await measure(JSON.parse(args[1] ?? "{}"), (text) =>
      process.stderr.write(`sandbox-load: ${text}\n`),
    );
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  } else {
    await sandboxLoadMain(args);
  }
}
