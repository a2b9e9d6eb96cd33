/**
 * The one list of the keywords a schema of the spec may use, and who enforces each. Everything else reads it:
 * - scripts/generate/schemas.mjs refuses any keyword that is not here, drops the annotations and walks the subschemas;
 * - the generated model imports, from keywords.ts, the check named here of each keyword its schemas use;
 * - model-types.ts derives the type of a schema node from each keyword's `value`.
 * No imports, on purpose: the generator loads this file on its own.
 */

/** What a keyword's value is (model-types.ts maps each to a TypeScript type). */
export type KeywordValue =
  | "ref"
  | "types"
  | "any"
  | "list"
  | "names"
  | "number"
  | "string"
  | "boolean"
  | "schema"
  | "schemas"
  | "schemaMap"
  | "dependencies"
  | "pairs"
  | "discriminator";

/**
 * Who enforces a keyword: `core`, validate.ts itself; `check`, the function of keywords.ts named by `check`; the name
 * of another keyword, whose check reads this one too; `annotation`, nobody (the generator drops it).
 */
export interface KeywordFacts {
  readonly value: KeywordValue;
  readonly by: "core" | "check" | "annotation" | "contains" | "contentMediaType";
  /** The export of keywords.ts that checks it (with `by: "check"`). */
  readonly check?: string;
  /** The only values the validator knows what to do with; any other is refused at generation. */
  readonly only?: readonly string[];
}

export const VOCABULARY = {
  // validate.ts: types, values, members, the applicators
  $ref: { value: "ref", by: "core" },
  type: { value: "types", by: "core" },
  enum: { value: "list", by: "core" },
  const: { value: "any", by: "core" },
  required: { value: "names", by: "core" },
  properties: { value: "schemaMap", by: "core" },
  additionalProperties: { value: "schema", by: "core" },
  allOf: { value: "schemas", by: "core" },
  anyOf: { value: "schemas", by: "core" },
  oneOf: { value: "schemas", by: "core" },
  not: { value: "schema", by: "core" },
  discriminator: { value: "discriminator", by: "core" },
  /** Ours: why a rule is this SDK's reading, not AlipayHK's words (refused by default only where strict). */
  "x-inferred": { value: "string", by: "core" },
  // keywords.ts: one check each
  multipleOf: { value: "number", by: "check", check: "multipleOf" },
  maximum: { value: "number", by: "check", check: "maximum" },
  exclusiveMaximum: { value: "number", by: "check", check: "exclusiveMaximum" },
  minimum: { value: "number", by: "check", check: "minimum" },
  exclusiveMinimum: { value: "number", by: "check", check: "exclusiveMinimum" },
  maxLength: { value: "number", by: "check", check: "maxLength" },
  minLength: { value: "number", by: "check", check: "minLength" },
  pattern: { value: "string", by: "check", check: "pattern" },
  format: { value: "string", by: "check", check: "format", only: ["int32", "int64"] },
  items: { value: "schema", by: "check", check: "items" },
  maxItems: { value: "number", by: "check", check: "maxItems" },
  minItems: { value: "number", by: "check", check: "minItems" },
  uniqueItems: { value: "boolean", by: "check", check: "uniqueItems" },
  contains: { value: "schema", by: "check", check: "contains" },
  maxProperties: { value: "number", by: "check", check: "maxProperties" },
  minProperties: { value: "number", by: "check", check: "minProperties" },
  dependentRequired: { value: "dependencies", by: "check", check: "dependentRequired" },
  contentMediaType: { value: "string", by: "check", check: "contentMediaType", only: ["application/json"] },
  /** Ours: `{ later: earlier }`, a time member that may not be earlier than another member of the same object. */
  "x-not-before": { value: "pairs", by: "check", check: "xNotBefore" },
  // read by the check of another keyword
  maxContains: { value: "number", by: "contains" },
  minContains: { value: "number", by: "contains" },
  contentSchema: { value: "schema", by: "contentMediaType" },
  // no effect on validation
  title: { value: "any", by: "annotation" },
  description: { value: "any", by: "annotation" },
  example: { value: "any", by: "annotation" },
  examples: { value: "any", by: "annotation" },
  default: { value: "any", by: "annotation" },
  deprecated: { value: "any", by: "annotation" },
  readOnly: { value: "any", by: "annotation" },
  writeOnly: { value: "any", by: "annotation" },
  $comment: { value: "any", by: "annotation" },
} as const satisfies { readonly [keyword: string]: KeywordFacts };
