#!/usr/bin/env node
// @ts-check
// Regenerates generated/ (a link to packages/spec/generated) from spec/: the generated part of the `alipayhk-spec`
// package, whose src/ holds the code that reads it.
//   generated/openapi.d.ts  wire types, by openapi-typescript (`paths`, `components`, `operations`)
//   generated/inputs.d.ts   the same types as callers may give them (a JSON-text field may also be an object)
//   generated/model.ts      the runtime facts: operations, servers, result codes, variants, validator schemas, examples
//   generated/index.ts      the package's entry: the model and the runtime that reads it (packages/spec/src)
//   generated/internal.ts   the `alipayhk-spec/internal` entry: what our own packages share, not public
// Usage: node scripts/generate.mjs [--check] [--spec FILE] [--out DIR]
//   --check  writes nothing; exits 1 naming every file that differs from what the spec gives
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generate } from "./generate/outputs.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const { values } = parseArgs({
  options: { check: { type: "boolean" }, spec: { type: "string" }, out: { type: "string" } },
});
const specFile = resolve(values.spec ?? `${root}spec/openapi.yaml`);
const outDir = resolve(values.out ?? `${root}generated`);

let outputs;
try {
  outputs = await generate(specFile, { runtimeDir: `${root}packages/spec/src`, outDir });
} catch (error) {
  console.error(String(/** @type {Error} */ (error).message));
  process.exit(1);
}
if (!values.check) for (const line of outputs.notes) console.log(line);

let stale = 0;
mkdirSync(outDir, { recursive: true });
for (const [file, text] of Object.entries(outputs.files)) {
  const target = resolve(outDir, file);
  let current = null;
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current === text) continue;
  const shown = relative(process.cwd(), target);
  if (values.check) {
    console.error(`stale: ${shown} differs from what the spec gives. Run \`npm run generate\` and commit the result.`);
    stale++;
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${shown}`);
  }
}
if (values.check && stale) process.exit(1);
if (values.check) console.log(`generated/ is up to date with spec/ (${Object.keys(outputs.files).length} files)`);
