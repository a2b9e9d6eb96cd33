// @ts-check
// Turns the spec's request schemas into the validator's schema table: JSON Schema with the annotations dropped,
// every component reference written as `{ "$ref": "<ComponentName>" }`, and the table holding each component once.
// A keyword the validator does not enforce stops generation, naming the keyword and where it is: nothing in a request
// schema is silently ignored.

/**
 * Keywords the runtime validator enforces, kept in the table as they are: the core of packages/spec/src/validate.ts
 * (type, enum, const, required), and the others, each a check of keywords.ts (see KEYWORD_CHECKS).
 */
const ENFORCED = new Set([
  "type", "enum", "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
  "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
  "maxProperties", "minProperties", "required", "dependentRequired", "contentMediaType", "format",
]);
/**
 * The keywords that have a check of their own in packages/spec/src/keywords.ts, and its export name. The generated
 * table lists the checks its schemas use; the keywords not here (and not listed as null) are validate.ts's core.
 * @type {Record<string, string | null>}
 */
export const KEYWORD_CHECKS = {
  multipleOf: "multipleOf", maximum: "maximum", exclusiveMaximum: "exclusiveMaximum", minimum: "minimum",
  exclusiveMinimum: "exclusiveMinimum", maxLength: "maxLength", minLength: "minLength", pattern: "pattern",
  maxItems: "maxItems", minItems: "minItems", uniqueItems: "uniqueItems", contains: "contains", items: "items",
  maxProperties: "maxProperties", minProperties: "minProperties", dependentRequired: "dependentRequired",
  contentMediaType: "contentMediaType", format: "format", "x-not-before": "xNotBefore",
  // read by the check of another keyword: contains, contentMediaType
  minContains: null, maxContains: null, contentSchema: null,
};

/**
 * The checks of keywords.ts that `table` needs, by keyword, in a stable order.
 * @param {unknown} table @returns {Record<string, string>}
 */
export function keywordChecks(table) {
  /** @type {Set<string>} */
  const used = new Set();
  const walk = (/** @type {unknown} */ node) => {
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (KEYWORD_CHECKS[key]) used.add(key); // a member named like a keyword only adds a check that finds nothing
      walk(value);
    }
  };
  walk(table);
  return Object.fromEntries(Object.entries(KEYWORD_CHECKS).filter(([key]) => used.has(key)).map(([key, name]) => [key, /** @type {string} */ (name)]));
}

/** Keywords whose values are schemas (or maps or lists of them), converted in turn. */
const SUBSCHEMA = new Set(["not", "additionalProperties", "items", "contains", "contentSchema"]);
const SUBSCHEMA_MAPS = new Set(["properties"]);
const SUBSCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf"]);
/** Annotations: no effect on validation. */
const ANNOTATIONS = new Set(["title", "description", "example", "examples", "deprecated", "default", "readOnly", "writeOnly", "$comment"]);
/** `format` values the validator checks; any other format is refused rather than ignored. */
const FORMATS = new Set(["int32", "int64"]);

/**
 * @param {any} bundled the bundled spec (scripts/spec.mjs), refs local
 * @param {string[]} roots component names to start from (the operations' request schemas)
 * @returns {Record<string, unknown>} component name -> converted schema, for every component the roots reach
 */
export function schemaTable(bundled, roots) {
  const components = bundled.components.schemas;
  /** @type {Record<string, unknown>} */
  const table = {};
  const pending = [...roots];
  while (pending.length) {
    const name = /** @type {string} */ (pending.pop());
    if (name in table) continue;
    if (!(name in components)) throw new Error(`spec: no component schema ${name}`);
    table[name] = null; // reserved: a cycle back to it becomes a $ref
    table[name] = convert(components[name], `#/components/schemas/${name}`, (ref) => {
      pending.push(ref);
    });
  }
  return table;
}

/**
 * @param {any} schema
 * @param {string} where a JSON pointer into the bundled spec, for messages
 * @param {(name: string) => void} reach called for each component the schema refers to
 * @returns {unknown}
 */
function convert(schema, where, reach) {
  if (typeof schema === "boolean") return schema;
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) throw new Error(`spec: ${where} is not a schema`);
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, value] of Object.entries(schema)) {
    const at = `${where}/${key}`;
    if (key === "$ref") {
      const match = /^#\/components\/schemas\/([^/]+)$/.exec(value);
      if (!match) throw new Error(`spec: ${at}: the validator follows refs to component schemas only, not ${value}`);
      reach(match[1]);
      out.$ref = match[1];
    } else if (key === "x-inferred") {
      if (typeof value !== "string" || !value.trim()) throw new Error(`spec: ${at}: x-inferred must say why the rule is ours`);
      out[key] = value;
    } else if (key === "x-not-before") {
      // our one keyword beyond JSON Schema: { later: earlier } between two members of the same object
      const pairs = Object.entries(value ?? {});
      if (!pairs.length || pairs.some(([a, b]) => typeof a !== "string" || typeof b !== "string")) throw new Error(`spec: ${at}: x-not-before maps a member to the member it may not precede`);
      out[key] = value;
    } else if (key.startsWith("x-") || ANNOTATIONS.has(key)) {
      continue;
    } else if (key === "format") {
      if (!FORMATS.has(value)) throw new Error(`spec: ${at}: format "${value}" is not enforced by the validator (known: ${[...FORMATS].join(", ")})`);
      out[key] = value;
    } else if (key === "contentMediaType") {
      if (value !== "application/json") throw new Error(`spec: ${at}: contentMediaType "${value}" is not enforced (only application/json is)`);
      out[key] = value;
    } else if (ENFORCED.has(key)) {
      out[key] = value;
    } else if (key === "additionalProperties" && value === true) {
      continue; // allows what is allowed anyway: nothing to check
    } else if (SUBSCHEMA.has(key)) {
      out[key] = convert(value, at, reach);
    } else if (SUBSCHEMA_MAPS.has(key)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, convert(sub, `${at}/${name}`, reach)]));
    } else if (SUBSCHEMA_LISTS.has(key)) {
      out[key] = value.map((/** @type {unknown} */ sub, /** @type {number} */ i) => convert(sub, `${at}/${i}`, reach));
    } else if (key === "discriminator") {
      out[key] = discriminator(schema, at, reach);
    } else {
      throw new Error(`spec: ${at}: the keyword "${key}" is not enforced by the validator; support it in packages/spec/src/validate.ts or remove it`);
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
  if (!mapping) throw new Error(`spec: ${at}: give the discriminator an explicit mapping (nothing is taken by position)`);
  /** @type {Record<string, string>} */
  const names = {};
  for (const [value, ref] of Object.entries(mapping)) {
    const name = String(ref).replace(/^#\/components\/schemas\//, "");
    reach(name);
    names[value] = name;
  }
  return { propertyName, mapping: names };
}
