// @ts-check
// What only this project's spec says: the scenarios of a discriminated request (each variant's statuses, end statuses
// and transition rules, as the client and the sandbox enforce them) and the result codes (what the client retries and
// how it names each failure).
import { at, isObject, ptr } from "./load.mjs";
import { allowedValues, childShape, discriminatorValue } from "./shape.mjs";

/** @typedef {import("./report.mjs").Change} Change @typedef {import("./report.mjs").Level} Level @typedef {import("./shape.mjs").Shape} Shape */

/**
 * The scenarios of a request body: its oneOf with a discriminator and an x-status-property.
 * @param {Shape} b @param {Shape} h @param {string | undefined} operationId @param {(change: Change) => void} emit
 */
export function diffScenarios(b, h, operationId, emit) {
  /** @param {string} id @param {Level} level @param {string} pointer @param {string} text @param {boolean} [minor] */
  const say = (id, level, pointer, text, minor) => emit({ id, level, minor, operationId, pointer, text });
  const groups = (/** @type {Shape} */ s) => s.groups.filter((g) => g.discriminator?.propertyName && g.statusProperty);
  const [bg, hg] = [groups(b), groups(h)];
  for (let i = 0; i < Math.min(bg.length, hg.length); i++) {
    const property = hg[i].discriminator.propertyName;
    if (bg[i].discriminator.propertyName !== property) continue; // reported by schema.mjs as a discriminator change
    const status = /** @type {string} */ (hg[i].statusProperty);
    if (bg[i].statusProperty !== status)
      say(
        "scenario-status-property-changed",
        "breaking",
        hg[i].pointer,
        `The status property changed from ${bg[i].statusProperty} to ${status}`,
      );
    const variants = (/** @type {Shape} */ s, /** @type {import("./shape.mjs").Group} */ g) =>
      new Map(
        g.alternatives.map((alt) => childShape(s, [alt])).map((v) => [discriminatorValue(v, property) ?? v.pointer, v]),
      );
    const [bv, hv] = [variants(b, bg[i]), variants(h, hg[i])];
    for (const [value, v] of bv)
      if (!hv.has(value))
        say("scenario-removed", "breaking", v.pointer, `${property} ${value} removed: requests for it are refused`);
    for (const [value, v] of hv)
      if (!bv.has(value)) say("scenario-added", "info", v.pointer, `${property} ${value} added`, true);
    for (const [value, was] of bv) {
      const now = hv.get(value);
      if (now)
        diffVariant(
          facts(was, /** @type {string} */ (bg[i].statusProperty)),
          facts(now, status),
          `${property} ${value}`,
          status,
          say,
        );
    }
  }
}

/** @param {Shape} v @param {string} statusProperty */
function facts(v, statusProperty) {
  const enums = v.properties.has(statusProperty)
    ? (childShape(v, /** @type {any} */ (v.properties.get(statusProperty))).keywords.get("enum") ?? [])
    : [];
  const own = (/** @type {string} */ key) => v.ext.get(key)?.[0];
  const transitions = own("x-transitions");
  return {
    statuses: /** @type {string[]} */ (allowedValues(enums) ?? []).map(String),
    statusPointer: [...enums].sort((x, y) => x.value.length - y.value.length)[0]?.pointer ?? v.pointer,
    endStatuses: /** @type {string[]} */ (own("x-end-statuses")?.value ?? []),
    endPointer: own("x-end-statuses")?.pointer ?? v.pointer,
    reversible: transitions?.value?.reversible ?? true,
    onlyFrom: transitions?.value?.onlyFrom ?? {},
    onlyTo: transitions?.value?.onlyTo ?? {},
    inferred: transitions?.value?.["x-inferred"] ?? {},
    transitionsPointer: transitions?.pointer ?? v.pointer,
    examples: (v.docs.get("examples") ?? []).some((e) => Array.isArray(e.value) && e.value.length),
    examplesPointer: v.docs.get("examples")?.[0]?.pointer ?? v.pointer,
  };
}

/**
 * @param {ReturnType<typeof facts>} b @param {ReturnType<typeof facts>} h @param {string} name @param {string} status
 * @param {(id: string, level: Level, pointer: string, text: string, minor?: boolean) => void} say
 */
