// @ts-check
// The text of each generated file, from the spec.
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import openapiTS, { astToString, STRING, stringToAST, tsRecord, tsUnion, UNKNOWN } from "openapi-typescript";
import { parse } from "yaml";
import { bundleSpec } from "../spec.mjs";
import { buildModel } from "./model.mjs";
import { documentInferred } from "./inferred-docs.mjs";
import { keywordChecks, loadVocabulary } from "./schemas.mjs";

const HEADER =
  "// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.\n";

/**
 * @param {string} specFile the root YAML file
 * @param {{ runtimeDir: string; outDir: string }} where the runtime's sources, and where the files will be written
 * @returns {Promise<{ files: Record<string, string>; notes: string[] }>}
 */
export async function generate(specFile, { runtimeDir, outDir }) {
  /** @type {Set<string>} */
  const read = new Set();
  const bundled = bundleSpec(specFile, read);
  refuseUnusedFiles(specFile, read);
  const vocabulary = await loadVocabulary(`${runtimeDir}/vocabulary.ts`);
  const model = buildModel(bundled, componentFiles(specFile), vocabulary);
  // imports are resolved from where the files really are (generated/ is a link to packages/spec/generated)
  const runtime = relative(existsSync(outDir) ? realpathSync(outDir) : outDir, runtimeDir).replaceAll("\\", "/");
  const notes = [
    "inferred (refused by a client with strict: true, and by the sandbox unless strict: false):",
    ...model.INFERRED.map(
      (c) =>
        `  ${c.operationId}${c.variant ? ` ${c.variant}` : ""} ${c.path || "(body)"} ${c.keywords.join(", ")}: ${c.why}`,
    ),
    ...Object.entries(model.VARIANTS).flatMap(([operationId, { values }]) =>
      Object.entries(values).flatMap(([variant, facts]) =>
        Object.entries(facts.inferred).map(([rule, why]) => `  ${operationId} ${variant} status rule ${rule}: ${why}`),
      ),
    ),
  ];
  return {
    files: {
      "openapi.d.ts": await typesFile(bundled, false),
      "inputs.d.ts": await typesFile(bundled, true),
      "model.ts": modelFile(model, vocabulary, runtime),
      "operations.ts": operationsFile(model, vocabulary, runtime),
      "index.ts": indexFile(model, runtime),
      "internal.ts": internalFile(runtime),
    },
    notes,
  };
}

/** Component schema name or path -> the spec file it is written in (relative to the working directory), for messages. */
function componentFiles(specFile) {
  const root = parse(readFileSync(specFile, "utf8"));
  const here = relative(process.cwd(), specFile);
  /** @type {Record<string, string>} */
  const files = {};
  for (const [name, value] of [
    ...Object.entries(root.components?.schemas ?? {}),
    ...Object.entries(root.paths ?? {}),
  ]) {
    const ref = /** @type {any} */ (value)?.$ref;
    files[name] =
      typeof ref === "string" && !ref.startsWith("#")
        ? relative(process.cwd(), resolve(dirname(specFile), ref.split("#")[0]))
        : here;
  }
  return files;
}

/**
 * Every YAML file beside the root must be part of the spec: a scenario file that nothing refers to would otherwise be
 * left out without a word. (The Redocly configuration is the linter's, not the spec's.)
 * @param {string} specFile @param {Set<string>} read the files bundling read
 */
function refuseUnusedFiles(specFile, read) {
  const dir = dirname(specFile);
  const unused = readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.ya?ml$/.test(file) && !/(^|\/)\.?redocly\.ya?ml$/.test(file))
    .map((file) => resolve(dir, file))
    .filter((file) => file !== resolve(specFile) && !read.has(file));
  if (!unused.length) return;
  const names = unused.map((file) => relative(process.cwd(), file)).sort();
  throw new Error(
    `spec: ${names.join(", ")} ${names.length === 1 ? "is" : "are"} not part of the spec: nothing in ${relative(process.cwd(), specFile)} refers to ${names.length === 1 ? "it" : "them"}.\n` +
      '  Register a file where the spec uses it (CONTRIBUTING.md, "Changing the spec"): a new scenario or template as a\n' +
      "  components.schemas entry, in its request's oneOf and discriminator mapping and in the discriminator's enum; a new\n" +
      "  operation under paths. Or delete the file.",
  );
}

