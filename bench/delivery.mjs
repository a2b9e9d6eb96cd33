#!/usr/bin/env node
// @ts-check
// Durable delivery's cost (`npm run bench -- --only delivery`): the PostgreSQL outbox (alipayhk-outbox/postgres) on a
// throwaway cluster (scripts/postgres.mjs), the sandbox served by its own process on 127.0.0.1 (bench/server.mjs).
// 1. enqueue: the latency of one call (p50, p99), and enqueues/s with 1 and 16 callers;
// 2. delivery: calls/s with 1, 4 and 16 in flight, the outbox's workers (the calls enqueued beforehand, timed from
//    the worker's start to the last delivery) against direct syncOrder calls at the same concurrency on the same
//    sandbox, in ABBA order over rounds; each call a new order. Budget: ≥ 0.8 × direct at 16 in flight.
// Writes `delivery` into bench/results.json and the "Delivery" section of BENCHMARKS.md; never fails on a slow result.
//
//   node bench/delivery.mjs [--quick] [--no-write]
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startPostgres } from "../scripts/postgres.mjs";
import { buildStale, LIBRARIES, OUTBOX, ROOT, run, seconds, startServer } from "../scripts/processes.mjs";
import { BUSY_CORES, cpuMonitor } from "./cpu.mjs";

const SELF = fileURLToPath(import.meta.url);
const SECTION = "Delivery";
export const DELIVERY_BUDGET = { outboxVsDirectC16: 0.8 };
const SETTINGS = {
  full: { rounds: 4, calls: 2_000, enqueues: 2_000, concurrencies: [1, 4, 16] },
  quick: { rounds: 2, calls: 400, enqueues: 400, concurrencies: [1, 4, 16] },
};

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round = (/** @type {number} */ n, digits = 0) => Number(n.toFixed(digits));
/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Runs `count` calls of `fn(i)` with `concurrency` in flight; the wall time in ms. */
async function inFlight(
  /** @type {number} */ count,
  /** @type {number} */ concurrency,
  /** @type {(i: number) => Promise<unknown>} */ fn,
) {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await fn(next++);
    }),
  );
  return performance.now() - t;
}

