/**
 * The request validator: JSON Schema 2020-12's validation vocabulary and the applicators the spec uses, read from the
 * generated schema table. The core is here (types, const and enum, objects' members, the applicators); every other
 * keyword is a function of keywords.ts that the table lists under KEYWORDS when its schemas use it, so that a bundle
 * carries only the checks its spec needs. scripts/generate.mjs refuses any keyword neither place enforces, so the
 * schema and the checks cannot drift apart. Compiled nowhere (workerd and edge runtimes forbid eval): it walks the table.
 */
import type { Context, Problem, Report, Schema, SchemaNode, SchemaTable } from "./model-types.js";
import { KEYWORDS } from "./symbols.js";

export type { Problem };

/** Checks `value` against the component schema `root` of `table`; every problem found, [] when it is valid. */
export function validate(table: SchemaTable, root: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  check(table[root] ?? false, value, "", { table, variant: "", inferred: undefined, out });
  if (out.length < 2) return out;
  // allOf parts may say the same thing twice (a type in the base and in the variant): once is enough
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(`${p.path}\n${p.message}`) && !!seen.add(`${p.path}\n${p.message}`));
}

/** A member that JSON would send: an undefined one vanishes from the text, so it counts as absent. */
const has = (object: Record<string, unknown>, name: string) =>
  Object.hasOwn(object, name) && object[name] !== undefined;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
/** @internal `a.b`, `a[0]`: where a problem is. */
export const join = (path: string, name: string | number): string =>
  typeof name === "number" ? `${path}[${name}]` : path ? `${path}.${name}` : name;
const list = (values: readonly unknown[]) =>
  values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "an object",
  array: "an array",
  null: "null",
};
function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isSafeInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    default:
      return value === null;
  }
}

/** @internal JSON equality, for const, enum and uniqueItems. */
export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/**
 * `context` with its variant, inferred and out given. Spelled out: V8 copies a spread object slowly, and validating an
 * order made seven such copies (8 µs per order before, 3.5 after, with the loops below that allocate nothing).
 */
const derive = (
  context: Context,
  variant: string,
  inferred: string | undefined,
  out: Problem[] = context.out,
): Context => ({ table: context.table, variant, inferred, out });

/** @internal Whether `value` passes `schema`, without reporting. */
export function passes(schema: Schema, value: unknown, path: string, context: Context): boolean {
  const out: Problem[] = [];
  check(schema, value, path, derive(context, context.variant, context.inferred, out));
  return out.length === 0;
}

/** The one field an alternative requires, when that is all it says (`{ required: [userId] }`): for plain messages. */
function requiredOnly(table: SchemaTable, schema: Schema): readonly string[] | undefined {
  const node = typeof schema === "object" && schema.$ref ? table[schema.$ref] : schema;
  return typeof node === "object" && node.required && !node.anyOf && !node.oneOf && !node.allOf
    ? node.required
    : undefined;
}

/**
 * The keywords `check` reads of every node, copied into the node's shape in this order. Read straight from the
 * generated nodes (thirty-odd object shapes), each was a megamorphic property load, cold between two HTTP calls: an
 * order's validation took 38-60 µs there (6 µs in a loop), about 20 µs with the shapes (4 in a loop).
 */
const CORE = [
  "$ref",
  "x-inferred",
  "type",
  "const",
  "enum",
  "required",
  "properties",
  "additionalProperties",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
] as const;
/** A node's CORE keywords, absent ones as undefined. */
type Shape = Pick<SchemaNode, (typeof CORE)[number]>;
const shapes = new WeakMap<SchemaNode, Shape>();

/** `node` as `check` reads it: its CORE keywords, in one object shape for every node. Made once per node. */
function shapeOf(node: SchemaNode): Shape {
  let shape = shapes.get(node);
  if (!shape) {
    const made: Record<string, unknown> = {};
    for (const keyword of CORE) made[keyword] = node[keyword];
    shapes.set(node, (shape = made as Shape));
  }
  return shape;
}

