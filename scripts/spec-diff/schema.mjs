// @ts-check
// The generic half: two schemas compared condition by condition, direction-aware as oasdiff is. In a request,
// narrowing breaks callers (they send what is now refused) and widening is an addition; in a response, widening breaks
// callers (they read what they did not expect) and narrowing is harmless. In a request each condition is compared twice,
// once for the strict client (every rule) and once for the default client (rules not marked x-inferred).
import { compare, label } from "./keywords.mjs";
import { certain, childShape, pairUp } from "./shape.mjs";

/** @typedef {import("./shape.mjs").Shape} Shape @typedef {import("./shape.mjs").Entry} Entry @typedef {import("./keywords.mjs").Move} Move */
/** @typedef {import("./report.mjs").Change} Change @typedef {import("./report.mjs").Level} Level */
/**
 * @typedef {{
 *   direction: "request" | "response"; kind: string; root: string; path: string; emit: (change: Change) => void;
 *   operationId?: string; status?: string; variant?: string; variants?: number; discriminator?: string;
 *   owned?: Set<string>; skipEnum?: boolean;
 * }} Context  `kind` names the schema in ids at its root ("body", "parameter", "header"), `root` in messages; `owned`
 *   are the properties whose values the scenario rules report (the discriminator and the status)
 */

/** Extensions read by model.mjs, not compared here. */
const MODEL_EXT = new Set(["x-result-codes", "x-end-statuses", "x-transitions"]);
const STRICT_ONLY = " (x-inferred: refused only with strict: true)";
const CHILD_PATH = { items: "[]", additionalProperties: ".*", contentSchema: "(JSON)", propertyNames: "(names)" };

const union = (/** @type {Iterable<string>[]} */ ...lists) => [...new Set(lists.flatMap((l) => [...l]))];
const join = (/** @type {string} */ path, /** @type {string} */ name) => (path ? `${path}.${name}` : name);
const prefix = (/** @type {Context} */ ctx, path = ctx.path) => `${ctx.direction}-${path ? "property" : ctx.kind}`;
const requires = (/** @type {Shape} */ s, /** @type {string} */ name) =>
  (s.keywords.get("required") ?? []).some((e) => e.key === name);

/**
 * @param {Context} ctx @param {string} path
 * @param {{ id: string; level: Level; minor?: boolean; pointer: string; text: string }} change
 */
function say(ctx, path, change) {
  const { root, direction, variant, variants, status, discriminator } = ctx;
  ctx.emit({
    ...change,
    operationId: ctx.operationId,
    subject: { root, direction, path, variant, variants, status, discriminator },
  });
}

