/**
 * What the sandbox does with a request the gateway let through, for any operation of the spec: idempotency by
 * requestId, validation against the spec (PARAM_ILLEGAL), then the operation's own behaviour when it has one (order
 * sync's state machine, performance notifications), or a SUCCESS answer when it has none.
 * Synchronous on purpose: check and update happen with no await in between.
 */
import { OPERATIONS, SCHEMAS, validate, VARIANTS } from "alipayhk-spec";
import { describeProblems, finish, inferredOf, type Behaviour, type Call, type Outcome } from "./call.js";
import { processNotification } from "./notifications.js";
import { processOrder } from "./orders.js";
import type { Store } from "./store.js";

export type { Outcome } from "./call.js";

const BEHAVIOURS: Readonly<Record<string, Behaviour>> = {
  syncOrder: processOrder,
  syncPerformanceNotification: processNotification,
};

/** The answer of an operation without behaviour of its own: refused when the body breaks the spec, SUCCESS otherwise. */
const acceptValid: Behaviour = (call) =>
  call.problems.length
    ? finish(call, "rejected", { httpStatus: 200, code: "PARAM_ILLEGAL", message: describeProblems(call.problems) }, inferredOf(call.problems))
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
  const problems = validate(SCHEMAS, OPERATIONS[operationId].schema, body).filter((p) => strict || p.inferred === undefined);
  const requestId = typeof body.requestId === "string" && !problems.some((p) => p.path === "requestId") ? body.requestId : undefined;
  const status = Object.hasOwn(VARIANTS, operationId) ? body[VARIANTS[operationId as keyof typeof VARIANTS].statusProperty] : undefined;
  const facts = {
    operation: operationId,
    clientId,
    ...(requestId !== undefined && { requestId }),
    ...(typeof body.merchantBizNo === "string" && { merchantBizNo: body.merchantBizNo }),
    ...(typeof status === "string" && { to: status }),
  };
  const call: Call = { store, clientId, body, problems, strict, facts };

  // Idempotency first: a retry gets the first answer, whatever happened since.
  if (requestId !== undefined) {
    const first = store.remembered(clientId, requestId);
    if (first?.sameBody(text)) return finish(call, "replayed", first.answer);
    if (first) {
      const message = `requestId ${requestId} reused with a different body; a retry must re-send the same body`;
      return finish(call, "rejected", { httpStatus: 200, code: "PARAM_ILLEGAL", message });
    }
  }
  const outcome = (BEHAVIOURS[operationId] ?? acceptValid)(call);
  if (requestId !== undefined) store.remember(clientId, requestId, text, outcome.answer);
  return outcome;
}
