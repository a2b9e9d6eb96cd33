// @ts-check
// Reads each operation of the bundled spec whole: method, path, request and response schemas (components or inline),
// headers, idempotency key and result codes. Nothing is taken by name: the idempotency key is the operation's
// x-idempotency-key, the result codes are the enum marked x-result-codes wherever its response schemas reach it.
// What the client cannot send, and a component schema no operation uses, fail generation naming the file.
import { deref } from "../spec.mjs";

/** The methods a path item may hold (OpenAPI 3.1). */
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** The client sends a JSON body with every call; fetch refuses a body on these. */
const BODILESS = ["get", "head"];

/**
 * Each operation by operationId: method, path, request schema, headers, idempotency key, and per response its
 * headers and schema; its result codes from the response schemas. Fails, naming the file, on what the client cannot
 * send: no JSON request body, a body on GET or HEAD, a path, query or cookie parameter.
 * @param {any} bundled @param {Record<string, string>} files
 */
export function readOperations(bundled, files) {
  /** @type {Record<string, any>} */
  const operations = {};
  /** @type {Record<string, any>} */
  const inline = {};
  /** @type {Record<string, any>} */
  const details = {};
  /** @type {Record<string, Record<string, { status: string; retryable: boolean; message: string }>>} */
  const codes = {};
  /** @type {string[]} */
  const responseRoots = [];
  for (const [path, item] of Object.entries(bundled.paths ?? {})) {
    /** A component's name, or the inline schema registered under `name`. @param {any} schema @param {string} name */
    const schemaName = (schema, name) => {
      const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref ?? "");
      if (match && Object.keys(schema).length === 1) return match[1];
      inline[name] = schema;
      files[name] = files[path] ?? "spec";
      return name;
    };
    for (const method of METHODS.filter((m) => item[m])) {
      const op = readOperation(
        bundled,
        { path, item, method, where: `${method.toUpperCase()} ${path} (${files[path] ?? "spec"})` },
        schemaName,
      );
      if (op.id in operations) throw new Error(`spec: operationId ${op.id} is used twice`);
      operations[op.id] = op.facts;
      details[op.id] = op.details;
      codes[op.id] = op.codes;
      responseRoots.push(...Object.values(op.details.responses).flatMap((r) => (r.schema ? [r.schema] : [])));
    }
  }
  return { operations, details, codes, inline, responseRoots };
}

/**
 * @param {any} bundled @param {{ path: string; item: any; method: string; where: string }} at
 * @param {(schema: any, name: string) => string} schemaName
 */
function readOperation(bundled, { path, item, method, where }, schemaName) {
  const op = item[method];
  const id = op.operationId;
  if (typeof id !== "string" || !id) throw new Error(`spec: ${where} has no operationId`);
  const body = follow(bundled, op.requestBody ?? {});
  const media = Object.keys(body.content ?? {});
  if (media.length !== 1 || media[0] !== "application/json" || !body.content["application/json"].schema) {
    throw new Error(
      `spec: ${where}: the client sends a JSON body, so the operation needs a requestBody with one application/json schema (found ${media.join(", ") || "none"})`,
    );
  }
  if (BODILESS.includes(method))
    throw new Error(
      `spec: ${where}: fetch sends no body with ${method.toUpperCase()}, and every operation's request is a JSON body`,
    );
  /** @type {string[]} */
  const requestHeaders = [];
  for (const parameter of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(bundled, p))) {
    if (parameter.in !== "header")
      throw new Error(
        `spec: ${where}: the ${parameter.in} parameter ${parameter.name} is not supported (the client sends a body and headers only)`,
      );
    requestHeaders.push(parameter.name);
  }
  // names with a space: no component can have one (OpenAPI allows letters, digits, ".", "-" and "_")
  const requestSchema = body.content["application/json"].schema;
  const schema = schemaName(requestSchema, `${id} request`);
  const key = op["x-idempotency-key"];
  if (key !== undefined && (typeof key !== "string" || !propertyNames(deref(bundled, requestSchema)).has(key))) {
    throw new Error(
      `spec: ${where}: x-idempotency-key names ${JSON.stringify(key)}, which is not a property of the request body`,
    );
  }
  /** @type {Record<string, { headers: string[]; schema?: string }>} */
  const responses = {};
  /** @type {Record<string, { status: string; retryable: boolean; message: string }>} */
  const codes = {};
  for (const [status, raw] of Object.entries(op.responses ?? {})) {
    const response = follow(bundled, raw);
    const content = response.content?.["application/json"]?.schema;
    const name = content && schemaName(content, `${id} ${status} response`);
    responses[status] = { headers: Object.keys(response.headers ?? {}), ...(name && { schema: name }) };
    if (content) Object.assign(codes, readResultCodes(deref(bundled, content), where));
  }
  const facts = {
    method: method.toUpperCase(),
    path,
    schema,
    ...(key !== undefined && { idempotencyKey: key }),
    retryable: Object.keys(codes).filter((code) => codes[code].retryable),
  };
  const details = {
    requestHeaders: [...requestHeaders, ...securityHeaders(bundled, op)],
    responses,
    resultCodes: Object.keys(codes),
  };
  return { id, facts, details, codes };
}