/** Every difference between two shapes of the same place. @param {Shape} b @param {Shape} h @param {Context} ctx */
export function diffShapes(b, h, ctx) {
  if (b.ext.has("x-result-codes") && h.ext.has("x-result-codes")) return; // model.mjs compares result codes
  const keywords = union(b.keywords.keys(), h.keywords.keys(), ["type"]).filter((k) => !(k === "enum" && ctx.skipEnum));
  for (const keyword of keywords) {
    const entries = (/** @type {Shape} */ s) => (keyword === "type" ? typeEntries(s) : (s.keywords.get(keyword) ?? []));
    if (ctx.direction === "response")
      for (const move of compare(keyword, entries(b), entries(h))) responseMove(keyword, move, b, h, ctx);
    else requestKeyword(keyword, entries(b), entries(h), b, ctx);
  }
  for (const name of union(b.properties.keys(), h.properties.keys())) {
    const [bs, hs] = [b.properties.get(name), h.properties.get(name)];
    const path = join(ctx.path, name);
    if (bs && hs)
      diffShapes(childShape(b, bs), childShape(h, hs), {
        ...ctx,
        path,
        skipEnum: ctx.owned?.has(name) ?? false,
        owned: undefined,
      });
    else if (bs) removedProperty(path, bs[0].pointer, h, ctx);
    else if (hs && !(ctx.direction === "request" && requires(h, name))) {
      const id =
        ctx.direction === "request"
          ? "new-optional-request-property"
          : `response-${requires(h, name) ? "required" : "optional"}-property-added`;
      say(ctx, path, { id, level: "info", minor: true, pointer: hs[0].pointer, text: "added" });
    }
  }
  for (const key of union(b.children.keys(), h.children.keys())) {
    const [bs, hs] = [b.children.get(key), h.children.get(key)];
    const path = `${ctx.path}${/** @type {Record<string, string>} */ (CHILD_PATH)[key]}`;
    if (bs && hs) diffShapes(childShape(b, bs), childShape(h, hs), { ...ctx, path, skipEnum: false, owned: undefined });
    else oneSided(`${label(key)}-schema`, key, !!hs, (hs ?? bs ?? [])[0].pointer, ctx);
  }
  for (const kind of /** @type {const} */ (["anyOf", "oneOf"])) {
    const [bg, hg] = [b.groups.filter((g) => g.kind === kind), h.groups.filter((g) => g.kind === kind)];
    for (let i = 0; i < Math.max(bg.length, hg.length); i++) {
      if (bg[i] && hg[i]) diffAlternatives(bg[i], hg[i], b, h, ctx);
      else if (!typeOnly(hg[i] ? h : b, hg[i] ?? bg[i]))
        oneSided(label(kind), kind, !!hg[i], (hg[i] ?? bg[i]).pointer, ctx);
    }
  }
  // the words for the discriminator's and statuses' values change with them, which model.mjs reports
  diffWords(b.docs, h.docs, ctx, (key) =>
    key === "deprecated"
      ? deprecation
      : key === "x-enum-descriptions" && ctx.skipEnum
        ? undefined
        : "documentation-changed",
  );
  diffWords(b.ext, h.ext, ctx, (key) => (MODEL_EXT.has(key) ? undefined : "extension-changed"));
}

/** `type` as written, and as implied by alternatives that all share one (anyOf: [{ $ref: codes }, { type: string }]). @param {Shape} s */
function typeEntries(s) {
  const implied = s.groups.flatMap((g) => {
    const types = g.alternatives.map((alt) => typeEntries(childShape(s, [alt])).flatMap((e) => [e.value].flat()));
    if (!types.length || types.some((t) => !t.length)) return [];
    const value = [...new Set(types.flat())];
    return [{ value, key: JSON.stringify(value.sort()), inferred: false, pointer: g.pointer }];
  });
  return [...(s.keywords.get("type") ?? []), ...implied];
}

/**
 * An anyOf with an alternative that names only types (anyOf: [{ $ref: codes }, { type: string }]) accepts whatever those
 * types allow: no condition beyond the type, which typeEntries already counts.
 * @param {Shape} s @param {import("./shape.mjs").Group} g
 */
function typeOnly(s, g) {
  const bare = (/** @type {Shape} */ a) =>
    [...a.keywords.keys()].every((k) => k === "type") && !a.properties.size && !a.children.size && !a.groups.length;
  return g.kind === "anyOf" && g.alternatives.some((alt) => bare(childShape(s, [alt])));
}

/**
 * A request keyword, compared for the strict client and for the default one. Narrowed for both: breaking. Narrowed
 * only for the strict client: a new x-inferred rule, a warning. Narrowed only for the default client: the rule was
 * there and lost x-inferred. Widening likewise: an addition, or a rule that gained x-inferred.
 * @param {string} keyword @param {Entry[]} before @param {Entry[]} after @param {Shape} b @param {Context} ctx
 */
function requestKeyword(keyword, before, after, b, ctx) {
  const strict = compare(keyword, before, after);
  const relaxed = compare(keyword, certain(before), certain(after));
  for (const narrows of [true, false]) {
    const s = strict.filter((m) => m.narrows === narrows);
    const d = relaxed.filter((m) => m.narrows === narrows);
    if (s.length && d.length) for (const m of s) requestMove(keyword, m, narrows ? "breaking" : "info", "", b, ctx);
    else if (s.length)
      for (const m of s)
        requestMove(
          keyword,
          m,
          narrows ? "warning" : "info",
          narrows ? STRICT_ONLY : " (a rule of strict: true only)",
          b,
          ctx,
        );
    else for (const m of d) certaintyMove(keyword, m, ctx);
  }
}

