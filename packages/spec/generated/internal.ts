// Generated from spec/ by scripts/generate.mjs. Do not edit: change the spec and run `npm run generate`.
/**
 * alipayhk-spec/internal: what this SDK's own packages share (the client, the sandbox, the CLI, the tests). NOT
 * PUBLIC: not covered by semver, and may change or go in any release. Import `alipayhk-spec` instead.
 * @internal
 * @module
 */
export { RESULT_RETRYABLE } from "./model.js";
export * from "../src/internal.js";
