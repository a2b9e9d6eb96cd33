// @ts-check
// The soak's invariants (see soak/soak.mjs), checked after a run.
import { ORDER_ERROR_CODES } from "alipayhk-order";

/** Long base64 runs: a PEM body line is 64, a signature 344, a JWK member of a 2048-bit key over 170. */
const LOOKS_LIKE_KEY_MATERIAL = /[A-Za-z0-9+/_-]{60,}/;

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
    if (events.length > 1)
      report("duplicate", `requestId ${requestId} was applied ${events.length} times (duplicated state change)`);
    const step = byRequestId.get(requestId);
    if (!step) report("stranger", `requestId ${requestId} was applied but no merchant sent it`);
    else if (step.kind !== "lifecycle")
      report(
        "forgery",
        `a ${step.kind} update (requestId ${requestId}, ${step.order.key} -> ${step.status}) was applied`,
      );
    else if (events[0].clientId !== step.order.clientId || events[0].merchantBizNo !== step.order.merchantBizNo) {
      report(
        "stranger",
        `requestId ${requestId} was applied to ${events[0].clientId}/${events[0].merchantBizNo}, not ${step.order.key}`,
      );
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
        if (!sync.isOrderError)
          report(
            "untyped",
            `${at}: rejected with ${sync.name ?? "a non-error"} (${sync.code}), not an OrderError: ${sync.message}`,
          );
        if (!ORDER_ERROR_CODES.includes(sync.code))
          report("untyped", `${at}: error code ${sync.code} is not a stable OrderError code`);
        if (sync.outcome !== "not_applied" && sync.outcome !== "unknown")
          report("untyped", `${at}: outcome ${sync.outcome}`);
        if (sync.isResultError && sync.outcome !== "not_applied")
          report("untyped", `${at}: an F result (${sync.code}) reported as ${sync.outcome}`);
        if (sync.code === "ERR_VALIDATION")
          report("untyped", `${at}: the soak's own order failed validation: ${sync.message}`);
        if (LOOKS_LIKE_KEY_MATERIAL.test(sync.message ?? ""))
          report("secret", `${at}: the error message carries a long base64 run: ${sync.message}`);
      } else if (sync.resultStatus !== "S") report("untyped", `${at}: success with resultStatus ${sync.resultStatus}`);
      if (sync.requestId !== step.requestId) report("untyped", `${at}: reported requestId ${sync.requestId}`);
      // Attempts: within the limit, and what the client says it sent is what it sent.
      if (!(sync.attempts <= maxAttempts))
        report("attempts", `${at}: ${sync.attempts} attempts (maxAttempts ${maxAttempts})`);
      if (sync.attempts !== sync.observed.length)
        report("attempts", `${at}: reports ${sync.attempts} attempts, sent ${sync.observed.length}`);
      // A genuine (correctly signed) S or F answer ends the call: F is never retried.
      sync.observed.forEach((seen, i) => {
        const last = i === sync.observed.length - 1;
        if (seen.genuine && (seen.resultStatus === "F" || seen.resultStatus === "S") && !last) {
          report(
            "retried",
            `${at}: attempt ${i + 1} got a signed ${seen.resultCode} (${seen.resultStatus}) and the client tried again`,
          );
        }
        if (seen.genuine && seen.skewSpike && !(last && sync.code === "ERR_RESPONSE_SIGNATURE")) {
          report(
            "skew",
            `${at}: attempt ${i + 1} was a signed answer with a Response-Time beyond maxResponseSkewMs; the call should have ended there with ERR_RESPONSE_SIGNATURE, but it ${last ? `ended as ${sync.code}` : "went on to another attempt"}`,
          );
        }
      });
      const lastSeen = sync.observed.at(-1);
      if (lastSeen?.genuine && !lastSeen.skewSpike && lastSeen.resultStatus === "S" && !sync.ok)
        report("lost", `${at}: a signed SUCCESS reported as ${sync.code}`);
      if (lastSeen?.genuine && !lastSeen.skewSpike && lastSeen.resultStatus === "F" && !sync.isResultError)
        report("lost", `${at}: a signed F (${lastSeen.resultCode}) reported as ${sync.code}`);
      if (!lastSeen?.genuine && (sync.ok || sync.isResultError))
        report("forgery", `${at}: the last answer was not genuinely signed, but the client reported ${sync.code}`);
      // Definite failure: never applied.
      if (!sync.ok && sync.outcome === "not_applied" && timesApplied > 0)
        report("lost", `${at}: reported ${sync.code} (not_applied) but was applied`);
    }

    const main = step.syncs.find((s) => s.phase === "main");
    if (step.kind === "forged") {
      if (step.syncs.some((s) => s.ok)) report("forgery", `${where}: a forged request was reported as a success`);
      for (const s of step.syncs)
        if (!s.ok && s.outcome === "not_applied" && s.code !== "ERR_INVALID_SIGNATURE")
          report("forgery", `${where}: refused with ${s.code}, not ERR_INVALID_SIGNATURE`);
      continue;
    }
    // A success in the first call means applied exactly once; later (recovery) successes may be a stale update,
    // superseded by a newer one of the same order.
    if (main?.ok && timesApplied !== 1) report("lost", `${where}: reported SUCCESS but applied ${timesApplied} times`);
    if (step.syncs.some((s) => s.ok) && timesApplied !== 1) {
      const newer = step.order.steps.some(
        (s) => s.kind === "lifecycle" && s.orderModifyTime > step.orderModifyTime && applied.has(s.requestId),
      );
      if (!(timesApplied === 0 && stale.has(step.requestId) && newer))
        report("lost", `${where}: reported SUCCESS but applied ${timesApplied} times and not superseded`);
    }
    if (step.final === "unknown")
      report("converge", `${where}: still unknown after ${step.syncs.length} syncs (recovery did not converge)`);
    if (step.kind === "probe") {
      if (step.final === "success")
        report("probe", `${where}: an update the sandbox must refuse was reported as a success`);
      const definite = step.syncs.find((s) => !s.ok && s.outcome === "not_applied");
      if (definite && definite.code !== step.expectCode)
        report("probe", `${where}: refused with ${definite.code}, expected ${step.expectCode}`);
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
      report(
        "final",
        `${order.key}: final state ${state.orderStatus}@${state.orderModifyTime}, last update ${last.status}@${last.orderModifyTime}`,
      );
    }
    const ids = new Set(lifecycle.map((s) => s.requestId));
    let previous = -Infinity;
    for (const entry of state.history) {
      if (!ids.has(entry.requestId))
        report("final", `${order.key}: history holds requestId ${entry.requestId}, not one of this order's updates`);
      if (!(entry.orderModifyTime > previous))
        report(
          "final",
          `${order.key}: history goes back in orderModifyTime (${entry.orderModifyTime} after ${previous})`,
        );
      previous = entry.orderModifyTime;
    }
    if (state.history.at(-1)?.requestId !== last.requestId)
      report("final", `${order.key}: last applied update is not the last update sent`);
  }
  for (const key of sandboxOrders.keys()) {
    if (!orders.some((order) => order.key === key))
      report("stranger", `the sandbox holds an order nobody created: ${key}`);
  }
  return out;
}
