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
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { createVerify, generateKeyPairSync } from "node:crypto";
import { setMaxListeners } from "node:events";
import { Worker } from "node:worker_threads";
import { createOrderClient, ORDER_ERROR_CODES, OrderError, ResultError, SCENARIOS, SYNC_ORDER_PATH, transitionProblem } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { mulberry32 } from "alipayhk-sandbox";

/** Every code an OrderError may carry (from the client itself). */
export { ORDER_ERROR_CODES };

/** Per-request fault rates (at most one fault per request; they add up to 0.2). */
export const DEFAULT_FAULTS = {
  unknownException: 0.04,
  http500: 0.02,
  http502: 0.02,
  http503: 0.02,
  http429: 0.02,
  drop: 0.02,
  truncate: 0.02,
  forgeSignature: 0.02,
  omitSignature: 0.02,
  responseTimeSkewMs: 2_000, // every Response-Time 2 s ahead: within maxResponseSkewMs, must be accepted
};

/** `npm run soak`: 10,000 logical syncs, 250 orders in flight, sandbox in a worker thread. */
export const FULL = {
  syncs: 10_000,
  concurrency: 250,
  seed: 20261126,
  host: "worker",
  timeoutMs: 1_500,
  latencyMs: [0, 1_650], // uniform; about 1 request in 11 waits longer than timeoutMs (load adds more)
  maxAttempts: 4,
  maxResponseSkewMs: 30_000,
  skewSpikeRate: 0.01,
  skewSpikeMs: 600_000,
  encryptedShare: 0.05,
  probeShare: 0.08,
  forgedShare: 0.04,
  recoveryRounds: 30,
  deadlineMs: 10 * 60_000,
  hangMs: 120_000,
};

/** `npm run soak -- --short` and the vitest run: about 500 syncs, well under a minute. */
export const SHORT = {
  ...FULL,
  syncs: 500,
  concurrency: 40,
  timeoutMs: 600,
  latencyMs: [0, 660],
  deadlineMs: 60_000,
  hangMs: 30_000,
};

const hkd = (cents) => ({ value: String(cents), currency: "HKD" });

/** Scenario extras, valid against the spec (the shapes of packages/client/test/fake-alipay.ts). */
const EXTRAS = {
  PASS_TICKET: () => ({ payAmount: hkd(12_000), extInfo: {} }),
  TRAIN_TICKET: (k) => ({ tradeNo: `2026112622${String(k).padStart(4, "0")}`, extInfo: {} }),
  MOVIE_TICKET: () => ({ tradeNo: "2026112622001", extInfo: { seats: ["F7", "F8"] } }),
  GIFT_CARD_COUPON: () => ({ amount: hkd(5_000), extInfo: {} }),
  ALIPAY_COUPON: () => ({ extInfo: {} }),
  CHARGING_PILE: (k) => ({ extInfo: { amount: hkd(500 * (k + 1)) } }),
  LINE_UP: (k) => ({ shopInfo: { extInfo: { multiLang: { en_US: { name: "Dim Sum" }, zh_HK: {} } } }, extInfo: { queueNumber: `A${k}`, tablesAhead: Math.max(0, 5 - k) } }),
  SELF_PICK: () => ({ amount: hkd(8_800), itemOrderList: [{ name: "Milk tea" }], shopInfo: {}, extInfo: {} }),
  RIDE_HAILING: (k) => ({ extInfo: { driver_board_duration: String(10 - k) } }),
};

const TICKET = [["TICKETED"], ["TICKETED", "USED"], ["TICKETED", "REFUNDED"], ["TICKETED", "TICKETED", "USED"]];

