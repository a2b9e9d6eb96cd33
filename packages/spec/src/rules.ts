/**
 * The status rules of a variant (the spec's x-end-statuses and x-transitions), for anyone who knows a record's
 * current status: the sandbox, or a merchant that checks a move before sending it.
 */
import type { VariantFacts } from "./model-types.js";

/** A refused status move: why, and when the rule is this SDK's reading, why it is ours. */
export interface MoveProblem {
  readonly message: string;
  readonly inferred?: string;
}

/**
 * Says why a record of `variant` (named `name` in messages) may not move from `from` (undefined for a new record)
 * to `to`, or returns undefined when the move is allowed. Re-sending the current status is always allowed. Rules
 * that are our reading are applied only with `strict` (the default).
 */
export function statusMoveProblem(
  name: string,
  variant: VariantFacts,
  from: string | undefined,
  to: string,
  { strict = true } = {},
): MoveProblem | undefined {
  const message = moveProblem(name, variant, from, to);
  if (message !== undefined) return { message };
  const why = variant.inferred.newOrders;
  const allowedFrom = variant.onlyFrom[to];
  if (strict && from === undefined && allowedFrom && why !== undefined) {
    return {
      message: `a new ${name} order cannot start as ${to} (only after ${allowedFrom.join(" or ")})`,
      inferred: why,
    };
  }
  return undefined;
}

function moveProblem(name: string, variant: VariantFacts, from: string | undefined, to: string): string | undefined {
  const { statuses, endStatuses, onlyFrom, onlyTo, reversible } = variant;
  if (!statuses.includes(to)) return `${to} is not a ${name} status (${statuses.join(", ")})`;
  if (from === to) return undefined;
  const allowedFrom = onlyFrom[to];
  if (from === undefined) {
    // "only after" read as a rule for new orders too, unless the spec marks that reading as ours (then: strict only)
    return allowedFrom && variant.inferred.newOrders === undefined
      ? `a new ${name} order cannot start as ${to} (only after ${allowedFrom.join(" or ")})`
      : undefined;
  }
  if (endStatuses.includes(from)) return `${from} is an end status of ${name}: no move out of it`;
  const allowedTo = onlyTo[from];
  if (allowedTo && !allowedTo.includes(to))
    return `after ${from} the next ${name} status must be ${allowedTo.join(" or ")}`;
  if (allowedFrom && !allowedFrom.includes(from)) return `${to} is only allowed after ${allowedFrom.join(" or ")}`;
  if (!reversible && statuses.indexOf(to) < statuses.indexOf(from))
    return `${name} statuses cannot go back from ${from} to ${to}`;
  return undefined;
}
