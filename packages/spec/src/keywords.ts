/**
 * The keywords a schema table may use beyond the core of validate.ts (types, values, objects' members and the
 * applicators): one function each. The generated table lists, under {@link KEYWORDS}, only those its schemas use,
 * so that a bundle carries the checks the spec needs and no others; scripts/generate.mjs refuses any keyword that is
 * neither core nor here, so nothing in a request schema goes unchecked.
 */
import { check, equal, join, passes } from "./validate.js";
import type { Context, KeywordCheck, SchemaTable } from "./model-types.js";
import { encodeJsonText } from "./encode.js";
import { KEYWORDS } from "./symbols.js";

export { KEYWORDS, type KeywordCheck };

/**
 * `table` with `checks` under KEYWORDS. The generated model calls it marked pure: an object literal with a computed key
 * would count as a side effect, and keep the table (and every check) in bundles that import nothing but OPERATIONS.
 */
export const withKeywordChecks = <Table extends SchemaTable>(
  checks: { readonly [keyword: string]: KeywordCheck },
  table: Table,
): Table => ({ [KEYWORDS]: checks, ...table });

/** Characters as AlipayHK counts them: code points, so an emoji is one, not two UTF-16 units. */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
const length = (text: string) => text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;
const patterns = new Map<string, RegExp>();
const regex = (source: string) => patterns.get(source) ?? patterns.set(source, new RegExp(source, "u")).get(source)!;

// A string has at most as many code points as UTF-16 units, and at least half as many: the exact count (a regex
// match, which allocates) is needed only near the limit.
export const maxLength: KeywordCheck = (s, v, _, __, report) => {
  if (typeof v === "string" && v.length > s.maxLength! && length(v) > s.maxLength!)
    report("maxLength", `must be at most ${s.maxLength} characters (got ${length(v)})`);
};
export const minLength: KeywordCheck = (s, v, _, __, report) => {
  if (typeof v === "string" && v.length < 2 * s.minLength! && length(v) < s.minLength!) {
    report(
      "minLength",
      s.minLength === 1 ? "must not be empty" : `must be at least ${s.minLength} characters (got ${length(v)})`,
    );
  }
};
export const pattern: KeywordCheck = (s, v, _, __, report) => {
  if (typeof v === "string" && !regex(s.pattern!).test(v)) report("pattern", `must match the pattern ${s.pattern}`);
};
/**
 * JSON text (the only contentMediaType the generator accepts), and its contentSchema. It carries, as `encode`, what
 * turns a value given for such a field into its text (encodeJsonText): a client finds the encoder in the tables that
 * have such fields, so that a bundle whose operations have none (order sync's) carries no encoder.
 */
export const contentMediaType: KeywordCheck & { readonly encode: typeof encodeJsonText } =
  /* @__PURE__ */ Object.assign(
    ((s, v, _, context, report) => {
      if (typeof v !== "string") return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(v);
      } catch {
        return report("contentMediaType", "must be JSON text");
      }
      if (s.contentSchema === undefined) return;
      const inner: Context = { ...context, out: [] };
      check(s.contentSchema, parsed, "", inner);
      for (const p of inner.out) report("contentSchema", `holds JSON whose ${p.path || "value"} ${p.message}`);
    }) as KeywordCheck,
    { encode: encodeJsonText },
  );

