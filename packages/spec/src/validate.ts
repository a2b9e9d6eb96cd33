/**
 * The request validator: JSON Schema 2020-12's validation vocabulary and the applicators the spec uses, read from the
 * generated schema table. scripts/generate.mjs refuses any keyword this file does not enforce, so the schema and
 * the checks cannot drift apart. Compiled nowhere (workerd and edge runtimes forbid eval): it walks the table.
 */
import type { Schema, SchemaNode, SchemaTable } from "./model-types.js";

/** One thing wrong with a body: where (`extInfo.amount.currency`, "" for the body itself) and what, as a sentence. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  /** The JSON Schema keyword broken (`required`, `enum`, `maxLength`...). */
  readonly keyword: string;
  /** Set when the rule broken is this SDK's reading, not AlipayHK's words: why it is ours. */
  readonly inferred?: string;
}

interface Context {
  readonly table: SchemaTable;
  /** "for merchantBizType MOVIE_TICKET" inside a discriminated variant, to say which list a value missed. */
  readonly variant: string;
  readonly inferred: string | undefined;
  readonly out: Problem[];
}

/** Checks `value` against the component schema `root` of `table`; every problem found, [] when it is valid. */
export function validate(table: SchemaTable, root: string, value: unknown): Problem[] {
  const out: Problem[] = [];
  check({ $ref: root }, value, "", { table, variant: "", inferred: undefined, out });
  // allOf parts may say the same thing twice (a type in the base and in the variant): once is enough
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(p.path + "\n" + p.message) && !!seen.add(p.path + "\n" + p.message));
}

/** A member that JSON would send: an undefined one vanishes from the text, so it counts as absent. */
const has = (object: Record<string, unknown>, name: string) => Object.hasOwn(object, name) && object[name] !== undefined;
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const join = (path: string, name: string | number) => (typeof name === "number" ? `${path}[${name}]` : path ? `${path}.${name}` : name);
const list = (values: readonly unknown[]) => values.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ");

/** Characters as AlipayHK counts them: code points, so an emoji is one, not two UTF-16 units. */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const length = (text: string) => text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);

const patterns = new Map<string, RegExp>();
const regex = (source: string) => patterns.get(source) ?? patterns.set(source, new RegExp(source, "u")).get(source)!;

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

/** JSON equality, for const, enum and uniqueItems. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/** Whether `value` passes `schema`, without reporting. */
function passes(schema: Schema, value: unknown, path: string, context: Context): boolean {
  const out: Problem[] = [];
  check(schema, value, path, { ...context, out });
  return out.length === 0;
}

/** The one field an alternative requires, when that is all it says (`{ required: [userId] }`): for plain messages. */
function requiredOnly(table: SchemaTable, schema: Schema): readonly string[] | undefined {
  const node = typeof schema === "object" && schema.$ref ? table[schema.$ref] : schema;
  return typeof node === "object" && node.required && !node.anyOf && !node.oneOf && !node.allOf ? node.required : undefined;
}

