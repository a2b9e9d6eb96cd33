// @ts-check
// One keyword at a time: its effective value over every place it is written (all of them must hold), and how two
// effective values differ. A move either narrows (the schema accepts less than before) or widens (accepts more);
// whether that breaks callers depends on the direction, which schema.mjs decides.
import { allowedValues } from "./shape.mjs";

/** @typedef {import("./shape.mjs").Entry} Entry */
/** @typedef {{ narrows: boolean; action: string; text: string; pointer: string; value?: string }} Move */

/** Upper and lower bounds, with their names in change ids (as oasdiff spells them). */
const UPPER = {
  maximum: "max",
  exclusiveMaximum: "exclusive-max",
  maxLength: "max-length",
  maxItems: "max-items",
  maxProperties: "max-properties",
  maxContains: "max-contains",
};
const LOWER = {
  minimum: "min",
  exclusiveMinimum: "exclusive-min",
  minLength: "min-length",
  minItems: "min-items",
  minProperties: "min-properties",
  minContains: "min-contains",
};
/** Keywords where each written value is one more condition: [name in ids, verb when one appears, verb when one goes]. */
const CONDITIONS = {
  pattern: ["pattern", "added", "removed"],
  format: ["format", "set", "unset"],
  multipleOf: ["multiple-of", "set", "unset"],
  uniqueItems: ["unique-items", "set", "unset"],
  additionalProperties: ["additional-properties", "disallowed", "allowed"],
  "x-not-before": ["not-before", "added", "removed"],
};

/** @type {Record<string, string>} */
const LABELS = {
  ...UPPER,
  ...LOWER,
  ...Object.fromEntries(Object.entries(CONDITIONS).map(([k, [name]]) => [k, name])),
};

