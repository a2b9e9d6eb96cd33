#!/usr/bin/env node
// @ts-check
// What the spec-driven runtime costs a client bundle, in gzip bytes: the validator's code and the schema table, bundled
// from the TypeScript sources against the model generated from the spec. What each operation adds is `npm run size`'s
// perOperationGzip (bench/operation-sizes.mjs: createClient with and without it, no spec surgery needed).
// Part of `npm run bench` (BENCHMARKS.md's "What the spec costs"); `node bench/spec-cost.mjs` prints it alone.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { generate } from "../scripts/generate/outputs.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const gzip = (/** @type {string} */ text) => gzipSync(text, { level: 9 }).length;
const CLIENT = 'export { createOrderClient } from "alipayhk-order";';

/** Minified bundle of `contents` (an ESM entry), with alipayhk-spec resolved to the model generated in `modelDir`. */
async function bundle(/** @type {string} */ contents, /** @type {string} */ modelDir) {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
    conditions: ["alipayhk-source"],
    alias: { "alipayhk-spec/internal": join(modelDir, "internal.ts"), "alipayhk-spec": join(modelDir, "index.ts") },
  });
  return result.outputFiles[0].text;
}

/** Generates the model of the spec whose root file is `specFile` into `outDir`. */
async function model(/** @type {string} */ specFile, /** @type {string} */ outDir) {
  mkdirSync(outDir, { recursive: true });
  const { files } = await generate(specFile, { runtimeDir: join(ROOT, "packages/spec/src"), outDir });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(outDir, file), text);
  return outDir;
}

/**
 * @returns {Promise<{ clientGzipBytes: number; validatorGzipBytes: number; schemaTableGzipBytes: number }>}
 */
export async function measureSpecCost() {
  const work = mkdtempSync(join(tmpdir(), "spec-cost-"));
  try {
    const full = await model(join(ROOT, "spec/openapi.yaml"), join(work, "full"));
    const client = gzip(await bundle(CLIENT, full));
    return {
      clientGzipBytes: client,
      validatorGzipBytes: gzip(await bundle('export { validate } from "alipayhk-spec";', full)),
      schemaTableGzipBytes: gzip(await bundle('export { SCHEMAS } from "alipayhk-spec";', full)),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** BENCHMARKS.md's section. @param {Awaited<ReturnType<typeof measureSpecCost>> | undefined} cost */
export function specCostSection(cost) {
  if (!cost) return "## What the spec costs\n\nnot measured in this run\n";
  return `## What the spec costs

The signing-only client, bundled from the sources (\`node bench/spec-cost.mjs\`): ${cost.clientGzipBytes} B gzip. Of it,
the validator's core is ${cost.validatorGzipBytes} B, and the schema table of every operation with the keyword checks it
lists ${cost.schemaTableGzipBytes} B (both alone; the checks call into the core, so the two share bytes). What each operation
adds to a bundle is \`npm run size\`'s perOperationGzip ("Bundle sizes" above).
`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href)
  console.log(specCostSection(await measureSpecCost()));
