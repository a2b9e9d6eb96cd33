// @ts-check
// Reads, from the bundled spec, everything the client and the sandbox need at run time. Nothing is taken by position:
// operations are keyed by operationId, servers by their x-environment, variants by their discriminator mapping.
import { deref } from "../spec.mjs";
import { readOperations, refuseUnusedSchemas, unionOfResultCodes } from "./operations.mjs";
import { schemaTable } from "./schemas.mjs";

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
      checkResponseRequired(
        variants[operationId],
        schemas[details[operationId].responses["200"]?.schema ?? ""],
        operationId,
      );
      // kept apart: a client never shows them, so it need not bundle them
      descriptions[operationId] = Object.fromEntries(
        Object.entries(variants[operationId].values).map(([value, facts]) => [
          value,
          { variant: facts.name, statuses: facts.descriptions },
        ]),
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
      if (node["x-inferred"])
        record(
          node,
          Object.keys(node).filter((k) => k !== "x-inferred"),
          node["x-inferred"],
        );
      if (node.not?.["x-inferred"]) record({ not: node.not }, ["not"], node.not["x-inferred"]);
      for (const part of [...(node.allOf ?? []), ...(node.anyOf ?? [])]) walk(part, path, variant, refs);
      if (node.discriminator) {
        for (const [value, name] of Object.entries(node.discriminator.mapping))
          walk(table[/** @type {string} */ (name)], path, value, [...refs, name]);
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
  if (typeof statusProperty !== "string")
    throw new Error(`spec: ${name} (${files[name]}) needs x-status-property beside its discriminator`);
  const mapped = Object.keys(mapping);
  const alternatives = request.oneOf.map((/** @type {any} */ alt) => alt.$ref);
  const unmapped = alternatives.filter((/** @type {string} */ ref) => !Object.values(mapping).includes(ref));
  if (unmapped.length)
    throw new Error(
      `spec: ${name} (${files[name]}): oneOf ${unmapped.join(", ")} missing from the discriminator mapping`,
    );
  /** @type {string[]} */
  const disagreements = [];
  /** @type {Record<string, any>} */
  const values = {};
  for (const [value, ref] of Object.entries(mapping)) {
    const component = String(ref).split("/").pop() ?? "";
    const branch = schemas[component];
    if (!branch) throw new Error(`spec: ${name}: the discriminator maps ${value} to ${ref}, which does not exist`);
    if (!alternatives.includes(ref))
      disagreements.push(
        `${value} is in the discriminator mapping (${files[name]}) but ${component} is not in its oneOf`,
      );
    const parts = partsOf(bundled, branch, files[component] ?? component, files);
    const consts = parts.map(({ schema }) => schema.properties?.[propertyName]?.const).filter((c) => c !== undefined);
    if (consts.length !== 1 || consts[0] !== value) {
      disagreements.push(
        `${files[component]} must fix ${propertyName} to ${value} with one const (found ${consts.length ? consts.join(", ") : "none"})`,
      );
    }
    for (const { schema, file } of parts) {
      const listed = schema.properties?.[propertyName]?.enum;
      if (!listed || (listed.length === mapped.length && mapped.every((v) => listed.includes(v)))) continue;
      const only = (/** @type {string} */ where, /** @type {string[]} */ list) =>
        list.length ? [`${where} only: ${list.join(", ")}`] : [];
      const detail = [
        ...only(
          "mapping",
          mapped.filter((v) => !listed.includes(v)),
        ),
        ...only(
          "enum",
          listed.filter((/** @type {string} */ v) => !mapped.includes(v)),
        ),
      ];
      const text = `the ${propertyName} enum in ${file} and the discriminator mapping in ${files[name]} disagree (${detail.join("; ")})`;
      if (!disagreements.includes(text)) disagreements.push(text);
    }
    const status = parts.map(({ schema }) => schema.properties?.[statusProperty]).find((s) => s?.enum);
    // the variant's name for people: the discriminator enum's words for it, or its schema's title
    const words = parts
      .map(({ schema }) => schema.properties?.[propertyName]?.["x-enum-descriptions"]?.[value])
      .find(Boolean);
    if (!status) throw new Error(`spec: ${files[component]} lists no ${statusProperty} enum`);
    const transitions = branch["x-transitions"] ?? {};
    if (!status["x-enum-descriptions"])
      throw new Error(`spec: ${files[component]} has no x-enum-descriptions for ${statusProperty}`);
    values[value] = {
      name: words ?? branch.title ?? value,
      statuses: status.enum,
      descriptions: status["x-enum-descriptions"],
      endStatuses: branch["x-end-statuses"] ?? [],
      reversible: transitions.reversible ?? true,
      onlyFrom: transitions.onlyFrom ?? {},
      onlyTo: transitions.onlyTo ?? {},
      inferred: transitions["x-inferred"] ?? {},
      // only where the variant's page marks members of the answer as required (types narrow on it; no runtime cost)
      ...(branch["x-response-required"] && { responseRequired: branch["x-response-required"], file: files[component] }),
    };
  }
  if (disagreements.length)
    throw new Error(`spec: the ${propertyName} lists disagree:\n  - ${disagreements.join("\n  - ")}`);
  return { property: propertyName, statusProperty, values };
}

/**
 * Each variant's x-response-required (the members of a SUCCESS answer its page marks as required) must name members
 * of the operation's 200 answer.
 * @param {{ values: Record<string, any> }} variants @param {any} response @param {string} operationId
 */
function checkResponseRequired(variants, response, operationId) {
  for (const [value, facts] of Object.entries(variants.values)) {
    const { responseRequired: names, file } = facts;
    delete facts.file;
    if (names === undefined) continue;
    const members = Object.keys(response?.properties ?? {});
    const unknown = Array.isArray(names) ? names.filter((n) => !members.includes(n)) : [names];
    if (unknown.length || !names.length) {
      throw new Error(
        `spec: ${file} (${value}): x-response-required must list members of ${operationId}'s 200 answer (${members.join(", ")}); got ${JSON.stringify(names)}`,
      );
    }
  }
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