/** Legal lifecycles per scenario (checked with transitionProblem when the plan is made). */
export const LIFECYCLES = {
  PASS_TICKET: TICKET,
  TRAIN_TICKET: TICKET,
  MOVIE_TICKET: TICKET,
  GIFT_CARD_COUPON: TICKET,
  ALIPAY_COUPON: [["TICKETED"], ["TICKETED", "TICKETED"]],
  CHARGING_PILE: [
    ["SERVING", "PAUSED", "SERVING", "COMPLETED", "FINISHED"],
    ["SERVING_WO_ENDTIME", "SERVING_LITE", "COMPLETED", "PARKING_DUE", "FINISHED"],
    ["SERVING", "COMPLETED"],
  ],
  LINE_UP: [
    ["CALL_NUM", "CALL_NUM", "CALL_NUM", "NUMBER_ARRIVED", "FINISHED"],
    ["CALL_NUM", "CALL_NUM", "CANCELLED"],
    ["CALL_NUM", "NUMBER_PASSED"],
  ],
  SELF_PICK: [
    ["PENDING", "ORDER_TAKEN", "TO_PICK_UP", "FINISHED"],
    ["PENDING", "CLOSED"],
    ["PENDING", "ORDER_TAKEN", "REFUNDED"],
  ],
  RIDE_HAILING: [
    ["PENDING", "ORDER_TAKEN", "TO_BOARD", "SERVING", "WAIT_PAY", "FINISHED"],
    ["PENDING", "TO_SEND", "PENDING", "ORDER_TAKEN", "CLOSED"],
    ["BOOKED", "ORDER_TAKEN", "SERVING", "CANCEL_WAIT_PAY"],
  ],
};

const hex8 = (n) => (n >>> 0).toString(16).padStart(8, "0");

/**
 * The workload: orders with legal lifecycles (round-robin over the nine scenarios), plus probes (updates the
 * sandbox must refuse: a move out of an end status or backwards, or a changed orderCreateTime) and forged
 * updates (the merchant's Client-Id signed with another key, with an orderModifyTime far in the future so that
 * applying one would show in the final state). Exactly `syncs` steps in all.
 */
export function makePlan({ syncs, seed, encryptedShare, probeShare, forgedShare }, clientIds) {
  const random = mulberry32(seed);
  const scenarios = /** @type {import("alipayhk-order").MerchantBizType[]} */ (Object.keys(LIFECYCLES));
  for (const bizType of scenarios) {
    if (!SCENARIOS[bizType]) throw new Error(`soak plan: ${bizType} is not a scenario of the spec`);
    for (const lifecycle of LIFECYCLES[bizType]) {
      lifecycle.reduce((from, to) => {
        const problem = transitionProblem(bizType, from, to);
        if (problem) throw new Error(`soak plan: ${bizType} ${lifecycle.join(">")} is not legal: ${problem}`);
        return to;
      }, /** @type {string | undefined} */ (undefined));
    }
  }
  const orders = [];
  let planned = 0;
  const T0 = 1_764_115_200_000;
  for (let i = 0; planned < syncs; i++) {
    const bizType = scenarios[i % scenarios.length];
    const lifecycles = LIFECYCLES[bizType];
    const statuses = lifecycles[Math.floor(random() * lifecycles.length)];
    const encrypted = random() < encryptedShare;
    const clientId = encrypted ? clientIds.encrypted : clientIds.plain;
    const merchantBizNo = `SOAK-${hex8(seed)}-${i}`;
    const orderCreateTime = T0 + i * 10;
    const identity = i % 2 === 0 ? { userId: `2160${String(i).padStart(12, "0")}` } : { openId: `open-${i}` };
    /** @type {{ key: string; clientId: string; merchantBizNo: string; bizType: string; encrypted: boolean; steps: any[]; knownStatus: string | undefined }} */
    const order = { key: `${clientId}/${merchantBizNo}`, clientId, merchantBizNo, bizType, encrypted, steps: [], knownStatus: undefined };
    const step = (kind, n, status, body, extra = {}) => ({
      kind,
      order,
      n,
      requestId: `${hex8(seed)}${hex8(i)}${hex8(n)}${hex8(kind === "lifecycle" ? 0 : kind === "probe" ? 1 : 2)}`,
      status,
      orderModifyTime: body.orderModifyTime,
      body,
      syncs: [],
      final: undefined,
      ...extra,
    });
    const bodyOf = (status, k, modifyTime, changes = {}) => ({
      merchantBizType: bizType,
      merchantBizNo,
      orderStatus: status,
      ...identity,
      orderCreateTime,
      orderModifyTime: modifyTime,
      ...EXTRAS[bizType](k),
      ...changes,
    });
    statuses.forEach((status, k) => {
      const s = step("lifecycle", k, status, bodyOf(status, k, orderCreateTime + 1_000 * (k + 1)));
      s.body.requestId = s.requestId;
      order.steps.push(s);
    });
    if (random() < forgedShare) {
      const at = Math.floor(random() * (order.steps.length + 1));
      const s = step("forged", 100, statuses[0], bodyOf(statuses[0], 0, orderCreateTime + 1_000_000_000));
      s.body.requestId = s.requestId;
      order.steps.splice(at, 0, s);
    }
    if (random() < probeShare) {
      const last = statuses[statuses.length - 1];
      const illegal = SCENARIOS[bizType].statuses.find((to) => transitionProblem(bizType, last, to) !== undefined);
      const time = orderCreateTime + 1_000 * (statuses.length + 1);
      const s =
        illegal !== undefined && random() < 0.6
          ? step("probe", 200, illegal, bodyOf(illegal, statuses.length, time), { expectCode: "ERR_ORDER_STATUS_INVALID" })
          : step("probe", 201, last, bodyOf(last, statuses.length, time, { orderCreateTime: orderCreateTime + 1 }), { expectCode: "ERR_PARAM_ILLEGAL" });
      s.body.requestId = s.requestId;
      order.steps.push(s);
    }
    if (planned + order.steps.length > syncs) order.steps.length = syncs - planned; // a prefix stays legal
    planned += order.steps.length;
    orders.push(order);
  }
  return orders;
}

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

