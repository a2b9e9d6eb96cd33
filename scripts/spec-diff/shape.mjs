// @ts-check
// A schema as the differ reads it: its allOf parts and $ref siblings flattened into one list of conditions, each kept
// with the place it is written (a JSON pointer into the bundled spec) and whether it is x-inferred. So a schema written
// inline, in its own file or as a component reads the same, and a rule's certainty is known per condition.
import { deref } from "../spec.mjs";
import { home, isObject, members, ptr } from "./load.mjs";

/**
 * @typedef {{ node: any; pointer: string; inferred: boolean; refs: string[] }} Source  a schema as written, and where
 * @typedef {{ value: any; key: string; inferred: boolean; pointer: string }} Entry  one written condition; `key` compares it
 * @typedef {{ kind: "anyOf" | "oneOf"; pointer: string; alternatives: Source[]; discriminator?: any; statusProperty?: string }} Group
 * @typedef {{
 *   doc: any; pointer: string; // where it is defined: a bare $ref's target
 *   keywords: Map<string, Entry[]>; properties: Map<string, Source[]>; children: Map<string, Source[]>;
 *   groups: Group[]; docs: Map<string, Entry[]>; ext: Map<string, Entry[]>;
 * }} Shape
 */

/** Words for people: a change to them is documentation. */
export const DOCS = new Set([
  "title",
  "description",
  "summary",
  "example",
  "examples",
  "x-enum-descriptions",
  "$comment",
  "externalDocs",
  "deprecated",
  "default",
  "readOnly",
  "writeOnly",
  "xml",
]);
/** Members that are no condition of their own: read elsewhere (discriminator, x-status-property by the group), or layout. */
const SKIPPED = new Set([
  "$schema",
  "$id",
  "$anchor",
  "$defs",
  "definitions",
  "discriminator",
  "x-status-property",
  "x-inferred",
]);
/** Subschemas that apply to a part of the value. */
const CHILDREN = new Set(["items", "contentSchema", "additionalProperties", "propertyNames"]);
/** Keys of maps of names, whose own keys are names, never keywords. */
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "dependentSchemas",
  "$defs",
  "definitions",
  "mapping",
  "x-enum-descriptions",
]);

/** @param {any} doc @param {Source[]} sources the schema's places (one, or several merged, as allOf parts of one property) @returns {Shape} */
export function shapeOf(doc, sources) {
  /** @type {Shape} */
  const shape = {
    doc,
    pointer: sources[0] ? home(sources[0].node, sources[0].pointer) : "",
    keywords: new Map(),
    properties: new Map(),
    children: new Map(),
    groups: [],
    docs: new Map(),
    ext: new Map(),
  };
  const add = (/** @type {Map<string, any[]>} */ map, /** @type {string} */ key, /** @type {any} */ item) =>
    map.set(key, [...(map.get(key) ?? []), item]);
  /** @param {Source} source */
  const visit = (source) => {
    if (source.node === false)
      add(shape.keywords, "false", { value: false, key: "false", inferred: source.inferred, pointer: source.pointer });
    const { members: found, refs } = members(doc, source.node, source.pointer, source.refs);
    const inferred = source.inferred || Boolean(found.get("x-inferred")?.value);
    for (const [key, { value, owner }] of found) {
      const pointer = ptr(owner, key);
      const sub = (/** @type {any} */ node, /** @type {string} */ at) => ({ node, pointer: at, inferred, refs });
      const entry = (/** @type {any} */ v, k = canonical(doc, v), certainty = inferred) => ({
        value: v,
        key: k,
        inferred: certainty,
        pointer,
      });
      if (key === "allOf")
        value.forEach((/** @type {any} */ part, /** @type {number} */ i) => void visit(sub(part, ptr(pointer, i))));
      else if (key === "properties")
        for (const [name, node] of Object.entries(value)) add(shape.properties, name, sub(node, ptr(pointer, name)));
      else if (key === "anyOf" || key === "oneOf") {
        const alternatives = value.map((/** @type {any} */ node, /** @type {number} */ i) =>
          sub(node, ptr(pointer, i)),
        );
        shape.groups.push({
          kind: key,
          pointer,
          alternatives,
          discriminator: found.get("discriminator")?.value,
          statusProperty: found.get("x-status-property")?.value,
        });
      } else if (key === "additionalProperties" && !isObject(value)) {
        if (value === false) add(shape.keywords, key, entry(false)); // true allows what is allowed anyway
      } else if (CHILDREN.has(key)) add(shape.children, key, sub(value, pointer));
      else if (key === "required") for (const name of value) add(shape.keywords, key, entry(name, name));
      else if (key === "const" || key === "enum") add(shape.keywords, "enum", entry(key === "const" ? [value] : value));
      else if (key === "not")
        add(
          shape.keywords,
          key,
          entry(
            value,
            canonical(doc, value),
            inferred || Boolean(members(doc, value, pointer).members.get("x-inferred")?.value),
          ),
        );
      else if (key === "uniqueItems") {
        if (value === true) add(shape.keywords, key, entry(true));
      } else if (key === "x-not-before")
        for (const [later, earlier] of Object.entries(value))
          add(shape.keywords, key, entry(`${later} ≥ ${earlier}`, `${later}>=${earlier}`));
      else if (key === "dependentRequired")
        for (const [name, needs] of Object.entries(value))
          for (const other of /** @type {string[]} */ (needs))
            add(shape.keywords, key, entry(`${name} → ${other}`, `${name}->${other}`));
      else if (SKIPPED.has(key)) continue;
      else if (DOCS.has(key)) add(shape.docs, key, entry(value, canonical(doc, value, true)));
      else add(key.startsWith("x-") ? shape.ext : shape.keywords, key, entry(value));
    }
  };
  sources.forEach(visit);
  return shape;
}

