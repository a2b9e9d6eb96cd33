// @ts-check
// The delivery soak's invariants (see soak/delivery.mjs), checked once every update has settled.

/**
 * @typedef {import("./delivery-plan.mjs").Update} Update
 * @typedef {{ requestId: string; state: string; deadReason?: string; lastFailure?: Record<string, any> }} Entry
 * @typedef {{ ok: boolean; checked: number; violations: number; examples: string[] }} Invariant
 */

/** Collects violations of one invariant: all counted, the first 20 kept as examples. */
function invariant() {
  /** @type {Invariant} */
  const result = { ok: true, checked: 0, violations: 0, examples: [] };
  return {
    result,
    check: () => result.checked++,
    fail(/** @type {string} */ line) {
      result.ok = false;
      result.violations++;
      if (result.examples.length < 20) result.examples.push(line);
    },
  };
}

/** A definite failure as the client reports it: an F result, or a 4xx refusal. */
const definite = (/** @type {Record<string, any> | undefined} */ f) =>
  f?.resultStatus === "F" ||
  (typeof f?.httpStatus === "number" && f.httpStatus >= 400 && f.httpStatus < 500 && f.httpStatus !== 429);

/**
 * The invariants, as a pure function of the plan (each update with the requestId it was enqueued with), the outbox's
 * rows (`entries` by requestId) and what the sandbox recorded (`events`, `orders` with their histories).
 * @param {{ updates: Update[]; entries: Map<string, Entry | undefined>; events: readonly Record<string, any>[];
 *   orders: readonly Record<string, any>[] }} run
 */
export function checkDelivery({ updates, entries, events, orders }) {
  const settled = invariant();
  const appliedOnce = invariant();
  const newest = invariant();
  const deadLetters = invariant();

  const applied = new Map(); // requestId -> times applied
  const answeredSuccess = new Set();
  for (const event of events) {
    if (event.type === "applied") applied.set(event.requestId, (applied.get(event.requestId) ?? 0) + 1);
    if (event.resultCode === "SUCCESS" && event.type !== "fault") answeredSuccess.add(event.requestId);
  }

  // 1. Every update ends delivered (AlipayHK answered SUCCESS to it) or dead-lettered with a reason.
  for (const u of updates) {
    settled.check();
    const entry = u.requestId === undefined ? undefined : entries.get(u.requestId);
    if (!entry) settled.fail(`${u.merchantBizNo} #${u.n}: not in the outbox (requestId ${u.requestId})`);
    else if (entry.state === "delivered" && !answeredSuccess.has(u.requestId)) {
      settled.fail(`${u.requestId} is delivered, but the sandbox never answered it SUCCESS`);
    } else if (entry.state === "dead" && !entry.deadReason) settled.fail(`${u.requestId} is dead without a reason`);
    else if (entry.state !== "delivered" && entry.state !== "dead") settled.fail(`${u.requestId} ended ${entry.state}`);
  }

  // 2. No requestId applied twice: not in the event log, not in any order's history.
  const seen = new Map();
  for (const order of orders) {
    for (const h of order.history) seen.set(h.requestId, (seen.get(h.requestId) ?? 0) + 1);
  }
  for (const u of updates) {
    appliedOnce.check();
    const times = Math.max(applied.get(u.requestId) ?? 0, seen.get(u.requestId) ?? 0);
    if (times > 1) appliedOnce.fail(`${u.requestId} (${u.merchantBizNo} #${u.n}) was applied ${times} times`);
  }

  // 3. Each order's final state is its newest update (largest orderModifyTime). Only if that update's outcome stayed
  //    unknown for the whole window may the order hold an older one, never older than the newest delivered.
  /** @type {Map<string, Update[]>} */
  const byOrder = new Map();
  for (const u of updates) {
    const list = byOrder.get(u.merchantBizNo);
    if (list) list.push(u);
    else byOrder.set(u.merchantBizNo, [u]);
  }
  const sandboxOrders = new Map(orders.map((o) => [o.merchantBizNo, o]));
  for (const [merchantBizNo, list] of byOrder) {
    if (list[0].refused) continue;
    newest.check();
    const last = list.reduce((a, b) => (b.orderModifyTime > a.orderModifyTime ? b : a));
    const final = sandboxOrders.get(merchantBizNo);
    const state = final ? `${final.orderStatus} at ${final.orderModifyTime}` : "no order";
    if (entries.get(/** @type {string} */ (last.requestId))?.deadReason === "window_expired") {
      const delivered = list.filter((u) => entries.get(/** @type {string} */ (u.requestId))?.state === "delivered");
      const floor = Math.max(0, ...delivered.map((u) => u.orderModifyTime));
      if (delivered.length && !(final?.orderModifyTime >= floor))
        newest.fail(`${merchantBizNo}: ${state}, older than a delivered update`);
    } else if (final?.orderModifyTime !== last.orderModifyTime || final?.orderStatus !== last.status) {
      newest.fail(`${merchantBizNo}: ${state}, not its newest update ${last.status} at ${last.orderModifyTime}`);
    }
  }

  // 4. Dead letters hold only definite failures (the refusals the workload planned, never applied) or expired windows.
  for (const u of updates) {
    const entry = entries.get(/** @type {string} */ (u.requestId));
    if (u.refused) {
      deadLetters.check();
      if (entry?.state !== "dead" || entry.deadReason !== "definite_failure") {
        deadLetters.fail(`${u.requestId}, which AlipayHK refuses, ended ${entry?.state} ${entry?.deadReason ?? ""}`);
      }
    }
    if (entry?.state !== "dead") continue;
    deadLetters.check();
    const f = entry.lastFailure;
    const what = `${u.requestId} (${u.merchantBizNo} #${u.n}) dead as ${entry.deadReason}`;
    if (entry.deadReason === "definite_failure") {
      if (!definite(f)) deadLetters.fail(`${what} without a definite failure: ${JSON.stringify(f)}`);
      else if (!u.refused) deadLetters.fail(`${what}: ${f?.resultCode}, for an update AlipayHK accepts`);
      if (applied.has(u.requestId)) deadLetters.fail(`${what}, yet it was applied`);
    } else if (entry.deadReason !== "window_expired") deadLetters.fail(`${what}: ${JSON.stringify(f)}`);
  }

  return {
    everyUpdateSettled: settled.result,
    noRequestIdAppliedTwice: appliedOnce.result,
    finalStateIsNewestUpdate: newest.result,
    deadLettersDefiniteOrExpired: deadLetters.result,
  };
}
