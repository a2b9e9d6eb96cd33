// @ts-check
// Reads, from the bundled spec, everything the client and the sandbox need at run time. Nothing is taken by position:
// operations are keyed by operationId, servers by their x-environment, variants by their discriminator mapping.
import { deref } from "../spec.mjs";
import { schemaTable } from "./schemas.mjs";

/** The methods a path item may hold (OpenAPI 3.1). */
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
/** The client sends a JSON body with every call; fetch refuses a body on these. */
const BODILESS = ["get", "head"];

/**
 * @param {any} bundled the bundled spec
 * @param {Record<string, string>} files component schema name or path -> the spec file that defines it, for messages
 * @param {Record<string, import("./schemas.mjs").KeywordFacts>} vocabulary packages/spec/src/vocabulary.ts
 */
export function buildModel(bundled, files, vocabulary) {
  files = { ...files }; // gains the inline schemas' files
  refuseUnusedSchemas(bundled, files);
  const { operations, details, codes, inline, responseRoots } = readOperations(bundled, files);
  // the component schemas, and each operation's inline request and response schemas under a name no component can have
  const schemas = { ...bundled.components.schemas, ...inline };
  const roots = Object.values(operations).map((op) => op.schema);
  /** @type {Record<string, any>} */
  const variants = {};
  /** @type {Record<string, any>} */
  const descriptions = {};
  /** @type {Record<string, any[]>} */
  const examples = {};
  for (const [operationId, op] of Object.entries(operations)) {
    const request = schemas[op.schema];
    examples[operationId] = [];
    if (request.discriminator) {
      variants[operationId] = readVariants(bundled, schemas, op.schema, files);
      // kept apart: a client never shows them, so it need not bundle them
      descriptions[operationId] = Object.fromEntries(
        Object.entries(variants[operationId].values).map(([value, facts]) => [value, { variant: facts.name, statuses: facts.descriptions }]),
      );
      for (const facts of Object.values(variants[operationId].values)) {
        delete facts.descriptions;
        delete facts.name;
      }
      for (const [value, ref] of Object.entries(request.discriminator.mapping)) {
        const branch = schemas[String(ref).split("/").pop() ?? ""];
        for (const body of branch.examples ?? []) examples[operationId].push({ variant: value, body });
      }
    }
    for (const body of request.examples ?? []) examples[operationId].push({ body });
  }
  const table = schemaTable(vocabulary, schemas, roots);
  const resultCodes = unionOfResultCodes(codes);
  return {
    SERVERS: readServers(bundled),
    OPERATIONS: operations,
    // the rest of what the spec says of each operation, kept apart: a client bundle carries every byte it imports
    OPERATION_DETAILS: details,
    RESULT_CODES: resultCodes,
    // what a client needs of them, without the prose (a client bundle carries every byte of what it imports)
    RESULT_RETRYABLE: Object.fromEntries(Object.entries(resultCodes).map(([code, facts]) => [code, facts.retryable])),
    VARIANTS: variants,
    DESCRIPTIONS: descriptions,
    SCHEMAS: table,
    RESPONSE_SCHEMAS: schemaTable(vocabulary, schemas, responseRoots),
    INFERRED: inferredConstraints(table, operations),
    EXAMPLES: examples,
  };
}

/**
 * Every schema marked x-inferred that a request reaches, with where it applies in the body. A component shared by
 * the variants (the base fields) is listed once, without a variant.
 * @param {Record<string, any>} table @param {Record<string, { schema: string }>} operations
 */
function inferredConstraints(table, operations) {
  /** @type {Map<string, any>} */
  const found = new Map();
  const join = (/** @type {string} */ path, /** @type {string} */ name) => (path ? `${path}.${name}` : name);
  for (const [operationId, op] of Object.entries(operations)) {
    /** @param {any} node @param {string} path @param {string | undefined} variant @param {string[]} refs */
    const walk = (node, path, variant, refs) => {
      if (!node || typeof node !== "object") return;
      const record = (/** @type {any} */ schema, /** @type {string[]} */ keywords, /** @type {string} */ why) => {
        const entry = { operationId, ...(variant !== undefined && { variant }), path, keywords, schema, why };
        found.set(JSON.stringify([operationId, variant, path, keywords, why]), entry);
      };
      if (node.$ref && !refs.includes(node.$ref)) walk(table[node.$ref], path, undefined, [...refs, node.$ref]);
      if (node["x-inferred"]) record(node, Object.keys(node).filter((k) => k !== "x-inferred"), node["x-inferred"]);
      if (node.not?.["x-inferred"]) record({ not: node.not }, ["not"], node.not["x-inferred"]);
      for (const part of [...(node.allOf ?? []), ...(node.anyOf ?? [])]) walk(part, path, variant, refs);
      if (node.discriminator) {
        for (const [value, name] of Object.entries(node.discriminator.mapping)) walk(table[/** @type {string} */ (name)], path, value, [...refs, name]);
      } else for (const alt of node.oneOf ?? []) walk(alt, path, variant, refs);
      for (const [name, sub] of Object.entries(node.properties ?? {})) walk(sub, join(path, name), variant, refs);
      if (node.items) walk(node.items, `${path}[0]`, variant, refs);
    };
    walk({ $ref: op.schema }, "", undefined, []);
  }
  return [...found.values()];
}