function diffVariant(b, h, name, status, say) {
  for (const s of b.statuses.filter((s) => !h.statuses.includes(s)))
    say(
      "scenario-status-removed",
      "breaking",
      b.statusPointer,
      `${name}: ${status} ${s} removed: requests with it are refused`,
    );
  for (const s of h.statuses.filter((s) => !b.statuses.includes(s)))
    say(
      "scenario-status-added",
      "warning",
      h.statusPointer,
      `${name}: ${status} ${s} added: it can come back in the response's ${status}`,
    );
  // without reversal, the listed order is the order of moves
  const common = (/** @type {string[]} */ list, /** @type {string[]} */ other) =>
    list.filter((s) => other.includes(s)).join(" → ");
  if (!b.reversible && !h.reversible && common(b.statuses, h.statuses) !== common(h.statuses, b.statuses)) {
    say(
      "scenario-status-order-changed",
      "breaking",
      h.statusPointer,
      `${name}: the order of statuses changed from ${common(b.statuses, h.statuses)} to ${common(h.statuses, b.statuses)}: moves that were forward are now backward`,
    );
  }
  for (const s of h.endStatuses.filter((s) => !b.endStatuses.includes(s)))
    say(
      "scenario-end-status-added",
      "breaking",
      h.endPointer,
      `${name}: ${s} became an end status: no move out of it is allowed any more`,
    );
  for (const s of b.endStatuses.filter((s) => !h.endStatuses.includes(s)))
    say(
      "scenario-end-status-removed",
      "info",
      h.endPointer,
      `${name}: ${s} is no longer an end status: moves out of it are allowed`,
      true,
    );
  if (b.reversible && !h.reversible)
    say(
      "scenario-transitions-became-irreversible",
      "breaking",
      h.transitionsPointer,
      `${name}: statuses may no longer go back to an earlier one`,
    );
  if (!b.reversible && h.reversible)
    say(
      "scenario-transitions-became-reversible",
      "info",
      h.transitionsPointer,
      `${name}: statuses may now go back to an earlier one`,
      true,
    );
  for (const rule of /** @type {const} */ (["onlyFrom", "onlyTo"])) {
    for (const s of new Set([...Object.keys(b[rule]), ...Object.keys(h[rule])])) {
      // no entry allows any move
      const [was, now] = [b[rule][s], h[rule][s]];
      const show = (/** @type {string[] | undefined} */ list) => (list ? list.join(", ") : "any");
      const text = `${name}: ${rule} ${s} changed from ${show(was)} to ${show(now)}`;
      const lost = now && (!was || was.some((/** @type {string} */ x) => !now.includes(x)));
      const gained = was && (!now || now.some((/** @type {string} */ x) => !was.includes(x)));
      if (lost)
        say(
          "scenario-transition-restricted",
          "breaking",
          h.transitionsPointer,
          `${text}: moves that were allowed are refused`,
        );
      else if (gained)
        say("scenario-transition-relaxed", "info", h.transitionsPointer, `${text}: more moves are allowed`, true);
    }
  }
  for (const key of new Set([...Object.keys(b.inferred), ...Object.keys(h.inferred)])) {
    if (key in b.inferred && !(key in h.inferred))
      say(
        "scenario-rule-inferred-removed",
        "breaking",
        h.transitionsPointer,
        `${name}: the ${key} reading of x-transitions is no longer x-inferred: a client without strict: true now refuses what it sent before`,
      );
    if (!(key in b.inferred) && key in h.inferred)
      say(
        "scenario-rule-inferred-added",
        "warning",
        h.transitionsPointer,
        `${name}: the ${key} reading of x-transitions is now x-inferred, enforced only with strict: true`,
      );
  }
  if (b.examples && !h.examples)
    say(
      "scenario-example-removed",
      "info",
      b.examplesPointer,
      `${name} has no example body left: the demo skips it and a test fails naming it`,
    );
}

/**
 * Result codes, per operation: the enum schemas carrying x-result-codes that its responses reach (or, while no
 * response reaches one, those anywhere in the spec). A change that every operation shares is reported once.
 * @param {any} base @param {any} head @param {(change: Change) => void} emit
 */
