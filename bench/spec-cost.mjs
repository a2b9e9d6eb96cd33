#!/usr/bin/env node
// @ts-check
// What the spec-driven runtime costs a client bundle, in gzip bytes: the validator's code, the schema table, and each
// operation of the spec (the signing-only client bundled with and without it: the spec is copied without that
// operation and regenerated). Client bundles are built from the TypeScript sources against each regenerated model.
//   node bench/spec-cost.mjs
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { parse, stringify } from "yaml";
import { generate } from "../scripts/generate/outputs.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "spec-cost-"));
const gzip = (/** @type {string} */ text) => gzipSync(text, { level: 9 }).length;

/** Minified bundle of `contents` (an ESM entry), with alipayhk-spec resolved to the model generated in `modelDir`. */
async function bundle(contents, modelDir) {
  const src = (/** @type {string} */ path) => join(ROOT, "packages", path);
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "silent",
    alias: { "alipayhk-spec": join(modelDir, "index.ts"), "alipayhk-signature": src("signature/src/index.ts"), "alipayhk-order": src("client/src/index.ts") },
  });
  return result.outputFiles[0].text;
}

/** Generates the model of the spec in `specDir` into `outDir`. */
async function model(specDir, outDir) {
  const { files } = await generate(join(specDir, "openapi.yaml"), { runtimeDir: join(ROOT, "packages/spec/src"), outDir });
  mkdirSync(outDir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(outDir, file), text);
  return outDir;
}

const CLIENT = 'export { createOrderClient } from "alipayhk-order";';
try {
  const full = await model(join(ROOT, "spec"), join(work, "full"));
  const client = gzip(await bundle(CLIENT, full));
  const validator = gzip(await bundle('export { validate } from "alipayhk-spec";', full));
  const schemas = gzip(await bundle('export { SCHEMAS } from "alipayhk-spec";', full));
  console.log(`signing-only client, from sources: ${client} B gzip`);
  console.log(`  the validator's code alone:       ${validator} B gzip`);
  console.log(`  the schema table alone:           ${schemas} B gzip (both operations)`);

  const root = parse(readFileSync(join(ROOT, "spec/openapi.yaml"), "utf8"));
  for (const [path, item] of Object.entries(root.paths)) {
    const operationId = parse(readFileSync(join(ROOT, "spec", item.$ref), "utf8")).post.operationId;
    const dir = join(work, `without-${operationId}`);
    cpSync(join(ROOT, "spec"), join(dir, "spec"), { recursive: true });
    const trimmed = { ...root, paths: Object.fromEntries(Object.entries(root.paths).filter(([p]) => p !== path)) };
    writeFileSync(join(dir, "spec/openapi.yaml"), stringify(trimmed));
    const without = gzip(await bundle(CLIENT, await model(join(dir, "spec"), join(dir, "generated"))));
    console.log(`  operation ${operationId.padEnd(28)} +${client - without} B gzip (the client without it: ${without} B)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
