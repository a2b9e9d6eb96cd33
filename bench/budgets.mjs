// @ts-check
// The budgets of `npm run bench` and the table that says, with the numbers, which a run met (bench/run.mjs writes it
// into bench/results.json and BENCHMARKS.md; bench/report.mjs explains the ones not met).
import { BUSY_CORES } from "./cpu.mjs";
import { OPERATION_BUDGETS } from "./operation-sizes.mjs";

export const BUDGETS = {
  /** the first verified syncOrder of a fresh process or isolate, at most this many times the baseline's */
  coldStartVsBaseline: 1.2,
  signVsSubtle: 0.95,
  verifyVsSubtle: 0.9,
  signVsOpenssl: 0.9,
  /** against the baseline with the same per-call timeout (an AbortController, a 10 s timer, the signal to fetch) */
  syncOrderVsTimeoutBaseline: 0.95,
  signVsAlipaySdk: 2.5,
};

/** @typedef {{ name: string; value: number | null; threshold: number | null; met: boolean | null; detail: string; atMost?: boolean; otherCores?: number | null; busy?: boolean; bytes?: boolean }} Budget */

/**
 * Every budget of a run, met or not, in the order BENCHMARKS.md lists them.
 * @param {{ results: any; cold: any; bundles: any[] | undefined; cpu: Record<string, any>; errors: Record<string, string>; runtimes: string[]; coldStarts: number; openssl: boolean }} run
 * @returns {Budget[]}
 */
export function budgetTable({ results, cold, bundles, cpu, errors, runtimes, coldStarts, openssl }) {
  /** @type {Budget[]} */
  const budgets = [];
  /** A ratio that must reach `threshold` (or, `atMost`, stay under it), measured while `load` ran beside it. */
  const check = (
    /** @type {string} */ name,
    /** @type {number | null} */ value,
    /** @type {number} */ threshold,
    /** @type {string} */ detail,
    /** @type {any} */ load,
    atMost = false,
  ) =>
    budgets.push({
      name,
      value,
      threshold,
      met: value === null ? null : atMost ? value <= threshold : value >= threshold,
      detail,
      atMost,
      otherCores: load?.otherCores ?? null,
      busy: (load?.otherCores ?? 0) > BUSY_CORES,
    });
  for (const name of ["node", "deno", "bun"]) {
    const r = results.runtimes[name].ratios;
    if (!r) {
      budgets.push({
        name: `${name}: not measured`,
        value: null,
        threshold: null,
        met: null,
        detail: errors[name] ?? "",
      });
      continue;
    }
    check(
      `${name}: sign() ≥ 0.95 × crypto.subtle.sign`,
      r.signVsSubtle,
      BUDGETS.signVsSubtle,
      `interleaved ${r.signVsSubtleInterleaved}; of medians ${r.signVsSubtleOfMedians}`,
      cpu[name],
    );
    check(
      `${name}: verify() ≥ 0.9 × crypto.subtle.verify`,
      r.verifyVsSubtle,
      BUDGETS.verifyVsSubtle,
      `interleaved ${r.verifyVsSubtleInterleaved}; of medians ${r.verifyVsSubtleOfMedians}`,
      cpu[name],
    );
    const plain = (c) => `; against the plain baseline (no timeout) ${r[`syncOrderVsBaseline${c}`]}`;
    check(
      `${name}: syncOrder ≥ 0.95 × baseline with a timeout, 1 in flight`,
      r.syncOrderVsTimeoutBaselineC1,
      BUDGETS.syncOrderVsTimeoutBaseline,
      `interleaved call by call; per-round pairs ${r.syncOrderVsTimeoutBaselineC1Rounds}; of medians ${r.syncOrderVsTimeoutBaselineC1OfMedians}${plain("C1")}`,
      cpu[name],
    );
    check(
      `${name}: syncOrder ≥ 0.95 × baseline with a timeout, 16 in flight`,
      r.syncOrderVsTimeoutBaselineC16,
      BUDGETS.syncOrderVsTimeoutBaseline,
      `of medians ${r.syncOrderVsTimeoutBaselineC16OfMedians}${plain("C16")}`,
      cpu[name],
    );
  }
  if (runtimes.includes("node")) {
    const n = results.node.ratios;
    check(
      "node: sign() ≥ 0.9 × openssl speed rsa2048 (one core)",
      n.signVsOpenssl,
      BUDGETS.signVsOpenssl,
      openssl
        ? `of medians ${n.signVsOpensslOfMedians}; crypto.subtle.sign itself: ${n.subtleSignVsOpenssl}`
        : "openssl not available",
      cpu.nodeOnly,
    );
    check(
      "node: sign() ≥ 2.5 × alipay-sdk signing",
      n.signVsAlipaySdk,
      BUDGETS.signVsAlipaySdk,
      `of medians ${n.signVsAlipaySdkOfMedians}`,
      cpu.nodeOnly,
    );
  }
  // Cold start: lower is better, so the budget is a ceiling on client / baseline.
  for (const name of ["node", "workerd"]) {
    const { coldStartMs, baselineColdStartMs } = cold.runtimes[name] ?? {};
    const ratio = coldStartMs && baselineColdStartMs ? Number((coldStartMs / baselineColdStartMs).toFixed(2)) : null;
    const detail =
      ratio === null
        ? (errors[`${name} cold start`] ?? "not measured")
        : `${coldStartMs} ms vs ${baselineColdStartMs} ms (medians of ${coldStarts} starts)`;
    check(
      `${name}: cold start ≤ ${BUDGETS.coldStartVsBaseline} × the baseline's`,
      ratio,
      BUDGETS.coldStartVsBaseline,
      detail,
      cpu.coldStart,
      true,
    );
  }
  // The per-operation bundles (bench/operation-sizes.mjs): ceilings in bytes.
  const size = results.size;
  const perOperation = Object.entries(size?.perOperationGzip ?? {})
    .map(([id, bytes]) => `${id} adds ${bytes} B`)
    .join(", ");
  for (const [key, what, detail] of [
    ["syncOrderOnlyGzip", "a bundle calling only syncOrder, validated in full", perOperation],
    ["unusedOperationsGrowthGzip", "what 10 unused operations in the spec add to it", "a scratch copy of the spec"],
  ]) {
    const value = size?.[key] ?? null;
    const threshold = OPERATION_BUDGETS[key];
    budgets.push({
      name: `${what} ≤ ${threshold.toLocaleString("en-US")} B gzip`,
      value,
      threshold,
      met: value === null ? null : value <= threshold,
      detail: value === null ? (errors.operationSizes ?? "not measured") : detail,
      atMost: true,
      bytes: true,
    });
  }
  for (const b of bundles ?? []) {
    if (b.limitBytes !== undefined) {
      budgets.push({
        name: `bundle: ${b.label} ≤ ${b.limitBytes.toLocaleString("en-US")} B gzip`,
        value: b.gzipBytes,
        threshold: b.limitBytes,
        met: b.passed,
        detail: `${b.gzipBytes} B`,
        bytes: true,
      });
    }
    budgets.push({
      name: `bundle content: ${b.label} (${b.forbid.join(", ")} absent)`,
      value: null,
      threshold: null,
      met: b.contentProblems.length === 0,
      detail: b.contentProblems.join("; ") || "ok",
    });
  }
  return budgets;
}
