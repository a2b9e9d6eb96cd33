/** The shapes of what scripts/generate.mjs reads from the spec (generated/model.ts). */
import type { KEYWORDS, KeywordCheck } from "./keywords.js";

/** A JSON Schema as the validator holds it: annotations dropped, component refs as `{ $ref: "<Name>" }`. */
export type Schema = boolean | SchemaNode;

export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly multipleOf?: number;
  readonly maximum?: number;
  readonly exclusiveMaximum?: number;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly maxItems?: number;
  readonly minItems?: number;
  readonly uniqueItems?: boolean;
  readonly contains?: Schema;
  readonly maxContains?: number;
  readonly minContains?: number;
  readonly items?: Schema;
  readonly maxProperties?: number;
  readonly minProperties?: number;
  readonly required?: readonly string[];
  readonly dependentRequired?: { readonly [name: string]: readonly string[] };
  readonly properties?: { readonly [name: string]: Schema };
  readonly additionalProperties?: Schema;
  readonly allOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly not?: Schema;
  readonly discriminator?: { readonly propertyName: string; readonly mapping: { readonly [value: string]: string } };
  readonly contentMediaType?: string;
  readonly contentSchema?: Schema;
  /** Our one keyword beyond JSON Schema: member -> the member of the same object it may not be less than. */
  readonly "x-not-before"?: { readonly [later: string]: string };
  /** Set when no AlipayHK page states the rule: why it is ours. */
  readonly "x-inferred"?: string;
}

/** Component name -> schema; under KEYWORDS, the checks of keywords.ts its schemas use. */
export type SchemaTable = { readonly [name: string]: Schema; readonly [KEYWORDS]?: { readonly [keyword: string]: KeywordCheck } };

/** One operation of the spec, by operationId. */
export interface Operation {
  readonly method: string;
  readonly path: string;
  /** The request body's component schema. */
  readonly schema: string;
  /** Whether the body carries a `requestId` (generated when left out, reused by retries). */
  readonly requestId: boolean;
}

/** A result code's meaning. */
export interface ResultCodeFacts {
  readonly status: string;
  readonly retryable: boolean;
  readonly message: string;
}

/** The status rules of one variant (a scenario, a template). */
export interface VariantFacts {
  /** In the spec's order (see DESCRIPTIONS for what each means). */
  readonly statuses: readonly string[];
  /** No move out of these. */
  readonly endStatuses: readonly string[];
  /** false: statuses may be skipped, never go back to an earlier one in the listed order. */
  readonly reversible: boolean;
  /** status -> the only statuses it may follow (also: a new record cannot start at it). */
  readonly onlyFrom: { readonly [status: string]: readonly string[] };
  /** status -> the only statuses that may follow it. */
  readonly onlyTo: { readonly [status: string]: readonly string[] };
  /** The rules above that are this SDK's reading, with why. `newOrders`: onlyFrom also keeps a new record from starting there. */
  readonly inferred: { readonly newOrders?: string };
}

/** A constraint of a request schema that no AlipayHK page states (`x-inferred`), where it is and why it is ours. */
export interface InferredConstraint {
  readonly operationId: string;
  /** The discriminator value whose schema holds it; absent when every variant shares it. */
  readonly variant?: string;
  /** Where it applies in the body (`requestId`, `syncDataInfo`, "" for the body itself). */
  readonly path: string;
  /** The keywords of the marked schema (`minLength`, `required`, `not`...). */
  readonly keywords: readonly string[];
  /** The marked schema itself, so that a test can build a body that breaks it. */
  readonly schema: SchemaNode;
  readonly why: string;
}

/** The variants of a discriminated request: which property picks them, which holds the status, and each one's facts. */
export interface Variants {
  readonly property: string;
  readonly statusProperty: string;
  readonly values: { readonly [value: string]: VariantFacts };
}

/** What a variant and its statuses mean, in the spec's own words (for people: the sandbox console). */
export interface Descriptions {
  readonly variant: string;
  readonly statuses: { readonly [status: string]: string };
}

/** A complete request body from the spec's examples, and the variant it belongs to. */
export interface Example {
  readonly variant?: string;
  readonly body: unknown;
}
