#!/usr/bin/env node
// @ts-check
// `npm run size`: the bundle budgets, enforced.
//
// 1. size-limit with .size-limit.cjs (minified + gzip level 9, esbuild, platform "neutral", ESM, from the built
//    dist/ files) gives each bundle's size and checks it against its limit.
// 2. The same bundles are built again here with an esbuild metafile, and their CONTENT is checked (as jose's
//    bundle report does): the signing-only client contains no AES / @noble/ciphers / RSA_AES code, and no
//    client bundle contains sandbox or CLI code.
// 3. When a size check fails, it prints where the bytes are: minified bytes per input file of the measured
//    (dist) bundle, the same per source module (bundled from packages/*/src through the "alipayhk-source" condition),
//    and what taking openapi-fetch, @noble/ciphers or jose out of the bundle would save, gzipped. `--breakdown` prints
//    it always.
//
// Exits 1 when a size or content check fails. Needs `npm run build` first. Used by bench/run.mjs too, which
// reports the numbers without failing.
//   node bench/size.mjs [--breakdown] [--json] [--regression] [--write]
// --write also puts the numbers into bench/results.json (bundle) and BENCHMARKS.md's "Bundle sizes" section.
//
// Then the per-operation bundles of alipayhk-order/operations (bench/operation-sizes.mjs): the syncOrder-only bundle,
// what each operation adds, and what 10 more operations in the spec add to it, against OPERATION_BUDGETS; they fail
// in every mode. Without --regression, they are written to bench/results.json (`size`).
//
// --regression (what `npm test` runs while the budgets are not met): the content checks stay strict, and sizes are
// checked against REGRESSION_CEILINGS, today's sizes plus a little, so that growth fails CI. The budgets are printed
// as targets with the bytes to go, and where the bytes are only for a bundle over its ceiling; the ceilings come
// down as the bundles shrink, and go when the budgets are met.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { measureOperationSizes, OPERATION_BUDGETS } from "./operation-sizes.mjs";
import { bundleSection, formatBreakdown, replaceSection } from "./report.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The bundles, keyed as in bench/results.json; `name` matches .size-limit.cjs. */
export const BUNDLES = [
  {
    key: "clientGzipBytes",
    label: "signing-only client",
    entry: "bench/entries/client.mjs",
    forbid: ["aes", "rsaAes", "openapiFetch", "jose", "sandbox", "cli"],
  },
  {
    key: "clientWithEncryptionGzipBytes",
    label: "client with encryption",
    entry: "bench/entries/client-encryption.mjs",
    forbid: ["openapiFetch", "jose", "sandbox", "cli"],
  },
  {
    key: "signatureGzipBytes",
    label: "signature package alone",
    entry: "bench/entries/signature.mjs",
    forbid: ["sandbox", "cli"],
  },
  // What the budgets have to hold before the client adds anything (see the entry file).
  {
    key: "floorGzipBytes",
    label: "floor (signing core + validation)",
    entry: "bench/entries/floor.mjs",
    forbid: ["aes", "rsaAes", "sandbox", "cli"],
  },
];

/**
 * Gzipped bytes a bundle may not exceed under --regression: a little above the sizes last measured (13,283 / 18,299 /
 * 3,991). Lowered from 19,150 / 24,800 / 6,750 when client.api moved to alipayhk-order/api (openapi-fetch out of the
 * methods' bundle), key import went straight to WebCrypto (jose's importers carry its whole algorithm table), and
 * the validator's keyword checks became per keyword, listed by the generated table; raised from 13,200 / 18,200 when
 * the request schemas became one const each (issue 24: so that a bundle of one operation keeps only its own), which
 * costs the everything-client about 250 B gzip (the table names each schema twice, and createOrderClient builds its
 * descriptors). The 8,192 B budget is still out of reach: the floor bundle (signing core + the spec's validation of
 * both operations, no client code) is already about 8.2 kB; see BENCHMARKS.md.
 */
const REGRESSION_CEILINGS = {
  clientGzipBytes: 13_550,
  clientWithEncryptionGzipBytes: 18_650,
  signatureGzipBytes: 4_100,
};

/**
 * What must not be in a bundle: input files (from the metafile, contributing bytes) and strings that survive
 * minification (error messages, identifiers of exported classes, module specifiers).
 */
