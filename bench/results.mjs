// @ts-check
// bench/results.json's numbers for the runtimes and the Node-only comparisons, from what bench/runtime.mjs and
// bench/node-extras.mjs report: rates rounded, the rounds kept, and the ratios the budgets read (bench/budgets.mjs).
import { readFileSync } from "node:fs";
import { cpus, freemem, release, totalmem } from "node:os";
import { EXTRA_KEYS, KEYS } from "./report.mjs";

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** @param {unknown} n */
export const round = (n, digits = 0) =>
  typeof n === "number" && Number.isFinite(n) ? Number(n.toFixed(digits)) : null;
/** @param {unknown} a @param {unknown} b */
const ratio = (a, b) => (typeof a === "number" && typeof b === "number" && b > 0 ? round(a / b, 3) : null);
/** Median of the per-round ratios (client and baseline of the same round), beside the ratio of the medians. */
const pairedRatio = (/** @type {number[] | undefined} */ a, /** @type {number[] | undefined} */ b) =>
  a?.length && b?.length === a.length ? round(median(a.map((x, i) => x / b[i])), 3) : null;

/**
 * Each runtime's numbers and ratios; a runtime that did not run gets nulls and its error.
 * @param {Record<string, any>} runtimes bench/runtime.mjs's result per runtime
 * @param {Record<string, string>} errors
 */
export function runtimeResults(runtimes, errors) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const name of ["node", "deno", "bun"]) {
    const r = runtimes[name];
    if (!r) {
      out[name] = {
        version: null,
        ...Object.fromEntries(KEYS.map((k) => [k, null])),
        ...(errors[name] && { error: errors[name] }),
      };
      continue;
    }
    out[name] = {
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
        // The budget: syncOrder against the baseline with the same timeout, at 1 in flight interleaved call by call (as
        // issue 24 defines it: each pair meets the same load), at 16 by per-round pairs; the plain baseline's reported.
        syncOrderVsTimeoutBaselineC1: round(r.interleaved?.syncOrderVsTimeoutBaselineC1.ratio, 3),
        syncOrderVsTimeoutBaselineC1Rounds: pairedRatio(r.syncOrderC1Rounds, r.baselineTimeoutC1Rounds),
        syncOrderVsTimeoutBaselineC16: pairedRatio(r.syncOrderC16Rounds, r.baselineTimeoutC16Rounds),
        syncOrderVsBaselineC1: pairedRatio(r.syncOrderC1Rounds, r.baselineC1Rounds),
        syncOrderVsBaselineC16: pairedRatio(r.syncOrderC16Rounds, r.baselineC16Rounds),
        encryptSignVsSubtleSign: pairedRatio(r.encryptSignPerSecRounds, r.subtleSignPerSecRounds),
        verifyDecryptVsSubtleSign: pairedRatio(r.verifyDecryptPerSecRounds, r.subtleSignPerSecRounds),
        signVsSubtleOfMedians: ratio(r.signPerSec, r.subtleSignPerSec),
        verifyVsSubtleOfMedians: ratio(r.verifyPerSec, r.subtleVerifyPerSec),
        syncOrderVsTimeoutBaselineC1OfMedians: ratio(r.syncOrderC1, r.baselineTimeoutC1),
        syncOrderVsTimeoutBaselineC16OfMedians: ratio(r.syncOrderC16, r.baselineTimeoutC16),
        signVsSubtleInterleaved: round(r.interleaved?.signVsSubtle.ratio, 3),
        verifyVsSubtleInterleaved: round(r.interleaved?.verifyVsSubtle.ratio, 3),
      },
      interleavedPairs:
        r.interleaved && Object.fromEntries(Object.entries(r.interleaved).map(([k, v]) => [k, v.pairs])),
      // pairs left out of the interleaved ratios as stalls of the machine (bench/runtime.mjs's STALL)
      interleavedStalls:
        r.interleaved && Object.fromEntries(Object.entries(r.interleaved).map(([k, v]) => [k, v.stalledPairs])),
      latencyMs: Object.fromEntries(
        ["syncOrderC1", "baselineTimeoutC1", "baselineC1", "syncOrderC16", "baselineTimeoutC16", "baselineC16"].map(
          (k) => [k, { p50: round(r[`${k}P50Ms`], 3), p99: round(r[`${k}P99Ms`], 3) }],
        ),
      ),
      baselineTimeoutC1: round(r.baselineTimeoutC1),
      baselineTimeoutC16: round(r.baselineTimeoutC16),
      syncOrderNoTimeoutC16: round(r.syncOrderNoTimeoutC16),
      subtleSignReusedBytesPerSec: round(r.subtleSignReusedBytesPerSec),
      subtleVerifyReusedBytesPerSec: round(r.subtleVerifyReusedBytesPerSec),
      rounds: Object.fromEntries([...KEYS, ...EXTRA_KEYS].map((k) => [k, r[`${k}Rounds`]?.map((v) => round(v))])),
      httpCalls: Object.fromEntries(
        ["syncOrderC1", "baselineTimeoutC1", "baselineC1", "syncOrderC16", "baselineTimeoutC16", "baselineC16"].map(
          (k) => [k, r[`${k}Calls`]],
        ),
      ),
    };
  }
  return out;
}

/**
 * OpenSSL, alipay-sdk and node:crypto beside sign() (bench/node-extras.mjs), with their ratios.
 * @param {any} extras
 */
export function nodeResults(extras) {
  return {
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
}

/** The machine the run was measured on. */
export function machineInfo() {
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGiB: round(freemem() / 2 ** 30, 1),
    os: `${process.platform} ${release()}`,
  };
}

/** bench/results.json as the last run wrote it, or {} when there is none. @returns {any} */
export function previousResults() {
  try {
    return JSON.parse(readFileSync(new URL("results.json", import.meta.url), "utf8"));
  } catch {
    return {}; // no earlier results
  }
}