function check(schema: Schema, value: unknown, path: string, context: Context): void {
  if (schema === true) return;
  const report: Report = (keyword, message, at = path) => {
    context.out.push(context.inferred === undefined ? { path: at, message, keyword } : { path: at, message, keyword, inferred: context.inferred });
  };
  if (schema === false) return report("false", "is not allowed");
  // A component reached by $ref is shared: a variant's name is said only of what the variant itself declares.
  if (schema.$ref !== undefined) check(context.table[schema.$ref] ?? false, value, path, { ...context, variant: "" });
  const marked = inferredWhy(schema);
  if (marked !== undefined) context = { ...context, inferred: marked };

  if (schema.type !== undefined) {
    const types = typeof schema.type === "string" ? [schema.type] : schema.type;
    if (!types.some((t) => hasType(t, value))) return report("type", `must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(" or ")}`);
  }
  if (schema.const !== undefined && !equal(schema.const, value)) report("const", `must be ${list([schema.const])}`);
  if (schema.enum && !schema.enum.some((allowed) => equal(allowed, value))) {
    report("enum", `must be one of ${list(schema.enum)}${context.variant}${typeof value === "string" ? ` (got ${value})` : ""}`);
  }
  if (typeof value === "string") checkString(schema, value, path, context, report);
  else if (typeof value === "number") checkNumber(schema, value, report);
  else if (Array.isArray(value)) checkArray(schema, value, path, context, report);
  else if (isObject(value)) checkObject(schema, value, path, context, report);

  for (const part of schema.allOf ?? []) check(part, value, path, context);
  if (schema.anyOf && !schema.anyOf.some((alt) => passes(alt, value, path, context))) report("anyOf", noneMatched(context.table, schema.anyOf));
  if (schema.oneOf) checkOneOf(schema, value, path, context, report);
  if (schema.not !== undefined && passes(schema.not, value, path, { ...context, inferred: undefined })) {
    const fields = requiredOnly(context.table, schema.not);
    const notContext = inferredWhy(schema.not) ?? context.inferred;
    const message = !fields ? "matches a shape that is not allowed" : fields.length === 2 ? `${fields[0]} and ${fields[1]} must not both be given` : `${list(fields)} must not all be given`;
    context.out.push(notContext === undefined ? { path, message, keyword: "not" } : { path, message, keyword: "not", inferred: notContext });
  }
}

type Report = (keyword: string, message: string, at?: string) => void;

/** Why the rules of `schema` (its own keywords and everything under it) are ours, when they are. */
const inferredWhy = (schema: Schema): string | undefined => (typeof schema === "object" ? schema["x-inferred"] : undefined);

function checkString(schema: SchemaNode, value: string, path: string, context: Context, report: Report): void {
  if (schema.maxLength !== undefined && length(value) > schema.maxLength) report("maxLength", `must be at most ${schema.maxLength} characters (got ${length(value)})`);
  if (schema.minLength !== undefined && length(value) < schema.minLength) {
    report("minLength", schema.minLength === 1 ? "must not be empty" : `must be at least ${schema.minLength} characters (got ${length(value)})`);
  }
  if (schema.pattern !== undefined && !regex(schema.pattern).test(value)) report("pattern", `must match the pattern ${schema.pattern}`);
  if (schema.contentMediaType === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return report("contentMediaType", "must be JSON text");
    }
    if (schema.contentSchema !== undefined) {
      const inner: Problem[] = [];
      check(schema.contentSchema, parsed, "", { ...context, out: inner });
      for (const p of inner) report("contentSchema", `holds JSON whose ${p.path || "value"} ${p.message}`);
    }
  }
}

