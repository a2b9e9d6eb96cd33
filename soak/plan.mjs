// @ts-check
// The soak's plan: the workload (orders, their lifecycles, probes and forged updates) and the run's settings.
// Part of the soak (soak/soak.mjs runs it; its header says what the soak checks).
import { transitionProblem, VARIANTS } from "alipayhk-order";
import { mulberry32 } from "alipayhk-sandbox/internal";
import { EXAMPLES, OPERATIONS } from "alipayhk-spec";

/** The member that carries a call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
const KEY = /** @type {{ idempotencyKey?: string }} */ (OPERATIONS.syncOrder).idempotencyKey ?? "requestId";

/** Per-request fault rates (at most one fault per request; they add up to 0.2). */
export const DEFAULT_FAULTS = {
  unknownException: 0.04,
  http500: 0.02,
  http502: 0.02,
  http503: 0.02,
  http429: 0.02,
  drop: 0.02,
  truncate: 0.02,
  forgeSignature: 0.02,
  omitSignature: 0.02,
  responseTimeSkewMs: 2_000, // every Response-Time 2 s ahead: within maxResponseSkewMs, must be accepted
};

/** `npm run soak`: 10,000 logical syncs, 250 orders in flight, sandbox in a worker thread. */
export const FULL = {
  syncs: 10_000,
  concurrency: 250,
  seed: 20261126,
  host: "worker",
  timeoutMs: 1_500,
  latencyMs: [0, 1_650], // uniform; about 1 request in 11 waits longer than timeoutMs (load adds more)
  maxAttempts: 4,
  maxResponseSkewMs: 30_000,
  skewSpikeRate: 0.01,
  skewSpikeMs: 600_000,
  encryptedShare: 0.05,
  probeShare: 0.08,
  forgedShare: 0.04,
  recoveryRounds: 30,
  deadlineMs: 10 * 60_000,
  hangMs: 120_000,
};

/** `npm run soak -- --short` and the vitest run: about 500 syncs, well under a minute. */
export const SHORT = {
  ...FULL,
  syncs: 500,
  concurrency: 40,
  timeoutMs: 600,
  latencyMs: [0, 660],
  deadlineMs: 60_000,
  hangMs: 30_000,
};

/** Each scenario's own fields, from the spec's example order of it (the plan fails, naming a scenario without one). */
export function extrasOf(/** @type {string} */ bizType) {
  const example = EXAMPLES.syncOrder.find((e) => e.variant === bizType);
  if (!example) throw new Error(`soak plan: the spec has no example order for ${bizType}`);
  const {
    [KEY]: _id,
    merchantBizNo,
    merchantBizType,
    orderStatus,
    userId,
    openId,
    orderCreateTime,
    orderModifyTime,
    ...extras
  } = /** @type {any} */ (example.body);
  return extras;
}

const TICKET = [["TICKETED"], ["TICKETED", "USED"], ["TICKETED", "REFUNDED"], ["TICKETED", "TICKETED", "USED"]];

/** A walk through a scenario's statuses in their listed order, skipping what its rules refuse, up to an end status. */
function walk(/** @type {import("alipayhk-order").MerchantBizType} */ bizType) {
  /** @type {string[]} */
  const path = [];
  for (const status of VARIANTS.syncOrder.values[bizType].statuses) {
    if (transitionProblem(bizType, path.at(-1), status) === undefined) path.push(status);
    if (
      /** @type {readonly string[]} */ (VARIANTS.syncOrder.values[bizType].endStatuses).includes(
        /** @type {string} */ (path.at(-1)),
      )
    )
      break;
  }
  return path;
}

/**
 * Legal lifecycles per scenario (checked with transitionProblem when the plan is made): hand-picked ones that
 * exercise each scenario's rules, and for a scenario of the spec without any, a walk through its statuses.
 */
/** @type {Record<string, string[][]>} */
const PICKED = {
  PASS_TICKET: TICKET,
  TRAIN_TICKET: TICKET,
  MOVIE_TICKET: TICKET,
  GIFT_CARD_COUPON: TICKET,
  ALIPAY_COUPON: [["TICKETED"], ["TICKETED", "TICKETED"]],
  CHARGING_PILE: [
    ["SERVING", "PAUSED", "SERVING", "COMPLETED", "FINISHED"],
    ["SERVING_WO_ENDTIME", "SERVING_LITE", "COMPLETED", "PARKING_DUE", "FINISHED"],
    ["SERVING", "COMPLETED"],
  ],
  LINE_UP: [
    ["CALL_NUM", "CALL_NUM", "CALL_NUM", "NUMBER_ARRIVED", "FINISHED"],
    ["CALL_NUM", "CALL_NUM", "CANCELLED"],
    ["CALL_NUM", "NUMBER_PASSED"],
  ],
  SELF_PICK: [
    ["PENDING", "ORDER_TAKEN", "TO_PICK_UP", "FINISHED"],
    ["PENDING", "CLOSED"],
    ["PENDING", "ORDER_TAKEN", "REFUNDED"],
  ],
  RIDE_HAILING: [
    ["PENDING", "ORDER_TAKEN", "TO_BOARD", "SERVING", "WAIT_PAY", "FINISHED"],
    ["PENDING", "TO_SEND", "PENDING", "ORDER_TAKEN", "CLOSED"],
    ["BOOKED", "ORDER_TAKEN", "SERVING", "CANCEL_WAIT_PAY"],
  ],
};

