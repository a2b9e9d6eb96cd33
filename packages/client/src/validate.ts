/**
 * Local validation of an order against the spec, before anything goes on the network.
 * Every rule comes from generated/metadata.ts, so a spec change changes what is checked.
 */
import { BASE_ORDER, SCENARIOS } from "../../../generated/metadata.js";

/** One thing wrong with an order: where (a field path such as `extInfo.amount.currency`) and what. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

/** The subset of JSON Schema that generated/metadata.ts carries. */
interface FieldRule {
  readonly type?: string;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly minimum?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  readonly const?: string;
  readonly properties?: { readonly [name: string]: FieldRule };
  readonly required?: readonly string[];
  readonly items?: FieldRule;
}

export type MerchantBizType = keyof typeof SCENARIOS;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Characters as AlipayHK counts them: code points, so an emoji is one, not two UTF-16 units. */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
// [...text].length without building an array per string field: a pair is one code point, a lone surrogate one too
const length = (text: string) => text.length - (text.match(SURROGATE_PAIR)?.length ?? 0);

const patterns = new Map<string, RegExp>();
const regex = (source: string) => {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source, "u")));
  return re;
};

function typeProblem(rule: FieldRule, value: unknown): string | undefined {
  switch (rule.type) {
    case "string":
      return typeof value === "string" ? undefined : "must be a string";
    case "integer":
      return Number.isSafeInteger(value) ? undefined : "must be an integer (epoch milliseconds for timestamps)";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be a boolean";
    case "array":
      return Array.isArray(value) ? undefined : "must be an array";
    case "object":
      return isObject(value) ? undefined : "must be an object";
    default:
      return undefined;
  }
}

function checkField(rule: FieldRule, value: unknown, path: string, out: Problem[]): void {
  const wrongType = typeProblem(rule, value);
  if (wrongType) {
    out.push({ path, message: wrongType });
    return;
  }
  if (rule.const !== undefined && value !== rule.const) out.push({ path, message: `must be ${rule.const}` });
  if (typeof value === "string") {
    if (rule.enum && !rule.enum.includes(value)) out.push({ path, message: `must be one of ${rule.enum.join(", ")}` });
    if (rule.maxLength !== undefined && length(value) > rule.maxLength) {
      out.push({ path, message: `must be at most ${rule.maxLength} characters (got ${length(value)})` });
    }
    if (rule.minLength !== undefined && length(value) < rule.minLength) {
      out.push({ path, message: rule.minLength === 1 ? "must not be empty" : `must be at least ${rule.minLength} characters` });
    }
    if (rule.pattern !== undefined && !regex(rule.pattern).test(value)) out.push({ path, message: `must match ${rule.pattern}` });
  }
  if (typeof value === "number" && rule.minimum !== undefined && value < rule.minimum) {
    out.push({ path, message: `must be at least ${rule.minimum}` });
  }
  if (Array.isArray(value) && rule.items) {
    value.forEach((item, i) => checkField(rule.items!, item, `${path}[${i}]`, out));
  }
  if (isObject(value)) checkObject(rule, value, path, out);
}

// The rules are static: list each one's properties once, not on every order.
const propertyLists = new WeakMap<FieldRule, [string, FieldRule][]>();
function propertiesOf(rule: FieldRule): [string, FieldRule][] {
  let list = propertyLists.get(rule);
  if (!list) propertyLists.set(rule, (list = Object.entries(rule.properties ?? {})));
  return list;
}

function checkObject(rule: FieldRule, value: Record<string, unknown>, path: string, out: Problem[]): void {
  const prefix = path ? `${path}.` : "";
  for (const name of rule.required ?? []) {
    if (value[name] === undefined) out.push({ path: prefix + name, message: "is required" });
  }
  for (const [name, sub] of propertiesOf(rule)) {
    if (value[name] !== undefined) checkField(sub, value[name], prefix + name, out);
  }
}

// Built once: the base fields other than the two a scenario decides, and each scenario's orderStatus rule.
const { merchantBizType: _bizType, orderStatus: BASE_STATUS_RULE, ...BASE_FIELDS } = BASE_ORDER.properties;
const BASE_RULE: FieldRule = { required: BASE_ORDER.required.filter((f) => f !== "merchantBizType"), properties: BASE_FIELDS };
const STATUS_RULE: Partial<Record<string, FieldRule>> = Object.fromEntries(
  Object.entries(SCENARIOS).map(([bizType, { statuses }]) => [bizType, { ...BASE_STATUS_RULE, enum: statuses }]),
);

/**
 * Checks an order against the spec: the scenario, its statuses, required fields and extras, types, lengths,
 * exactly one of `userId`/`openId`, integer millisecond timestamps and `orderModifyTime >= orderCreateTime`.
 * Returns every problem found (an empty array when the order is valid); it never throws.
 */
export function validateOrder(order: unknown): Problem[] {
  const out: Problem[] = [];
  if (!isObject(order)) return [{ path: "", message: "the order must be a JSON object" }];

  const bizType = order.merchantBizType;
  const scenario = typeof bizType === "string" && Object.hasOwn(SCENARIOS, bizType) ? SCENARIOS[bizType as MerchantBizType] : undefined;
  if (bizType === undefined) out.push({ path: "merchantBizType", message: "is required" });
  else if (!scenario) {
    out.push({ path: "merchantBizType", message: `must be one of ${Object.keys(SCENARIOS).join(", ")}` });
  }

  checkObject(BASE_RULE, order, "", out);
  if (order.orderStatus !== undefined) {
    checkField((scenario && STATUS_RULE[bizType as string]) || BASE_STATUS_RULE, order.orderStatus, "orderStatus", out);
  }

  const identities = BASE_ORDER.exactlyOneOf.filter((name) => order[name] !== undefined);
  if (identities.length !== 1) {
    out.push({
      path: BASE_ORDER.exactlyOneOf.join("|"),
      message: identities.length ? `give only one of ${identities.join(" and ")}` : `one of ${BASE_ORDER.exactlyOneOf.join(" or ")} is required`,
    });
  }

  const { orderCreateTime: created, orderModifyTime: modified } = order;
  if (Number.isSafeInteger(created) && Number.isSafeInteger(modified) && (modified as number) < (created as number)) {
    out.push({ path: "orderModifyTime", message: "must not be earlier than orderCreateTime" });
  }

  if (scenario) checkObject(scenario as FieldRule, order, "", out);
  return out;
}
