/**
 * The order service proper, for a request the gateway let through: idempotency, validation, the order's
 * identity, orderModifyTime ordering and the scenario's status rules; then the update is applied.
 * Synchronous on purpose: check and update happen with no await in between.
 */
import { BASE_ORDER, SCENARIOS, transitionProblem, validateOrder, type MerchantBizType, type Problem } from "alipayhk-order";

import type { Answer, ResultCode, SandboxEventType, Store } from "./store.js";

/** The order fields the rules read, once validateOrder found nothing wrong with them. */
interface ValidOrder extends Record<string, unknown> {
  requestId: string;
  merchantBizNo: string;
  merchantBizType: MerchantBizType;
  orderStatus: string;
  orderCreateTime: number;
  orderModifyTime: number;
}

/** What processing a request did. */
export interface Outcome {
  readonly answer: Answer;
  readonly event: SandboxEventType;
}

const describe = (problems: readonly Problem[]) => problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join("; ");

const statusRule = BASE_ORDER.properties.orderStatus;

/**
 * A status that is a well-formed base-API value (a string within the base field's limits) but not one of the
 * scenario's statuses. That is ORDER_STATUS_INVALID ("status not valid for the scenario"), not PARAM_ILLEGAL.
 */
function isForeignStatus(order: Record<string, unknown>): boolean {
  const { merchantBizType: bizType, orderStatus: status } = order;
  if (typeof bizType !== "string" || !Object.hasOwn(SCENARIOS, bizType) || typeof status !== "string") return false;
  const length = [...status].length;
  return length >= statusRule.minLength && length <= statusRule.maxLength && !(SCENARIOS[bizType as MerchantBizType].statuses as readonly string[]).includes(status);
}

/** Processes one order update for `clientId`, records its event and returns the answer. */
export function processOrder(store: Store, clientId: string, text: string, order: Record<string, unknown>): Outcome {
  const problems = validateOrder(order);
  const requestId = typeof order.requestId === "string" && !problems.some((p) => p.path === "requestId") ? order.requestId : undefined;
  const merchantBizNo = typeof order.merchantBizNo === "string" ? order.merchantBizNo : undefined;
  const existing = merchantBizNo === undefined ? undefined : store.order(clientId, merchantBizNo);
  const known = existing && { orderId: existing.orderId, orderStatus: existing.orderStatus };
  const facts = {
    clientId,
    ...(requestId !== undefined && { requestId }),
    ...(merchantBizNo !== undefined && { merchantBizNo }),
    ...(typeof order.merchantBizType === "string" && { merchantBizType: order.merchantBizType }),
    ...(existing && { orderId: existing.orderId, from: existing.orderStatus }),
    ...(typeof order.orderStatus === "string" && { to: order.orderStatus }),
    ...(typeof order.orderModifyTime === "number" && { orderModifyTime: order.orderModifyTime }),
  };

  const finish = (event: SandboxEventType, code: ResultCode, message: string, ids = known): Outcome => {
    const answer: Answer = { httpStatus: 200, code, message, ...ids };
    store.record({ type: event, ...facts, ...(ids && { orderId: ids.orderId }), resultCode: code, message });
    if (requestId !== undefined) store.remember(clientId, requestId, text, answer);
    return { answer, event };
  };

  // Idempotency first: a retry gets the first answer, whatever happened since.
  if (requestId !== undefined) {
    const first = store.remembered(clientId, requestId);
    if (first && first.text === text) {
      store.record({ type: "replayed", ...facts, resultCode: first.answer.code, message: first.answer.message });
      return { answer: first.answer, event: "replayed" };
    }
    if (first) {
      const message = `requestId ${requestId} reused with a different body; a retry must re-send the same body`;
      store.record({ type: "rejected", ...facts, resultCode: "PARAM_ILLEGAL", message });
      return { answer: { httpStatus: 200, code: "PARAM_ILLEGAL", message, ...known }, event: "rejected" };
    }
  }

  const foreign = isForeignStatus(order);
  const paramProblems = foreign ? problems.filter((p) => p.path !== "orderStatus") : problems;
  if (paramProblems.length) return finish("rejected", "PARAM_ILLEGAL", describe(paramProblems));
  const valid = order as ValidOrder;

  if (existing) {
    for (const field of ["merchantBizType", "orderCreateTime"] as const) {
      if (valid[field] !== existing[field]) {
        return finish("rejected", "PARAM_ILLEGAL", `${field} must stay ${existing[field]} for every update of order ${existing.merchantBizNo} (got ${valid[field]})`);
      }
    }
    if (!foreign && valid.orderModifyTime <= existing.orderModifyTime) {
      return finish(
        "stale",
        "SUCCESS",
        `ignored as stale: orderModifyTime ${valid.orderModifyTime} is not newer than ${existing.orderModifyTime}, the last applied update; the order stays ${existing.orderStatus}`,
      );
    }
  }

  const problem = transitionProblem(valid.merchantBizType, existing?.orderStatus, valid.orderStatus);
  if (problem) return finish("rejected", "ORDER_STATUS_INVALID", problem);

  const record = store.apply(clientId, valid.requestId, valid);
  return finish("applied", "SUCCESS", "success", { orderId: record.orderId, orderStatus: record.orderStatus });
}