function checkNumber(schema: SchemaNode, value: number, report: Report): void {
  if (schema.minimum !== undefined && value < schema.minimum) report("minimum", `must be at least ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) report("exclusiveMinimum", `must be greater than ${schema.exclusiveMinimum}`);
  if (schema.maximum !== undefined && value > schema.maximum) report("maximum", `must be at most ${schema.maximum}`);
  if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) report("exclusiveMaximum", `must be less than ${schema.exclusiveMaximum}`);
  // a quotient within rounding error of a whole number counts: 0.3 is a multiple of 0.1
  if (schema.multipleOf !== undefined) {
    const quotient = value / schema.multipleOf;
    if (Math.abs(quotient - Math.round(quotient)) > 1e-9) report("multipleOf", `must be a multiple of ${schema.multipleOf}`);
  }
  if (schema.format === "int32" && (value < -(2 ** 31) || value > 2 ** 31 - 1)) report("format", "must fit in 32 bits");
}

function checkArray(schema: SchemaNode, value: readonly unknown[], path: string, context: Context, report: Report): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) report("minItems", `must have at least ${schema.minItems} item${schema.minItems === 1 ? "" : "s"}`);
  if (schema.maxItems !== undefined && value.length > schema.maxItems) report("maxItems", `must have at most ${schema.maxItems} item${schema.maxItems === 1 ? "" : "s"} (got ${value.length})`);
  if (schema.uniqueItems) {
    outer: for (let i = 0; i < value.length; i++) {
      for (let j = i + 1; j < value.length; j++) {
        if (equal(value[i], value[j])) {
          report("uniqueItems", `must not repeat an item (items ${i} and ${j} are equal)`);
          break outer;
        }
      }
    }
  }
  if (schema.items !== undefined) value.forEach((item, i) => check(schema.items!, item, join(path, i), context));
  if (schema.contains !== undefined) {
    const count = value.filter((item, i) => passes(schema.contains!, item, join(path, i), context)).length;
    const min = schema.minContains ?? 1;
    if (count < min) report("minContains", `must have at least ${min} item${min === 1 ? "" : "s"} of the required shape (got ${count})`);
    if (schema.maxContains !== undefined && count > schema.maxContains) report("maxContains", `must have at most ${schema.maxContains} items of that shape (got ${count})`);
  }
}

function checkObject(schema: SchemaNode, value: Record<string, unknown>, path: string, context: Context, report: Report): void {
  const count = Object.keys(value).length;
  if (schema.minProperties !== undefined && count < schema.minProperties) report("minProperties", `must have at least ${schema.minProperties} member${schema.minProperties === 1 ? "" : "s"}`);
  if (schema.maxProperties !== undefined && count > schema.maxProperties) report("maxProperties", `must have at most ${schema.maxProperties} members (got ${count})`);
  for (const name of schema.required ?? []) if (!has(value, name)) report("required", "is required", join(path, name));
  for (const [name, needs] of Object.entries(schema.dependentRequired ?? {})) {
    if (!has(value, name)) continue;
    for (const other of needs) if (!has(value, other)) report("dependentRequired", `is required when ${name} is given`, join(path, other));
  }
  for (const [later, earlier] of Object.entries(schema["x-not-before"] ?? {})) {
    const [a, b] = [value[later], value[earlier]];
    if (typeof a === "number" && typeof b === "number" && a < b) report("x-not-before", `must not be earlier than ${earlier}`, join(path, later));
  }
  const properties = schema.properties ?? {};
  for (const [name, sub] of Object.entries(properties)) if (has(value, name)) check(sub, value[name], join(path, name), context);
  if (schema.additionalProperties !== undefined) {
    for (const name of Object.keys(value)) {
      if (Object.hasOwn(properties, name) || !has(value, name)) continue;
      if (schema.additionalProperties === false) {
        const known = Object.keys(properties);
        report("additionalProperties", `is not allowed${known.length ? ` (allowed: ${known.join(", ")})` : ""}`, join(path, name));
      } else check(schema.additionalProperties, value[name], join(path, name), context);
    }
  }
}

function checkOneOf(schema: SchemaNode, value: unknown, path: string, context: Context, report: Report): void {
  const discriminator = schema.discriminator;
  if (discriminator && isObject(value)) {
    const key = value[discriminator.propertyName];
    const at = join(path, discriminator.propertyName);
    if (key === undefined) return report("required", "is required", at);
    const target = typeof key === "string" && Object.hasOwn(discriminator.mapping, key) ? discriminator.mapping[key] : undefined;
    if (!target) return report("discriminator", `must be one of ${Object.keys(discriminator.mapping).join(", ")}${typeof key === "string" ? ` (got ${key})` : ""}`, at);
    return check(context.table[target] ?? false, value, path, { ...context, variant: ` for ${discriminator.propertyName} ${key}` });
  }
  const matched = schema.oneOf!.filter((alt) => passes(alt, value, path, context)).length;
  if (matched === 0) report("oneOf", noneMatched(context.table, schema.oneOf!));
  else if (matched > 1) report("oneOf", `matches ${matched} of the ${schema.oneOf!.length} allowed shapes; it must match exactly one`);
}

/** "userId or openId is required" when each alternative only requires a field, else a count of the shapes. */
function noneMatched(table: SchemaTable, alternatives: readonly Schema[]): string {
  const fields = alternatives.map((alt) => requiredOnly(table, alt));
  if (fields.every((f) => f?.length === 1)) return `${fields.map((f) => f![0]).join(" or ")} is required`;
  return `does not match any of the ${alternatives.length} allowed shapes`;
}