export const minimum: KeywordCheck = (s, v, _, __, report) => {
  if (typeof v === "number" && v < s.minimum!) report("minimum", `must be at least ${s.minimum}`);
};
export const exclusiveMinimum: KeywordCheck = (s, v, _, __, report) => {
  if (typeof v === "number" && v <= s.exclusiveMinimum!)
    report("exclusiveMinimum", `must be greater than ${s.exclusiveMinimum}`);
};
export const maximum: KeywordCheck = (s, v, _, __, report) => {
  if (typeof v === "number" && v > s.maximum!) report("maximum", `must be at most ${s.maximum}`);
};
export const exclusiveMaximum: KeywordCheck = (s, v, _, __, report) => {
  if (typeof v === "number" && v >= s.exclusiveMaximum!)
    report("exclusiveMaximum", `must be less than ${s.exclusiveMaximum}`);
};
/** A quotient within rounding error of a whole number counts: 0.3 is a multiple of 0.1. */
export const multipleOf: KeywordCheck = (s, v, _, __, report) => {
  const quotient = typeof v === "number" ? v / s.multipleOf! : 0;
  if (Math.abs(quotient - Math.round(quotient)) > 1e-9) report("multipleOf", `must be a multiple of ${s.multipleOf}`);
};
/** int32 is checked; int64 (the generator's other known format) is as wide as a JSON integer gets anyway. */
export const format: KeywordCheck = (s, v, _, __, report) => {
  if (s.format === "int32" && typeof v === "number" && (v < -(2 ** 31) || v > 2 ** 31 - 1))
    report("format", "must fit in 32 bits");
};

export const items: KeywordCheck = (s, v, path, context) => {
  if (Array.isArray(v)) for (const [i, item] of v.entries()) check(s.items!, item, join(path, i), context);
};
export const minItems: KeywordCheck = (s, v, _, __, report) => {
  if (Array.isArray(v) && v.length < s.minItems!)
    report("minItems", `must have at least ${plural(s.minItems!, "item")}`);
};
export const maxItems: KeywordCheck = (s, v, _, __, report) => {
  if (Array.isArray(v) && v.length > s.maxItems!)
    report("maxItems", `must have at most ${plural(s.maxItems!, "item")} (got ${v.length})`);
};
export const uniqueItems: KeywordCheck = (s, v, _, __, report) => {
  if (!s.uniqueItems || !Array.isArray(v)) return;
  for (let i = 0; i < v.length; i++) {
    const j = v.findIndex((other, k) => k > i && equal(v[i], other));
    if (j > 0) return report("uniqueItems", `must not repeat an item (items ${i} and ${j} are equal)`);
  }
};
/** `contains`, with its minContains (default 1) and maxContains. */
export const contains: KeywordCheck = (s, v, path, context, report) => {
  if (!Array.isArray(v)) return;
  const count = v.filter((item, i) => passes(s.contains!, item, join(path, i), context)).length;
  const min = s.minContains ?? 1;
  if (count < min)
    report("minContains", `must have at least ${plural(min, "item")} of the required shape (got ${count})`);
  if (count > (s.maxContains ?? Infinity))
    report("maxContains", `must have at most ${s.maxContains} items of that shape (got ${count})`);
};

const members = (v: unknown) =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
export const minProperties: KeywordCheck = (s, v, _, __, report) => {
  const object = members(v);
  if (object && Object.keys(object).length < s.minProperties!)
    report("minProperties", `must have at least ${plural(s.minProperties!, "member")}`);
};
export const maxProperties: KeywordCheck = (s, v, _, __, report) => {
  const count = Object.keys(members(v) ?? {}).length;
  if (count > s.maxProperties!) report("maxProperties", `must have at most ${s.maxProperties} members (got ${count})`);
};
/** A member that JSON would send: an undefined one vanishes from the text, so it counts as absent. */
const has = (object: Record<string, unknown>, name: string) =>
  object[name] !== undefined && Object.hasOwn(object, name);
export const dependentRequired: KeywordCheck = (s, v, path, _, report) => {
  const object = members(v);
  for (const [name, needs] of Object.entries(object ? s.dependentRequired! : {})) {
    if (has(object!, name))
      for (const other of needs)
        if (!has(object!, other)) report("dependentRequired", `is required when ${name} is given`, join(path, other));
  }
};
/** Our one keyword beyond JSON Schema: a time member that may not be earlier than another of the same object. */
export const xNotBefore: KeywordCheck = (s, v, path, _, report) => {
  const object = members(v);
  for (const [later, earlier] of Object.entries(object ? s["x-not-before"]! : {})) {
    const [a, b] = [object![later], object![earlier]];
    if (typeof a === "number" && typeof b === "number" && a < b)
      report("x-not-before", `must not be earlier than ${earlier}`, join(path, later));
  }
};
