// @ts-check
// The delivery soak's settings and workload (soak/delivery.mjs runs it; its header says what the soak checks).
import { transitionProblem } from "alipayhk-order";
import { mulberry32 } from "alipayhk-sandbox/internal";
import { extrasOf, LIFECYCLES } from "./plan.mjs";

/** `npm run soak -- --delivery postgres`: about 3 minutes, mostly the enqueueing. */
export const DELIVERY_FULL = {
  updates: 4_000,
  orders: 800,
  /** Worker processes (`alipayhk outbox work`), each with this many calls in flight. */
  workers: 4,
  concurrency: 8,
  /** How long a killed worker's calls stay leased before another worker may take them (the CLI's --lease). */
  leaseSeconds: 5,
  /** The updates are enqueued at an even pace over this long, while the workers deliver. */
  enqueueMs: 150_000,
  /** Each worker is SIGKILLed after a time drawn from this range, and restarted after one from the next. */
  killEveryMs: [5_000, 20_000],
  restartAfterMs: [100, 1_500],
  /** AlipayHK down (every request answered 503, unprocessed): a period drawn from `downForMs`, every `downEveryMs`. */
  downEveryMs: [15_000, 30_000],
  downForMs: [2_000, 6_000],
  /** The sandbox's per-request faults: U results, 5xx (processed or not), dropped connections; some latency. */
  faults: { unknownException: 0.04, http500: 0.02, http502: 0.02, http503: 0.02, drop: 0.03, latencyMs: [0, 40] },
  /** Orders whose every update AlipayHK refuses (a definite failure: each must end as a dead letter). */
  refusedShare: 0.02,
  seed: 20261207,
  /** Everything (start, run, drain, checks) ends within this; then the soak stops what it started and fails. */
  deadlineMs: 8 * 60_000,
};

/** `--short`: under a minute on an idle machine. */
export const DELIVERY_SHORT = {
  ...DELIVERY_FULL,
  updates: 600,
  orders: 120,
  enqueueMs: 30_000,
  killEveryMs: [3_000, 10_000],
  downEveryMs: [6_000, 12_000],
  downForMs: [1_000, 3_000],
  deadlineMs: 3 * 60_000,
};

const legal = (/** @type {any} */ bizType, /** @type {string | undefined} */ from, /** @type {string} */ to) =>
  transitionProblem(bizType, from, to) === undefined;

/**
 * Workers deliver an order's updates in any order. A lifecycle is safe for that when each of its statuses may start
 * a new order and each may follow every earlier one: then whatever arrives first is applied or answered as stale, and
 * the newest update always ends as the order's state.
 */
function safeInAnyOrder(/** @type {string} */ bizType, /** @type {readonly string[]} */ statuses) {
  return statuses.every(
    (to, j) => legal(bizType, undefined, to) && statuses.slice(0, j).every((from) => legal(bizType, from, to)),
  );
}

/** An update AlipayHK refuses for good: a status no new order may start with (the sandbox is strict). */
function refusal() {
  for (const bizType of Object.keys(LIFECYCLES)) {
    for (const status of LIFECYCLES[bizType].flat()) {
      if (!legal(bizType, undefined, status)) return { bizType, status };
    }
  }
  return undefined;
}

/** `k` statuses from `lifecycle`, in its order: a prefix when shorter, each status repeated at random when longer. */
function stretch(
  /** @type {readonly string[]} */ lifecycle,
  /** @type {number} */ k,
  /** @type {() => number} */ random,
) {
  if (k <= lifecycle.length) return lifecycle.slice(0, k);
  const repeats = lifecycle.map(() => 1);
  for (let extra = k - lifecycle.length; extra > 0; extra--) repeats[Math.floor(random() * lifecycle.length)]++;
  return lifecycle.flatMap((status, i) => Array(repeats[i]).fill(status));
}

const hex8 = (/** @type {number} */ n) => (n >>> 0).toString(16).padStart(8, "0");

/**
 * @typedef {{ order: number; n: number; merchantBizNo: string; status: string; orderModifyTime: number;
 *   refused: boolean; body: Record<string, unknown>; requestId?: string }} Update
 */

/**
 * `updates` updates over `orders` orders, in the order they are enqueued: round by round (every order's first update,
 * then every order's second...), the orders shuffled within a round. Each order's updates have increasing
 * orderModifyTime. A `refusedShare` of the orders get only updates AlipayHK refuses.
 * @returns {{ updates: Update[]; refusedOrders: number; refusal: { bizType: string; status: string } | undefined }}
 */
export function makeDeliveryPlan({ updates, orders, refusedShare, seed }) {
  if (!(orders >= 1 && updates >= orders)) throw new Error("delivery soak plan: need at least one update per order");
  const random = mulberry32(seed);
  const safe = Object.entries(LIFECYCLES).flatMap(([bizType, lifecycles]) =>
    lifecycles.filter((statuses) => safeInAnyOrder(bizType, statuses)).map((statuses) => ({ bizType, statuses })),
  );
  if (!safe.length) throw new Error("delivery soak plan: no lifecycle of the spec is safe to deliver in any order");
  const refused = refusal();
  const T0 = 1_764_115_200_000;
  /** @type {Update[][]} */
  const perOrder = [];
  let refusedOrders = 0;
  for (let i = 0; i < orders; i++) {
    const k = Math.floor(updates / orders) + (i < updates % orders ? 1 : 0);
    const isRefused = refused !== undefined && random() < refusedShare;
    const picked = isRefused ? { bizType: refused.bizType, statuses: [refused.status] } : safe[i % safe.length];
    const statuses = stretch(picked.statuses, k, random);
    const merchantBizNo = `DSOAK-${hex8(seed)}-${i}`;
    const orderCreateTime = T0 + i * 10;
    const identity = i % 2 === 0 ? { userId: `2160${String(i).padStart(12, "0")}` } : { openId: `open-${i}` };
    const extras = extrasOf(picked.bizType);
    refusedOrders += isRefused ? 1 : 0;
    perOrder.push(
      statuses.map((status, n) => {
        const orderModifyTime = orderCreateTime + 1_000 * (n + 1);
        const body = {
          merchantBizType: picked.bizType,
          merchantBizNo,
          orderStatus: status,
          ...identity,
          orderCreateTime,
          orderModifyTime,
          ...extras,
        };
        return { order: i, n, merchantBizNo, status, orderModifyTime, refused: isRefused, body };
      }),
    );
  }
  /** @type {Update[]} */
  const sequence = [];
  for (let n = 0; sequence.length < updates; n++) {
    const round = perOrder.flatMap((list) => (list[n] ? [list[n]] : []));
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [round[i], round[j]] = [round[j], round[i]];
    }
    sequence.push(...round);
  }
  return { updates: sequence, refusedOrders, refusal: refused };
}