/**
 * openapi-typescript's types. With `asInput`, what callers write: a string holding JSON (contentMediaType
 * application/json) may also be given as the value itself (the client serialises it), and "one of these fields is
 * required" (an anyOf whose alternatives each require one field) gets a member no value can have, so that leaving
 * all of them out is reported by a name that says what to do (`Property '"give userId or openId"' is missing`).
 * @param {any} bundled @param {boolean} asInput
 */
async function typesFile(bundled, asInput) {
  const ast = await openapiTS(documentInferred(bundled), {
    alphabetize: false,
    exportType: false,
    transform: asInput ? inputType : undefined,
  });
  return `${HEADER}\n${astToString(ast)}`;
}

/** @param {any} schema */
function inputType(schema) {
  if (schema.type === "string" && schema.contentMediaType === "application/json")
    return tsUnion([STRING, tsRecord(STRING, UNKNOWN)]);
  const fields = schema.anyOf?.map((/** @type {any} */ alt) =>
    alt.required?.length === 1 && !alt.anyOf && !alt.oneOf ? alt.required[0] : undefined,
  );
  if (!fields?.length || fields.some((/** @type {unknown} */ f) => f === undefined)) return undefined;
  const members = fields.map((/** @type {string} */ f) => `{ ${JSON.stringify(f)}: string }`);
  const hint = JSON.stringify(`give ${fields.join(" or ")}`);
  return /** @type {any} */ (stringToAST(`type T = ${[...members, `{ ${hint}: never }`].join(" | ")};`)[0]).type;
}

/**
 * The name of a schema's own const in model.ts: `schema$` and the name, with every character other than a letter or
 * digit written `$xxxx` (its UTF-16 code in hex). No two names give the same identifier, and none can be a name the
 * model exports or imports (none of those holds a `$`).
 * @param {string} name
 */
