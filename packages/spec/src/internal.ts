/**
 * The runtime half of `alipayhk-spec/internal` (generated/internal.ts adds the model's internal tables): what the
 * client and the sandbox need to read a schema table and its keyword checks. Not public, not covered by semver.
 */
export { encodeJsonText } from "./encode.js";
export { entryOf } from "./lookup.js";
export { KEYWORDS } from "./symbols.js";
export type { KeywordCheck } from "./model-types.js";