async function startHost(mode, config, serve) {
  if (mode === "inline") {
    const { startSandboxHost } = await import("./sandbox-host.mjs");
    const host = await startSandboxHost(config, serve);
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

/** Long base64 runs: a PEM body line is 64, a signature 344, a JWK member of a 2048-bit key over 170. */
const LOOKS_LIKE_KEY_MATERIAL = /[A-Za-z0-9+/_-]{60,}/;

/**
 * Runs the soak and returns its report; `report.failures` is empty when every invariant held.
 * @param {Partial<typeof FULL> & { faults?: object, serve?: Function, log?: (line: string) => void }} options
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

  const host = await startHost(
    o.host,
    {
      merchants: { [clientIds.plain]: plainKeys.publicKey, [clientIds.encrypted]: encKeys.publicKey },
      seed: o.seed,
      faults: o.faults,
      maxBodyBytes: 64 * 1024,
      skewSpikeRate: o.skewSpikeRate,
      skewSpikeMs: o.skewSpikeMs,
    },
    o.serve,
  );
  const baseUrl = new URL(host.url);
  if (baseUrl.hostname !== "127.0.0.1") failures.push(`the sandbox listens on ${host.url}, not on loopback 127.0.0.1`);
  log(`sandbox on ${host.url} (${o.host}), seed ${o.seed}; ${orders.length} orders, ${steps.length} syncs, ${o.concurrency} at once`);

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
      return createVerify("RSA-SHA256").update(`POST ${SYNC_ORDER_PATH}\n${clientId}.${time}.${text}`, "utf8").verify(host.alipayPublicKey, decodeURIComponent(value), "base64");
    } catch {
      return false;
    }
  };
  const observedFetch = async (request) => {
    const call = calls.getStore();
    /** @type {Record<string, any>} */
    const seen = { status: undefined, error: undefined, genuine: false, encrypted: false, resultStatus: undefined, resultCode: undefined, skewSpike: false };
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
    return new Response(text, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
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
    [clientIds.encrypted]: createOrderClient({ ...common, clientId: clientIds.encrypted, privateKey: encKeys.privateKey, encrypt: rsaAes() }),
  };
  const forgers = {
    [clientIds.plain]: createOrderClient({ ...common, clientId: clientIds.plain, privateKey: forgerKeys.privateKey }),
    [clientIds.encrypted]: createOrderClient({ ...common, clientId: clientIds.encrypted, privateKey: forgerKeys.privateKey }),
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
    const settled = calls.run(call, () => client.syncOrder(step.body, { signal: deadline.signal })).then(
      (result) => ({ result }),
      (error) => ({ error }),
    );
    const outcome = await Promise.race([settled, new Promise((resolve) => (watchdog = setTimeout(() => resolve({ hung: true }), o.hangMs)))]);
    clearTimeout(watchdog);
    const record = { phase, observed: call.observed };
    if (outcome.hung) {
      hung++;
      Object.assign(record, { hung: true, ok: false, code: "HUNG", outcome: "unknown" });
    } else if (outcome.result) {
      const r = outcome.result;
      Object.assign(record, { ok: true, code: "SUCCESS", attempts: r.attempts, requestId: r.requestId, resultStatus: r.result?.resultStatus, orderStatus: r.orderStatus });
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
      if (pending && (step.kind === "probe" || (step.kind === "lifecycle" && transitionProblem(order.bizType, order.knownStatus, step.status)))) {
        await recover(order, "inline-recovery", index);
      }
      await sync(step, "main");
    }
  }

  let progress = 0;
  const ticker = setInterval(() => {
    const done = steps.filter((s) => s.syncs.some((r) => r.phase === "main")).length;
    if (done !== progress) log(`  ${done}/${steps.length} syncs, ${observer.attempts} attempts, ${((performance.now() - started) / 1000).toFixed(0)} s`);
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
  if (unhandled.length) failures.push(`${unhandled.length} unhandled rejection(s), first: ${String(unhandled[0]?.stack ?? unhandled[0])}`);
  if (observer.nonLoopback) failures.push(`${observer.nonLoopback} request(s) went somewhere other than 127.0.0.1`);
  if (observer.outsideSync) failures.push(`${observer.outsideSync} request(s) were made outside any sync`);
  failures.push(...checkSoak({ orders, snapshot, maxAttempts: o.maxAttempts }));

  /** @type {any} the report grows a table and a summary below, and loses its steps */
  const report = {
    options: { ...o, serve: undefined, log: undefined },
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

/**
 * The invariants, as a pure function of what the client reported (`orders[].steps[].syncs`) and what the sandbox
 * recorded (`snapshot.events`, `snapshot.orders`). Returns one line per violation (at most 50 per kind).
 */
export function checkSoak({ orders, snapshot, maxAttempts }) {
  const out = [];
  const counts = new Map();
  const report = (kind, line) => {
    const n = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, n);
    if (n <= 50) out.push(line);
    else if (n === 51) out.push(`(${kind}: more violations not listed)`);
  };

  const steps = orders.flatMap((order) => order.steps);
  const byRequestId = new Map(steps.map((s) => [s.requestId, s]));
  const applied = new Map(); // requestId -> applied events
  const stale = new Set();
  for (const event of snapshot.events) {
    if (event.type === "applied") applied.set(event.requestId, [...(applied.get(event.requestId) ?? []), event]);
    if (event.type === "stale") stale.add(event.requestId);
  }
  const sandboxOrders = new Map(snapshot.orders.map((order) => [`${order.clientId}/${order.merchantBizNo}`, order]));

  // The event log: each requestId applied at most once, and only ones a merchant really sent for that order.
  for (const [requestId, events] of applied) {
    if (events.length > 1) report("duplicate", `requestId ${requestId} was applied ${events.length} times (duplicated state change)`);
    const step = byRequestId.get(requestId);
    if (!step) report("stranger", `requestId ${requestId} was applied but no merchant sent it`);
    else if (step.kind !== "lifecycle") report("forgery", `a ${step.kind} update (requestId ${requestId}, ${step.order.key} -> ${step.status}) was applied`);
    else if (events[0].clientId !== step.order.clientId || events[0].merchantBizNo !== step.order.merchantBizNo) {
      report("stranger", `requestId ${requestId} was applied to ${events[0].clientId}/${events[0].merchantBizNo}, not ${step.order.key}`);
    }
  }

  for (const step of steps) {
    const where = `${step.kind} ${step.order.key} #${step.n} ${step.status} (requestId ${step.requestId})`;
    const timesApplied = applied.get(step.requestId)?.length ?? 0;
    for (const sync of step.syncs) {
      const at = `${where}, ${sync.phase} sync`;
      if (sync.hung) {
        report("hang", `${at}: never settled`);
        continue;
      }
      // Exactly one of success or a typed error with a stable code.
      if (!sync.ok) {
        if (!sync.isOrderError) report("untyped", `${at}: rejected with ${sync.name ?? "a non-error"} (${sync.code}), not an OrderError: ${sync.message}`);
        if (!ORDER_ERROR_CODES.includes(sync.code)) report("untyped", `${at}: error code ${sync.code} is not a stable OrderError code`);
        if (sync.outcome !== "not_applied" && sync.outcome !== "unknown") report("untyped", `${at}: outcome ${sync.outcome}`);
        if (sync.isResultError && sync.outcome !== "not_applied") report("untyped", `${at}: an F result (${sync.code}) reported as ${sync.outcome}`);
        if (sync.code === "ERR_VALIDATION") report("untyped", `${at}: the soak's own order failed validation: ${sync.message}`);
        if (LOOKS_LIKE_KEY_MATERIAL.test(sync.message ?? "")) report("secret", `${at}: the error message carries a long base64 run: ${sync.message}`);
      } else if (sync.resultStatus !== "S") report("untyped", `${at}: success with resultStatus ${sync.resultStatus}`);
      if (sync.requestId !== step.requestId) report("untyped", `${at}: reported requestId ${sync.requestId}`);
      // Attempts: within the limit, and what the client says it sent is what it sent.
      if (!(sync.attempts <= maxAttempts)) report("attempts", `${at}: ${sync.attempts} attempts (maxAttempts ${maxAttempts})`);
      if (sync.attempts !== sync.observed.length) report("attempts", `${at}: reports ${sync.attempts} attempts, sent ${sync.observed.length}`);
      // A genuine (correctly signed) S or F answer ends the call: F is never retried.
      sync.observed.forEach((seen, i) => {
        const last = i === sync.observed.length - 1;
        if (seen.genuine && (seen.resultStatus === "F" || seen.resultStatus === "S") && !last) {
          report("retried", `${at}: attempt ${i + 1} got a signed ${seen.resultCode} (${seen.resultStatus}) and the client tried again`);
        }
        if (seen.genuine && seen.skewSpike && !(last && sync.code === "ERR_RESPONSE_SIGNATURE")) {
          report("skew", `${at}: attempt ${i + 1} was a signed answer with a Response-Time beyond maxResponseSkewMs; the call should have ended there with ERR_RESPONSE_SIGNATURE, but it ${last ? `ended as ${sync.code}` : "went on to another attempt"}`);
        }
      });
      const lastSeen = sync.observed.at(-1);
      if (lastSeen?.genuine && !lastSeen.skewSpike && lastSeen.resultStatus === "S" && !sync.ok) report("lost", `${at}: a signed SUCCESS reported as ${sync.code}`);
      if (lastSeen?.genuine && !lastSeen.skewSpike && lastSeen.resultStatus === "F" && !sync.isResultError) report("lost", `${at}: a signed F (${lastSeen.resultCode}) reported as ${sync.code}`);
      if (!lastSeen?.genuine && (sync.ok || sync.isResultError)) report("forgery", `${at}: the last answer was not genuinely signed, but the client reported ${sync.code}`);
      // Definite failure: never applied.
      if (!sync.ok && sync.outcome === "not_applied" && timesApplied > 0) report("lost", `${at}: reported ${sync.code} (not_applied) but was applied`);
    }

    const main = step.syncs.find((s) => s.phase === "main");
    if (step.kind === "forged") {
      if (step.syncs.some((s) => s.ok)) report("forgery", `${where}: a forged request was reported as a success`);
      for (const s of step.syncs) if (!s.ok && s.outcome === "not_applied" && s.code !== "ERR_INVALID_SIGNATURE") report("forgery", `${where}: refused with ${s.code}, not ERR_INVALID_SIGNATURE`);
      continue;
    }
    // A success in the first call means applied exactly once; later (recovery) successes may be a stale update,
    // superseded by a newer one of the same order.
    if (main?.ok && timesApplied !== 1) report("lost", `${where}: reported SUCCESS but applied ${timesApplied} times`);
    if (step.syncs.some((s) => s.ok) && timesApplied !== 1) {
      const newer = step.order.steps.some((s) => s.kind === "lifecycle" && s.orderModifyTime > step.orderModifyTime && applied.has(s.requestId));
      if (!(timesApplied === 0 && stale.has(step.requestId) && newer)) report("lost", `${where}: reported SUCCESS but applied ${timesApplied} times and not superseded`);
    }
    if (step.final === "unknown") report("converge", `${where}: still unknown after ${step.syncs.length} syncs (recovery did not converge)`);
    if (step.kind === "probe") {
      if (step.final === "success") report("probe", `${where}: an update the sandbox must refuse was reported as a success`);
      const definite = step.syncs.find((s) => !s.ok && s.outcome === "not_applied");
      if (definite && definite.code !== step.expectCode) report("probe", `${where}: refused with ${definite.code}, expected ${step.expectCode}`);
    } else if (step.final === "failed") {
      const definite = step.syncs.find((s) => !s.ok && s.outcome === "not_applied");
      report("refused", `${where}: a legal update ended as ${definite?.code}: ${definite?.message}`);
    }
  }

  // Final state: every order holds its last update; its history is that order's own updates, each once, in order.
  for (const order of orders) {
    const lifecycle = order.steps.filter((s) => s.kind === "lifecycle");
    const last = lifecycle.at(-1);
    const state = sandboxOrders.get(order.key);
    if (!last) continue;
    if (!state) {
      report("final", `${order.key}: the sandbox has no such order (last update ${last.status})`);
      continue;
    }
    if (state.orderStatus !== last.status || state.orderModifyTime !== last.orderModifyTime) {
      report("final", `${order.key}: final state ${state.orderStatus}@${state.orderModifyTime}, last update ${last.status}@${last.orderModifyTime}`);
    }
    const ids = new Set(lifecycle.map((s) => s.requestId));
    let previous = -Infinity;
    for (const entry of state.history) {
      if (!ids.has(entry.requestId)) report("final", `${order.key}: history holds requestId ${entry.requestId}, not one of this order's updates`);
      if (!(entry.orderModifyTime > previous)) report("final", `${order.key}: history goes back in orderModifyTime (${entry.orderModifyTime} after ${previous})`);
      previous = entry.orderModifyTime;
    }
    if (state.history.at(-1)?.requestId !== last.requestId) report("final", `${order.key}: last applied update is not the last update sent`);
  }
  for (const key of sandboxOrders.keys()) {
    if (!orders.some((order) => order.key === key)) report("stranger", `the sandbox holds an order nobody created: ${key}`);
  }
  return out;
}

function summarize(steps, snapshot) {
  const syncs = steps.flatMap((s) => s.syncs);
  const main = syncs.filter((s) => s.phase === "main");
  const byCode = {};
  for (const s of main) byCode[s.code] = (byCode[s.code] ?? 0) + 1;
  const events = {};
  for (const e of snapshot.events) events[e.type] = (events[e.type] ?? 0) + 1;
  return { logicalSyncs: main.length, recoverySyncs: syncs.length - main.length, byCode, events, faults: snapshot.stats.faults };
}

const pad = (text, width) => String(text).padEnd(width);
const padL = (text, width) => String(text).padStart(width);

/** The printed table: faults injected by kind, attempts, outcomes by error code, the event log, recovery. */
export function formatReport({ options, orders, steps, snapshot, observer, unknownAfterMain, mainMs, totalMs, failures }) {
  const lines = [];
  const syncs = steps.flatMap((s) => s.syncs.map((sync) => ({ ...sync, kind: s.kind })));
  const main = syncs.filter((s) => s.phase === "main");
  const recovery = syncs.filter((s) => s.phase !== "main");
  const kinds = ["lifecycle", "probe", "forged"];
  const section = (title) => lines.push("", title);
  const row = (label, values) => lines.push(`  ${pad(label, 42)}${values.map((v) => padL(v, 10)).join("")}`);

  lines.push(
    `Soak: ${main.length} logical syncs (${kinds.map((k) => `${main.filter((s) => s.kind === k).length} ${k}`).join(", ")}) over ${orders} orders, ${options.concurrency} in flight`,
    `  seed ${options.seed}, sandbox ${options.host === "worker" ? "in a worker thread" : "in-process"} on 127.0.0.1, timeoutMs ${options.timeoutMs}, latency ${JSON.stringify(options.faults.latencyMs)} ms, maxAttempts ${options.maxAttempts}, maxResponseSkewMs ${options.maxResponseSkewMs}`,
    `  main run ${(mainMs / 1000).toFixed(1)} s, with recovery ${(totalMs / 1000).toFixed(1)} s`,
  );

  const byScenario = {};
  for (const step of steps) {
    const row = (byScenario[step.order.bizType] ??= { orders: new Set(), syncs: 0, encrypted: new Set() });
    row.orders.add(step.order.key);
    if (step.order.encrypted) row.encrypted.add(step.order.key);
    row.syncs += step.syncs.filter((s) => s.phase === "main").length;
  }
  section("Scenarios");
  row("merchantBizType", ["orders", "RSA_AES", "syncs"]);
  for (const [bizType, r] of Object.entries(byScenario)) row(bizType, [r.orders.size, r.encrypted.size, r.syncs]);

  section("Faults injected (sandbox stats)");
  const faultCounts = snapshot.stats.faults ?? {};
  const processedBy = {};
  for (const e of snapshot.events) {
    if (e.type !== "fault") continue;
    processedBy[e.fault] ??= { processed: 0, applied: 0 };
    if (e.processed) processedBy[e.fault].processed++;
    if (e.applied) processedBy[e.fault].applied++;
  }
  row("kind", ["injected", "processed", "applied"]);
  for (const kind of Object.keys(DEFAULT_FAULTS).filter((k) => k !== "responseTimeSkewMs")) {
    row(kind, [faultCounts[kind] ?? 0, processedBy[kind]?.processed ?? 0, processedBy[kind]?.applied ?? 0]);
  }
  const timeouts = syncs.flatMap((s) => s.observed).filter((a) => a.error === "AbortError" || a.error === "TimeoutError").length;
  row("attempts aborted at timeoutMs", [timeouts, "", ""]);
  row("Response-Time skew spike (±" + options.skewSpikeMs / 60_000 + " min)", [observer.skewSpikes, "", ""]);
  row(`Response-Time skew +${options.faults.responseTimeSkewMs} ms`, ["all", "", ""]);

  section("Attempts per logical sync");
  const histogram = {};
  for (const s of syncs) histogram[s.attempts ?? "hung"] = (histogram[s.attempts ?? "hung"] ?? 0) + 1;
  row("attempts", ["main", "recovery"]);
  for (const n of Object.keys(histogram).sort()) {
    row(String(n), [main.filter((s) => String(s.attempts ?? "hung") === n).length, recovery.filter((s) => String(s.attempts ?? "hung") === n).length]);
  }
  row("HTTP attempts in all (client)", [observer.attempts, "", ""]);
  row("requests seen by the sandbox", [snapshot.stats.requests, "", ""]);
  row("max attempts in one sync", [Math.max(0, ...syncs.map((s) => s.attempts ?? 0)), "", ""]);

  section("Outcomes of logical syncs (main run)");
  row("code (outcome)", kinds);
  const codes = [...new Set(main.map((s) => `${s.code}${s.ok ? "" : ` (${s.outcome})`}`))].sort();
  for (const code of codes) row(code, kinds.map((k) => main.filter((s) => s.kind === k && `${s.code}${s.ok ? "" : ` (${s.outcome})`}` === code).length));

  section("Sandbox event log");
  const events = {};
  for (const e of snapshot.events) events[e.type] = (events[e.type] ?? 0) + 1;
  for (const type of ["applied", "stale", "replayed", "rejected", "fault"]) row(type, [events[type] ?? 0]);
  const resultCodes = snapshot.stats.results ?? {};
  row("answers sent by result code", [""]);
  for (const [code, n] of Object.entries(resultCodes).sort()) row(`  ${code}`, [n]);

  section("Recovery (re-send each unknown update with its requestId until definite)");
  row("updates unknown after the main run", [unknownAfterMain]);
  row("recovery syncs (inline + after)", [recovery.length]);
  row("recovery outcomes: SUCCESS", [recovery.filter((s) => s.ok).length]);
  row("recovery outcomes: definite failure", [recovery.filter((s) => !s.ok && s.outcome === "not_applied").length]);
  row("recovery outcomes: unknown again", [recovery.filter((s) => !s.ok && s.outcome !== "not_applied").length]);
  row("updates still unknown at the end", [steps.filter((s) => s.kind !== "forged" && s.final === "unknown").length]);
  const finals = orders;
  row("orders whose final state = last update", [`${finals - failures.filter((f) => f.includes("final state")).length}/${finals}`]);

  section(failures.length ? `FAILED: ${failures.length} violation(s)` : "All invariants held: nothing lost, nothing doubled, nothing forged.");
  for (const failure of failures.slice(0, 60)) lines.push(`  - ${failure}`);
  return lines.join("\n");
}
