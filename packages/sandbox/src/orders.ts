/**
 * Order sync's behaviour: the order's identity, orderModifyTime ordering and the scenario's status rules; then the
 * update is applied. Validation problems are PARAM_ILLEGAL, except a status the scenario does not list, which is
 * ORDER_STATUS_INVALID ("status not valid for the scenario").
 */
import { statusMoveProblem, type Variants } from "alipayhk-spec";
import { describeProblems, finish, inferredNote, inferredOf, type Behaviour } from "./call.js";
import type { Answer, ResultCode } from "./store.js";

/** The order fields the rules read, once the validator found nothing wrong with them. */
interface ValidOrder extends Record<string, unknown> {
  merchantBizNo: string;
  merchantBizType: string;
  orderStatus: string;
  orderCreateTime: number;
  orderModifyTime: number;
  merchantAccountId?: string;
}

/** Order sync's behaviour, for its scenarios (the spec's variants of syncOrder). */
export const orderBehaviour =
  ({ property: SCENARIO_FIELD, statusProperty: STATUS_FIELD, values: SCENARIOS }: Variants): Behaviour =>
  (call) => {
    const { store, clientId, body, problems } = call;
    const merchantAccountId = typeof body.merchantAccountId === "string" ? body.merchantAccountId : undefined;
    const existing =
      typeof body.merchantBizNo === "string" ? store.order(clientId, body.merchantBizNo, merchantAccountId) : undefined;
    const ids = (record = existing) => record && { orderId: record.orderId, orderStatus: record.orderStatus };
    const answer = (code: ResultCode, message: string, known = ids()): Answer => ({
      httpStatus: 200,
      code,
      message,
      fields: { ...known, distributeResult: [] },
    });
    const facts = {
      ...(typeof body[SCENARIO_FIELD] === "string" && { merchantBizType: body[SCENARIO_FIELD] as string }),
      ...(existing && { orderId: existing.orderId, from: existing.orderStatus }),
      ...(typeof body[STATUS_FIELD] === "string" && { to: body[STATUS_FIELD] as string }),
      ...(typeof body.orderModifyTime === "number" && { orderModifyTime: body.orderModifyTime }),
    };
    const done = (event: Parameters<typeof finish>[1], code: ResultCode, message: string, known = ids(), more = {}) =>
      finish(call, event, answer(code, message, known), { ...facts, ...more });

    // a status the scenario does not list, but otherwise a well-formed value: the scenario's enum is the only problem
    const foreign =
      problems.some((p) => p.path === STATUS_FIELD && p.keyword === "enum") &&
      !problems.some((p) => p.path === STATUS_FIELD && p.keyword !== "enum");
    const paramProblems = foreign ? problems.filter((p) => p.path !== STATUS_FIELD) : problems;
    if (paramProblems.length)
      return done("rejected", "PARAM_ILLEGAL", describeProblems(paramProblems), ids(), inferredOf(paramProblems));
    const order = body as ValidOrder;

    if (existing) {
      for (const field of ["merchantBizType", "orderCreateTime"] as const) {
        if (order[field] !== existing[field]) {
          return done(
            "rejected",
            "PARAM_ILLEGAL",
            `${field} must stay ${existing[field]} for every update of order ${existing.merchantBizNo} (got ${order[field]})`,
          );
        }
      }
      if (!foreign && order.orderModifyTime <= existing.orderModifyTime) {
        return done(
          "stale",
          "SUCCESS",
          `ignored as stale: orderModifyTime ${order.orderModifyTime} is not newer than ${existing.orderModifyTime}, the last applied update; the order stays ${existing.orderStatus}`,
        );
      }
    }

    const problem = statusMoveProblem(
      order.merchantBizType,
      SCENARIOS[order.merchantBizType]!,
      existing?.orderStatus,
      order.orderStatus,
      { strict: call.strict },
    );
    if (problem?.inferred !== undefined) {
      return done("rejected", "ORDER_STATUS_INVALID", problem.message + inferredNote(problem.inferred), ids(), {
        inferred: [problem.inferred],
      });
    }
    if (problem) return done("rejected", "ORDER_STATUS_INVALID", problem.message);

    const record = store.apply(clientId, call.requestId ?? "", order);
    return finish(call, "applied", answer("SUCCESS", "success", ids(record)), { ...facts, orderId: record.orderId });
  };