/** @param {string} keyword @param {Move} m @param {Level} level @param {string} note @param {Shape} b @param {Context} ctx */
function requestMove(keyword, m, level, note, b, ctx) {
  const minor = level === "info";
  if (keyword === "required") {
    const name = /** @type {string} */ (m.value);
    const existed = b.properties.has(name) || requires(b, name);
    const id = !m.narrows
      ? "request-property-became-optional"
      : existed
        ? "request-property-became-required"
        : "new-required-request-property";
    return say(ctx, join(ctx.path, name), { id, level, minor, pointer: m.pointer, text: `${m.text}${note}` });
  }
  const action =
    keyword === "type"
      ? m.narrows
        ? "type-changed"
        : "type-generalized"
      : keyword === "enum"
        ? m.action
        : `${label(keyword)}-${m.action}`;
  say(ctx, ctx.path, { id: `${prefix(ctx)}-${action}`, level, minor, pointer: m.pointer, text: `${m.text}${note}` });
}

/** A rule whose certainty changed. @param {string} keyword @param {Move} m @param {Context} ctx */
function certaintyMove(keyword, m, ctx) {
  const path = keyword === "required" ? join(ctx.path, /** @type {string} */ (m.value)) : ctx.path;
  if (m.narrows) {
    const text = `${m.text} for the default client: the rule is no longer x-inferred, so a client without strict: true now refuses bodies it sent before`;
    say(ctx, path, { id: "request-constraint-inferred-removed", level: "breaking", pointer: m.pointer, text });
  } else {
    const text = `${m.text} for the default client: the rule is now x-inferred, refused only with strict: true`;
    say(ctx, path, { id: "request-constraint-inferred-added", level: "warning", pointer: m.pointer, text });
  }
}

/** @param {string} keyword @param {Move} m @param {Shape} b @param {Shape} h @param {Context} ctx */
function responseMove(keyword, m, b, h, ctx) {
  if (keyword === "required") {
    const name = /** @type {string} */ (m.value);
    const path = join(ctx.path, name);
    // a property that appeared or went is reported as such
    if (m.narrows && (b.properties.has(name) || requires(b, name)))
      say(ctx, path, { id: "response-property-became-required", level: "info", pointer: m.pointer, text: m.text });
    if (!m.narrows && h.properties.has(name))
      say(ctx, path, {
        id: "response-property-became-optional",
        level: "breaking",
        pointer: m.pointer,
        text: `${m.text}: callers that read it may find it missing`,
      });
    return;
  }
  /** @type {[string, Level]} */
  const [action, level] =
    keyword === "type"
      ? m.action === "type-narrowed"
        ? ["type-specialized", "info"]
        : ["type-changed", "breaking"]
      : keyword === "enum"
        ? [m.action, m.narrows ? "info" : "warning"]
        : [`${label(keyword)}-${m.action}`, m.narrows || keyword === "additionalProperties" ? "info" : "warning"];
  say(ctx, ctx.path, { id: `${prefix(ctx)}-${action}`, level, pointer: m.pointer, text: m.text });
}

/** @param {string} path @param {string} pointer @param {Shape} h @param {Context} ctx */
function removedProperty(path, pointer, h, ctx) {
  if (ctx.direction === "response")
    return say(ctx, path, {
      id: "response-property-removed",
      level: "breaking",
      pointer,
      text: "removed: callers that read it find it missing",
    });
  const closed = certain(h.keywords.get("additionalProperties") ?? []).length > 0;
  const text = closed
    ? "removed, and the object allows no other members: bodies that send it are refused"
    : "removed: code that sets it no longer type-checks, and AlipayHK may ignore or refuse it";
  say(ctx, path, { id: "request-property-removed", level: closed ? "breaking" : "warning", pointer, text });
}