/** @internal Checks `value` against `schema`, adding what is wrong to `context.out`. */
export function check(schema: Schema, value: unknown, path: string, context: Context): void {
  if (schema === true) return;
  const report: Report = (keyword, message, at = path) => {
    context.out.push(
      context.inferred === undefined
        ? { path: at, message, keyword }
        : { path: at, message, keyword, inferred: context.inferred },
    );
  };
  if (schema === false) {
    report("false", "is not allowed");
    return;
  }
  const s = shapeOf(schema);
  // A component reached by $ref is shared: a variant's name is said only of what the variant itself declares.
  if (s.$ref !== undefined)
    check(
      context.table[s.$ref] ?? false,
      value,
      path,
      context.variant ? derive(context, "", context.inferred) : context,
    );
  const marked = s["x-inferred"];
  if (marked !== undefined && marked !== context.inferred) context = derive(context, context.variant, marked);

  const { type } = s;
  if (type !== undefined && !(typeof type === "string" ? hasType(type, value) : type.some((t) => hasType(t, value)))) {
    report("type", `must be ${(typeof type === "string" ? [type] : type).map((t) => TYPE_NAMES[t] ?? t).join(" or ")}`);
    return;
  }
  if (s.const !== undefined && !equal(s.const, value)) report("const", `must be ${list([s.const])}`);
  if (
    s.enum &&
    !(typeof value === "string" ? s.enum.includes(value) : s.enum.some((allowed) => equal(allowed, value)))
  ) {
    report(
      "enum",
      `must be one of ${list(s.enum)}${context.variant}${typeof value === "string" ? ` (got ${value})` : ""}`,
    );
  }
  const object = isObject(value) ? value : undefined;
  if (object && s.required)
    for (const name of s.required) if (!has(object, name)) report("required", "is required", join(path, name));
  // the checks of its other keywords (few per node): those of keywords.ts this table holds
  const keywords = context.table[KEYWORDS];
  for (const keyword in schema) keywords?.[keyword]?.(schema, value, path, context, report);
  if (object) checkMembers(s, object, path, context, report);

  if (s.allOf) for (const part of s.allOf) check(part, value, path, context);
  if (s.anyOf && !s.anyOf.some((alt) => passes(alt, value, path, context)))
    report("anyOf", noneMatched(context.table, s.anyOf));
  if (s.oneOf) checkOneOf(schema, value, path, context, report);
  if (s.not !== undefined && passes(s.not, value, path, derive(context, context.variant, undefined))) {
    const fields = requiredOnly(context.table, s.not);
    const notContext = (typeof s.not === "object" ? s.not["x-inferred"] : undefined) ?? context.inferred;
    const message = !fields
      ? "matches a shape that is not allowed"
      : fields.length === 2
        ? `${fields[0]} and ${fields[1]} must not both be given`
        : `${list(fields)} must not all be given`;
    context.out.push(
      notContext === undefined
        ? { path, message, keyword: "not" }
        : { path, message, keyword: "not", inferred: notContext },
    );
  }
}

/** properties and additionalProperties. */
function checkMembers(s: Shape, value: Record<string, unknown>, path: string, context: Context, report: Report): void {
  const properties = s.properties ?? {};
  for (const name in properties) if (has(value, name)) check(properties[name]!, value[name], join(path, name), context);
  if (s.additionalProperties === undefined) return;
  for (const name of Object.keys(value)) {
    if (Object.hasOwn(properties, name) || !has(value, name)) continue;
    if (s.additionalProperties === false) {
      const known = Object.keys(properties);
      report(
        "additionalProperties",
        `is not allowed${known.length ? ` (allowed: ${known.join(", ")})` : ""}`,
        join(path, name),
      );
    } else check(s.additionalProperties, value[name], join(path, name), context);
  }
}

function checkOneOf(schema: SchemaNode, value: unknown, path: string, context: Context, report: Report): void {
  const discriminator = schema.discriminator;
  if (discriminator && isObject(value)) {
    const key = value[discriminator.propertyName];
    const at = join(path, discriminator.propertyName);
    const target =
      typeof key === "string" && Object.hasOwn(discriminator.mapping, key) ? discriminator.mapping[key] : undefined;
    if (key === undefined) report("required", "is required", at);
    else if (!target)
      report(
        "discriminator",
        `must be one of ${Object.keys(discriminator.mapping).join(", ")}${typeof key === "string" ? ` (got ${key})` : ""}`,
        at,
      );
    else
      check(
        context.table[target] ?? false,
        value,
        path,
        derive(context, ` for ${discriminator.propertyName} ${key}`, context.inferred),
      );
    return;
  }
  const matched = schema.oneOf!.filter((alt) => passes(alt, value, path, context)).length;
  if (matched === 0) report("oneOf", noneMatched(context.table, schema.oneOf!));
  else if (matched > 1)
    report("oneOf", `matches ${matched} of the ${schema.oneOf!.length} allowed shapes; it must match exactly one`);
}

/** "userId or openId is required" when each alternative only requires a field, else a count of the shapes. */
function noneMatched(table: SchemaTable, alternatives: readonly Schema[]): string {
  const fields = alternatives.map((alt) => requiredOnly(table, alt));
  if (fields.every((f) => f?.length === 1)) return `${fields.map((f) => f![0]).join(" or ")} is required`;
  return `does not match any of the ${alternatives.length} allowed shapes`;
}