/** The shape of a property, an item schema... @param {Shape} shape @param {Source[]} sources */
export const childShape = (shape, sources) => shapeOf(shape.doc, sources);

/** A schema written at `pointer` in `doc`, as a Shape. @param {any} doc @param {any} node @param {string} pointer */
export const rootShape = (doc, node, pointer) => shapeOf(doc, [{ node, pointer, inferred: false, refs: [] }]);

/**
 * A value as text that is equal for equal meaning: refs resolved, keys sorted, words for people and x-inferred left out
 * (certainty is compared apart), unless `words` asks for them.
 * @param {any} doc @param {any} value @param {boolean} [words]
 */
export function canonical(doc, value, words = false) {
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "undefined";
  let resolved = value;
  try {
    resolved = deref(doc, value);
  } catch {
    // a cycle: compare the refs as written
  }
  const strip = (/** @type {any} */ node, names = false) => {
    if (Array.isArray(node)) return node.map((n) => strip(n));
    if (!isObject(node)) return node;
    const keys = Object.keys(node)
      .filter((k) => names || words || !(DOCS.has(k) || k === "x-inferred"))
      .sort();
    return Object.fromEntries(keys.map((k) => [k, strip(node[k], !names && NAME_MAPS.has(k))]));
  };
  return JSON.stringify(strip(resolved)) ?? "undefined";
}

/** The one value a variant fixes its discriminator `property` to (its const), if it does. @param {Shape} shape @param {string} property */
export function discriminatorValue(shape, property) {
  const sources = shape.properties.get(property);
  const values = sources && allowedValues(shapeOf(shape.doc, sources).keywords.get("enum") ?? []);
  return values?.length === 1 ? String(values[0]) : undefined;
}

/** Only what the default (non-strict) client enforces. @param {Entry[]} entries */
export const certain = (entries) => entries.filter((e) => !e.inferred);

/** The allowed values of an enum keyword's entries (all of them must hold), or undefined for any value. @param {Entry[]} entries */
export function allowedValues(entries) {
  if (!entries.length) return undefined;
  const [first, ...rest] = entries.map((e) => /** @type {unknown[]} */ (e.value));
  return first.filter((v) => rest.every((list) => list.some((w) => JSON.stringify(w) === JSON.stringify(v))));
}

/**
 * Alternatives matched across the two sides: by discriminator value when there is one, else equal ones, then by
 * title, then in order.
 * @param {{ shape: Shape; node: any }[]} bs @param {{ shape: Shape; node: any }[]} hs @param {string | undefined} property
 * @returns {{ pairs: [string, Shape, Shape][]; removed: Shape[]; added: Shape[] }}
 */
export function pairUp(bs, hs, property) {
  /** @typedef {{ shape: Shape; text: () => string; key?: string; title?: string }} Alt */
  const read = (/** @type {{ shape: Shape; node: any }} */ { shape, node }) => {
    let text = "";
    return {
      shape,
      text: () => (text ||= canonical(shape.doc, node)), // only when alternatives are matched by content
      key: property ? discriminatorValue(shape, property) : undefined,
      title: shape.docs.get("title")?.[0]?.value,
    };
  };
  /** @type {[string, Shape, Shape][]} */
  const pairs = [];
  let [left, right] = [bs.map(read), hs.map(read)];
  const take = (/** @type {Alt} */ l, /** @type {Alt} */ r) => {
    pairs.push([l.key ?? "", l.shape, r.shape]);
    [left, right] = [left.filter((x) => x !== l), right.filter((x) => x !== r)];
  };
  for (const by of /** @type {((x: Alt) => string | undefined)[]} */ ([
    (x) => (property ? x.key : undefined),
    (x) => (property ? undefined : x.text()),
    (x) => (property ? undefined : x.title),
  ])) {
    for (const l of [...left]) {
      const r = by(l) === undefined ? undefined : right.find((x) => by(x) === by(l));
      if (r) take(l, r);
    }
  }
  while (!property && left.length && right.length) take(left[0], right[0]);
  return { pairs, removed: left.map((x) => x.shape), added: right.map((x) => x.shape) };
}
