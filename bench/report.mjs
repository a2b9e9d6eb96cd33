// @ts-check
// The bench's report: the tables printed at the end of a run and the text of BENCHMARKS.md, both from the run's
// results (bench/run.mjs measures; bench/cpu.mjs says how busy the machine was meanwhile).
import { BUSY_CORES } from "./cpu.mjs";
import { limitsSection, statusOf } from "./limits.mjs";
import { specCostSection } from "./spec-cost.mjs";

/** The per-runtime rates every runtime reports, and the extra ones shown beside them. */
export const KEYS = [
  "signPerSec",
  "subtleSignPerSec",
  "verifyPerSec",
  "subtleVerifyPerSec",
  "syncOrderC1",
  "baselineC1",
  "syncOrderC16",
  "baselineC16",
];
export const EXTRA_KEYS = [
  "subtleSignReusedBytesPerSec",
  "subtleVerifyReusedBytesPerSec",
  "baselineTimeoutC1",
  "baselineTimeoutC16",
  "syncOrderNoTimeoutC16",
  "encryptSignPerSec",
  "verifyDecryptPerSec",
];

const fmt = (n) => (typeof n === "number" ? Math.round(n).toLocaleString("en-US") : "–");
const fx = (n) => (typeof n === "number" ? n.toFixed(2) : "–");
const names = ["node", "deno", "bun"];