export function diffResultCodes(base, head, emit) {
  const [b, h] = [resultCodes(base), resultCodes(head)];
  const both = [...b.keys()].filter((op) => h.has(op)); // an operation added or removed is reported as such
  /** @type {Map<string, { change: Change; operations: string[] }>} */
  const found = new Map();
  for (const operationId of both) {
    diffCodes(/** @type {Codes} */ (b.get(operationId)), /** @type {Codes} */ (h.get(operationId)), (change) => {
      const key = [change.id, change.pointer, change.text].join("\u0000");
      const seen = found.get(key) ?? { change, operations: [] };
      seen.operations.push(operationId);
      found.set(key, seen);
    });
  }
  for (const { change, operations } of found.values()) {
    if (operations.length === both.length) emit(change);
    else for (const operationId of operations) emit({ ...change, operationId });
  }
}

/** @typedef {Map<string, { facts: any; pointer: string }>} Codes */

/** @param {Codes} b @param {Codes} h @param {(change: Change) => void} emit */
function diffCodes(b, h, emit) {
  /** @param {string} id @param {Level} level @param {string} pointer @param {string} text */
  const say = (id, level, pointer, text) => emit({ id, level, pointer, text });
  const retried = (/** @type {any} */ facts) => (facts.retryable ? "retried" : "not retried");
  for (const [code, was] of b) {
    const now = h.get(code);
    if (!now) {
      say(
        "result-code-removed",
        "breaking",
        was.pointer,
        `Result code ${code} removed: the client now reports it as ERR_RESULT instead of ERR_${code}${was.facts.retryable ? ", and no longer retries it" : ""}`,
      );
      continue;
    }
    if (was.facts.status !== now.facts.status)
      say(
        "result-code-status-changed",
        "breaking",
        now.pointer,
        `Result code ${code}: status changed from ${was.facts.status} to ${now.facts.status}`,
      );
    if (Boolean(was.facts.retryable) !== Boolean(now.facts.retryable))
      say(
        "result-code-retryable-changed",
        "breaking",
        now.pointer,
        `Result code ${code}: now ${retried(now.facts)} by the client (was ${retried(was.facts)})`,
      );
    if (was.facts.source !== now.facts.source)
      say(
        "result-code-source-changed",
        "info",
        now.pointer,
        `Result code ${code}: source changed from ${was.facts.source} to ${now.facts.source}`,
      );
  }
  for (const [code, now] of h) {
    if (!b.has(code))
      say(
        "result-code-added",
        "warning",
        now.pointer,
        `Result code ${code} added (${now.facts.status}, ${retried(now.facts)}): the client reports it as ERR_${code} where it said ERR_RESULT`,
      );
  }
}

/** Each operation's result codes, with their facts and where they are written. @param {any} doc @returns {Map<string, Codes>} */
function resultCodes(doc) {
  /** @param {any} root @param {string} rootPointer @returns {{ node: any; pointer: string }[]} */
  const carriers = (root, rootPointer) => {
    /** @type {Map<string, { node: any; pointer: string }>} */
    const found = new Map();
    const seen = new Set();
    const walk = (/** @type {any} */ node, /** @type {string} */ pointer) => {
      if (Array.isArray(node)) {
        for (const [i, n] of node.entries()) walk(n, ptr(pointer, i));
        return;
      }
      if (!isObject(node) || seen.has(node)) return;
      seen.add(node);
      if (node["x-result-codes"]) found.set(pointer, { node, pointer });
      if (typeof node.$ref === "string" && node.$ref.startsWith("#"))
        walk(at(doc, node.$ref.slice(1)), node.$ref.slice(1));
      for (const [key, value] of Object.entries(node))
        if (key !== "examples" && key !== "example") walk(value, ptr(pointer, key));
    };
    walk(root, rootPointer);
    return [...found.values()];
  };
  /** @type {Map<string, { node: any; pointer: string }[]>} */
  const reached = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(isObject(item) ? item : {})) {
      if (isObject(op) && op.responses)
        reached.set(
          op.operationId ?? `${method} ${path}`,
          carriers(op.responses, ptr("/paths", path, method, "responses")),
        );
    }
  }
  const anywhere = [...reached.values()].every((list) => !list.length) ? carriers(doc, "") : undefined;
  return new Map(
    [...reached].map(([operationId, list]) => {
      /** @type {Codes} */
      const codes = new Map();
      for (const { node, pointer } of anywhere ?? list) {
        for (const code of new Set([...(node.enum ?? []), ...Object.keys(node["x-result-codes"])])) {
          if (!codes.has(code))
            codes.set(code, {
              facts: node["x-result-codes"][code] ?? {},
              pointer: ptr(pointer, "x-result-codes", code),
            });
        }
      }
      return [operationId, codes];
    }),
  );
}