export const schemaConst = (name) =>
  `schema$${name.replace(/[^A-Za-z0-9]/g, (c) => `$${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}`;

/**
 * The keyword checks a table needs, as the first argument of withKeywordChecks; `suffix` is what the module's imports
 * of the checks add to their names.
 * @param {Record<string, string>} checks @param {string} [suffix]
 */
const checksArgument = (checks, suffix = "") =>
  `{ ${Object.entries(checks)
    .map(([keyword, check]) =>
      keyword === check && !suffix
        ? check
        : `${/^\w+$/.test(keyword) ? keyword : JSON.stringify(keyword)}: ${check}${suffix}`,
    )
    .join(", ")} }`;

/** A table of schema consts: `{ "Name": schema$Name, ... }`. @param {string[]} names */
const constTable = (names) => `{\n${names.map((n) => `  ${JSON.stringify(n)}: ${schemaConst(n)}`).join(",\n")}\n}`;

/** @param {Record<string, unknown>} model @param {Record<string, import("./schemas.mjs").KeywordFacts>} vocabulary @param {string} runtime */
function modelFile(model, vocabulary, runtime) {
  const types = {
    SERVERS: "Readonly<Record<string, string>>",
    OPERATIONS: "Readonly<Record<string, Operation>>",
    OPERATION_DETAILS: "Readonly<Record<string, OperationDetails>>",
    RESULT_CODES: "Readonly<Record<string, ResultCodeFacts>>",
    RESULT_RETRYABLE: "Readonly<Record<string, boolean>>",
    VARIANTS: "Readonly<Record<string, Variants>>",
    DESCRIPTIONS: "Readonly<Record<string, Readonly<Record<string, Descriptions>>>>",
    SCHEMAS: "SchemaTable",
    RESPONSE_SCHEMAS: "SchemaTable",
    INFERRED: "readonly InferredConstraint[]",
    EXAMPLES: "Readonly<Record<string, readonly Example[]>>",
  };
  // the keyword checks the schemas use, and only those: a bundle carries no check its spec does not need
  const checksOf = (/** @type {unknown} */ table) => keywordChecks(vocabulary, table);
  const names = [
    ...new Set([...Object.values(checksOf(model.SCHEMAS)), ...Object.values(checksOf(model.RESPONSE_SCHEMAS))]),
  ];
  let text = `${HEADER}import type { Descriptions, Example, InferredConstraint, Operation, OperationDetails, ResultCodeFacts, Schema, SchemaTable, Variants } from "${runtime}/model-types.js";\n`;
  text += `import { withKeywordChecks${names.map((n) => `, ${n}`).join("")} } from "${runtime}/keywords.js";\n`;
  // Each request schema is a const of its own, so that a bundle keeps only those its operations reach (a bundler
  // cannot split one object literal). SCHEMAS and each operation's descriptor (operations.ts) are tables of them.
  text +=
    "\n// The request schemas, each its own const: SCHEMAS and the operation descriptors of operations.ts hold them.\n";
  const schemas = /** @type {Record<string, unknown>} */ (model.SCHEMAS);
  for (const [name, schema] of Object.entries(schemas))
    text += `export const ${schemaConst(name)} = ${emit(schema, 0)} as const satisfies Schema;\n`;
  for (const [name, value] of Object.entries(model)) {
    const type = types[/** @type {keyof typeof types} */ (name)];
    if (!type) throw new Error(`generate: no type for ${name}`);
    const literal = `${emit(value, 0)} as const satisfies ${type}`;
    if (name === "SCHEMAS") {
      text += `\nexport const ${name} = /* @__PURE__ */ withKeywordChecks(${checksArgument(checksOf(value))}, ${constTable(Object.keys(schemas))} as const satisfies ${type});\n`;
    } else if (name === "RESPONSE_SCHEMAS") {
      text += `\nexport const ${name} = /* @__PURE__ */ withKeywordChecks(${checksArgument(checksOf(value))}, ${literal});\n`;
    } else text += `\nexport const ${name} = ${literal};\n`;
  }
  return text;
}

/** Words that cannot name a const (reserved in strict mode code, or meaning something else at the top of a module). */
const RESERVED = new Set(
  (
    "await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements " +
    "import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void " +
    "while with yield arguments eval undefined NaN Infinity"
  ).split(" "),
);
/** What alipayhk-order/operations exports beside the descriptors: an operation of one of these names would be hidden by it. */
const CLIENT_NAMES = ["createClient", "OperationDescriptor", "OperationsClient", "OperationsClientOptions"];

/**
 * operations.ts: one exported descriptor per operation, named by its operationId: what a client needs to call it
 * (OPERATIONS' facts) and a schema table of only the schemas its request reaches, with only the checks they use.
 * Each is an object literal around a pure call, so a bundle that imports one keeps neither the others nor their
 * schemas. Fails, naming the operation, when an operationId cannot be the name of a const.
 * @param {Record<string, unknown>} model @param {Record<string, import("./schemas.mjs").KeywordFacts>} vocabulary @param {string} runtime
 */
function operationsFile(model, vocabulary, runtime) {
  const operations = /** @type {Record<string, { method: string; path: string; schema: string }>} */ (model.OPERATIONS);
  const schemas = /** @type {Record<string, unknown>} */ (model.SCHEMAS);
  /** @type {Set<string>} */
  const checks = new Set();
  /** @type {Set<string>} */
  const consts = new Set();
  let body = "";
  for (const [operationId, op] of Object.entries(operations)) {
    const bad = !/^[A-Za-z_][A-Za-z0-9_]*$/.test(operationId)
      ? "is not a JavaScript identifier (letters, digits and _, not starting with a digit)"
      : RESERVED.has(operationId)
        ? "is a reserved word"
        : CLIENT_NAMES.includes(operationId)
          ? `is a name alipayhk-order/operations exports already (${CLIENT_NAMES.join(", ")})`
          : undefined;
    if (bad)
      throw new Error(
        `spec: operationId ${JSON.stringify(operationId)} ${bad}: each operation is exported under its operationId (generated/operations.ts); rename it`,
      );
    const reached = reachedSchemas(schemas, op.schema);
    const own = keywordChecks(vocabulary, Object.fromEntries(reached.map((n) => [n, schemas[n]])));
    for (const check of Object.values(own)) checks.add(check);
    for (const name of reached) consts.add(schemaConst(name));
    const facts = Object.entries({ operationId, ...op })
      .map(([key, value]) => `  ${JSON.stringify(key)}: ${emit(value, 1)},\n`)
      .join("");
    const table = constTable(reached).replaceAll("\n", "\n  ");
    body += `\n/** ${operationId}: ${op.method} ${op.path}, with the schemas its request reaches. */\n`;
    body += `export const ${operationId} = {\n${facts}  "schemas": /* @__PURE__ */ withKeywordChecks$(${checksArgument(own, "$")}, ${table})\n} as const satisfies OperationDescriptor$;\n`;
  }
  // every name of this module other than the descriptors holds a `$`, which no operationId may: nothing can collide
  let text = `${HEADER}import type { OperationDescriptor as OperationDescriptor$ } from "${runtime}/model-types.js";\n`;
  text += `import { withKeywordChecks as withKeywordChecks$${[...checks].map((c) => `, ${c} as ${c}$`).join("")} } from "${runtime}/keywords.js";\n`;
  if (consts.size) text += `import { ${[...consts].join(", ")} } from "./model.js";\n`;
  return text + body;
}

/**
 * The names of the schemas `root` reaches through `$ref`s and discriminator mappings, in the table's order.
 * @param {Record<string, unknown>} table @param {string} root
 */
function reachedSchemas(table, root) {
  /** @type {Set<string>} */
  const reached = new Set();
  const visit = (/** @type {string} */ name) => {
    if (reached.has(name)) return;
    reached.add(name);
    walk(table[name]);
  };
  const walk = (/** @type {any} */ node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") visit(value);
      else if (key === "discriminator") {
        for (const n of Object.values(value.mapping ?? {})) visit(String(n));
      } else walk(value);
    }
  };
  visit(root);
  return Object.keys(table).filter((name) => reached.has(name));
}

/** What the model holds for our own packages only: the `alipayhk-spec/internal` entry's, not the public one's. */
const INTERNAL_MODEL = ["RESULT_RETRYABLE"];

/** @param {Record<string, unknown>} model @param {string} runtime */
function indexFile(model, runtime) {
  return `${HEADER}/**
 * alipayhk-spec: what the spec says, for the client and the sandbox: operations, servers, result codes, the variants
 * of each discriminated request with their status rules, the validator's schemas, examples, and the code that reads them.
 * Each operation's descriptor (its facts and only its own schemas) is the \`alipayhk-spec/operations\` entry's.
 * @module
 */