function textTable(head, body) {
  const all = [head, ...body];
  const widths = head.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? "").length)));
  const line = (r) =>
    r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function mdTable(head, body, align) {
  const esc = (c) => String(c ?? "").replace(/\|/g, "\\|");
  return [
    `| ${head.map(esc).join(" | ")} |`,
    `|${head.map((_, i) => ((align ?? [])[i] === "l" || (!align && i === 0) ? "---" : "---:")).join("|")}|`,
    ...body.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

/**
 * BENCHMARKS.md's "Cold start" section, from results.json's cold-start keys (bench/cold-start.mjs).
 * @param {any} results
 */
export function coldStartSection(results) {
  const rows = ["node", "deno", "bun", "workerd"]
    .filter((n) => results.runtimes[n]?.coldStartMs != null)
    .map((n) => {
      const r = results.runtimes[n];
      const ms = (/** @type {number} */ v) => v.toFixed(1);
      const label = { node: "Node", deno: "Deno", bun: "Bun", workerd: "workerd" }[n];
      return [
        `${label} ${r.version}`,
        ms(r.coldStartMs),
        ms(r.baselineColdStartMs),
        ms(r.coldStartMs - r.baselineColdStartMs),
      ];
    });
  const run = results.coldStart;
  if (!rows.length || !run) return "";
  const sdk = results.node?.alipaySdkColdStartMs;
  const busy = run.busy
    ? ` **The machine was busy** (other processes used ${run.otherCores} cores meanwhile): the numbers are high and noisy.`
    : "";
  const errors = Object.entries(run.errors ?? {})
    .map(([k, v]) => `\n- not measured: ${k}: ${String(v).split("\n")[0]}`)
    .join("");
  return `## Cold start

From a fresh process (Node, Deno, Bun) or a fresh workerd isolate (\`workerd test\`, which starts workerd itself too) to
the first \`syncOrder\` whose answer the client has verified, against the sandbox on 127.0.0.1: the client imported, created
with PEM keys (imported on that first call), one request signed, sent, answered, verified. Timed by the parent process,
from spawning the child to the child's "done" line; median of ${run.starts} starts, client and baseline alternated. The
**baseline** imports nothing of ours and does the same work inline with crypto.subtle (import both keys, sign, fetch,
verify). Both are single esbuild bundles (neutral ESM, from dist/). **alipay-sdk** (Node): a fresh process importing
the SDK from node_modules, unbundled as its users load it, and making its first signature (no request).
Measured ${String(run.date).slice(0, 10)}${run.date === results.run?.date ? "" : " by `npm run bench:cold-start` on its own (the other sections come from the run above)"}.${busy}

${mdTable(["runtime", "client, ms", "baseline, ms", "client − baseline, ms"], rows)}
${sdk != null ? `\nalipay-sdk on Node, import and first signature: ${sdk.toFixed(1)} ms.\n` : ""}${errors}
`;
}

/** Where a bundle's bytes are: per input file, per source module, and what each dependency costs. @param {any} b */
export function formatBreakdown(b) {
  const lines = [];
  const total = b.inputs.reduce((s, i) => s + i.bytes, 0);
  lines.push(
    `  ${b.label}: ${b.minifiedBytes} B minified, ${b.rawGzipBytes} B gzip (size-limit counts ${b.gzipBytes} B)`,
  );
  lines.push(`    measured bundle (dist), minified bytes per input file:`);
  for (const i of b.inputs)
    lines.push(`      ${String(i.bytes).padStart(7)}  ${((100 * i.bytes) / total).toFixed(1).padStart(5)}%  ${i.file}`);
  const srcTotal = b.sourceInputs.reduce((s, i) => s + i.bytes, 0);
  lines.push(
    `    the same from sources (attribution; ${b.sourceMinifiedBytes} B minified, ${b.sourceGzipBytes} B gzip), per module:`,
  );
  for (const i of b.sourceInputs)
    lines.push(
      `      ${String(i.bytes).padStart(7)}  ${((100 * i.bytes) / srcTotal).toFixed(1).padStart(5)}%  ${i.file}`,
    );
  for (const [dep, saved] of Object.entries(b.gzipSavedWithout))
    lines.push(`    without ${dep} bundled: ${saved} B gzip less`);
  return lines.join("\n");
}

/** One row per bundle: label, gzip, minified, budget, content check. @param {any[] | undefined} bundles */
const bundleRowsOf = (bundles) =>
  (bundles ?? []).map((b) => [
    b.label,
    `${b.gzipBytes.toLocaleString("en-US")} B`,
    `${b.minifiedBytes.toLocaleString("en-US")} B`,
    b.limitBytes === undefined
      ? "none"
      : `${b.limitBytes.toLocaleString("en-US")} B: ${b.passed ? "met" : `NOT MET (+${(b.gzipBytes - b.limitBytes).toLocaleString("en-US")} B)`}`,
    b.contentProblems.length ? `FAILED: ${b.contentProblems.join("; ")}` : "ok",
  ]);

/**
 * BENCHMARKS.md's "Bundle sizes" section (bench/size.mjs's measurements); `note` says when it was measured apart.
 * @param {any[] | undefined} bundles @param {Record<string, string>} errors
 */
export function bundleSection(bundles, errors, note = "") {
  const bundleRows = bundleRowsOf(bundles);
  const failedBundles = (bundles ?? []).filter((b) => b.passed === false);
  return `## Bundle sizes
${note ? `\n${note}\n` : ""}
${bundles ? mdTable(["bundle", "gzip", "minified", "budget", "content check"], bundleRows, ["l", "r", "r", "l", "l"]) : `not measured: ${errors.bundles}`}
${
  failedBundles.length
    ? `
### Where the bytes are (bundles over budget)

\`\`\`
${failedBundles.map(formatBreakdown).join("\n")}
\`\`\`
`
    : ""
}`;
}

/**
 * `markdown` with the section headed `## <heading>` replaced by `section` (or, when there is none, `section` put
 * before `## <before>`): how a part of the bench run on its own (cold start, bundle sizes) updates BENCHMARKS.md.
 * @param {string} markdown @param {string} heading @param {string} section @param {string} [before]
 */
export function replaceSection(markdown, heading, section, before = "Bundle sizes") {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) return markdown.replace(`\n## ${before}\n`, `\n${section}\n## ${before}\n`);
  const end = markdown.indexOf("\n## ", start + 1);
  return `${markdown.slice(0, start + 1)}${section}${end < 0 ? "" : markdown.slice(end)}`;
}

