// @ts-check
// The soak's report: the summary and the printed table of a run.
import { DEFAULT_FAULTS } from "./plan.mjs";

export function summarize(steps, snapshot) {
  const syncs = steps.flatMap((s) => s.syncs);
  const main = syncs.filter((s) => s.phase === "main");
  const byCode = {};
  for (const s of main) byCode[s.code] = (byCode[s.code] ?? 0) + 1;
  const events = {};
  for (const e of snapshot.events) events[e.type] = (events[e.type] ?? 0) + 1;
  return {
    logicalSyncs: main.length,
    recoverySyncs: syncs.length - main.length,
    byCode,
    events,
    faults: snapshot.stats.faults,
  };
}

const pad = (text, width) => String(text).padEnd(width);
const padL = (text, width) => String(text).padStart(width);

/** The printed table: faults injected by kind, attempts, outcomes by error code, the event log, recovery. */
export function formatReport({
  options,
  orders,
  steps,
  snapshot,
  observer,
  unknownAfterMain,
  mainMs,
  totalMs,
  failures,
}) {
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
  const timeouts = syncs
    .flatMap((s) => s.observed)
    .filter((a) => a.error === "AbortError" || a.error === "TimeoutError").length;
  row("attempts aborted at timeoutMs", [timeouts, "", ""]);
  row(`Response-Time skew spike (±${options.skewSpikeMs / 60_000} min)`, [observer.skewSpikes, "", ""]);
  row(`Response-Time skew +${options.faults.responseTimeSkewMs} ms`, ["all", "", ""]);

  section("Attempts per logical sync");
  const histogram = {};
  for (const s of syncs) histogram[s.attempts ?? "hung"] = (histogram[s.attempts ?? "hung"] ?? 0) + 1;
  row("attempts", ["main", "recovery"]);
  for (const n of Object.keys(histogram).sort()) {
    row(String(n), [
      main.filter((s) => String(s.attempts ?? "hung") === n).length,
      recovery.filter((s) => String(s.attempts ?? "hung") === n).length,
    ]);
  }
  row("HTTP attempts in all (client)", [observer.attempts, "", ""]);
  row("requests seen by the sandbox", [snapshot.stats.requests, "", ""]);
  row("max attempts in one sync", [Math.max(0, ...syncs.map((s) => s.attempts ?? 0)), "", ""]);

  section("Outcomes of logical syncs (main run)");
  row("code (outcome)", kinds);
  const codes = [...new Set(main.map((s) => `${s.code}${s.ok ? "" : ` (${s.outcome})`}`))].sort();
  for (const code of codes)
    row(
      code,
      kinds.map((k) => main.filter((s) => s.kind === k && `${s.code}${s.ok ? "" : ` (${s.outcome})`}` === code).length),
    );

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
  row("orders whose final state = last update", [
    `${finals - failures.filter((f) => f.includes("final state")).length}/${finals}`,
  ]);

  section(
    failures.length
      ? `FAILED: ${failures.length} violation(s)`
      : "All invariants held: nothing lost, nothing doubled, nothing forged.",
  );
  for (const failure of failures.slice(0, 60)) lines.push(`  - ${failure}`);
  return lines.join("\n");
}
