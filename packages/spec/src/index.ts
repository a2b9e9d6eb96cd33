/** The code that reads the generated model: validation, JSON-text encoding and status rules. */
export { encodeJsonText } from "./encode.js";
export { entryOf } from "./lookup.js";
export type { Descriptions, Example, InferredConstraint, Operation, OperationDescriptor, OperationDetails, ResultCodeFacts, Schema, SchemaNode, SchemaTable, VariantFacts, Variants } from "./model-types.js";
export { statusMoveProblem, type MoveProblem } from "./rules.js";
export { validate, type Problem } from "./validate.js";
export { KEYWORDS, type KeywordCheck } from "./keywords.js";
