// @ts-check
/**
 * The delivery soak: the PostgreSQL outbox under crashing workers and an unreliable AlipayHK.
 *
 * N updates over M orders are enqueued at an even pace into an outbox on PostgreSQL (a throwaway cluster, or a fresh
 * database on the server at ALIPAYHK_OUTBOX_URL, dropped afterwards) while `alipayhk outbox work` processes (the
 * built CLI) deliver them to the sandbox, served on 127.0.0.1 by this process. Each worker is SIGKILLed at random
 * moments and restarted. The sandbox goes down for seconds at a time (503 to every request, none processed) and,
 * throughout, answers some requests with U results, 5xx (processed or not) or a dropped connection. A share of the
 * orders hold only updates AlipayHK refuses. Once every update has settled, each worker gets SIGTERM and must exit 0;
 * then the invariants (soak/delivery-check.mjs):
 * - every update ends delivered (answered SUCCESS) or dead-lettered with a reason;
 * - no requestId is applied twice (the sandbox's event log and order histories);
 * - each order's final state is its newest update (largest orderModifyTime);
 * - dead letters hold only definite failures (the planned refusals, never applied) or an expired window.
 * Settings and workload: soak/delivery-plan.mjs. Everything started is stopped, within a hard deadline.
 */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prepareCall } from "alipayhk-outbox";
import { createPostgresStore } from "alipayhk-outbox/postgres";
import { createSandbox } from "alipayhk-sandbox";
import { mulberry32 } from "alipayhk-sandbox/internal";
import { serve } from "alipayhk-sandbox/node";
import pg from "pg";
import { startPostgres } from "../scripts/postgres.mjs";
import { checkDelivery } from "./delivery-check.mjs";
import { DELIVERY_FULL, makeDeliveryPlan } from "./delivery-plan.mjs";
import { sleep, workerPool } from "./delivery-workers.mjs";

export { DELIVERY_FULL, DELIVERY_SHORT } from "./delivery-plan.mjs";

const CLIENT_ID = "SOAK-OUTBOX";