/** @param {any} bundled */
function readServers(bundled) {
  /** @type {Record<string, string>} */
  const servers = {};
  for (const [i, server] of (bundled.servers ?? []).entries()) {
    const name = server["x-environment"];
    if (typeof name !== "string") throw new Error(`spec: servers[${i}] (${server.url}) has no x-environment name`);
    if (name in servers) throw new Error(`spec: two servers are named x-environment: ${name}`);
    servers[name] = server.url.replace(/\/+$/, "");
  }
  return servers;
}

/**
 * Each operation by operationId: method, path, request schema, headers, idempotency key, and per response its
 * headers and schema; its result codes from the response schemas. Fails, naming the file, on what the client cannot
 * send: no JSON request body, a body on GET or HEAD, a path, query or cookie parameter.
 * @param {any} bundled @param {Record<string, string>} files
 */
function readOperations(bundled, files) {
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
      const op = readOperation(bundled, { path, item, method, where: `${method.toUpperCase()} ${path} (${files[path] ?? "spec"})` }, schemaName);
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
    throw new Error(`spec: ${where}: the client sends a JSON body, so the operation needs a requestBody with one application/json schema (found ${media.join(", ") || "none"})`);
  }
  if (BODILESS.includes(method)) throw new Error(`spec: ${where}: fetch sends no body with ${method.toUpperCase()}, and every operation's request is a JSON body`);
  /** @type {string[]} */
  const requestHeaders = [];
  for (const parameter of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(bundled, p))) {
    if (parameter.in !== "header") throw new Error(`spec: ${where}: the ${parameter.in} parameter ${parameter.name} is not supported (the client sends a body and headers only)`);
    requestHeaders.push(parameter.name);
  }
  // names with a space: no component can have one (OpenAPI allows letters, digits, ".", "-" and "_")
  const requestSchema = body.content["application/json"].schema;
  const schema = schemaName(requestSchema, `${id} request`);
  const key = op["x-idempotency-key"];
  if (key !== undefined && (typeof key !== "string" || !propertyNames(deref(bundled, requestSchema)).has(key))) {
    throw new Error(`spec: ${where}: x-idempotency-key names ${JSON.stringify(key)}, which is not a property of the request body`);
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
  const details = { requestHeaders: [...requestHeaders, ...securityHeaders(bundled, op)], responses, resultCodes: Object.keys(codes) };
  return { id, facts, details, codes };
}

/**
 * A component schema that no operation reaches is an error: a scenario registered in components but left out of its
 * request's oneOf would otherwise be dropped from the client without a word.
 * @param {any} bundled @param {Record<string, string>} files
 */
function refuseUnusedSchemas(bundled, files) {
  /** @type {Set<string>} */
  const reached = new Set();
  const walk = (/** @type {any} */ node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.$ref === "string" && !reached.has(node.$ref)) {
      reached.add(node.$ref);
      walk(node.$ref.slice(2).split("/").reduce((/** @type {any} */ at, /** @type {string} */ key) => at?.[key], bundled));
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "mapping") for (const ref of Object.values(value)) walk({ $ref: String(ref).startsWith("#") ? ref : `#/components/schemas/${ref}` });
      else walk(value);
    }
  };
  walk(bundled.paths);
  const unused = Object.keys(bundled.components?.schemas ?? {}).filter((name) => !reached.has(`#/components/schemas/${name}`));
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
    node = { ...$ref.slice(2).split("/").reduce((/** @type {any} */ at, /** @type {string} */ key) => at?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], bundled), ...siblings };
  }
  return node;
}

