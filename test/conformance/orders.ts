/**
 * One valid body per variant of each operation (the spec's own examples), for this portable suite and for the
 * packages' unit tests.
 */
import type { MerchantBizType, OrderInput } from "alipayhk-order";
import { EXAMPLES, OPERATIONS, VARIANTS, type Example, type Variants } from "alipayhk-spec";
import { entryOf } from "alipayhk-spec/internal";

/** The body member that carries the call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
export const KEY = OPERATIONS.syncOrder.idempotencyKey;

/** Each variant of each operation that the spec gives no example body for: the suite fails naming them. */
export const MISSING_EXAMPLES: string[] = Object.keys(OPERATIONS).flatMap((operationId) => {
  const examples = entryOf<readonly Example[]>(EXAMPLES, operationId) ?? [];
  const variants = variantsOf(operationId);
  return (variants.length ? variants : [undefined])
    .filter((v) => !examples.some((e) => e.variant === v))
    .map((v) => (v ? `${operationId} ${v}` : operationId));
});

/** The variants of an operation (none when it is not discriminated, or not in the spec). */
function variantsOf(operationId: string): string[] {
  return Object.keys(entryOf<Variants>(VARIANTS, operationId)?.values ?? {});
}

const exampleOf = (operationId: string, variant: string) =>
  (entryOf<readonly Example[]>(EXAMPLES, operationId)?.find((e) => e.variant === variant)?.body ?? {}) as Record<
    string,
    unknown
  >;

/** Each scenario's own fields (status, extras), from the spec's example order. */
export const SCENARIO_ORDERS = Object.fromEntries(
  variantsOf("syncOrder").map((scenario) => {
    const {
      requestId: _r,
      merchantBizNo: _n,
      userId: _u,
      orderCreateTime: _c,
      orderModifyTime: _m,
      ...own
    } = exampleOf("syncOrder", scenario);
    return [scenario, own];
  }),
) as Record<MerchantBizType, Record<string, unknown>>;

export type Scenario = MerchantBizType;
export const SCENARIOS = Object.keys(SCENARIO_ORDERS) as Scenario[];

let modifyClock = 1_764_115_260_000;

/** A valid order of `scenario` with a unique merchantBizNo (prefixed by `tag`) and a fresh orderModifyTime. */
export function orderFor(scenario: Scenario, tag: string, extra: Record<string, unknown> = {}): OrderInput {
  modifyClock += 1000;
  return {
    merchantBizNo: `${tag}-${scenario}`,
    userId: "2160120000000001",
    orderCreateTime: 1_764_115_200_000,
    orderModifyTime: modifyClock,
    ...SCENARIO_ORDERS[scenario],
    ...extra,
  } as OrderInput;
}

/** The next update of an order: same identity, new status, newer orderModifyTime, no requestId. */
export function nextUpdate(order: OrderInput, orderStatus: string): OrderInput {
  modifyClock += 1000;
  const { requestId: _drop, ...rest } = order as OrderInput & { requestId?: string };
  return { ...rest, orderStatus, orderModifyTime: modifyClock } as OrderInput;
}

/** The notification templates of the spec. */
export const TEMPLATES = variantsOf("syncPerformanceNotification");

/** The spec's example notification of `template`, for `merchantBizNo`, with a fresh bizDate and no requestId. */
export function notificationFor(
  template: string,
  merchantBizNo: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> & { bizDate: number } {
  modifyClock += 1000;
  const { requestId: _drop, ...body } = exampleOf("syncPerformanceNotification", template);
  return { ...body, merchantBizNo, bizDate: modifyClock, ...extra };
}