/** The outbox's database: a throwaway cluster's, or one of its own on the given server. */
async function openDatabase() {
  const given = process.env.ALIPAYHK_OUTBOX_URL;
  if (!given) {
    const cluster = await startPostgres();
    const url = await cluster.createDatabase("delivery_soak");
    // cluster.stop() is synchronous inside (pg_ctl, then the files): usable from an exit handler
    return { url, where: `a throwaway cluster on 127.0.0.1:${cluster.port}`, drop: () => cluster.stop() };
  }
  const name = `alipayhk_soak_${process.pid}`;
  const admin = async (/** @type {string} */ sql) => {
    const client = new pg.Client({ connectionString: given });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(given);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    where: `database ${name} on the server at ALIPAYHK_OUTBOX_URL`,
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/** The sandbox on 127.0.0.1, behind a switch that takes AlipayHK down: 503 to every request, none processed. */
async function serveSandbox(/** @type {typeof DELIVERY_FULL} */ o, /** @type {string} */ merchantPublicKey) {
  const sandbox = await createSandbox({
    merchants: { [CLIENT_ID]: merchantPublicKey },
    seed: o.seed,
    faults: /** @type {any} */ (o.faults),
    retention: { events: Infinity, historyPerOrder: Infinity, answers: Infinity }, // the checks read everything
  });
  const outage = { down: false, periods: 0, ms: 0, refused: 0 };
  const server = await serve(async (request) => {
    if (!outage.down) return sandbox.fetch(request);
    outage.refused++;
    return new Response("AlipayHK is down (soak outage)", { status: 503, headers: { "Retry-After": "1" } });
  });
  return { sandbox, server, outage };
}

/** Takes AlipayHK down for a while, every so often, until `signal` fires. */
async function outages(/** @type {typeof DELIVERY_FULL} */ o, outage, uniform, /** @type {AbortSignal} */ signal) {
  while (!signal.aborted) {
    await sleep(uniform(o.downEveryMs), signal);
    if (signal.aborted) break;
    const from = performance.now();
    outage.down = true;
    outage.periods++;
    await sleep(uniform(o.downForMs), signal);
    outage.down = false;
    outage.ms += performance.now() - from;
  }
}

/**
 * Enqueues the updates at an even pace over `o.enqueueMs`: every 100 ms those due, each checked by the outbox's own
 * validation, in one transaction of `pool` (as a service's business change would carry them). Sets each update's
 * requestId once its transaction has committed.
 * @param {import("./delivery-plan.mjs").Update[]} updates
 * @param {{ enqueued: number }} progress
 */
async function enqueueAll(
  updates,
  store,
  /** @type {import("pg").Pool} */ pool,
  o,
  progress,
  /** @type {AbortSignal} */ signal,
) {
  const from = performance.now();
  while (progress.enqueued < updates.length && !signal.aborted) {
    const due = Math.ceil(((performance.now() - from) / o.enqueueMs) * updates.length);
    const batch = updates.slice(progress.enqueued, Math.max(due, progress.enqueued + 1));
    const calls = batch.map((update) => prepareCall("syncOrder", update.body));
    const tx = await pool.connect();
    try {
      await tx.query("BEGIN");
      for (const call of calls) await store.add(call, tx);
      await tx.query("COMMIT");
    } finally {
      tx.release();
    }
    for (const [i, update] of batch.entries()) update.requestId = calls[i]?.requestId;
    progress.enqueued += batch.length;
    await sleep(100, signal);
  }
  return performance.now() - from;
}

/** Every update's row in the outbox, by requestId. */
async function entriesOf(/** @type {import("./delivery-plan.mjs").Update[]} */ updates, store) {
  /** @type {Map<string, any>} */
  const entries = new Map();
  const ids = updates.flatMap((u) => (u.requestId ? [u.requestId] : []));
  for (let i = 0; i < ids.length; i += 8) {
    const batch = ids.slice(i, i + 8);
    const rows = await Promise.all(batch.map((id) => store.get(id)));
    for (const [k, id] of batch.entries()) entries.set(id, rows[k]);
  }
  return entries;
}

/**
 * Runs the delivery soak and returns its report; `report.failures` is empty when every invariant held.
 * @param {Partial<typeof DELIVERY_FULL> & { log?: (line: string) => void }} options
 */
export async function runDeliverySoak(options = {}) {
  const { log = () => {}, ...given } = options;
  /** @type {typeof DELIVERY_FULL} */
  const o = { ...DELIVERY_FULL, ...given };
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  const random = mulberry32((o.seed ^ 0xde11) >>> 0);
  const uniform = (/** @type {number[]} */ [min, max]) => min + random() * (max - min);
  /** @type {string[]} */
  const failures = [];
  const plan = makeDeliveryPlan(o);

  // The deadline, and an interrupt: both end the run early; everything started is then stopped (an exit handler
  // kills the workers and the cluster if even that does not finish).
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`the deadline of ${o.deadlineMs} ms`)), o.deadlineMs);
  const interrupt = () => deadline.abort(new Error("an interrupt"));
  process.once("SIGINT", interrupt).once("SIGTERM", interrupt);
  const dir = mkdtempSync(join(tmpdir(), "alipayhk-delivery-soak-"));
  /** @type {Awaited<ReturnType<typeof openDatabase>> | undefined} */
  let database;
  /** @type {ReturnType<typeof workerPool> | undefined} */
  let workers;
  const onExit = () => {
    workers?.killAll();
    void database?.drop();
  };
  process.once("exit", onExit);

  const keys = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const { sandbox, server, outage } = await serveSandbox(o, keys.publicKey);
  /** @type {import("pg").Pool | undefined} */
  let pool;
  /** @type {import("alipayhk-outbox/postgres").PostgresStore | undefined} */
  let store;
  const chaosStop = new AbortController();
  try {
    database = await openDatabase();
    pool = new pg.Pool({ connectionString: database.url });
    pool.on("error", () => {}); // an idle connection dropped: the next query reconnects
    store = await createPostgresStore({ pool });
    writeFileSync(join(dir, "merchant.pem"), keys.privateKey, { mode: 0o600 });
    writeFileSync(join(dir, "alipay.pem"), sandbox.alipayPublicKey);
    const env = {
      PATH: process.env.PATH ?? "",
      ALIPAYHK_OUTBOX_URL: database.url,
      ALIPAYHK_BASE_URL: server.url,
      ALIPAYHK_CLIENT_ID: CLIENT_ID,
      ALIPAYHK_PRIVATE_KEY_FILE: join(dir, "merchant.pem"),
      ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE: join(dir, "alipay.pem"),
    };
    const N = plan.updates.length;
    log(`outbox in ${database.where}; sandbox on ${server.url}, seed ${o.seed}`);
    log(
      `${N} updates, ${o.orders} orders (${plan.refusedOrders} refused); ${o.workers} workers, ${o.concurrency} each`,
    );

    const fleet = workerPool(o, env, random);
    workers = fleet;
    fleet.startAll();
    const chaos = [...Array(o.workers).keys()].map((i) => fleet.chaos(i, chaosStop.signal));
    const down = outages(o, outage, uniform, chaosStop.signal);
    const progress = { enqueued: 0 };
    const enqueuing = enqueueAll(plan.updates, store, pool, o, progress, deadline.signal);
    /** @type {unknown} */
    let enqueueError;
    enqueuing.catch((error) => (enqueueError = error ?? new Error("enqueue failed")));

    // until every update has settled, or the deadline
    for (let lastLog = 0; ; await sleep(500, deadline.signal)) {
      const c = await store.counts();
      if (performance.now() - lastLog > 5_000) {
        lastLog = performance.now();
        const chaosNow = `${fleet.stats.kills} kills, ${outage.periods} outages${outage.down ? " (down now)" : ""}`;
        log(`  ${seconds()}: enqueued ${progress.enqueued}; ${JSON.stringify(c)}; ${chaosNow}`);
      }
      if (enqueueError) throw enqueueError;
      if (progress.enqueued === N && c.delivered + c.dead === N) break;
      if (deadline.signal.aborted) {
        failures.push(
          `not every update settled before ${deadline.signal.reason.message}: ${c.delivered + c.dead} of ${N}`,
        );
        break;
      }
    }
    const enqueueMs = await enqueuing;
    const settledMs = performance.now() - started;

    chaosStop.abort();
    await Promise.all([...chaos, down]);
    const stops = await fleet.stopAll();
    const badStops = stops.filter((stop) => stop !== "exit 0");
    if (badStops.length) failures.push(`workers did not exit 0 on SIGTERM: ${badStops.join("; ")}`);
    const unexpected = fleet.stats.unexpectedExits;
    if (unexpected.length) failures.push(`${unexpected.length} worker(s) exited on their own, first: ${unexpected[0]}`);

    const entries = await entriesOf(plan.updates, store);
    const events = sandbox.events;
    const invariants = checkDelivery({ updates: plan.updates, entries, events, orders: sandbox.orders });
    for (const [name, result] of Object.entries(invariants)) {
      if (!result.ok) failures.push(`${name}: ${result.violations} violation(s), first: ${result.examples[0]}`);
    }
    const dead = [...entries.values()].filter((e) => e?.state === "dead");
    const attempts = [...entries.values()].map((e) => e?.attempts ?? 0);
    const stats = sandbox.stats;
    return {
      delivery: "postgres",
      options: o,
      database: database.where,
      durationMs: Math.round(performance.now() - started),
      enqueueMs: Math.round(enqueueMs),
      settledAfterMs: Math.round(settledMs),
      updates: N,
      orders: o.orders,
      refusedOrders: plan.refusedOrders,
      workers: {
        processes: o.workers,
        concurrency: o.concurrency,
        leaseSeconds: o.leaseSeconds,
        ...fleet.stats,
        finalStops: stops,
      },
      faults: {
        outages: { periods: outage.periods, ms: Math.round(outage.ms), requestsRefused: outage.refused },
        sandbox: stats.faults,
        httpStatus: stats.httpStatus,
        results: stats.results,
        requests: stats.requests,
      },
      outbox: {
        counts: await store.counts(),
        deadLetters: countBy(dead, (e) => `${e.deadReason} ${e.lastFailure?.resultCode ?? e.lastFailure?.code}`),
        attempts: { max: Math.max(0, ...attempts), mean: attempts.reduce((a, b) => a + b, 0) / (attempts.length || 1) },
      },
      sandboxEvents: countBy(events, (e) => e.type),
      invariants,
      failures,
    };
  } finally {
    clearTimeout(timer);
    process.off("SIGINT", interrupt).off("SIGTERM", interrupt);
    chaosStop.abort();
    workers?.killAll();
    await store?.close().catch(() => {});
    await pool?.end().catch(() => {});
    await server.close();
    await database?.drop().catch((/** @type {Error} */ e) => log(`could not drop the soak's database: ${e.message}`));
    database = undefined;
    process.off("exit", onExit);
    rmSync(dir, { recursive: true, force: true });
  }
}

