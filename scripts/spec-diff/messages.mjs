// @ts-check
// What one operation sends and receives: its parameters, its request body (and the scenarios in it), its responses
// with their headers and bodies. Each schema is handed to schema.mjs with its direction.
import { diffScenarios } from "./model.mjs";
import { diffShapes } from "./schema.mjs";
import { members, ptr } from "./load.mjs";
import { canonical, rootShape } from "./shape.mjs";

/** @typedef {import("./report.mjs").Change} Change @typedef {import("./report.mjs").Level} Level @typedef {import("./operations.mjs").Operation} Operation */
/** @typedef {{ doc: any; op: Operation }} Side */
/** @typedef {{ value: any; pointer: string }} Found  an object with its $ref followed, and where its members are written */

/** @param {any} doc @param {any} node @param {string} pointer @returns {Found} */
const open = (doc, node, pointer) => {
  const found = members(doc, node, pointer).members;
  return {
    value: Object.fromEntries([...found].map(([k, m]) => [k, m.value])),
    pointer: found.values().next().value?.owner ?? pointer,
  };
};
/** The entries of a map member, each opened. @param {any} doc @param {Found} parent @param {string} key @param {(name: string) => string} [normal] */
const entries = (doc, parent, key, normal = (n) => n) =>
  new Map(
    Object.entries(parent.value[key] ?? {}).map(([name, node]) => [
      normal(name),
      { name, ...open(doc, node, ptr(parent.pointer, key, name)) },
    ]),
  );