/** @param {{ rounds: number; calls: number; enqueues: number; concurrencies: number[] }} settings @param {(text: string) => void} log */
async function measure(settings, log) {
  const { createOrderClient } = await import("alipayhk-order");
  const { createOutbox } = await import("alipayhk-outbox");
  const { createPostgresStore } = await import("alipayhk-outbox/postgres");
  const pem = {
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  };
  const merchant = /** @type {{ publicKey: string; privateKey: string }} */ (
    /** @type {unknown} */ (generateKeyPairSync("rsa", /** @type {any} */ ({ modulusLength: 2048, ...pem })))
  );
  const clientId = "DELIVERY-BENCH-01";
  const server = startServer(
    process.execPath,
    [join(ROOT, "bench", "server.mjs"), JSON.stringify({ merchants: { [clientId]: merchant.publicKey }, seed: 5 })],
    { ready: /^\{.*\}$/m },
  );
  const [line] = await server.started;
  const { url, alipayPublicKey } = JSON.parse(line ?? "{}");
  const postgres = await startPostgres();
  try {
    const connectionString = await postgres.createDatabase("delivery_bench");
    const client = createOrderClient({
      clientId,
      privateKey: merchant.privateKey,
      alipayPublicKey,
      baseUrl: url,
      retry: { maxAttempts: 1 },
    });
    let sequence = 0;
    /** @returns {import("alipayhk-order").OrderInput} */
    const order = () => {
      const n = ++sequence;
      return {
        merchantBizType: "MOVIE_TICKET",
        merchantBizNo: `DB-${n}`,
        orderStatus: "TICKETED",
        userId: "2160120000000001",
        orderCreateTime: 1_764_115_200_000,
        orderModifyTime: 1_764_115_200_000 + n,
        extInfo: {},
      };
    };
    await client.syncOrder(order()); // keys imported, connections open

    // 1. enqueue
    const store = await createPostgresStore({ connectionString });
    const outbox = createOutbox({ client, store });
    const latencies = [];
    for (let i = 0; i < settings.enqueues; i++) {
      const t = performance.now();
      await outbox.enqueue("syncOrder", order());
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    const enqueue = {
      p50Ms: round(quantile(latencies, 0.5), 3),
      p99Ms: round(quantile(latencies, 0.99), 3),
      perSecC1: round(
        (settings.enqueues / (await inFlight(settings.enqueues, 1, () => outbox.enqueue("syncOrder", order())))) * 1000,
      ),
      perSecC16: round(
        (settings.enqueues / (await inFlight(settings.enqueues, 16, () => outbox.enqueue("syncOrder", order())))) *
          1000,
      ),
    };
    log(
      `enqueue: p50 ${enqueue.p50Ms} ms, p99 ${enqueue.p99Ms} ms; ${enqueue.perSecC1}/s with 1 caller, ${enqueue.perSecC16}/s with 16`,
    );
    await store.close();

    // 2. delivery against direct calls, ABBA by round
    /** @type {Record<string, { direct: number[]; outbox: number[] }>} */
    const rates = {};
    const direct = async (/** @type {number} */ c) =>
      (settings.calls / (await inFlight(settings.calls, c, () => client.syncOrder(order())))) * 1000;
    const delivered = async (/** @type {number} */ c) => {
      const table = `bench_outbox_${++sequence}`; // a fresh table: the previous rounds' rows do not weigh on it
      const s = await createPostgresStore({ connectionString, table });
      let count = 0;
      /** @type {() => void} */
      let all = () => {};
      const finished = new Promise((resolve) => (all = () => resolve(undefined)));
      const o = createOutbox({
        client,
        store: s,
        onDelivered: () => ++count === settings.calls && all(),
        onDeadLetter: (d) => {
          throw new Error(`dead letter in the bench: ${JSON.stringify(d)}`);
        },
      });
      await inFlight(settings.calls, 16, () => o.enqueue("syncOrder", order()));
      const t = performance.now();
      const worker = o.work({ concurrency: c, pollMs: 5, leaseMs: 60_000 });
      await finished;
      const ms = performance.now() - t;
      await worker.stop();
      await s.close();
      return (settings.calls / ms) * 1000;
    };
    for (const c of settings.concurrencies) rates[`c${c}`] = { direct: [], outbox: [] };
    for (let r = 0; r < settings.rounds; r++) {
      for (const c of settings.concurrencies) {
        const pair =
          r % 2
            ? [
                ["outbox", delivered],
                ["direct", direct],
              ]
            : [
                ["direct", direct],
                ["outbox", delivered],
              ];
        for (const [name, fn] of /** @type {[ "direct" | "outbox", (c: number) => Promise<number>][]} */ (pair))
          rates[`c${c}`][name].push(await fn(c));
        const last = rates[`c${c}`];
        log(
          `round ${r + 1}/${settings.rounds}, ${c} in flight: outbox ${Math.round(last.outbox.at(-1) ?? 0)}/s, direct ${Math.round(last.direct.at(-1) ?? 0)}/s`,
        );
      }
    }
    const deliveryRates = Object.fromEntries(
      Object.entries(rates).map(([k, { direct: d, outbox: o }]) => [
        k,
        {
          outboxPerSec: round(median(o)),
          directPerSec: round(median(d)),
          ratio: round(median(o.map((x, i) => x / d[i])), 3),
          outboxRounds: o.map((x) => round(x)),
          directRounds: d.map((x) => round(x)),
        },
      ]),
    );
    return { date: new Date().toISOString(), node: process.version, settings, enqueue, delivery: deliveryRates };
  } finally {
    await postgres.stop();
    await server.stop();
  }
}

/** @param {any} result */
export function deliveryBudgets(result) {
  const value = result.delivery.c16.ratio;
  return [
    {
      name: "outbox delivery ≥ 0.8 × direct syncOrder, 16 in flight",
      value,
      threshold: DELIVERY_BUDGET.outboxVsDirectC16,
      met: value >= DELIVERY_BUDGET.outboxVsDirectC16,
    },
  ];
}

/** The BENCHMARKS.md section. @param {any} result */
export function deliverySection(result) {
  const rows = Object.entries(result.delivery).map(
    ([k, d]) =>
      `| ${k.slice(1)} | ${d.outboxPerSec} | ${d.directPerSec} | ${d.ratio} | ${d.outboxRounds.join(", ")} / ${d.directRounds.join(", ")} |`,
  );
  const budgets = deliveryBudgets(result).map(
    (b) => `| ${b.name} | ${b.value} | ${b.met ? "met" : "not met"} by ${round(b.value - b.threshold, 3)} |`,
  );
  const { enqueue: e, settings: s } = result;
  return `## ${SECTION}

\`npm run bench -- --only delivery\` (bench/delivery.mjs): the PostgreSQL outbox (\`alipayhk-outbox/postgres\`) on a
throwaway PostgreSQL cluster on 127.0.0.1, the sandbox in its own process, the client with retries off. Each call is a
new order. Measured ${result.date.slice(0, 10)} on Node ${result.node.slice(1)}${result.busy ? `; **the machine was busy** (other processes used ${result.cpu?.otherCores} cores)` : ""}.

Enqueue (validation, then one INSERT): p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms over ${s.enqueues} calls; ${e.perSecC1}/s with 1 caller,
${e.perSecC16}/s with 16.

Delivery: ${s.calls} calls enqueued, then timed from the worker's start to the last delivery, against ${s.calls} direct
\`syncOrder\` calls at the same concurrency, in ABBA order over ${s.rounds} rounds; medians, and the median of per-round ratios.

| in flight | outbox calls/s | direct calls/s | ratio | rounds (outbox / direct) |
|---:|---:|---:|---:|---|
${rows.join("\n")}

| budget | measured | status |
|---|---:|---|
${budgets.join("\n")}

What limits it: each delivery adds PostgreSQL work on the same two cores as the client and the sandbox: a claim (one
for up to a quarter of the slots, in series with the next call) and a settle (group-committed, recorded while the slot
takes the next call). The outbox is for delivery that must not be lost, not for the lowest latency.
`;
}

/** Measures in a child process and merges the numbers into bench/results.json and BENCHMARKS.md. @param {string[]} args */
export async function deliveryMain(args) {
  const started = Date.now();
  const log = (/** @type {string} */ text) => process.stderr.write(`delivery: ${text}\n`);
  buildStale({ log: (text) => process.stderr.write(text), libraries: [...LIBRARIES, OUTBOX] });
  const monitor = cpuMonitor([]);
  const settings = args.includes("--quick") ? SETTINGS.quick : SETTINGS.full;
  const child = await run(process.execPath, [SELF, "--measure", JSON.stringify(settings)], {
    timeoutMs: 30 * 60_000,
    echoStderr: true,
    onSpawn: (pid) => monitor.add(pid),
  });
  const cpu = monitor.stop();
  const line = child.stdout.split("\n").find((l) => l.startsWith("BENCH_RESULT "));
  if (child.code !== 0 || !line)
    throw new Error(
      `delivery bench failed (${child.signal ?? `exit ${child.code}`}): ${(child.stderr || child.stdout).slice(-2000)}`,
    );
  const result = { ...JSON.parse(line.slice("BENCH_RESULT ".length)), cpu, busy: (cpu?.otherCores ?? 0) > BUSY_CORES };
  result.budgets = deliveryBudgets(result);
  for (const b of result.budgets)
    process.stdout.write(`${b.name}: ${b.value} (budget ${b.threshold}: ${b.met ? "met" : "not met"})\n`);
  if (args.includes("--no-write")) return result;
  const { replaceSection } = await import("./report.mjs");
  const resultsFile = join(ROOT, "bench", "results.json");
  const results = JSON.parse(readFileSync(resultsFile, "utf8"));
  results.delivery = result;
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const markdownFile = join(ROOT, "BENCHMARKS.md");
  writeFileSync(
    markdownFile,
    replaceSection(readFileSync(markdownFile, "utf8"), SECTION, deliverySection(result), "Budgets"),
  );
  log(`wrote bench/results.json and BENCHMARKS.md in ${seconds(Date.now() - started)}`);
  return result;
}

if (process.argv[1] === SELF) {
  const args = process.argv.slice(2);
  if (args[0] === "--measure") {
    const result = await measure(JSON.parse(args[1] ?? "{}"), (text) => process.stderr.write(`delivery: ${text}\n`));
    process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
  } else {
    await deliveryMain(args);
  }
}
