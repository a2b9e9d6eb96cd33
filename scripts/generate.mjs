#!/usr/bin/env node
// @ts-check
// Regenerates everything in generated/ from spec/:
//   generated/openapi.d.ts  types, by openapi-typescript
//   generated/metadata.ts   the runtime facts the client and the sandbox need (scenarios, statuses, status rules,
//                           field limits, result codes), read from the same spec
// With --check it writes nothing and exits 1 naming every file that differs from what the spec gives.
// (openapi-typescript's own --check is not used: it is known to pass stale output for multi-input configs.)
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import { bundleSpec, deref } from "./spec.mjs";

const root = new URL("../", import.meta.url);
const specUrl = new URL("spec/openapi.yaml", root);
const check = process.argv.includes("--check");

const HEADER = "// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.\n";

async function typesFile(bundled) {
  const ast = await openapiTS(structuredClone(bundled), { alphabetize: false, exportType: false });
  return HEADER + "\n" + astToString(ast);
}

// The subset of JSON Schema the client's validator and the sandbox enforce.
const KEPT = ["type", "maxLength", "minLength", "minimum", "pattern", "enum", "const"];

/** Flattens a (dereferenced) schema and its allOf into one description with only what validation needs. */
function flatten(schema) {
  if (schema === false) return { forbidden: true };
  const out = {};
  for (const part of [schema, ...(schema.allOf ?? [])]) {
    if (part !== schema && part.allOf) {
      mergeInto(out, flatten(part));
      continue;
    }
    for (const key of KEPT) if (part[key] !== undefined) out[key] = part[key];
    if (part.const !== undefined) out.type ??= typeof part.const;
    if (part.properties) {
      out.type ??= "object";
      out.properties ??= {};
      for (const [name, sub] of Object.entries(part.properties)) {
        out.properties[name] = { ...out.properties[name], ...flatten(sub) };
      }
    }
    if (part.required) out.required = [...new Set([...(out.required ?? []), ...part.required])];
    if (part.items) out.items = flatten(part.items);
    // a oneOf whose alternatives each require one field: exactly one of those fields must be present
    if (part.oneOf?.every((alt) => alt.required?.length === 1)) out.exactlyOneOf = part.oneOf.map((alt) => alt.required[0]);
  }
  return out;
}

function mergeInto(target, source) {
  const { properties, required, ...rest } = source;
  Object.assign(target, rest);
  if (properties) target.properties = { ...target.properties, ...properties };
  if (required) target.required = [...new Set([...(target.required ?? []), ...required])];
}

function metadata(bundled) {
  const schemas = bundled.components.schemas;
  const request = schemas.OrderSyncRequest;
  const scenarios = {};
  const statusRules = {};
  for (const [bizType, ref] of Object.entries(request.discriminator.mapping)) {
    const schema = schemas[ref.split("/").pop()];
    // the scenario's own part: everything in its allOf except the shared base fields
    const own = flatten(deref(bundled, { allOf: schema.allOf.filter((p) => p.$ref !== "#/components/schemas/BaseOrder") }));
    const { merchantBizType, orderStatus, ...extras } = own.properties;
    if (merchantBizType?.const !== bizType) throw new Error(`spec: ${ref} does not fix merchantBizType to ${bizType}`);
    const transitions = schema["x-transitions"] ?? {};
    scenarios[bizType] = {
      statuses: orderStatus.enum,
      required: own.required.filter((f) => f !== "merchantBizType" && f !== "orderStatus"),
      properties: extras,
    };
    statusRules[bizType] = {
      endStatuses: schema["x-end-statuses"] ?? [],
      reversible: transitions.reversible ?? true,
      onlyFrom: transitions.onlyFrom ?? {},
      onlyTo: transitions.onlyTo ?? {},
    };
  }
  const resultCode = schemas.ResultCode;
  const resultCodes = {};
  for (const code of resultCode.enum) {
    const facts = resultCode["x-result-codes"][code];
    if (!facts) throw new Error(`spec: ResultCode ${code} has no x-result-codes entry`);
    resultCodes[code] = { status: facts.status, retryable: facts.retryable, message: resultCode["x-enum-descriptions"][code] };
  }
  return {
    SYNC_ORDER_PATH: Object.keys(bundled.paths)[0],
    SERVERS: { production: bundled.servers[0].url, testing: bundled.servers[1].url },
    BASE_ORDER: flatten(deref(bundled, schemas.BaseOrder)),
    SCENARIOS: scenarios,
    STATUS_RULES: statusRules,
    RESULT_CODES: resultCodes,
    RETRYABLE_RESULT_CODES: Object.keys(resultCodes).filter((code) => resultCodes[code].retryable),
  };
}

// Component schemas written once and referenced by name, so the metadata a client bundles stays small.
const SHARED_SCHEMAS = ["Amount"];

function metadataFile(bundled) {
  const meta = metadata(bundled);
  const shared = SHARED_SCHEMAS.map((name) => [name, flatten(deref(bundled, bundled.components.schemas[name]))]);
  const emit = (value, indent) => {
    const match = shared.find(([, schema]) => JSON.stringify(schema) === JSON.stringify(value));
    if (match && indent) return match[0];
    if (!value || typeof value !== "object") return JSON.stringify(value);
    const pad = "  ".repeat(indent + 1);
    const end = "  ".repeat(indent);
    if (Array.isArray(value)) return `[${value.map((v) => emit(v, indent + 1)).join(", ")}]`;
    const entries = Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${emit(v, indent + 1)}`);
    return entries.length ? `{\n${entries.join(",\n")}\n${end}}` : "{}";
  };
  let text = HEADER;
  for (const [name, schema] of shared) text += `\nconst ${name} = ${emit(schema, 0)} as const;\n`;
  for (const [name, value] of Object.entries(meta)) text += `\nexport const ${name} = ${emit(value, 0)} as const;\n`;
  return text;
}

const bundled = bundleSpec(fileURLToPath(specUrl));
const outputs = {
  "generated/openapi.d.ts": await typesFile(bundled),
  "generated/metadata.ts": metadataFile(bundled),
};

let stale = 0;
for (const [file, text] of Object.entries(outputs)) {
  const target = new URL(file, root);
  let current = null;
  try {
    current = readFileSync(target, "utf8");
  } catch {}
  if (current === text) continue;
  if (check) {
    console.error(`stale: ${file} differs from what spec/ gives. Run \`npm run generate\` and commit the result.`);
    stale++;
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
if (check && stale) process.exit(1);
if (check) console.log(`generated/ is up to date with spec/ (${Object.keys(outputs).length} files)`);
