/**
 * What a caller may give more loosely than the wire takes: a string that holds JSON (`contentMediaType:
 * application/json`, such as a notification's BusinessInfo) may be given as the value itself, and is sent as its
 * JSON text. Only such fields change; everything else is passed through as it is.
 */
import type { Schema, SchemaTable } from "./model-types.js";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `value` with every JSON-text field that was given as a value turned into its text (a copy where anything changed). */
export function encodeJsonText(table: SchemaTable, root: string, value: unknown): unknown {
  return holdsJsonText(table, root) ? encode(table, { $ref: root }, value) : value;
}

// Whether a root reaches any JSON-text field at all, worked out once: most bodies (order sync's) have none, and
// then nothing is walked per call.
const reachesJsonText = new WeakMap<SchemaTable, Map<string, boolean>>();
function holdsJsonText(table: SchemaTable, root: string): boolean {
  let roots = reachesJsonText.get(table);
  if (!roots) reachesJsonText.set(table, (roots = new Map()));
  let found = roots.get(root);
  if (found === undefined) {
    const seen = new Set<unknown>();
    const search = (node: unknown): boolean => {
      if (!node || typeof node !== "object" || seen.has(node)) return false;
      seen.add(node);
      const { $ref, contentMediaType } = node as { $ref?: string; contentMediaType?: string };
      if (contentMediaType === "application/json") return true;
      if ($ref !== undefined && search(table[$ref])) return true;
      return Object.values(node).some(search);
    };
    roots.set(root, (found = search(table[root])));
  }
  return found;
}

function encode(table: SchemaTable, schema: Schema, value: unknown): unknown {
  if (typeof schema !== "object" || value === undefined) return value;
  if (schema.$ref !== undefined) value = encode(table, table[schema.$ref] ?? true, value);
  if (schema.contentMediaType === "application/json" && typeof value !== "string") return JSON.stringify(value);
  for (const part of schema.allOf ?? []) value = encode(table, part, value);
  const discriminator = schema.discriminator;
  if (discriminator && isObject(value)) {
    const key = value[discriminator.propertyName];
    const target =
      typeof key === "string" && Object.hasOwn(discriminator.mapping, key) ? discriminator.mapping[key] : undefined;
    if (target) value = encode(table, { $ref: target }, value);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = value.map((item) => encode(table, schema.items!, item));
    if (items.some((item, i) => item !== value[i])) return items;
  }
  if (isObject(value) && (schema.properties || typeof schema.additionalProperties === "object")) {
    let copy: Record<string, unknown> | undefined;
    for (const [name, item] of Object.entries(value)) {
      const sub = schema.properties?.[name] ?? schema.additionalProperties;
      if (sub === undefined) continue;
      const encoded = encode(table, sub, item);
      if (encoded !== item) (copy ??= { ...value })[name] = encoded;
    }
    return copy ?? value;
  }
  return value;
}
