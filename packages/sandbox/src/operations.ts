/**
 * What the sandbox does with a request the gateway let through, for any operation of the spec: idempotency by the
 * operation's idempotency key (requestId), validation against the spec (PARAM_ILLEGAL), then the operation's own
 * behaviour when it has one (order sync's state machine, performance notifications), or a SUCCESS answer when it has none.
 * Synchronous on purpose: check and update happen with no await in between.
 */
import { OPERATIONS, SCHEMAS, validate, VARIANTS, type Operation } from "alipayhk-spec";
import { entryOf } from "alipayhk-spec/internal";
import { describeProblems, finish, inferredOf, type Behaviour, type Call, type Outcome } from "./call.js";
import { notificationBehaviour } from "./notifications.js";
import { orderBehaviour } from "./orders.js";
import type { Store } from "./store.js";

export type { Outcome } from "./call.js";

/**
 * The behaviours written for one operation, by operationId, built from that operation's variants. One whose operation
 * the spec no longer has (or no longer discriminates) is left out, and its requests, if any, get acceptValid's answer.
 */
const BEHAVIOURS: Readonly<Record<string, Behaviour>> = Object.fromEntries(
  Object.entries({ syncOrder: orderBehaviour, syncPerformanceNotification: notificationBehaviour }).flatMap(
    ([operationId, behaviour]) => {
      const variants = entryOf(VARIANTS, operationId);
      return variants && entryOf(OPERATIONS, operationId) ? [[operationId, behaviour(variants)]] : [];
    },
  ),
);

/** The answer of an operation without behaviour of its own: refused when the body breaks the spec, SUCCESS otherwise. */
const acceptValid: Behaviour = (call) =>
  call.problems.length
    ? finish(
        call,
        "rejected",
        { httpStatus: 200, code: "PARAM_ILLEGAL", message: describeProblems(call.problems) },
        inferredOf(call.problems),
      )
    : finish(call, "applied", { httpStatus: 200, code: "SUCCESS", message: "success" });

/** Processes one request of `operationId` for `clientId`, records its event and returns the answer. */
export function processRequest(
  store: Store,
  operationId: keyof typeof OPERATIONS,
  clientId: string,
  text: string,
  body: Record<string, unknown>,
  strict: boolean,
): Outcome {
  const op: Operation = OPERATIONS[operationId];
  const problems = validate(SCHEMAS, op.schema, body).filter((p) => strict || p.inferred === undefined);
  // the call's ID, in the member the spec names (x-idempotency-key); none when the operation declares no such member
  const key = op.idempotencyKey;
  const id = key === undefined ? undefined : body[key];
  const requestId = typeof id === "string" && !problems.some((p) => p.path === key) ? id : undefined;
  const variants = entryOf(VARIANTS, operationId);
  const status = variants && body[variants.statusProperty];
  const facts = {
    operation: operationId,
    clientId,
    ...(requestId !== undefined && { requestId }),
    ...(typeof body.merchantBizNo === "string" && { merchantBizNo: body.merchantBizNo }),
    ...(typeof status === "string" && { to: status }),
  };
  const call: Call = { store, clientId, body, requestId, problems, strict, facts };

  // Idempotency first: a retry gets the first answer, whatever happened since.
  if (requestId !== undefined) {
    const first = store.remembered(clientId, requestId);
    if (first?.sameBody(text)) return finish(call, "replayed", first.answer);
    if (first) {
      const message = `${key} ${requestId} reused with a different body; a retry must re-send the same body`;
      return finish(call, "rejected", { httpStatus: 200, code: "PARAM_ILLEGAL", message });
    }
  }
  const outcome = (BEHAVIOURS[operationId] ?? acceptValid)(call);
  if (requestId !== undefined) store.remember(clientId, requestId, text, outcome.answer);
  return outcome;
}
