// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.
/**
 * alipayhk-spec: what the spec says, for the client and the sandbox: operations, servers, result codes, the variants
 * of each discriminated request with their status rules, the validator's schemas, examples, and the code that reads them.
 * Each operation's descriptor (its facts and only its own schemas) is the `alipayhk-spec/operations` entry's.
 * @module
 */
export { SERVERS, OPERATIONS, OPERATION_DETAILS, RESULT_CODES, VARIANTS, DESCRIPTIONS, SCHEMAS, RESPONSE_SCHEMAS, INFERRED, EXAMPLES } from "./model.js";
export * from "../src/index.js";
export type { components, operations, paths } from "./openapi.js";
export type { operations as inputOperations } from "./inputs.js";
