/** The code that reads the generated model: validation and status rules. */
export type {
  Descriptions,
  Example,
  InferredConstraint,
  Operation,
  OperationDescriptor,
  OperationDetails,
  ResultCodeFacts,
  Schema,
  SchemaNode,
  SchemaTable,
  VariantFacts,
  Variants,
} from "./model-types.js";
export { statusMoveProblem, type MoveProblem } from "./rules.js";
export { validate, type Problem } from "./validate.js";