/** @type {Record<string, string[][]>} */
export const LIFECYCLES = Object.fromEntries(
  Object.keys(VARIANTS.syncOrder.values).map((bizType) => [
    bizType,
    PICKED[bizType] ?? [walk(/** @type {any} */ (bizType))],
  ]),
);

const hex8 = (n) => (n >>> 0).toString(16).padStart(8, "0");

/**
 * The workload: orders with legal lifecycles (round-robin over the nine scenarios), plus probes (updates the
 * sandbox must refuse: a move out of an end status or backwards, or a changed orderCreateTime) and forged
 * updates (the merchant's Client-Id signed with another key, with an orderModifyTime far in the future so that
 * applying one would show in the final state). Exactly `syncs` steps in all.
 */
export function makePlan({ syncs, seed, encryptedShare, probeShare, forgedShare }, clientIds) {
  const random = mulberry32(seed);
  const scenarios = /** @type {import("alipayhk-order").MerchantBizType[]} */ (Object.keys(LIFECYCLES));
  for (const bizType of scenarios) {
    if (!VARIANTS.syncOrder.values[bizType]) throw new Error(`soak plan: ${bizType} is not a scenario of the spec`);
    for (const lifecycle of LIFECYCLES[bizType]) {
      lifecycle.reduce(
        (from, to) => {
          const problem = transitionProblem(bizType, from, to);
          if (problem) throw new Error(`soak plan: ${bizType} ${lifecycle.join(">")} is not legal: ${problem}`);
          return to;
        },
        /** @type {string | undefined} */ (undefined),
      );
    }
  }
  const orders = [];
  let planned = 0;
  const T0 = 1_764_115_200_000;
  for (let i = 0; planned < syncs; i++) {
    const bizType = scenarios[i % scenarios.length];
    const lifecycles = LIFECYCLES[bizType];
    const statuses = lifecycles[Math.floor(random() * lifecycles.length)];
    const encrypted = random() < encryptedShare;
    const clientId = encrypted ? clientIds.encrypted : clientIds.plain;
    const merchantBizNo = `SOAK-${hex8(seed)}-${i}`;
    const orderCreateTime = T0 + i * 10;
    const identity = i % 2 === 0 ? { userId: `2160${String(i).padStart(12, "0")}` } : { openId: `open-${i}` };
    /** @type {{ key: string; clientId: string; merchantBizNo: string; bizType: string; encrypted: boolean; steps: any[]; knownStatus: string | undefined }} */
    const order = {
      key: `${clientId}/${merchantBizNo}`,
      clientId,
      merchantBizNo,
      bizType,
      encrypted,
      steps: [],
      knownStatus: undefined,
    };
    const step = (kind, n, status, body, extra = {}) => ({
      kind,
      order,
      n,
      requestId: `${hex8(seed)}${hex8(i)}${hex8(n)}${hex8(kind === "lifecycle" ? 0 : kind === "probe" ? 1 : 2)}`,
      status,
      orderModifyTime: body.orderModifyTime,
      body,
      syncs: [],
      final: undefined,
      ...extra,
    });
    const bodyOf = (status, modifyTime, changes = {}) => ({
      merchantBizType: bizType,
      merchantBizNo,
      orderStatus: status,
      ...identity,
      orderCreateTime,
      orderModifyTime: modifyTime,
      ...extrasOf(bizType),
      ...changes,
    });
    statuses.forEach((status, k) => {
      const s = step("lifecycle", k, status, bodyOf(status, orderCreateTime + 1_000 * (k + 1)));
      s.body[KEY] = s.requestId;
      order.steps.push(s);
    });
    if (random() < forgedShare) {
      const at = Math.floor(random() * (order.steps.length + 1));
      const s = step("forged", 100, statuses[0], bodyOf(statuses[0], orderCreateTime + 1_000_000_000));
      s.body[KEY] = s.requestId;
      order.steps.splice(at, 0, s);
    }
    if (random() < probeShare) {
      const last = statuses[statuses.length - 1];
      const illegal = VARIANTS.syncOrder.values[bizType].statuses.find(
        (to) => transitionProblem(bizType, last, to) !== undefined,
      );
      const time = orderCreateTime + 1_000 * (statuses.length + 1);
      const s =
        illegal !== undefined && random() < 0.6
          ? step("probe", 200, illegal, bodyOf(illegal, time), { expectCode: "ERR_ORDER_STATUS_INVALID" })
          : step("probe", 201, last, bodyOf(last, time, { orderCreateTime: orderCreateTime + 1 }), {
              expectCode: "ERR_PARAM_ILLEGAL",
            });
      s.body[KEY] = s.requestId;
      order.steps.push(s);
    }
    if (planned + order.steps.length > syncs) order.steps.length = syncs - planned; // a prefix stays legal
    planned += order.steps.length;
    orders.push(order);
  }
  return orders;
}
