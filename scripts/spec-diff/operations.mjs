// @ts-check
// The document and its operations: servers (keyed by x-environment), security schemes, operations matched by path
// and method (or, when those moved, by operationId), and each operation's own declarations. What an operation
// sends and receives is compared in messages.mjs.
import { diffMessages } from "./messages.mjs";
import { follow, ptr } from "./load.mjs";
import { canonical } from "./shape.mjs";

/** @typedef {import("./report.mjs").Change} Change @typedef {import("./report.mjs").Level} Level */
/** @typedef {{ id?: string; path: string; method: string; node: any; pointer: string; item: any; itemPointer: string }} Operation */
/** @typedef {(id: string, level: Level, pointer: string, text: string, minor?: boolean) => void} Say */

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** Members of an operation with rules of their own (here or in messages.mjs); the others are compared as written. */
const OWN_RULES = new Set([
  "operationId",
  "deprecated",
  "parameters",
  "requestBody",
  "responses",
  "security",
  "x-idempotency-key",
]);
const WORDS = new Set(["summary", "description", "tags", "externalDocs"]);

/** @param {any} doc @returns {Operation[]} */
export function operationsOf(doc) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, written]) => {
    const itemPointer = ptr("/paths", path);
    const item = follow(doc, written);
    return METHODS.filter((m) => item[m]).map((method) => ({
      id: item[method].operationId,
      path,
      method,
      node: item[method],
      pointer: ptr(itemPointer, method),
      item,
      itemPointer,
    }));
  });
}

/** @param {any} base @param {any} head @param {(change: Change) => void} emit */
export function diffDocument(base, head, emit) {
  /** @type {Say} */
  const say = (id, level, pointer, text, minor) => emit({ id, level, minor, pointer, text });
  diffServers(base, head, say);
  diffSecuritySchemes(base, head, say);
  for (const key of new Set([...Object.keys(base), ...Object.keys(head)])) {
    if (["paths", "components", "servers", "security"].includes(key)) continue;
    // info's version and extensions are facts about the document (a release stamp), not about the API
    const about = (/** @type {any} */ info) =>
      Object.fromEntries(Object.entries(info ?? {}).filter(([k]) => k !== "version" && !k.startsWith("x-")));
    const written = (/** @type {any} */ doc) => canonical(doc, key === "info" ? about(doc.info) : doc[key], true);
    if (written(base) === written(head)) continue;
    if (key === "openapi")
      say(
        "openapi-version-changed",
        "info",
        "/openapi",
        `OpenAPI version changed from ${base.openapi} to ${head.openapi}`,
      );
    else if (["info", "tags", "externalDocs"].includes(key))
      say("documentation-changed", "info", ptr("", key), `${key} changed`);
    else
      say(
        key.startsWith("x-") ? "extension-changed" : "api-changed",
        key.startsWith("x-") ? "info" : "warning",
        ptr("", key),
        `${key} changed`,
      );
  }
  const [before, after] = [operationsOf(base), operationsOf(head)];
  /** @type {[Operation, Operation][]} */
  const pairs = [];
  const taken = new Set();
  const claim = (/** @type {Operation} */ b, /** @type {Operation | undefined} */ h) =>
    h && !taken.has(h) && (taken.add(h), pairs.push([b, h]), true);
  const unmatched = before.filter(
    (b) =>
      !claim(
        b,
        after.find((h) => h.path === b.path && h.method === b.method),
      ),
  );
  const gone = unmatched.filter(
    (b) =>
      !claim(
        b,
        after.find((h) => !taken.has(h) && b.id !== undefined && h.id === b.id),
      ),
  );
  for (const b of gone) {
    const pathGone = !after.some((h) => h.path === b.path);
    const text = `${b.method.toUpperCase()} ${b.path} removed: the client's ${b.id}() is gone`;
    emit({
      id: pathGone ? "api-path-removed" : "api-operation-removed",
      level: "breaking",
      operationId: b.id,
      pointer: b.pointer,
      text,
    });
  }
  for (const h of after.filter((h) => !taken.has(h))) {
    const pathNew = !before.some((b) => b.path === h.path);
    const text = `${h.method.toUpperCase()} ${h.path} added: the client gains ${h.id}()`;
    emit({
      id: pathNew ? "api-path-added" : "api-operation-added",
      level: "info",
      minor: true,
      operationId: h.id,
      pointer: h.pointer,
      text,
    });
  }
  for (const [b, h] of pairs) diffOperation(base, head, b, h, emit);
}