/** The header names of the operation's security schemes (its own `security`, or the spec's). @param {any} bundled @param {any} op */
function securityHeaders(bundled, op) {
  const requirements = op.security ?? bundled.security ?? [];
  const schemes = bundled.components?.securitySchemes ?? {};
  const names = requirements.flatMap((/** @type {object} */ r) => Object.keys(r)).map((/** @type {string} */ name) => deref(bundled, schemes[name] ?? {}));
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
      if (!Array.isArray(node.enum)) throw new Error(`spec: ${where}: x-result-codes belongs beside the enum of the codes it describes`);
      for (const code of node.enum) {
        const fact = facts[code];
        if (!fact || !["S", "F", "U"].includes(fact.status) || typeof fact.retryable !== "boolean") {
          throw new Error(`spec: ${where}: result code ${code} needs an x-result-codes entry with status S, F or U and retryable true or false`);
        }
        codes[code] = { status: fact.status, retryable: fact.retryable, message: node["x-enum-descriptions"]?.[code] ?? "" };
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
function unionOfResultCodes(codes) {
  /** @type {Record<string, { status: string; retryable: boolean; message: string }>} */
  const union = {};
  for (const [operationId, own] of Object.entries(codes)) {
    for (const [code, facts] of Object.entries(own)) {
      const known = union[code];
      if (known && (known.status !== facts.status || known.retryable !== facts.retryable)) {
        throw new Error(`spec: result code ${code} is ${known.status}/${known.retryable ? "retried" : "not retried"} for one operation and ${facts.status}/${facts.retryable ? "retried" : "not retried"} for ${operationId}`);
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
  for (const list of [schema.allOf, schema.anyOf, schema.oneOf]) for (const sub of list ?? []) propertyNames(sub, names);
  return names;
}

/**
 * The variants of a discriminated request (order sync's scenarios, the notification templates): for each
 * discriminator value its statuses and their descriptions, end statuses and transition rules. Fails, naming the
 * files, when the discriminator mapping, the base schema's enum and the variants' consts disagree.
 * @param {any} bundled @param {Record<string, any>} schemas the component schemas and the inline ones
 * @param {string} name @param {Record<string, string>} files
 */
function readVariants(bundled, schemas, name, files) {
  const request = schemas[name];
  const { propertyName, mapping } = request.discriminator;
  const statusProperty = request["x-status-property"];
  if (typeof statusProperty !== "string") throw new Error(`spec: ${name} (${files[name]}) needs x-status-property beside its discriminator`);
  const mapped = Object.keys(mapping);
  const alternatives = request.oneOf.map((/** @type {any} */ alt) => alt.$ref);
  const unmapped = alternatives.filter((/** @type {string} */ ref) => !Object.values(mapping).includes(ref));
  if (unmapped.length) throw new Error(`spec: ${name} (${files[name]}): oneOf ${unmapped.join(", ")} missing from the discriminator mapping`);
  /** @type {string[]} */
  const disagreements = [];
  /** @type {Record<string, any>} */
  const values = {};
  for (const [value, ref] of Object.entries(mapping)) {
    const component = String(ref).split("/").pop() ?? "";
    const branch = schemas[component];
    if (!branch) throw new Error(`spec: ${name}: the discriminator maps ${value} to ${ref}, which does not exist`);
    if (!alternatives.includes(ref)) disagreements.push(`${value} is in the discriminator mapping (${files[name]}) but ${component} is not in its oneOf`);
    const parts = partsOf(bundled, branch, files[component] ?? component, files);
    const consts = parts.map(({ schema }) => schema.properties?.[propertyName]?.const).filter((c) => c !== undefined);
    if (consts.length !== 1 || consts[0] !== value) {
      disagreements.push(`${files[component]} must fix ${propertyName} to ${value} with one const (found ${consts.length ? consts.join(", ") : "none"})`);
    }
    for (const { schema, file } of parts) {
      const listed = schema.properties?.[propertyName]?.enum;
      if (!listed || (listed.length === mapped.length && mapped.every((v) => listed.includes(v)))) continue;
      const only = (/** @type {string} */ where, /** @type {string[]} */ list) => (list.length ? [`${where} only: ${list.join(", ")}`] : []);
      const detail = [...only("mapping", mapped.filter((v) => !listed.includes(v))), ...only("enum", listed.filter((/** @type {string} */ v) => !mapped.includes(v)))];
      const text = `the ${propertyName} enum in ${file} and the discriminator mapping in ${files[name]} disagree (${detail.join("; ")})`;
      if (!disagreements.includes(text)) disagreements.push(text);
    }
    const status = parts.map(({ schema }) => schema.properties?.[statusProperty]).find((s) => s?.enum);
    // the variant's name for people: the discriminator enum's words for it, or its schema's title
    const words = parts.map(({ schema }) => schema.properties?.[propertyName]?.["x-enum-descriptions"]?.[value]).find(Boolean);
    if (!status) throw new Error(`spec: ${files[component]} lists no ${statusProperty} enum`);
    const transitions = branch["x-transitions"] ?? {};
    if (!status["x-enum-descriptions"]) throw new Error(`spec: ${files[component]} has no x-enum-descriptions for ${statusProperty}`);
    values[value] = {
      name: words ?? branch.title ?? value,
      statuses: status.enum,
      descriptions: status["x-enum-descriptions"],
      endStatuses: branch["x-end-statuses"] ?? [],
      reversible: transitions.reversible ?? true,
      onlyFrom: transitions.onlyFrom ?? {},
      onlyTo: transitions.onlyTo ?? {},
      inferred: transitions["x-inferred"] ?? {},
    };
  }
  if (disagreements.length) throw new Error(`spec: the ${propertyName} lists disagree:\n  - ${disagreements.join("\n  - ")}`);
  return { property: propertyName, statusProperty, values };
}

/**
 * A schema and its allOf parts, recursively, each (refs resolved) with the spec file it is written in.
 * @param {any} bundled @param {any} schema @param {string} file @param {Record<string, string>} files
 * @returns {{ schema: any; file: string }[]}
 */
function partsOf(bundled, schema, file, files) {
  const ref = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref ?? "")?.[1];
  if (ref) return partsOf(bundled, bundled.components.schemas[ref], files[ref] ?? ref, files);
  const own = { schema: deref(bundled, { ...schema, allOf: undefined }), file };
  return [own, ...(schema.allOf ?? []).flatMap((/** @type {any} */ part) => partsOf(bundled, part, file, files))];
}