export { ${Object.keys(model)
    .filter((name) => !INTERNAL_MODEL.includes(name))
    .join(", ")} } from "./model.js";
export * from "${runtime}/index.js";
export type { components, operations, paths } from "./openapi.js";
export type { operations as inputOperations } from "./inputs.js";
`;
}

/** @param {string} runtime */
function internalFile(runtime) {
  return `${HEADER}/**
 * alipayhk-spec/internal: what this SDK's own packages share (the client, the sandbox, the CLI, the tests). NOT
 * PUBLIC: not covered by semver, and may change or go in any release. Import \`alipayhk-spec\` instead.
 * @internal
 * @module
 */
export { ${INTERNAL_MODEL.join(", ")} } from "./model.js";
export * from "${runtime}/internal.js";
`;
}

/** JSON-like TypeScript text: small objects on one line, larger ones one member a line. @param {unknown} value @param {number} indent @returns {string} */
function emit(value, indent) {
  const flat = JSON.stringify(value);
  if (!value || typeof value !== "object" || flat.length + indent * 2 < 110) return flat;
  const pad = "  ".repeat(indent + 1);
  const end = "  ".repeat(indent);
  if (Array.isArray(value)) return `[\n${value.map((v) => pad + emit(v, indent + 1)).join(",\n")}\n${end}]`;
  const entries = Object.entries(value).map(([k, v]) => `${pad}${JSON.stringify(k)}: ${emit(v, indent + 1)}`);
  return `{\n${entries.join(",\n")}\n${end}}`;
}
