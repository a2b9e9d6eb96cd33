/**
 * Order sync's status rules (x-end-statuses and x-transitions in the spec), for a merchant that knows an order's
 * current status and wants to check a move before sending it.
 */
import { statusMoveProblem, VARIANTS } from "alipayhk-spec";
import type { MerchantBizType } from "./types.js";

/**
 * Says why an order of `bizType` may not move from `from` (undefined for a new order) to `to`, or returns
 * undefined when the move is allowed. Re-sending the current status is always allowed. With `strict` (the default),
 * the rules that are this SDK's reading of the pages apply too, and their message ends with "(inferred)".
 */
export function transitionProblem(
  bizType: MerchantBizType,
  from: string | undefined,
  to: string,
  { strict = true } = {},
): string | undefined {
  const scenarios = VARIANTS.syncOrder.values;
  if (!Object.hasOwn(scenarios, bizType)) return `${bizType} is not a scenario`;
  const problem = statusMoveProblem(bizType, scenarios[bizType], from, to, { strict });
  return problem && (problem.inferred === undefined ? problem.message : `${problem.message} (inferred)`);
}
