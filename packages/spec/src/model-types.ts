/**
 * The shapes of what scripts/generate.mjs reads from the spec (generated/model.ts), and of what the validator passes
 * to the keyword checks: types only, so that validate.ts and keywords.ts both read them without importing each other.
 */
import type { KEYWORDS } from "./symbols.js";
import type { VOCABULARY } from "./vocabulary.js";

/** A JSON Schema as the validator holds it: annotations dropped, component refs as `{ $ref: "<Name>" }`. */
export type Schema = boolean | SchemaNode;

/** The TypeScript type of each kind of keyword value of vocabulary.ts. */
interface ValueTypes {
  ref: string;
  types: string | readonly string[];
  any: unknown;
  list: readonly unknown[];
  names: readonly string[];
  number: number;
  string: string;
  boolean: boolean;
  schema: Schema;
  schemas: readonly Schema[];
  schemaMap: { readonly [name: string]: Schema };
  dependencies: { readonly [name: string]: readonly string[] };
  pairs: { readonly [name: string]: string };
  discriminator: { readonly propertyName: string; readonly mapping: { readonly [value: string]: string } };
}

/** The keywords the validator enforces (the vocabulary less its annotations). */
export type EnforcedKeyword = {
  [K in keyof typeof VOCABULARY]: (typeof VOCABULARY)[K]["by"] extends "annotation" ? never : K;
}[keyof typeof VOCABULARY];

/** One schema of the table: each keyword of the vocabulary, typed by what its value is. */
export type SchemaNode = { readonly [K in EnforcedKeyword]?: ValueTypes[(typeof VOCABULARY)[K]["value"]] };

/** Component name -> schema; under KEYWORDS, the checks of keywords.ts its schemas use. */
export type SchemaTable = {
  readonly [name: string]: Schema;
  readonly [KEYWORDS]?: { readonly [keyword: string]: KeywordCheck };
};

/** One thing wrong with a body: where (`extInfo.amount.currency`, "" for the body itself) and what, as a sentence. */
export interface Problem {
  readonly path: string;
  readonly message: string;
  /** The JSON Schema keyword broken (`required`, `enum`, `maxLength`...). */
  readonly keyword: string;
  /** Set when the rule broken is this SDK's reading, not AlipayHK's words: why it is ours. */
  readonly inferred?: string;
}

/** @internal What a walk carries down. */
export interface Context {
  readonly table: SchemaTable;
  /** "for merchantBizType MOVIE_TICKET" inside a discriminated variant, to say which list a value missed. */
  readonly variant: string;
  readonly inferred: string | undefined;
  readonly out: Problem[];
}

/** @internal Records a problem of the schema being checked: its keyword, the sentence, and where (default: here). */
export type Report = (keyword: string, message: string, at?: string) => void;

/** Checks one keyword of `schema` on `value` (called for every value; each check looks only at its own type). */
export type KeywordCheck = (schema: SchemaNode, value: unknown, path: string, context: Context, report: Report) => void;

/** One operation of the spec, by operationId: everything its spec says that code acts on. */
export interface Operation {
  readonly method: string;
  readonly path: string;
  /** The request body's schema in SCHEMAS: its component's name, or `<operationId> request` when written inline. */
  readonly schema: string;
  /**
   * The body member that identifies the call (the operation's `x-idempotency-key`): generated when left out, re-sent
   * unchanged by every retry, and answered, not applied again, when repeated. Absent when the spec declares none.
   */
  readonly idempotencyKey?: string;
  /** The result codes of its answers (see OPERATION_DETAILS) that a client retries, with the same idempotency key. */
  readonly retryable: readonly string[];
}

/**
 * One operation as a client calls it (generated/operations.ts, the `alipayhk-spec/operations` entry, one const per
 * operation named by its operationId): its OPERATIONS facts and a schema table holding only the schemas its request
 * reaches, with only the keyword checks they use, so that a bundle of one operation carries no other's schemas.
 */
export interface OperationDescriptor<Id extends string = string> extends Operation {
  readonly operationId: Id;
  /** The validator's table for this operation's request: `schema` and every schema it reaches. */
  readonly schemas: SchemaTable;
}

/** The rest of what the spec says of an operation: its headers and its answers. */
export interface OperationDetails {
  /** The request headers: the operation's header parameters and its security schemes' headers. */
  readonly requestHeaders: readonly string[];
  /** Each response by status (`200`, `default`): its headers, and its JSON body's schema in RESPONSE_SCHEMAS. */
  readonly responses: { readonly [status: string]: { readonly headers: readonly string[]; readonly schema?: string } };
  /** The result codes its response schemas list (an enum marked with x-result-codes); their facts are in RESULT_CODES. */
  readonly resultCodes: readonly string[];
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
  /** The members of a SUCCESS answer that the variant's page marks as required (`x-response-required`), if any. */
  readonly responseRequired?: readonly string[];
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