function countBy(/** @type {readonly Record<string, any>[]} */ items, /** @type {(item: any) => string} */ key) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** The report as a few lines for the terminal. */
export function formatDeliveryReport(/** @type {any} */ r) {
  const s = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
  const { workers: w, faults: f } = r;
  const stops = w.finalStops.every((/** @type {string} */ x) => x === "exit 0")
    ? "each exit 0"
    : w.finalStops.join(", ");
  return [
    `delivery soak (${r.delivery}): ${r.updates} updates, ${r.orders} orders (${r.refusedOrders} refused by AlipayHK)`,
    `  time: ${s(r.durationMs)} in all; enqueued over ${s(r.enqueueMs)}, all settled at ${s(r.settledAfterMs)}`,
    `  workers: ${w.processes}, ${w.concurrency} in flight each, lease ${w.leaseSeconds} s; ${w.kills} SIGKILLs,`,
    `    ${w.starts} starts, ${w.unexpectedExits.length} unexpected exits; final SIGTERM: ${stops}`,
    `  faults: ${f.outages.periods} outages (${s(f.outages.ms)}, ${f.outages.requestsRefused} requests answered 503),`,
    `    sandbox faults ${JSON.stringify(f.sandbox)} in ${f.requests} requests`,
    `  outbox: ${JSON.stringify(r.outbox.counts)}; attempts at most ${r.outbox.attempts.max}`,
    `    dead letters ${JSON.stringify(r.outbox.deadLetters)}`,
    `  sandbox events: ${JSON.stringify(r.sandboxEvents)}`,
    "  invariants:",
    ...Object.entries(r.invariants).map(([name, v]) =>
      v.ok
        ? `    ok   ${name} (${v.checked} checked)`
        : `    FAIL ${name}: ${v.violations} violations, e.g. ${v.examples[0]}`,
    ),
    r.failures.length
      ? `  FAILED:\n${r.failures.map((/** @type {string} */ x) => `    - ${x}`).join("\n")}`
      : "  all held",
  ].join("\n");
}
