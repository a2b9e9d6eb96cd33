/**
 * Performance notifications (contractCardSync): `SEND` creates a notification unless a valid one exists
 * (UN_SUPPORT_BUSINESS); `UPDATE` changes an existing, valid one, is ignored for one that is no longer valid, and is
 * answered ORDER_NOT_FOUND when there is none. A notification is valid until its `endDate` (default 24 hours after it
 * was created) and while its status is not one that hides it (the template's end statuses; both readings inferred).
 * An update whose bizDate is not newer than the last applied one is not applied.
 */
import type { Variants } from "alipayhk-spec";
import { describeProblems, finish, inferredOf, type Behaviour } from "./call.js";
import type { NotificationRecord, ResultCode, SandboxEventType, ValidNotification } from "./records.js";

/** How long a notification lives when the request gives no endDate. */
export const DEFAULT_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Why a notification of one of `templates` is no longer valid at `nowMs`, or undefined while it is. */
export function invalidity(
  templates: Variants["values"],
  record: NotificationRecord,
  nowMs: number,
): string | undefined {
  if (nowMs >= record.endDate) return `it expired at ${new Date(record.endDate).toISOString()} (endDate)`;
  const template = Object.hasOwn(templates, record.productTemplateCode)
    ? templates[record.productTemplateCode]
    : undefined;
  if (template?.endStatuses.includes(record.orderStatus)) return `its status ${record.orderStatus} hides it`;
  return undefined;
}

/** The performance notifications' behaviour, for their templates (the spec's variants of syncPerformanceNotification). */
export const notificationBehaviour =
  ({ property: TEMPLATE_FIELD, statusProperty: STATUS_FIELD, values: TEMPLATES }: Variants): Behaviour =>
  (call) => {
    const { store, clientId, body, problems } = call;
    const facts = {
      ...(typeof body[TEMPLATE_FIELD] === "string" && { productTemplateCode: body[TEMPLATE_FIELD] as string }),
      ...(typeof body.command === "string" && { command: body.command }),
      ...(typeof body.bizDate === "number" && { bizDate: body.bizDate }),
      ...(typeof body[STATUS_FIELD] === "string" && { to: body[STATUS_FIELD] as string }),
    };
    const done = (event: SandboxEventType, code: ResultCode, message: string, from?: string) =>
      finish(
        call,
        event,
        { httpStatus: 200, code, message },
        { ...facts, ...(from !== undefined && { from }), ...inferredOf(problems) },
      );
    if (problems.length) return done("rejected", "PARAM_ILLEGAL", describeProblems(problems));

    const notification = body as ValidNotification;
    const nowMs = store.nowMs();
    const existing = store.notification(clientId, notification.merchantBizNo);
    const whyInvalid = existing && invalidity(TEMPLATES, existing, nowMs);
    const name = `notification ${notification.merchantBizNo}`;

    if (notification.command === "SEND") {
      if (existing && !whyInvalid) {
        return done(
          "rejected",
          "UN_SUPPORT_BUSINESS",
          `a valid ${name} exists (status ${existing.orderStatus}); send UPDATE to change it`,
          existing.orderStatus,
        );
      }
      store.sendNotification(clientId, call.requestId ?? "", notification, nowMs + DEFAULT_LIFETIME_MS);
      return done("applied", "SUCCESS", "success", existing?.orderStatus);
    }
    if (!existing) return done("rejected", "ORDER_NOT_FOUND", `no ${name} exists; SEND it first`);
    const from = existing.orderStatus;
    if (whyInvalid)
      return done(
        "stale",
        "SUCCESS",
        `ignored: the ${name} is no longer valid (${whyInvalid}); SEND starts a new one`,
        from,
      );
    if (notification.productTemplateCode !== existing.productTemplateCode) {
      return done(
        "rejected",
        "PARAM_ILLEGAL",
        `productTemplateCode must stay ${existing.productTemplateCode} for every update of ${name}`,
        from,
      );
    }
    if (notification.bizDate <= existing.bizDate) {
      return done(
        "stale",
        "SUCCESS",
        `ignored as stale: bizDate ${notification.bizDate} is not newer than ${existing.bizDate}, the last applied update; the ${name} stays ${from}`,
        from,
      );
    }
    store.updateNotification(existing, call.requestId ?? "", notification);
    return done("applied", "SUCCESS", "success", from);
  };