/** The name of a keyword in change ids. @param {string} keyword */
export const label = (keyword) =>
  LABELS[keyword] ?? keyword.replace(/^x-/, "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const show = (/** @type {unknown} */ v) => (typeof v === "string" ? v : JSON.stringify(v)).slice(0, 120);

/**
 * How the effective value of `keyword` moved from the entries `before` to the entries `after`.
 * @param {string} keyword @param {Entry[]} before @param {Entry[]} after @returns {Move[]}
 */
export function compare(keyword, before, after) {
  if (keyword in UPPER || keyword in LOWER) return bound(keyword, before, after, keyword in UPPER ? 1 : -1);
  if (keyword === "enum") return enumMoves(before, after);
  if (keyword === "type") return typeMoves(before, after);
  if (keyword === "required") return requiredMoves(before, after);
  return conditionMoves(keyword, before, after);
}

/** @param {string} keyword @param {Entry[]} before @param {Entry[]} after @param {1 | -1} sign 1 for an upper bound */
function bound(keyword, before, after, sign) {
  const tightest = (/** @type {Entry[]} */ entries) =>
    entries.reduce(
      (/** @type {Entry | undefined} */ best, e) => (!best || sign * e.value < sign * best.value ? e : best),
      undefined,
    );
  const b = tightest(before);
  const a = tightest(after);
  if (b?.value === a?.value) return [];
  if (!b && a) return [{ narrows: true, action: "set", text: `${keyword} set to ${a.value}`, pointer: a.pointer }];
  if (b && !a) return [{ narrows: false, action: "unset", text: `${keyword} ${b.value} removed`, pointer: b.pointer }];
  const [bv, av, where] = [b?.value, a?.value, /** @type {Entry} */ (a).pointer];
  const action = av < bv ? "decreased" : "increased";
  return [{ narrows: sign * av < sign * bv, action, text: `${keyword} ${action} from ${bv} to ${av}`, pointer: where }];
}

/** @param {Entry[]} before @param {Entry[]} after @returns {Move[]} */
function enumMoves(before, after) {
  const b = allowedValues(before);
  const a = allowedValues(after);
  if (!b && !a) return [];
  if (!b)
    return [
      {
        narrows: true,
        action: "became-enum",
        text: `restricted to ${a?.map(show).join(", ")}`,
        pointer: after[0].pointer,
      },
    ];
  if (!a)
    return [
      {
        narrows: false,
        action: "enum-removed",
        text: `no longer restricted to ${b.map(show).join(", ")}`,
        pointer: before[0].pointer,
      },
    ];
  const has = (/** @type {unknown[]} */ list, /** @type {unknown} */ v) =>
    list.some((w) => JSON.stringify(w) === JSON.stringify(v));
  return [
    ...b
      .filter((v) => !has(a, v))
      .map((v) => ({
        narrows: true,
        action: "enum-value-removed",
        text: `enum value ${show(v)} removed`,
        pointer: before[0].pointer,
        value: show(v),
      })),
    ...a
      .filter((v) => !has(b, v))
      .map((v) => ({
        narrows: false,
        action: "enum-value-added",
        text: `enum value ${show(v)} added`,
        pointer: after[0].pointer,
        value: show(v),
      })),
  ];
}

const TYPES = ["null", "boolean", "object", "array", "number", "integer", "string"];

/** @param {Entry[]} before @param {Entry[]} after @returns {Move[]} */
function typeMoves(before, after) {
  // every written `type` must hold; "number" also admits integers
  const allowed = (/** @type {Entry[]} */ entries) =>
    entries.reduce((set, e) => {
      const named = [e.value].flat();
      const admits = new Set(named.includes("number") ? [...named, "integer"] : named);
      return set.filter((t) => admits.has(t));
    }, TYPES);
  const names = (/** @type {string[]} */ set) =>
    set.length === TYPES.length
      ? "any"
      : set.filter((t) => t !== "integer" || !set.includes("number")).join(" or ") || "nothing";
  const b = allowed(before);
  const a = allowed(after);
  const lost = b.filter((t) => !a.includes(t));
  const gained = a.filter((t) => !b.includes(t));
  if (!lost.length && !gained.length) return [];
  const pointer = (after[0] ?? before[0]).pointer;
  const text = `type changed from ${names(b)} to ${names(a)}`;
  // both ways at once is a change for either side: "type-changed", counted as narrowing
  const action = lost.length && gained.length ? "type-changed" : lost.length ? "type-narrowed" : "type-generalized";
  return [{ narrows: lost.length > 0, action, text, pointer }];
}

/** @param {Entry[]} before @param {Entry[]} after @returns {Move[]} */
function requiredMoves(before, after) {
  const names = (/** @type {Entry[]} */ entries) => new Map(entries.map((e) => [e.key, e]));
  const b = names(before);
  const a = names(after);
  return [
    ...[...a.values()]
      .filter((e) => !b.has(e.key))
      .map((e) => ({ narrows: true, action: "required", text: "became required", pointer: e.pointer, value: e.key })),
    ...[...b.values()]
      .filter((e) => !a.has(e.key))
      .map((e) => ({ narrows: false, action: "optional", text: "became optional", pointer: e.pointer, value: e.key })),
  ];
}

/** Any other keyword: each distinct written value is one more condition. @param {string} keyword @param {Entry[]} before @param {Entry[]} after */
function conditionMoves(keyword, before, after) {
  const [, appears, goes] = /** @type {Record<string, string[]>} */ (CONDITIONS)[keyword] ?? [
    keyword,
    "added",
    "removed",
  ];
  const keys = (/** @type {Entry[]} */ entries) => new Map(entries.map((e) => [e.key, e]));
  const b = keys(before);
  const a = keys(after);
  const added = [...a.values()].filter((e) => !b.has(e.key));
  const removed = [...b.values()].filter((e) => !a.has(e.key));
  if (added.length && removed.length) {
    const text = `${keyword} changed from ${removed.map((e) => show(e.value)).join(", ")} to ${added.map((e) => show(e.value)).join(", ")}`;
    return [{ narrows: true, action: "changed", text, pointer: added[0].pointer }];
  }
  return [
    ...added.map((e) => ({
      narrows: true,
      action: appears,
      text: `${keyword} ${show(e.value)} ${appears}`,
      pointer: e.pointer,
    })),
    ...removed.map((e) => ({
      narrows: false,
      action: goes,
      text: `${keyword} ${show(e.value)} ${goes}`,
      pointer: e.pointer,
    })),
  ];
}
