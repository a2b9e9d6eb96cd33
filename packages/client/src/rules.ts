/**
 * The scenarios' status rules (x-end-statuses and x-transitions in the spec), for anyone who knows an order's
 * current status: the sandbox, or a merchant that checks a move before sending it.
 */
import { SCENARIOS, STATUS_RULES } from "../../../generated/metadata.js";
import type { MerchantBizType } from "./validate.js";

interface ScenarioRules {
  readonly endStatuses: readonly string[];
  readonly reversible: boolean;
  readonly onlyFrom: { readonly [status: string]: readonly string[] | undefined };
  readonly onlyTo: { readonly [status: string]: readonly string[] | undefined };
}

/**
 * Says why an order of `bizType` may not move from `from` (undefined for a new order) to `to`, or returns
 * undefined when the move is allowed. Re-sending the current status is always allowed.
 */
export function transitionProblem(bizType: MerchantBizType, from: string | undefined, to: string): string | undefined {
  const rules: ScenarioRules | undefined = STATUS_RULES[bizType];
  const statuses: readonly string[] | undefined = SCENARIOS[bizType]?.statuses;
  if (!rules || !statuses) return `${bizType} is not a scenario`;
  if (!statuses.includes(to)) return `${to} is not a ${bizType} status`;
  if (from === to) return undefined;
  const allowedFrom = rules.onlyFrom[to];
  if (from === undefined) {
    return allowedFrom ? `a new ${bizType} order cannot start as ${to} (only after ${allowedFrom.join(" or ")})` : undefined;
  }
  if (rules.endStatuses.includes(from)) return `${from} is an end status of ${bizType}`;
  const allowedTo = rules.onlyTo[from];
  if (allowedTo && !allowedTo.includes(to)) return `after ${from} the next status must be ${allowedTo.join(" or ")}`;
  if (allowedFrom && !allowedFrom.includes(from)) return `${to} is only allowed after ${allowedFrom.join(" or ")}`;
  if (!rules.reversible && statuses.indexOf(to) < statuses.indexOf(from)) {
    return `${bizType} statuses cannot go back from ${from} to ${to}`;
  }
  return undefined;
}