const FORBIDDEN = {
  aes: {
    what: "AES / @noble/ciphers code",
    files: /node_modules\/@noble\/ciphers\/|packages\/signature\/src\/aes\.ts/,
    text: [/"aes key" expected/, /aes\/pkcs7/, /aes: bad decrypt/, /CBC-ZERO-IV/, /disablePadding/],
  },
  rsaAes: {
    what: "RSA_AES body encryption code (RSA key wrap, encryptBody/decryptBody)",
    files: /packages\/signature\/src\/(encryption|rsa-pkcs1)\.ts|packages\/client\/(src|dist)\/encryption\./,
    text: [/RSA self-check failed/, /aesKeyBits must be/, /needs the RSA numbers/],
  },
  openapiFetch: {
    what: "openapi-fetch (createApiClient is alipayhk-order/api's)",
    files: /node_modules\/openapi-fetch\//,
    text: [/querySerializer/, /bodySerializer/],
  },
  jose: {
    what: "jose (key generation and export, for the sandbox and the CLI)",
    files: /node_modules\/jose\//,
    text: [/JOSENotSupported/, /JWSInvalid/, /"RS256"/],
  },
  sandbox: {
    what: "sandbox code",
    files: /packages\/sandbox\/|node_modules\/alipayhk-sandbox\//,
    text: [/SandboxDropError/, /injected fault/, /registered with the sandbox/, /the sandbox answers/],
  },
  cli: {
    what: "CLI code",
    files: /packages\/cli\/|node_modules\/alipayhk\//,
    text: [/UsageError/, /"node:http"|from"node:|require\("node:/, /createServer\(/, /parseArgs/, /keys generate/],
  },
};

/** @type {import("esbuild").BuildOptions & { write: false; metafile: true }} */
const ESBUILD_BASE = {
  bundle: true,
  minify: true,
  treeShaking: true,
  format: "esm",
  platform: "neutral",
  write: false,
  metafile: true,
  logLevel: "silent",
  absWorkingDir: ROOT,
};

/**
 * The measured configuration: the built packages, resolved like an install (package.json "exports" to dist/).
 * @param {string} entry
 * @param {{ external?: string[] }} [extra]
 */
const fromDist = (entry, extra = {}) => build({ ...ESBUILD_BASE, entryPoints: [entry], ...extra });
/**
 * Attribution only: alipayhk-* resolved to their TypeScript sources through the "alipayhk-source" export condition.
 * @param {string} entry
 */
const fromSrc = (entry) => build({ ...ESBUILD_BASE, entryPoints: [entry], conditions: ["alipayhk-source"] });

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

function inputsOf(result) {
  const output = Object.values(result.metafile.outputs)[0];
  return Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => ({ file, bytes: bytesInOutput }))
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/** Runs size-limit (the enforced numbers). Returns its JSON rows, or throws with its output. */
export function runSizeLimit() {
  const bin = join(ROOT, "node_modules", "size-limit", "bin.js");
  const run = spawnSync(process.execPath, [bin, "--json"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  let rows;
  try {
    rows = JSON.parse(run.stdout);
  } catch {
    throw new Error(`size-limit did not print JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  if (!Array.isArray(rows)) throw new Error(`size-limit failed: ${rows.error ?? JSON.stringify(rows)}`);
  return rows;
}

/** Measures every bundle: size-limit numbers, content checks, breakdowns. Never throws on a failed budget. */
export async function measureBundles() {
  for (const pkg of ["signature", "client"]) {
    if (!existsSync(join(ROOT, "packages", pkg, "dist", "index.js")))
      throw new Error(`packages/${pkg}/dist is missing: run npm run build`);
  }
  const sizeLimitRows = runSizeLimit();
  const bundles = [];
  for (const [i, bundle] of BUNDLES.entries()) {
    const row = sizeLimitRows[i];
    const dist = await fromDist(bundle.entry);
    const code = dist.outputFiles[0].text;
    const inputs = inputsOf(dist);
    // Every alipayhk-* import must have come from a dist/ folder, or the numbers describe something unpublished.
    const fromSources = inputs.filter((i) => /packages\/[^/]+\/src\//.test(i.file)).map((i) => i.file);
    const problems = fromSources.length ? [`bundled from sources, not dist/: ${fromSources.join(", ")}`] : [];
    for (const kind of bundle.forbid) {
      const rule = FORBIDDEN[kind];
      const files = inputs.filter((i) => rule.files.test(i.file)).map((i) => i.file);
      const strings = rule.text.filter((re) => re.test(code)).map((re) => String(re));
      if (files.length || strings.length) {
        problems.push(`contains ${rule.what}: ${[...files, ...strings.map((s) => `text ${s}`)].join(", ")}`);
      }
    }
    const src = await fromSrc(bundle.entry);
    const minified = dist.outputFiles[0].contents.length;
    const rawGzip = gzip(dist.outputFiles[0].contents);
    // What would leave the bundle if a dependency were not bundled (gzipped bytes saved).
    const without = {};
    for (const dep of ["openapi-fetch", "@noble/ciphers", "jose"]) {
      if (!inputs.some((i) => i.file.includes(`node_modules/${dep}/`))) continue;
      const rest = await fromDist(bundle.entry, { external: [dep, `${dep}/*`] });
      without[dep] = rawGzip - gzip(rest.outputFiles[0].contents);
    }
    bundles.push({
      ...bundle,
      name: row.name,
      gzipBytes: row.size,
      limitBytes: row.sizeLimit,
      passed: row.passed,
      minifiedBytes: minified,
      rawGzipBytes: rawGzip,
      contentProblems: problems,
      inputs,
      sourceInputs: inputsOf(src),
      sourceMinifiedBytes: src.outputFiles[0].contents.length,
      sourceGzipBytes: gzip(src.outputFiles[0].contents),
      gzipSavedWithout: without,
    });
  }
  return bundles;
}

/**
 * The bundle numbers as bench/results.json holds them (`bundle`).
 * @param {any[] | undefined} bundles
 */
export function bundleResults(bundles) {
  const bundle = (key) => bundles?.find((b) => b.key === key);
  return {
    clientGzipBytes: bundle("clientGzipBytes")?.gzipBytes ?? null,
    clientWithEncryptionGzipBytes: bundle("clientWithEncryptionGzipBytes")?.gzipBytes ?? null,
    signatureGzipBytes: bundle("signatureGzipBytes")?.gzipBytes ?? null,
    // the signing core and the spec's validation alone: what any client of this design spends before its own code
    floorGzipBytes: bundle("floorGzipBytes")?.gzipBytes ?? null,
    minifiedBytes: Object.fromEntries((bundles ?? []).map((b) => [b.key.replace("GzipBytes", ""), b.minifiedBytes])),
    limitsBytes: Object.fromEntries(
      (bundles ?? []).filter((b) => b.limitBytes !== undefined).map((b) => [b.key, b.limitBytes]),
    ),
    contentProblems: Object.fromEntries((bundles ?? []).map((b) => [b.key, b.contentProblems])),
    gzipSavedWithout: Object.fromEntries((bundles ?? []).map((b) => [b.key, b.gzipSavedWithout])),
  };
}

const kb = (n) => `${(n / 1000).toFixed(2)} kB`;

/** The bundles' sizes and content; with `regression`, a budget not met yet is a target with the bytes to go. */
export function formatSummary(bundles, { regression = false } = {}) {
  const lines = [];
  for (const b of bundles) {
    const over = b.gzipBytes - b.limitBytes;
    const unmet = regression ? `a target, ${over} B to go (the ceiling below is checked)` : `NOT MET (${over} B over)`;
    const budget =
      b.limitBytes === undefined
        ? "no budget (reported only)"
        : `budget ${kb(b.limitBytes)}: ${b.passed ? "met" : unmet}`;
    lines.push(
      `${b.label.padEnd(36)} ${String(b.gzipBytes).padStart(6)} B gzip (${kb(b.gzipBytes)}), ${String(b.minifiedBytes).padStart(6)} B minified   ${budget}`,
    );
    lines.push(
      `${"".padEnd(36)} content: ${b.contentProblems.length ? `FAILED: ${b.contentProblems.join("; ")}` : `ok (no ${b.forbid.map((k) => FORBIDDEN[k].what).join(", no ")})`}`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const regression = args.includes("--regression");
  const tooBig = (b) => (regression ? b.gzipBytes > (REGRESSION_CEILINGS[b.key] ?? Infinity) : b.passed === false);
  const bundles = await measureBundles();
  if (args.includes("--json")) {
    console.log(JSON.stringify(bundles, null, 2));
  } else {
    console.log("Bundle sizes (minified + gzip, esbuild, platform neutral, ESM, built packages)\n");
    console.log(formatSummary(bundles, { regression }));
    const sizeFailed = bundles.filter(tooBig);
    if (sizeFailed.length || args.includes("--breakdown")) {
      console.log("\nWhere the bytes are:");
      for (const b of args.includes("--breakdown") ? bundles : sizeFailed) console.log(formatBreakdown(b));
    }
  }
  if (regression) {
    console.log("\nChecked: each bundle within its regression ceiling (gzip; today's size plus a little):");
    for (const b of bundles.filter((b) => REGRESSION_CEILINGS[b.key] !== undefined))
      console.log(
        `${b.label.padEnd(36)} ${b.gzipBytes} B ≤ ${REGRESSION_CEILINGS[b.key]} B: ${tooBig(b) ? "EXCEEDED" : "ok"}`,
      );
  }
  const operations = await measureOperationSizes();
  console.log("\nPer-operation bundles (createClient of alipayhk-order/operations; gzip):");
  /** @type {string[]} */
  const operationFailures = [...operations.contentProblems.map((p) => `syncOrder-only bundle ${p}`)];
  for (const [key, budget] of Object.entries(OPERATION_BUDGETS)) {
    const value = operations[/** @type {keyof typeof OPERATION_BUDGETS} */ (key)];
    const met = value <= budget;
    if (!met) operationFailures.push(`${key} ${value} B > ${budget} B`);
    console.log(
      `${key.padEnd(36)} ${String(value).padStart(6)} B ≤ ${budget} B: ${met ? `met (margin ${budget - value} B)` : `NOT MET (${value - budget} B over)`}`,
    );
  }
  for (const [id, bytes] of Object.entries(operations.perOperationGzip))
    console.log(`${`perOperationGzip.${id}`.padEnd(36)} ${String(bytes).padStart(6)} B added by the operation`);
  console.log(
    `${"syncOrder-only content".padEnd(36)} ${operations.contentProblems.length ? `FAILED: ${operations.contentProblems.join("; ")}` : "ok (no other operation's path or request schema)"}`,
  );
  if (!regression || args.includes("--write")) {
    const resultsFile = join(ROOT, "bench", "results.json");
    const results = JSON.parse(readFileSync(resultsFile, "utf8"));
    const { contentProblems: _, ...numbers } = operations;
    results.size = { ...numbers, budgets: OPERATION_BUDGETS, measured: new Date().toISOString() };
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    console.log("wrote bench/results.json (size)");
  }
  if (operationFailures.length) {
    console.error(`\nnpm run size: per-operation check(s) failed: ${operationFailures.join("; ")}`);
    process.exitCode = 1;
  }
  if (args.includes("--write")) {
    // bench/results.json's bundle numbers and BENCHMARKS.md's "Bundle sizes" section, without a whole bench run
    const resultsFile = join(ROOT, "bench", "results.json");
    const results = JSON.parse(readFileSync(resultsFile, "utf8"));
    results.bundle = { ...bundleResults(bundles), measured: new Date().toISOString() };
    writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
    const note = `Measured ${results.bundle.measured.slice(0, 10)} by \`npm run size -- --write\` on its own; the budgets below are from the run above.`;
    const markdownFile = join(ROOT, "BENCHMARKS.md");
    writeFileSync(
      markdownFile,
      replaceSection(readFileSync(markdownFile, "utf8"), "Bundle sizes", bundleSection(bundles, {}, note), "Budgets"),
    );
    console.log("\nwrote bench/results.json (bundle) and the Bundle sizes section of BENCHMARKS.md");
  }
  const failed = bundles.filter((b) => tooBig(b) || b.contentProblems.length);
  if (failed.length) {
    console.error(`\nnpm run size: ${failed.length} bundle check(s) failed: ${failed.map((b) => b.label).join(", ")}`);
    process.exitCode = 1;
  }
}
