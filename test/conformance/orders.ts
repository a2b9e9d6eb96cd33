/**
 * One valid body per variant of each operation (the spec's own examples), for this portable suite and for the
 * packages' unit tests.
 */
import type { MerchantBizType, OrderInput, PerformanceNotificationInput } from "alipayhk-order";
import { EXAMPLES, OPERATIONS, VARIANTS } from "alipayhk-spec";

/** Each variant of each operation that the spec gives no example body for: the suite fails naming them. */
export const MISSING_EXAMPLES: string[] = Object.keys(OPERATIONS).flatMap((operationId) => {
  const examples = EXAMPLES[operationId as keyof typeof EXAMPLES];
  const variants = Object.hasOwn(VARIANTS, operationId) ? Object.keys(VARIANTS[operationId as keyof typeof VARIANTS].values) : [undefined];
  return variants.filter((v) => !examples.some((e) => e.variant === v)).map((v) => (v ? `${operationId} ${v}` : operationId));
});

const exampleOf = (operationId: keyof typeof EXAMPLES, variant: string) =>
  (EXAMPLES[operationId].find((e) => e.variant === variant)?.body ?? {}) as Record<string, unknown>;

/** Each scenario's own fields (status, extras), from the spec's example order. */
export const SCENARIO_ORDERS = Object.fromEntries(
  Object.keys(VARIANTS.syncOrder.values).map((scenario) => {
    const { requestId: _r, merchantBizNo: _n, userId: _u, orderCreateTime: _c, orderModifyTime: _m, ...own } = exampleOf("syncOrder", scenario);
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
export const TEMPLATES = Object.keys(VARIANTS.syncPerformanceNotification.values) as (keyof typeof VARIANTS.syncPerformanceNotification.values)[];

/** The spec's example notification of `template`, for `merchantBizNo`, with a fresh bizDate and no requestId. */
export function notificationFor(template: (typeof TEMPLATES)[number], merchantBizNo: string, extra: Record<string, unknown> = {}): PerformanceNotificationInput {
  modifyClock += 1000;
  const { requestId: _drop, ...body } = exampleOf("syncPerformanceNotification", template);
  return { ...body, merchantBizNo, bizDate: modifyClock, ...extra } as PerformanceNotificationInput;
}
