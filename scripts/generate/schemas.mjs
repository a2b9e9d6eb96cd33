// @ts-check
// Turns the spec's schemas into the validator's schema table: JSON Schema with the annotations dropped, every component
// reference written as `{ "$ref": "<ComponentName>" }`, and the table holding each component once. What a keyword is
// and who enforces it comes from one place, packages/spec/src/vocabulary.ts: a keyword it does not list stops
// generation, naming the keyword and where it is, so nothing in a schema is silently ignored.
import { readFileSync } from "node:fs";
import { transform } from "esbuild";

/** @typedef {{ value: string; by: string; check?: string; only?: readonly string[] }} KeywordFacts */

/**
 * The vocabulary, read from its TypeScript source (it has no imports, so a transform is all it takes).
 * @param {string} file packages/spec/src/vocabulary.ts
 * @returns {Promise<Record<string, KeywordFacts>>}
 */
export async function loadVocabulary(file) {
  const { code } = await transform(readFileSync(file, "utf8"), { loader: "ts", format: "esm" });
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  return module.VOCABULARY;
}

/**
 * The checks of keywords.ts that `table` needs, by keyword, in the vocabulary's order.
 * @param {Record<string, KeywordFacts>} vocabulary @param {unknown} table @returns {Record<string, string>}
 */
export function keywordChecks(vocabulary, table) {
  /** @type {Set<string>} */
  const used = new Set();
  const walk = (/** @type {unknown} */ node) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (vocabulary[key]?.check) used.add(key); // a member named like a keyword only adds a check that finds nothing
      walk(value);
    }
  };
  walk(table);
  return Object.fromEntries(
    Object.entries(vocabulary).flatMap(([key, facts]) => (used.has(key) && facts.check ? [[key, facts.check]] : [])),
  );
}

/**
 * @param {Record<string, KeywordFacts>} vocabulary
 * @param {Record<string, any>} schemas the bundled spec's component schemas (refs local), and the operations' inline ones
 * @param {string[]} roots names to start from (the operations' request or response schemas)
 * @returns {Record<string, unknown>} name -> converted schema, for every schema the roots reach
 */
export function schemaTable(vocabulary, schemas, roots) {
  /** @type {Record<string, unknown>} */
  const table = {};
  const pending = [...roots];
  while (pending.length) {
    const name = /** @type {string} */ (pending.pop());
    if (name in table) continue;
    if (!(name in schemas)) throw new Error(`spec: no component schema ${name}`);
    table[name] = null; // reserved: a cycle back to it becomes a $ref
    const where = name.includes(" ") ? `the inline schema of ${name}` : `#/components/schemas/${name}`;
    table[name] = convert(vocabulary, schemas[name], where, (ref) => {
      pending.push(ref);
    });
  }
  return table;
}

/**
 * @param {Record<string, KeywordFacts>} vocabulary
 * @param {any} schema
 * @param {string} where a JSON pointer into the bundled spec, for messages
 * @param {(name: string) => void} reach called for each component the schema refers to
 * @returns {unknown}
 */
function convert(vocabulary, schema, where, reach) {
  if (typeof schema === "boolean") return schema;
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) throw new Error(`spec: ${where} is not a schema`);
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = `${where}/${key}`;
    const facts = Object.hasOwn(vocabulary, key) ? vocabulary[key] : undefined;
    if (!facts) {
      if (key.startsWith("x-")) continue; // an extension the validator has no use for (x-enum-descriptions...)
      throw new Error(
        `spec: ${at}: the keyword "${key}" is not enforced by the validator; add it to packages/spec/src/vocabulary.ts (and its check) or remove it`,
      );
    }
    if (facts.by === "annotation") continue;
    if (facts.only && !facts.only.includes(value)) {
      throw new Error(
        `spec: ${at}: ${key} "${value}" is not enforced by the validator (known: ${facts.only.join(", ")})`,
      );
    }
    const sub = (/** @type {unknown} */ node, /** @type {string} */ path) => convert(vocabulary, node, path, reach);
    switch (facts.value) {
      case "ref": {
        const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
        if (!match) throw new Error(`spec: ${at}: the validator follows refs to component schemas only, not ${value}`);
        reach(match[1]);
        out.$ref = match[1];
        break;
      }
      case "schema":
        if (key === "additionalProperties" && value === true) break; // allows what is allowed anyway: nothing to check
        out[key] = sub(value, at);
        break;
      case "schemaMap":
        out[key] = Object.fromEntries(Object.entries(value).map(([name, node]) => [name, sub(node, `${at}/${name}`)]));
        break;
      case "schemas":
        out[key] = value.map((/** @type {unknown} */ node, /** @type {number} */ i) => sub(node, `${at}/${i}`));
        break;
      case "discriminator":
        out[key] = discriminator(schema, at, reach);
        break;
      case "pairs":
        // { later: earlier } between two members of the same object
        if (!Object.keys(value ?? {}).length || Object.values(value).some((b) => typeof b !== "string"))
          throw new Error(`spec: ${at}: ${key} maps a member to another member`);
        out[key] = value;
        break;
      case "string":
        if (key === "x-inferred" && !String(value).trim())
          throw new Error(`spec: ${at}: x-inferred must say why the rule is ours`);
        if (typeof value !== "string") throw new Error(`spec: ${at}: ${key} must be a string`);
        out[key] = value;
        break;
      default:
        out[key] = value;
    }
  }
  return out;
}

/**
 * A discriminator becomes `{ propertyName, mapping: { value: componentName } }`; the validator then checks only the
 * mapped alternative, and names the value's scenario in its messages.
 * @param {any} schema @param {string} at @param {(name: string) => void} reach
 */
function discriminator(schema, at, reach) {
  const { propertyName, mapping } = schema.discriminator;
  if (!schema.oneOf) throw new Error(`spec: ${at}: a discriminator needs a oneOf beside it`);
  if (!mapping)
    throw new Error(`spec: ${at}: give the discriminator an explicit mapping (nothing is taken by position)`);
  /** @type {Record<string, string>} */
  const names = {};
  for (const [value, ref] of Object.entries(mapping)) {
    const name = String(ref).replace(/^#\/components\/schemas\//, ""); // a ref, or a bare component name
    reach(name);
    names[value] = name;
  }
  return { propertyName, mapping: names };
}