/**
 * The printed tables and the text of BENCHMARKS.md for one run.
 * @param {{ results: any; budgets: any[]; bundles: any[] | undefined; cpu: Record<string, any>; errors: Record<string, string>; SETTINGS: any; QUICK: boolean; RUNTIMES: string[] }} run
 * @returns {{ text: string; markdown: string }}
 */
export function report(run) {
  const { results, budgets, bundles, cpu, errors, SETTINGS, RUNTIMES } = run;
  /** @type {string[]} */
  const lines = [];
  const header = [
    "",
    ...names.map((n) =>
      results.runtimes[n].version
        ? `${n[0].toUpperCase()}${n.slice(1)} ${results.runtimes[n].version}`
        : `${n} (failed)`,
    ),
  ];
  const R = (n) => results.runtimes[n];
  const rows = [
    ["sign() /s", ...names.map((n) => fmt(R(n).signPerSec))],
    ["crypto.subtle.sign /s (cached key)", ...names.map((n) => fmt(R(n).subtleSignPerSec))],
    ["  ratio, per-round pairs (budget ≥ 0.95)", ...names.map((n) => fx(R(n).ratios?.signVsSubtle))],
    ["  ratio, interleaved call by call", ...names.map((n) => fx(R(n).ratios?.signVsSubtleInterleaved))],
    [
      "  ratio to crypto.subtle.sign on the same bytes every call",
      ...names.map((n) => fx(R(n).ratios?.signVsSubtleReusedBytes)),
    ],
    ["verify() /s", ...names.map((n) => fmt(R(n).verifyPerSec))],
    ["crypto.subtle.verify /s (cached key)", ...names.map((n) => fmt(R(n).subtleVerifyPerSec))],
    ["  ratio, per-round pairs (budget ≥ 0.9)", ...names.map((n) => fx(R(n).ratios?.verifyVsSubtle))],
    ["  ratio, interleaved call by call", ...names.map((n) => fx(R(n).ratios?.verifyVsSubtleInterleaved))],
    [
      "  ratio to crypto.subtle.verify on the same bytes every call",
      ...names.map((n) => fx(R(n).ratios?.verifyVsSubtleReusedBytes)),
    ],
    ["encryptBody() + sign() /s, 1 KB", ...names.map((n) => fmt(R(n).encryptSignPerSec))],
    ["verify() + decryptBody() /s, 1 KB", ...names.map((n) => fmt(R(n).verifyDecryptPerSec))],
    ["syncOrder req/s, 1 in flight", ...names.map((n) => fmt(R(n).syncOrderC1))],
    ["baseline + a timeout signal req/s, 1 in flight", ...names.map((n) => fmt(R(n).baselineTimeoutC1))],
    [
      "  ratio, interleaved call by call (budget ≥ 0.95)",
      ...names.map((n) => fx(R(n).ratios?.syncOrderVsTimeoutBaselineC1)),
    ],
    ["  ratio, per-round pairs", ...names.map((n) => fx(R(n).ratios?.syncOrderVsTimeoutBaselineC1Rounds))],
    ["baseline without a timeout req/s, 1 in flight", ...names.map((n) => fmt(R(n).baselineC1))],
    ["  syncOrder's ratio to it, per round", ...names.map((n) => fx(R(n).ratios?.syncOrderVsBaselineC1))],
    [
      "  the timeout baseline's ratio to it, per round",
      ...names.map((n) => fx(R(n).ratios?.baselineTimeoutVsBaselineC1)),
    ],
    ["syncOrder req/s, 16 in flight", ...names.map((n) => fmt(R(n).syncOrderC16))],
    ["baseline + a timeout signal req/s, 16 in flight", ...names.map((n) => fmt(R(n).baselineTimeoutC16))],
    ["  ratio, per-round pairs (budget ≥ 0.95)", ...names.map((n) => fx(R(n).ratios?.syncOrderVsTimeoutBaselineC16))],
    ["baseline without a timeout req/s, 16 in flight", ...names.map((n) => fmt(R(n).baselineC16))],
    ["  syncOrder's ratio to it, per round", ...names.map((n) => fx(R(n).ratios?.syncOrderVsBaselineC16))],
    [
      "  the timeout baseline's ratio to it, per round",
      ...names.map((n) => fx(R(n).ratios?.baselineTimeoutVsBaselineC16)),
    ],
    ["syncOrder with timeoutMs: Infinity req/s, 16 in flight", ...names.map((n) => fmt(R(n).syncOrderNoTimeoutC16))],
    [
      "  ratio to the baseline without a timeout, per round",
      ...names.map((n) => fx(R(n).ratios?.syncOrderNoTimeoutVsBaselineC16)),
    ],
    [
      "syncOrder p50 / p99 ms, 1 in flight",
      ...names.map((n) =>
        R(n).latencyMs ? `${fx(R(n).latencyMs.syncOrderC1.p50)} / ${fx(R(n).latencyMs.syncOrderC1.p99)}` : "–",
      ),
    ],
    [
      "baseline p50 / p99 ms, 1 in flight",
      ...names.map((n) =>
        R(n).latencyMs ? `${fx(R(n).latencyMs.baselineC1.p50)} / ${fx(R(n).latencyMs.baselineC1.p99)}` : "–",
      ),
    ],
    ["CPU of other processes, cores (should be ~0)", ...names.map((n) => fx(cpu[n]?.otherCores))],
  ];
  const nodeRows = [
    [`openssl speed rsa2048 sign /s (one core)`, fmt(results.node.opensslSignPerSec)],
    ["sign() / openssl, per-round pairs (budget ≥ 0.9)", fx(results.node.ratios.signVsOpenssl)],
    ["crypto.subtle.sign / openssl, per-round pairs", fx(results.node.ratios.subtleSignVsOpenssl)],
    [
      "node:crypto sign (synchronous, KeyObject; not web APIs) / openssl",
      fx(results.node.ratios.nodeCryptoSignVsOpenssl),
    ],
    [
      `alipay-sdk ${results.node.alipaySdkVersion ?? ""} signing /s (PEM re-parsed per call)`,
      fmt(results.node.alipaySdkSignPerSec),
    ],
    ["sign() /s, alternated with both in one process", fmt(results.node.signPerSecBesideOpensslAndAlipaySdk)],
    ["crypto.subtle.sign /s, the same", fmt(results.node.subtleSignPerSecBesideOpensslAndAlipaySdk)],
    ["node:crypto sign /s, the same", fmt(results.node.nodeCryptoSignPerSec)],
    ["sign() / alipay-sdk, per-round pairs (budget ≥ 2.5)", fx(results.node.ratios.signVsAlipaySdk)],
  ];
  const bundleRows = bundleRowsOf(bundles);
  const budgetRows = budgets.map((b) => [
    b.name,
    b.value === null ? "" : b.bytes ? `${b.value.toLocaleString("en-US")} B` : b.value.toFixed(3),
    statusOf(b),
    b.detail ?? "",
  ]);

  lines.push(
    `\nalipayhk benchmarks (${results.run.mode} run, ${SETTINGS.rounds} rounds, medians) on ${results.machine.cpu}, ${results.machine.cores} cores\n`,
  );
  lines.push(textTable(header, rows));
  if (RUNTIMES.includes("node")) lines.push(`\nNode only\n${textTable(["", "value"], nodeRows)}`);
  if (bundles)
    lines.push(
      `\nBundles (minified + gzip, esbuild, platform neutral, ESM)\n${textTable(["bundle", "gzip", "minified", "budget", "content"], bundleRows)}`,
    );
  lines.push(`\nBudgets\n${textTable(["budget", "measured", "", "detail"], budgetRows)}`);
  if (Object.keys(errors).length)
    lines.push(
      `\nErrors:\n${Object.entries(errors)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join("\n")}`,
    );
  return { text: lines.join("\n"), markdown: markdown(run, { header, rows, nodeRows, budgetRows, R }) };
}

