// @ts-check
// The spec's own readings (x-inferred) in the JSDoc of the fields they touch: the generated types take each schema's
// `description`, so each field a rule touches gets a line saying what the rule is, that it is this SDK's reading and
// who enforces it. Only the copy handed to openapi-typescript changes; the model (and every bundle) is untouched.

const WHO = "refused by the sandbox unless `strict: false`, and before sending by a client with `strict: true`";

/**
 * The bundled spec, each field that an x-inferred rule touches with the rule in its description.
 * @param {any} bundled @returns {any}
 */
export function documentInferred(bundled) {
  const spec = structuredClone(bundled);
  /** @type {Set<object>} */
  const seen = new Set();
  const resolve = (/** @type {any} */ node) =>
    typeof node?.$ref === "string" && node.$ref.startsWith("#/")
      ? node.$ref
          .slice(2)
          .split("/")
          .reduce((at, key) => at?.[key], spec)
      : node;
  const visit = (/** @type {any} */ node, negated = false) => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    // a `not` schema's members describe what is refused, not fields to document
    if (!negated && (node.properties || node.allOf)) documentObject(node, resolve);
    for (const [key, value] of Object.entries(node)) visit(value, key === "not");
  };
  visit(spec.components?.schemas);
  visit(spec.paths);
  return spec;
}

/**
 * Notes the rules that touch the fields `object` defines (in its properties or an inline allOf part's): each field's
 * own (on it or an inline allOf part of it), and the object's (on it, or on its allOf parts, inline or one $ref away).
 * @param {any} object @param {(node: any) => any} resolve
 */
function documentObject(object, resolve) {
  const parts = [object, ...(object.allOf ?? []).map(resolve)].filter((p) => p && typeof p === "object");
  /** @type {Record<string, any>} */
  const fields = {};
  for (const part of [object, ...(object.allOf ?? [])])
    if (!part?.$ref) for (const [name, f] of Object.entries(part?.properties ?? {})) fields[name] ??= f;
  if (object.properties) {
    for (const field of Object.values(object.properties)) {
      for (const rule of [field, ...(field.allOf ?? [])])
        if (typeof rule?.["x-inferred"] === "string") note(field, words(rule), rule["x-inferred"]);
    }
  }
  for (const part of parts) {
    const rules = [part, ...(part.allOf ?? [])].filter((r) => r && typeof r === "object" && !r.$ref);
    for (const rule of rules) {
      if (typeof rule["x-inferred"] === "string") {
        for (const name of rule.required ?? []) note(fields[name], "required", rule["x-inferred"]);
        for (const [later, earlier] of Object.entries(rule["x-not-before"] ?? {}))
          note(fields[later], `not earlier than \`${earlier}\``, rule["x-inferred"]);
      }
      const not = rule.not;
      if (typeof not?.["x-inferred"] === "string") {
        const names = not.required ?? [];
        for (const name of names)
          note(
            fields[name],
            `not together with ${names
              .filter((n) => n !== name)
              .map((n) => `\`${n}\``)
              .join(", ")}`,
            not["x-inferred"],
          );
      }
    }
  }
}

/** What a field's own inferred rule asks, in words: "not empty", "a whole number, at least 0". @param {any} rule */
function words(rule) {
  const said = [];
  if (rule.type === "integer") said.push("a whole number");
  if (rule.minLength !== undefined)
    said.push(rule.minLength === 1 ? "not empty" : `at least ${rule.minLength} characters`);
  if (rule.minimum !== undefined) said.push(`at least ${rule.minimum}`);
  for (const [keyword, value] of Object.entries(rule)) {
    if (!["x-inferred", "type", "format", "minLength", "minimum", "description", "title"].includes(keyword))
      said.push(`${keyword}: ${JSON.stringify(value)}`);
  }
  return said.join(", ") || "as described";
}

/** Adds the rule to the field's description, once. @param {any} field @param {string} rule @param {string} why */
function note(field, rule, why) {
  if (!field || typeof field !== "object") return;
  const reason = why.trim().replace(/\.$/, "");
  const line = `Inferred (this SDK's reading, not AlipayHK's page): ${rule}; ${WHO}. Why: ${reason}.`;
  const text = typeof field.description === "string" ? field.description.trimEnd() : "";
  if (!text.includes(line)) field.description = text ? `${text}\n\n${line}` : line;
}