/** @param {Side} b @param {Side} h @param {string | undefined} operationId @param {(change: Change) => void} emit */
export function diffMessages(b, h, operationId, emit) {
  /** @param {string} id @param {Level} level @param {string} pointer @param {string} text @param {boolean} [minor] */
  const say = (id, level, pointer, text, minor) => emit({ id, level, minor, operationId, pointer, text });
  const common = { operationId, emit, path: "" };
  const schemas = (
    /** @type {Found} */ bf,
    /** @type {Found} */ hf,
    /** @type {Omit<import("./schema.mjs").Context, "emit" | "path">} */ ctx,
  ) => {
    const [bs, hs] = [bf.value.schema, hf.value.schema];
    if (bs === undefined && hs === undefined) return;
    const [bShape, hShape] = [
      rootShape(b.doc, bs ?? {}, ptr(bf.pointer, "schema")),
      rootShape(h.doc, hs ?? {}, ptr(hf.pointer, "schema")),
    ];
    diffShapes(bShape, hShape, { ...common, ...ctx });
    if (ctx.direction === "request" && ctx.kind === "body") diffScenarios(bShape, hShape, operationId, emit);
  };

  // parameters: the path's, overridden by the operation's, keyed by where and name (header names ignore case)
  const params = (/** @type {Side} */ side) => {
    const found = new Map();
    for (const [list, at] of [
      [side.op.item.parameters, ptr(side.op.itemPointer, "parameters")],
      [side.op.node.parameters, ptr(side.op.pointer, "parameters")],
    ]) {
      (list ?? []).forEach((/** @type {any} */ node, /** @type {number} */ i) => {
        const p = open(side.doc, node, ptr(at, i));
        found.set(`${p.value.in}:${p.value.in === "header" ? String(p.value.name).toLowerCase() : p.value.name}`, p);
      });
    }
    return found;
  };
  const [bp, hp] = [params(b), params(h)];
  for (const key of new Set([...bp.keys(), ...hp.keys()])) {
    const [before, after] = [bp.get(key), hp.get(key)];
    const name = `${(after ?? before).value.in} parameter ${(after ?? before).value.name}`;
    if (!after)
      say("request-parameter-removed", "warning", before.pointer, `${name} removed: AlipayHK may refuse or ignore it`);
    else if (!before)
      say(
        after.value.required ? "new-required-request-parameter" : "new-optional-request-parameter",
        after.value.required ? "breaking" : "info",
        after.pointer,
        `${name} added`,
        !after.value.required,
      );
    else {
      if (!before.value.required && after.value.required)
        say("request-parameter-became-required", "breaking", after.pointer, `${name} became required`);
      if (before.value.required && !after.value.required)
        say("request-parameter-became-optional", "info", after.pointer, `${name} became optional`, true);
      const rest = (/** @type {any} */ doc, /** @type {any} */ p) =>
        canonical(doc, {
          ...p,
          schema: undefined,
          required: undefined,
          description: undefined,
          example: undefined,
          examples: undefined,
        });
      if (rest(b.doc, before.value) !== rest(h.doc, after.value))
        say("request-parameter-changed", "breaking", after.pointer, `${name}: how it is sent changed`);
      if (
        canonical(b.doc, [before.value.description, before.value.example], true) !==
        canonical(h.doc, [after.value.description, after.value.example], true)
      )
        say("documentation-changed", "info", after.pointer, `${name}: description changed`);
      schemas(before, after, { direction: "request", kind: "parameter", root: `${name}` });
    }
  }

  // the request body
  const body = (/** @type {Side} */ side) =>
    side.op.node.requestBody
      ? open(side.doc, side.op.node.requestBody, ptr(side.op.pointer, "requestBody"))
      : undefined;
  const [bb, hb] = [body(b), body(h)];
  if (bb && !hb) say("request-body-removed", "breaking", bb.pointer, "request body removed");
  else if (!bb && hb)
    say(
      "request-body-added",
      hb.value.required ? "breaking" : "info",
      hb.pointer,
      "request body added",
      !hb.value.required,
    );
  else if (bb && hb) {
    if (!bb.value.required && hb.value.required)
      say("request-body-became-required", "breaking", hb.pointer, "request body became required");
    if (bb.value.required && !hb.value.required)
      say("request-body-became-optional", "info", hb.pointer, "request body became optional", true);
    if (canonical(b.doc, bb.value.description, true) !== canonical(h.doc, hb.value.description, true))
      say("documentation-changed", "info", hb.pointer, "request body description changed");
    media(bb, hb, "request-body", (before, after) =>
      schemas(before, after, { direction: "request", kind: "body", root: "request body" }),
    );
  }

  // the responses
  const [br, hr] = [
    entries(b.doc, open(b.doc, b.op.node, b.op.pointer), "responses"),
    entries(h.doc, open(h.doc, h.op.node, h.op.pointer), "responses"),
  ];
  for (const status of new Set([...br.keys(), ...hr.keys()])) {
    const [before, after] = [br.get(status), hr.get(status)];
    const success = /^2/.test(status);
    if (before && !after)
      say(
        `response-${success ? "success" : "non-success"}-status-removed`,
        success ? "breaking" : "warning",
        before.pointer,
        `Response ${status} removed`,
      );
    else if (!before && after)
      say(
        `response-${success ? "success" : "non-success"}-status-added`,
        "info",
        after.pointer,
        `Response ${status} added`,
        true,
      );
    else if (before && after) {
      if (canonical(b.doc, before.value.description, true) !== canonical(h.doc, after.value.description, true))
        say("documentation-changed", "info", after.pointer, `Response ${status}: description changed`);
      const lower = (/** @type {string} */ n) => n.toLowerCase();
      const [bh, hh] = [entries(b.doc, before, "headers", lower), entries(h.doc, after, "headers", lower)];
      for (const key of new Set([...bh.keys(), ...hh.keys()])) {
        const [was, now] = [bh.get(key), hh.get(key)];
        const name = `response ${status} header ${(now ?? was)?.name}`;
        if (was && !now)
          say("response-header-removed", was.value.required ? "breaking" : "warning", was.pointer, `${name} removed`);
        else if (!was && now) say("response-header-added", "info", now.pointer, `${name} added`, true);
        else if (was && now) {
          if (was.value.required && !now.value.required)
            say("response-header-became-optional", "breaking", now.pointer, `${name} became optional`);
          if (!was.value.required && now.value.required)
            say("response-header-became-required", "info", now.pointer, `${name} became required`);
          if (canonical(b.doc, was.value.description, true) !== canonical(h.doc, now.value.description, true))
            say("documentation-changed", "info", now.pointer, `${name}: description changed`);
          schemas(was, now, { direction: "response", kind: "header", root: `response header ${now.name}`, status });
        }
      }
      media(before, after, "response", (was, now) =>
        schemas(was, now, { direction: "response", kind: "body", root: "response body", status }),
      );
    }
  }

  /** Media types of a body: one gone breaks whoever uses it. @param {Found} before @param {Found} after @param {string} id @param {(b: Found, h: Found) => void} each */
  function media(before, after, id, each) {
    const [bm, hm] = [entries(b.doc, before, "content"), entries(h.doc, after, "content")];
    for (const type of new Set([...bm.keys(), ...hm.keys()])) {
      const [was, now] = [bm.get(type), hm.get(type)];
      if (was && !now) say(`${id}-media-type-removed`, "breaking", was.pointer, `Media type ${type} removed`);
      else if (!was && now) say(`${id}-media-type-added`, "info", now.pointer, `Media type ${type} added`, true);
      else if (was && now) each(was, now);
    }
  }
}