/**
 * A component schema that no operation reaches is an error: a scenario registered in components but left out of its
 * request's oneOf would otherwise be dropped from the client without a word.
 * @param {any} bundled @param {Record<string, string>} files
 */
export function refuseUnusedSchemas(bundled, files) {
  /** @type {Set<string>} */
  const reached = new Set();
  const walk = (/** @type {any} */ node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.$ref === "string" && !reached.has(node.$ref)) {
      reached.add(node.$ref);
      walk(
        node.$ref
          .slice(2)
          .split("/")
          .reduce((/** @type {any} */ at, /** @type {string} */ key) => at?.[key], bundled),
      );
    }
    // a discriminator's mapping names its schemas: a ref, or a bare component name
    const mapping = node.discriminator?.mapping ?? {};
    for (const ref of Object.values(mapping))
      walk({ $ref: String(ref).startsWith("#") ? ref : `#/components/schemas/${ref}` });
    for (const value of Object.values(node)) walk(value);
  };
  walk(bundled.paths);
  const unused = Object.keys(bundled.components?.schemas ?? {}).filter(
    (name) => !reached.has(`#/components/schemas/${name}`),
  );
  if (unused.length) {
    throw new Error(
      `spec: no operation uses ${unused.map((name) => `components.schemas.${name} (${files[name]})`).join(", ")}.\n` +
        "  A scenario or template is used once it is in its request's oneOf and discriminator mapping; otherwise remove it.",
    );
  }
}

/** `node`, or what its $ref points to (one level: the schemas inside keep their refs). @param {any} bundled @param {any} node */
function follow(bundled, node) {
  while (typeof node?.$ref === "string") {
    const { $ref, ...siblings } = node;
    node = {
      ...$ref
        .slice(2)
        .split("/")
        .reduce(
          (/** @type {any} */ at, /** @type {string} */ key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
          bundled,
        ),
      ...siblings,
    };
  }
  return node;
}

/** The header names of the operation's security schemes (its own `security`, or the spec's). @param {any} bundled @param {any} op */
function securityHeaders(bundled, op) {
  const requirements = op.security ?? bundled.security ?? [];
  const schemes = bundled.components?.securitySchemes ?? {};
  const names = requirements
    .flatMap((/** @type {object} */ r) => Object.keys(r))
    .map((/** @type {string} */ name) => deref(bundled, schemes[name] ?? {}));
  return [...new Set(names.filter((s) => s.type === "apiKey" && s.in === "header").map((s) => String(s.name)))];
}

/**
 * The result codes a response schema lists: every enum in it that carries `x-result-codes` (each code's status
 * letter and whether a client retries it). Found by that mark, wherever the schema keeps it and whatever it is named.
 * @param {any} schema dereferenced @param {string} where
 * @returns {Record<string, { status: string; retryable: boolean; message: string }>}
 */
function readResultCodes(schema, where) {
  /** @type {Record<string, { status: string; retryable: boolean; message: string }>} */
  const codes = {};
  const walk = (/** @type {any} */ node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    const facts = node["x-result-codes"];
    if (facts) {
      if (!Array.isArray(node.enum))
        throw new Error(`spec: ${where}: x-result-codes belongs beside the enum of the codes it describes`);
      for (const code of node.enum) {
        const fact = facts[code];
        if (!fact || !["S", "F", "U"].includes(fact.status) || typeof fact.retryable !== "boolean") {
          throw new Error(
            `spec: ${where}: result code ${code} needs an x-result-codes entry with status S, F or U and retryable true or false`,
          );
        }
        codes[code] = {
          status: fact.status,
          retryable: fact.retryable,
          message: node["x-enum-descriptions"]?.[code] ?? "",
        };
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== "x-result-codes") walk(value);
  };
  walk(schema);
  return codes;
}

/**
 * Every operation's result codes as one list; a code two operations describe differently fails generation.
 * @param {Record<string, Record<string, { status: string; retryable: boolean; message: string }>>} codes by operationId
 */
export function unionOfResultCodes(codes) {
  /** @type {Record<string, { status: string; retryable: boolean; message: string }>} */
  const union = {};
  for (const [operationId, own] of Object.entries(codes)) {
    for (const [code, facts] of Object.entries(own)) {
      const known = union[code];
      if (known && (known.status !== facts.status || known.retryable !== facts.retryable)) {
        throw new Error(
          `spec: result code ${code} is ${known.status}/${known.retryable ? "retried" : "not retried"} for one operation and ${facts.status}/${facts.retryable ? "retried" : "not retried"} for ${operationId}`,
        );
      }
      union[code] = known?.message ? known : facts;
    }
  }
  return union;
}

/** Every property name a schema declares, through allOf/anyOf/oneOf. @param {any} schema @returns {Set<string>} */
function propertyNames(schema, names = new Set()) {
  if (!schema || typeof schema !== "object") return names;
  for (const name of Object.keys(schema.properties ?? {})) names.add(name);
  for (const list of [schema.allOf, schema.anyOf, schema.oneOf])
    for (const sub of list ?? []) propertyNames(sub, names);
  return names;
}