/**
 * A subschema or a group of alternatives on one side only.
 * @param {string} name in the id @param {string} keyword @param {boolean} added @param {string} pointer @param {Context} ctx
 */
function oneSided(name, keyword, added, pointer, ctx) {
  // present, it is one more condition: narrower
  const narrows = added;
  const level = ctx.direction === "request" ? (narrows ? "breaking" : "info") : narrows ? "info" : "warning";
  say(ctx, ctx.path, {
    id: `${prefix(ctx)}-${name}-${added ? "set" : "unset"}`,
    level,
    minor: ctx.direction === "request" && !narrows,
    pointer,
    text: `${keyword} ${added ? "added" : "removed"}`,
  });
}

/** @param {import("./shape.mjs").Group} bg @param {import("./shape.mjs").Group} hg @param {Shape} b @param {Shape} h @param {Context} ctx */
function diffAlternatives(bg, hg, b, h, ctx) {
  const property = hg.discriminator?.propertyName;
  if (bg.discriminator?.propertyName !== property) {
    const text = `discriminator changed from ${bg.discriminator?.propertyName ?? "none"} to ${property ?? "none"}`;
    say(ctx, ctx.path, {
      id: `${prefix(ctx)}-discriminator-changed`,
      level: ctx.direction === "request" ? "breaking" : "warning",
      pointer: hg.pointer,
      text,
    });
  }
  // scenarios: variants keyed by their discriminator value, added and removed ones reported by model.mjs
  const scenarios = Boolean(property && bg.statusProperty && hg.statusProperty);
  const [bs, hs] = [
    bg.alternatives.map((a) => ({ shape: childShape(b, [a]), node: a.node })),
    hg.alternatives.map((a) => ({ shape: childShape(h, [a]), node: a.node })),
  ];
  const { pairs, removed, added } = pairUp(bs, hs, property);
  const owned = scenarios ? new Set([property, hg.statusProperty ?? ""]) : undefined;
  for (const [key, bAlt, hAlt] of pairs) {
    const variant = property ? key : ctx.variant;
    diffShapes(bAlt, hAlt, {
      ...ctx,
      variant,
      variants: property ? hs.length : ctx.variants,
      discriminator: property ?? ctx.discriminator,
      owned,
    });
  }
  if (scenarios) return;
  const name = label(hg.kind);
  for (const alt of added)
    say(ctx, ctx.path, {
      id: `${prefix(ctx)}-${name}-added`,
      level: ctx.direction === "request" ? "info" : "warning",
      minor: true,
      pointer: alt.pointer,
      text: `a ${hg.kind} alternative added`,
    });
  for (const alt of removed)
    say(ctx, ctx.path, {
      id: `${prefix(ctx)}-${name}-removed`,
      level: ctx.direction === "request" ? "breaking" : "info",
      pointer: alt.pointer,
      text: `a ${hg.kind} alternative removed`,
    });
}

/**
 * Words for people and extensions: compared as written. @param {Map<string, Entry[]>} b @param {Map<string, Entry[]>} h
 * @param {Context} ctx @param {(key: string) => string | typeof deprecation | undefined} idOf
 */
function diffWords(b, h, ctx, idOf) {
  for (const key of union(b.keys(), h.keys())) {
    const [be, he] = [b.get(key) ?? [], h.get(key) ?? []];
    const text = (/** @type {Entry[]} */ es) =>
      es
        .map((e) => e.key)
        .sort()
        .join("\n");
    const id = idOf(key);
    if (!id || text(be) === text(he)) continue;
    const pointer = (he[0] ?? be[0]).pointer;
    if (id === deprecation) {
      const now = he.some((e) => e.value === true);
      say(ctx, ctx.path, {
        id: `${prefix(ctx)}-${now ? "deprecated" : "reactivated"}`,
        level: "info",
        minor: now,
        pointer,
        text: now ? "deprecated" : "no longer deprecated",
      });
    } else say(ctx, ctx.path, { id, level: "info", pointer, text: `${key} changed` });
  }
}
const deprecation = Symbol("deprecated");
