/**
 * One valid order per scenario, for this portable suite and for the packages' unit tests.
 */
import type { OrderInput } from "alipayhk-order";

export const SCENARIO_ORDERS = {
  PASS_TICKET: { merchantBizType: "PASS_TICKET", orderStatus: "TICKETED", extInfo: {}, payAmount: { value: "12000", currency: "HKD" } },
  ALIPAY_COUPON: { merchantBizType: "ALIPAY_COUPON", orderStatus: "TICKETED", extInfo: {} },
  GIFT_CARD_COUPON: { merchantBizType: "GIFT_CARD_COUPON", orderStatus: "TICKETED", extInfo: {} },
  CHARGING_PILE: { merchantBizType: "CHARGING_PILE", orderStatus: "SERVING", extInfo: { amount: { value: "5000", currency: "HKD" } } },
  MOVIE_TICKET: { merchantBizType: "MOVIE_TICKET", orderStatus: "TICKETED", extInfo: { seats: ["F7", "F8"] }, tradeNo: "2026112622001" },
  LINE_UP: { merchantBizType: "LINE_UP", orderStatus: "CALL_NUM", shopInfo: { extInfo: { multiLang: { en_US: { name: "Dim Sum" } } } }, extInfo: {} },
  RIDE_HAILING: { merchantBizType: "RIDE_HAILING", orderStatus: "PENDING", extInfo: {} },
  SELF_PICK: {
    merchantBizType: "SELF_PICK",
    orderStatus: "PENDING",
    amount: { value: "8800", currency: "HKD" },
    itemOrderList: [{ name: "Milk tea 奶茶 🧋" }],
    shopInfo: {},
    extInfo: {},
  },
  TRAIN_TICKET: { merchantBizType: "TRAIN_TICKET", orderStatus: "TICKETED", extInfo: {} },
} as const;

export type Scenario = keyof typeof SCENARIO_ORDERS;
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
