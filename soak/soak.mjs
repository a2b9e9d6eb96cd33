// @ts-check
/**
 * The soak: nothing lost, nothing doubled, nothing forged.
 *
 * Drives the real client (`alipayhk-order`) against the sandbox served over loopback HTTP with seeded faults,
 * then checks the sandbox's event log and order histories against what every call reported:
 *
 * - every logical sync ends exactly once, as a success or an OrderError with a stable code (no hang, no stray
 *   rejection, no other error type);
 * - attempts never exceed maxAttempts, and the client's attempt count matches the requests it actually sent;
 * - a genuine (correctly signed) F or S answer is never followed by another attempt;
 * - a success means applied exactly once; a definite failure ("not_applied") means never applied; only "unknown"
 *   may go either way; no requestId is ever applied twice;
 * - a forged request (right Client-Id, wrong key) is never applied and never reported as a success;
 * - a signed answer whose Response-Time is further than maxResponseSkewMs from the clock is refused;
 * - recovery converges: every unknown update re-sent with its requestId ends definite, and each order's final
 *   state is its last update.
 *
 * Used by `npm run soak` (soak/run.mjs, built packages, sandbox in a worker thread) and by
 * test/security/soak.test.ts (a short run on the sources, sandbox in the same thread).
 *
 * In four parts: the plan (soak/plan.mjs), the run (here), the invariants (soak/check.mjs) and the report
 * (soak/report.mjs); this module exports all of it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createVerify, generateKeyPairSync } from "node:crypto";
import { setMaxListeners } from "node:events";
import { Worker } from "node:worker_threads";
import { createOrderClient, OrderError, ResultError, transitionProblem, OPERATIONS } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { checkSoak } from "./check.mjs";
import { DEFAULT_FAULTS, FULL, makePlan } from "./plan.mjs";
import { formatReport, summarize } from "./report.mjs";

export { checkSoak } from "./check.mjs";
export { DEFAULT_FAULTS, FULL, LIFECYCLES, makePlan, SHORT } from "./plan.mjs";
/** Every code an OrderError may carry (from the client itself). */
export { ORDER_ERROR_CODES } from "alipayhk-order";
export { formatReport } from "./report.mjs";

/** Runs `task` over `items` with at most `concurrency` at once. */
async function pool(items, concurrency, task) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

function rsaPem() {
  return generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

async function startHost(mode, config) {
  if (mode === "inline") {
    const { startSandboxHost } = await import("./sandbox-host.mjs");
    const host = await startSandboxHost(config);
    return { ...host, snapshot: async () => host.snapshot(), stop: () => host.close() };
  }
  const worker = new Worker(new URL("./sandbox-host.mjs", import.meta.url), { workerData: { soakHost: true, config } });
  const waitFor = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message?.type === "error") reject(new Error(`sandbox worker: ${message.message}`));
        if (message?.type !== type) return;
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(message);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
  const ready = await waitFor("ready");
  return {
    url: ready.url,
    alipayPublicKey: ready.alipayPublicKey,
    seed: ready.seed,
    snapshot: async () => {
      const reply = waitFor("snapshot");
      worker.postMessage({ type: "snapshot" });
      return (await reply).data;
    },
    stop: async () => {
      const closed = waitFor("closed").catch(() => {});
      worker.postMessage({ type: "close" });
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5_000).unref())]);
      await worker.terminate();
    },
  };
}

/**
 * Runs the soak and returns its report; `report.failures` is empty when every invariant held.
 * @param {Partial<typeof FULL> & { faults?: object, log?: (line: string) => void }} options
 */