function markdown(
  { results, bundles, cpu, errors, SETTINGS, QUICK, RUNTIMES, budgets },
  { header, rows, nodeRows, budgetRows, R },
) {
  const versions = names
    .map((n) => `${n[0].toUpperCase()}${n.slice(1)} ${R(n).version ?? "(not measured)"}`)
    .join(", ");
  const spread = (n, key) => {
    const values = R(n).rounds?.[key];
    return values?.length ? `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}` : "–";
  };
  const spreadRows = [...KEYS, ...EXTRA_KEYS].map((k) => [k, ...names.map((n) => spread(n, k))]);
  const busy = Object.entries(cpu).flatMap(([k, c]) =>
    c?.otherCores != null && c.otherCores > BUSY_CORES ? [/** @type {const} */ ([k, c])] : [],
  );
  const busyNote = busy.length
    ? `\n> **The machine was not quiet:** other processes used ${busy.map(([k, c]) => `${c.otherCores} cores during ${k}`).join(", ")} (load average ${results.run.loadAverageBefore.join(" / ")} before, ${results.run.loadAverageAfter.join(" / ")} after). Both sides of each ratio were slowed, in alternation, but absolute numbers are low and ratios noisier; re-run on a quiet machine before drawing conclusions.\n`
    : "";
  return `# Benchmarks

Generated by \`npm run bench${QUICK ? " -- --quick" : ""}\` on ${results.run.date.slice(0, 10)} (${results.run.mode} run, ${results.run.durationSeconds} s); do not edit by hand.
Machine-readable: [bench/results.json](bench/results.json). Only the bundle budgets are enforced (\`npm run size\`, which
exits 1 when one is not met); everything here is measured and reported, never a pass/fail timed test.

**Machine:** ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB, ${results.machine.os}.
**Runtimes:** ${versions}${results.node.opensslVersion ? `; ${results.node.opensslVersion}` : ""}${results.node.alipaySdkVersion ? `; alipay-sdk ${results.node.alipaySdkVersion}` : ""}.

Absolute numbers move from machine to machine and run to run; compare the ratios, which are taken between
numbers measured in the same run. Rates are medians over rounds; a ratio is the median of the per-round ratios
(both numbers of a pair measured next to each other in time, so that bursts of other work cancel out), checked
against an interleaved, call-by-call measurement; bench/results.json also has the ratios of the medians.
${busyNote}
## Method

- **Crypto:** RSA-2048, a 1 KB JSON body; one call at a time (tinybench, ${SETTINGS.cryptoTimeMs} ms per task and round).
  \`sign()\` / \`verify()\` from the built \`alipayhk-signature\`, beside \`crypto.subtle.sign\` / \`verify\` with the same key
  imported once, doing the least any caller does per message: encode the text (TextEncoder), and base64-encode the
  signature (sign) or base64-decode it (verify). Also shown: crypto.subtle handed the very same buffers on every call,
  which no caller with new messages can do (on Bun, fresh buffers alone cost crypto.subtle.verify 5-15%).
  ${SETTINGS.rounds} rounds, task order reversed every other round; medians of the rounds.
- **HTTP:** the sandbox (\`alipayhk-sandbox\`) served by a separate Node process on 127.0.0.1 (the
  \`node:http\` adapter of \`alipayhk-sandbox/node\`, bench/server.mjs), one server for the whole run, nothing pinned. \`client.syncOrder(order)\` (signing-only
  client, retries off) against a **baseline** on the same server: plain \`fetch\` of the same JSON body, signed inline with
  \`crypto.subtle.sign\` and a cached key, the response signature verified inline with \`crypto.subtle.verify\` (and the
  body parsed to check for SUCCESS), plus what any careful caller does per call and syncOrder does too: an AbortController
  and a 10 s timer, the signal given to fetch so that a timed-out request is cancelled. Also measured, not a budget:
  the same baseline without the timeout, and syncOrder with \`timeoutMs: Infinity\` (no timer, no signal) at 16 in
  flight. Every call has a unique requestId and a growing orderModifyTime.
  1 and 16 calls in flight (tinybench \`concurrency: "task"\`); requests/s = completed calls / wall time of the run phase
  (${SETTINGS.httpTimeMs} ms per task and round). After one untimed round of every task (so that neither side pays alone for the first run at 16 in flight), client and baseline alternate in ABBA order over ${SETTINGS.rounds} rounds (an even number: each goes first in half of them); the reference tasks below follow them in each round, in rotating order; medians. The
  sandbox signs every answer, so the server spends about one RSA signature per request too: with 2 cores, client and
  server share the machine.
- **Interleaved cross-checks:** sign() vs \`crypto.subtle.sign\`, verify() vs \`crypto.subtle.verify\` and syncOrder vs the
  baseline with a timeout (1 in flight) also called alternately, call by call, each call timed (${SETTINGS.rounds * SETTINGS.cryptoTimeMs} ms of pairs for crypto, ${SETTINGS.interleavedHttpMs} ms for HTTP):
  other work on the machine then hits both sides alike. When the two estimates disagree, the machine was busy. A
  pair in which either call took more than 20 ms and 10 times the median call (a stall of the machine, tens of ms in
  a 2 ms call) is left out, both calls; bench/results.json counts them (\`interleavedStalls\`). For
  syncOrder at 1 in flight the interleaved ratio is the budget's number (issue 24 defines it so): a round of 1 in flight
  is a few hundred calls, which one burst of other work can tilt.
- **Runtimes:** bench/runtime.mjs bundled once by esbuild (platform neutral, the packages' dist/), run unchanged by
  each runtime; Deno with \`--allow-net=127.0.0.1\` only.
- **Node only:** in one process, ${SETTINGS.rounds} alternating rounds of \`openssl speed -seconds ${SETTINGS.opensslSeconds} rsa2048\` (one process, one core),
  npm \`alipay-sdk\`'s signing function (\`signatureV3\`: \`createSign("RSA-SHA256").sign(pemString)\`, which re-parses
  the PEM every call) over the same content with the same key, \`sign()\`, \`crypto.subtle.sign\` and node:crypto's synchronous
  \`sign\` with a KeyObject (all produce the same signature); medians. ${results.node.pinnedToOneCore ? "The process (and openssl, its child) pinned to one core with `taskset -c 0`, so the thread pool shares that core with the main thread, as a one-core comparison must; unpinned, the hand-off crosses cores and WebCrypto's ratio to openssl came out lower on this machine." : "Not pinned (`taskset -c 0` unavailable or refused)."}
  node:crypto is there to show WebCrypto's own cost: every \`crypto.subtle\` call is a job handed to libuv's thread pool.
- **Bundles:** size-limit with .size-limit.cjs: esbuild, minified, gzip level 9, platform neutral, ESM, from dist/;
  contents checked by bench/size.mjs.

## Results (medians)

${mdTable(header, rows)}

Round-to-round range (min–max over ${SETTINGS.rounds} rounds):

${mdTable(["", ...header.slice(1)], spreadRows)}
${
  RUNTIMES.includes("node")
    ? `
## Node only

${mdTable(["", "value"], nodeRows)}
`
    : ""
}
${coldStartSection(results)}
${bundleSection(bundles, errors)}
${specCostSection(results.bundle?.spec ?? undefined)}
## Budgets

${mdTable(["budget", "measured", "status", "detail"], budgetRows, ["l", "r", "l", "l"])}
${limitsSection({ results, budgets })}${
  Object.keys(errors).length
    ? `
## Errors in this run

${Object.entries(errors)
  .map(([k, v]) => `- ${k}: ${v.replace(/\n/g, " ")}`)
  .join("\n")}
`
    : ""
}`;
}