/** @param {any} base @param {any} head @param {Operation} b @param {Operation} h @param {(change: Change) => void} emit */
function diffOperation(base, head, b, h, emit) {
  const operationId = h.id ?? b.id;
  /** @type {Say} */
  const say = (id, level, pointer, text, minor) => emit({ id, level, minor, operationId, pointer, text });
  if (b.path !== h.path) say("api-path-changed", "breaking", h.pointer, `Path changed from ${b.path} to ${h.path}`);
  if (b.method !== h.method)
    say(
      "api-method-changed",
      "breaking",
      h.pointer,
      `Method changed from ${b.method.toUpperCase()} to ${h.method.toUpperCase()}`,
    );
  if (b.id !== h.id)
    say(
      "api-operation-id-changed",
      "breaking",
      ptr(h.pointer, "operationId"),
      `operationId changed from ${b.id} to ${h.id}: the client's method ${b.id}() is now ${h.id}()`,
    );

  const [bKey, hKey] = [b.node["x-idempotency-key"], h.node["x-idempotency-key"]];
  const keyPointer = ptr(hKey === undefined ? b.pointer : h.pointer, "x-idempotency-key");
  if (bKey !== undefined && hKey === undefined)
    say(
      "idempotency-key-removed",
      "breaking",
      keyPointer,
      `Idempotency key ${bKey} no longer declared: the client stops filling it in and reporting it as the call's requestId`,
    );
  else if (bKey !== undefined && bKey !== hKey)
    say(
      "idempotency-key-changed",
      "breaking",
      keyPointer,
      `Idempotency key changed from ${bKey} to ${hKey}: the client fills in and reports ${hKey} instead`,
    );
  else if (bKey === undefined && hKey !== undefined)
    say(
      "idempotency-key-added",
      "info",
      keyPointer,
      `Idempotency key ${hKey} declared: the client fills it in when it is missing`,
      true,
    );

  if (!b.node.deprecated !== !h.node.deprecated) {
    const now = Boolean(h.node.deprecated);
    say(
      now ? "api-deprecated" : "api-reactivated",
      "info",
      ptr(h.pointer, "deprecated"),
      now ? "operation deprecated" : "operation no longer deprecated",
      now,
    );
  }
  const security = (/** @type {any} */ doc, /** @type {Operation} */ op) =>
    new Set(
      (op.node.security ?? doc.security ?? []).map((/** @type {any} */ req) =>
        canonical(doc, Object.fromEntries(Object.entries(req).map(([k, v]) => [k, [...v].sort()]))),
      ),
    );
  const [bSec, hSec] = [security(base, b), security(head, h)];
  for (const req of bSec)
    if (!hSec.has(req))
      say(
        "api-security-removed",
        "breaking",
        ptr(h.pointer, "security"),
        `Security requirement ${req} removed: callers that meet it are refused`,
      );
  for (const req of hSec)
    if (!bSec.has(req))
      say(
        "api-security-added",
        "info",
        ptr(h.pointer, "security"),
        `Security requirement ${req} added as an alternative`,
        true,
      );

  for (const key of new Set([...Object.keys(b.node), ...Object.keys(h.node)])) {
    if (OWN_RULES.has(key) || canonical(base, b.node[key], true) === canonical(head, h.node[key], true)) continue;
    const id = WORDS.has(key) ? "documentation-changed" : key.startsWith("x-") ? "extension-changed" : "api-changed";
    say(id, id === "api-changed" ? "warning" : "info", ptr(h.pointer, key), `${key} changed`);
  }
  diffMessages({ doc: base, op: b }, { doc: head, op: h }, operationId, emit);
}

/** Servers by their x-environment (or URL, without one): what the client's `environment` option picks. @param {any} base @param {any} head @param {Say} say */
function diffServers(base, head, say) {
  const servers = (/** @type {any} */ doc) =>
    new Map(
      (doc.servers ?? []).map((/** @type {any} */ s, /** @type {number} */ i) => [
        s["x-environment"] ?? s.url,
        { ...s, pointer: ptr("/servers", i) },
      ]),
    );
  const [b, h] = [servers(base), servers(head)];
  const url = (/** @type {any} */ s) => String(s.url).replace(/\/+$/, "");
  for (const [name, s] of b) {
    const now = h.get(name);
    if (!now)
      say(
        "server-removed",
        "breaking",
        s.pointer,
        `Server ${name} (${s.url}) removed: environment: "${name}" no longer resolves`,
      );
    else if (url(s) !== url(now) || canonical(base, s.variables) !== canonical(head, now.variables))
      say("server-url-changed", "breaking", now.pointer, `Server ${name} moved from ${s.url} to ${now.url}`);
    else if (s.description !== now.description)
      say("documentation-changed", "info", now.pointer, `Description of server ${name} changed`);
  }
  for (const [name, s] of h)
    if (!b.has(name)) say("server-added", "info", s.pointer, `Server ${name} (${s.url}) added`, true);
}

/** @param {any} base @param {any} head @param {Say} say */
function diffSecuritySchemes(base, head, say) {
  const schemes = (/** @type {any} */ doc) => doc.components?.securitySchemes ?? {};
  const [b, h] = [schemes(base), schemes(head)];
  for (const name of new Set([...Object.keys(b), ...Object.keys(h)])) {
    const pointer = ptr("/components/securitySchemes", name);
    const [bs, hs] = [b[name] && follow(base, b[name]), h[name] && follow(head, h[name])];
    if (!hs) say("security-scheme-removed", "breaking", pointer, `Security scheme ${name} removed`);
    else if (!bs) say("security-scheme-added", "info", pointer, `Security scheme ${name} added`, true);
    else if (canonical(base, bs) !== canonical(head, hs))
      say(
        "security-scheme-changed",
        "breaking",
        pointer,
        `Security scheme ${name} changed: requests signed the old way are refused`,
      );
    else if (canonical(base, { d: bs.description }) !== canonical(head, { d: hs.description }))
      say("documentation-changed", "info", pointer, `Description of security scheme ${name} changed`);
  }
}