export async function runSoak(options = {}) {
  const o = { ...FULL, ...options, faults: { ...DEFAULT_FAULTS, ...options.faults } };
  o.faults.latencyMs = options.faults?.latencyMs ?? o.latencyMs;
  const log = o.log ?? (() => {});
  const started = performance.now();
  const failures = [];
  const unhandled = [];
  const onUnhandled = (reason) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);

  const plainKeys = rsaPem();
  const encKeys = rsaPem();
  const forgerKeys = rsaPem();
  const clientIds = { plain: "SOAK-MERCHANT-PLAIN", encrypted: "SOAK-MERCHANT-RSAAES" };
  const orders = makePlan(o, clientIds);
  const steps = orders.flatMap((order) => order.steps);

  const host = await startHost(o.host, {
    merchants: { [clientIds.plain]: plainKeys.publicKey, [clientIds.encrypted]: encKeys.publicKey },
    seed: o.seed,
    faults: o.faults,
    maxBodyBytes: 64 * 1024,
    skewSpikeRate: o.skewSpikeRate,
    skewSpikeMs: o.skewSpikeMs,
  });
  const baseUrl = new URL(host.url);
  if (baseUrl.hostname !== "127.0.0.1") failures.push(`the sandbox listens on ${host.url}, not on loopback 127.0.0.1`);
  log(
    `sandbox on ${host.url} (${o.host}), seed ${o.seed}; ${orders.length} orders, ${steps.length} syncs, ${o.concurrency} at once`,
  );

  // Every HTTP attempt the client makes goes through here; AsyncLocalStorage says which logical sync it belongs to.
  const calls = new AsyncLocalStorage();
  const observer = {
    attempts: 0,
    skewSpikes: 0,
    nonLoopback: 0,
    outsideSync: 0,
  };
  const verifyAnswer = (clientId, time, text, header) => {
    const value = /(?:^|,)\s*signature=([^,]+)/.exec(header ?? "")?.[1];
    if (!value || !time) return false;
    try {
      return createVerify("RSA-SHA256")
        .update(`POST ${OPERATIONS.syncOrder.path}\n${clientId}.${time}.${text}`, "utf8")
        .verify(host.alipayPublicKey, decodeURIComponent(value), "base64");
    } catch {
      return false;
    }
  };
  const observedFetch = async (request) => {
    const call = calls.getStore();
    /** @type {Record<string, any>} */
    const seen = {
      status: undefined,
      error: undefined,
      genuine: false,
      encrypted: false,
      resultStatus: undefined,
      resultCode: undefined,
      skewSpike: false,
    };
    observer.attempts++;
    if (call) call.observed.push(seen);
    else observer.outsideSync++;
    if (new URL(request.url).hostname !== "127.0.0.1") observer.nonLoopback++;
    const clientId = request.headers.get("Client-Id");
    let response;
    try {
      response = await fetch(request);
    } catch (error) {
      seen.error = error?.name ?? "Error";
      throw error;
    }
    seen.status = response.status;
    const time = response.headers.get("Response-Time");
    if (time && Math.abs(Date.parse(time) - Date.now()) > o.maxResponseSkewMs) {
      seen.skewSpike = true;
      observer.skewSpikes++;
    }
    // The body is read here, under the attempt's signal (a timeout or reset while reading rejects, as it would in
    // the client), and handed on in memory: so every answer recorded as received is exactly what the client got,
    // and nothing (an abort) can take it away from the client afterwards.
    let text;
    try {
      text = await response.text();
    } catch (error) {
      seen.error = error?.name ?? "Error";
      throw error;
    }
    seen.received = true;
    seen.genuine = verifyAnswer(clientId, time, text, response.headers.get("Signature"));
    seen.encrypted = response.headers.has("Encrypt");
    if (seen.genuine && !seen.encrypted) {
      try {
        const result = JSON.parse(text).result;
        seen.resultStatus = result?.resultStatus;
        seen.resultCode = result?.resultCode;
      } catch {
        // a genuine body that is not JSON: the client must report ERR_RESPONSE_FORMAT
      }
    }
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: new Headers(response.headers),
    });
  };

  const common = {
    alipayPublicKey: host.alipayPublicKey,
    baseUrl: host.url,
    fetch: observedFetch,
    timeoutMs: o.timeoutMs,
    maxResponseSkewMs: o.maxResponseSkewMs,
    retry: { maxAttempts: o.maxAttempts, initialDelayMs: 5, maxDelayMs: 50, maxElapsedMs: 10 * 60_000 },
  };
  const clients = {
    [clientIds.plain]: createOrderClient({ ...common, clientId: clientIds.plain, privateKey: plainKeys.privateKey }),
    [clientIds.encrypted]: createOrderClient({
      ...common,
      clientId: clientIds.encrypted,
      privateKey: encKeys.privateKey,
      encrypt: rsaAes(),
    }),
  };
  const forgers = {
    [clientIds.plain]: createOrderClient({ ...common, clientId: clientIds.plain, privateKey: forgerKeys.privateKey }),
    [clientIds.encrypted]: createOrderClient({
      ...common,
      clientId: clientIds.encrypted,
      privateKey: forgerKeys.privateKey,
    }),
  };

  const deadline = new AbortController();
  // One deadline signal is shared by every call in flight (each adds a listener per attempt).
  setMaxListeners(0, deadline.signal);
  const deadlineTimer = setTimeout(() => deadline.abort(new Error("soak deadline")), o.deadlineMs);
  let hung = 0;

  /** One logical sync: one syncOrder call, recorded with what it reported and what it sent. */
  async function sync(step, phase) {
    const call = { observed: [] };
    const client = step.kind === "forged" ? forgers[step.order.clientId] : clients[step.order.clientId];
    let watchdog;
    const settled = calls
      .run(call, () => client.syncOrder(step.body, { signal: deadline.signal }))
      .then(
        (result) => ({ result }),
        (error) => ({ error }),
      );
    const outcome = await Promise.race([
      settled,
      new Promise((resolve) => (watchdog = setTimeout(() => resolve({ hung: true }), o.hangMs))),
    ]);
    clearTimeout(watchdog);
    const record = { phase, observed: call.observed };
    if (outcome.hung) {
      hung++;
      Object.assign(record, { hung: true, ok: false, code: "HUNG", outcome: "unknown" });
    } else if (outcome.result) {
      const r = outcome.result;
      Object.assign(record, {
        ok: true,
        code: "SUCCESS",
        attempts: r.attempts,
        requestId: r.requestId,
        resultStatus: r.result?.resultStatus,
        orderStatus: r.orderStatus,
      });
    } else {
      const e = outcome.error;
      Object.assign(record, {
        ok: false,
        isOrderError: e instanceof OrderError,
        isResultError: e instanceof ResultError,
        name: e?.name,
        code: e?.code ?? `(no code: ${e?.name ?? typeof e})`,
        outcome: e?.outcome,
        attempts: e?.attempts,
        requestId: e?.requestId,
        resultCode: e?.resultCode,
        message: String(e?.message ?? e),
      });
    }
    step.syncs.push(record);
    if (record.ok) {
      step.final = "success";
      if (step.kind !== "forged") step.order.knownStatus = record.orderStatus;
    } else if (record.outcome === "not_applied") step.final = "failed";
    else step.final = "unknown";
    return record;
  }

  /** A merchant's recovery: re-send each unknown update of the order, same requestId and body, until definite. */
  async function recover(order, phase, upTo = order.steps.length) {
    for (const step of order.steps.slice(0, upTo)) {
      if (step.kind === "forged") continue;
      for (let round = 0; step.final === "unknown" && round < o.recoveryRounds && !deadline.signal.aborted; round++) {
        await sync(step, phase);
      }
    }
  }

  async function drive(order) {
    for (const [index, step] of order.steps.entries()) {
      if (deadline.signal.aborted) return;
      // A probe needs the order's state known; so does a move that is illegal from the last status AlipayHK
      // confirmed (Queue Up CANCELLED after CALL_NUM): a careful merchant settles unknown updates first.
      const pending = order.steps.slice(0, index).some((s) => s.kind !== "forged" && s.final === "unknown");
      if (
        pending &&
        (step.kind === "probe" ||
          (step.kind === "lifecycle" && transitionProblem(order.bizType, order.knownStatus, step.status)))
      ) {
        await recover(order, "inline-recovery", index);
      }
      await sync(step, "main");
    }
  }

  let progress = 0;
  const ticker = setInterval(() => {
    const done = steps.filter((s) => s.syncs.some((r) => r.phase === "main")).length;
    if (done !== progress)
      log(
        `  ${done}/${steps.length} syncs, ${observer.attempts} attempts, ${((performance.now() - started) / 1000).toFixed(0)} s`,
      );
    progress = done;
  }, 5_000);
  ticker.unref?.();

  await pool(orders, o.concurrency, drive);
  const mainMs = performance.now() - started;
  // After the run: the merchant's recovery of every update still unknown (faults stay on: the sandbox has no
  // switch to turn them off, so recovery loops until the answer is definite).
  const unknownAfterMain = steps.filter((s) => s.kind !== "forged" && s.final === "unknown").length;
  await pool(orders, o.concurrency, (order) => recover(order, "recovery"));
  clearInterval(ticker);
  clearTimeout(deadlineTimer);

  const snapshot = await host.snapshot();
  await host.stop();
  await new Promise((resolve) => setImmediate(resolve));
  process.off("unhandledRejection", onUnhandled);

  if (deadline.signal.aborted) failures.push(`the soak did not finish within its deadline of ${o.deadlineMs} ms`);
  if (hung) failures.push(`${hung} sync(s) did not settle within ${o.hangMs} ms (hang)`);
  if (unhandled.length)
    failures.push(`${unhandled.length} unhandled rejection(s), first: ${String(unhandled[0]?.stack ?? unhandled[0])}`);
  if (observer.nonLoopback) failures.push(`${observer.nonLoopback} request(s) went somewhere other than 127.0.0.1`);
  if (observer.outsideSync) failures.push(`${observer.outsideSync} request(s) were made outside any sync`);
  failures.push(...checkSoak({ orders, snapshot, maxAttempts: o.maxAttempts }));

  /** @type {any} the report grows a table and a summary below, and loses its steps */
  const report = {
    options: { ...o, log: undefined },
    orders: orders.length,
    steps,
    snapshot,
    observer,
    unknownAfterMain,
    mainMs,
    totalMs: performance.now() - started,
    failures,
  };
  report.table = formatReport(report);
  delete report.steps; // big; the table has what matters
  report.summary = summarize(steps, snapshot);
  return report;
}
