/**
 * What the sandbox records and answers, as types: orders, notifications, events, counters and answers. A module of
 * types only, so that the store and the modules it is built from (answers, history, log, the operations' rules) all
 * read them without importing one another.
 */
import type { RESULT_CODES, VARIANTS } from "alipayhk-spec";
import type { SignatureDiagnosis } from "./diagnose.js";
import type { FaultKind } from "./faults.js";

/** A result code of the spec (`SUCCESS`, `PARAM_ILLEGAL`, ...), from its RESULT_CODES. */
export type ResultCode = keyof typeof RESULT_CODES;
/** An order-sync scenario (any string, should a spec change remove order sync). */
export type MerchantBizType = typeof VARIANTS extends { readonly syncOrder: { readonly values: infer Scenarios } }
  ? keyof Scenarios & string
  : string;

/** One applied update of an order. */
export interface SandboxOrderUpdate {
  /** The requestId of the call that made it. */
  readonly requestId: string;
  /** The status before (absent for the call that created the order). */
  readonly from?: string;
  /** The status after. */
  readonly to: string;
  /** The update's orderModifyTime (epoch ms). */
  readonly orderModifyTime: number;
  /** When the sandbox applied it (ISO-8601, from the `now` option). */
  readonly at: string;
}

/** The current state of one order, identified by (clientId, merchantAccountId, merchantBizNo). */
export interface SandboxOrder {
  /** The merchant's Client-Id. */
  readonly clientId: string;
  /** The sub-merchant an ISV called for, when the order gave one: orders of two sub-merchants never mix. */
  readonly merchantAccountId?: string;
  /** The merchant's order number. */
  readonly merchantBizNo: string;
  /** The order's scenario; it never changes. */
  readonly merchantBizType: MerchantBizType;
  /** The sandbox's ID of the order, stable across updates and deterministic from the seed. */
  readonly orderId: string;
  /** The current status. */
  readonly orderStatus: string;
  /** The order's orderCreateTime (epoch ms); it never changes. */
  readonly orderCreateTime: number;
  /** orderModifyTime of the last applied update. */
  readonly orderModifyTime: number;
  /** The (decrypted) body of the last applied update. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Every applied update, oldest first. */
  readonly history: readonly SandboxOrderUpdate[];
}

/**
 * What happened to a request:
 * - `applied`: the update changed the order (or created it);
 * - `stale`: answered SUCCESS but not applied, because its orderModifyTime is not newer than the last applied one;
 * - `rejected`: answered with a failure (or a 404 / 413);
 * - `replayed`: a repeated requestId with the same body, answered with the first answer, nothing applied;
 * - `fault`: an injected fault; `processed` and `applied` say whether the request went through first.
 */
export type SandboxEventType = "applied" | "stale" | "rejected" | "replayed" | "fault";

/** One entry of `sandbox.events`. Fields the sandbox did not learn (e.g. before the body was read) are absent. */
export interface SandboxEvent {
  /** 1, 2, 3, ... in the order things happened. */
  readonly seq: number;
  readonly type: SandboxEventType;
  /** When (ISO-8601, from the `now` option). */
  readonly at: string;
  /** The operation called (its operationId), once the path named one. */
  readonly operation?: string;
  /** The request's Client-Id. */
  readonly clientId?: string;
  /** The body's requestId. */
  readonly requestId?: string;
  /** The body's merchantBizNo. */
  readonly merchantBizNo?: string;
  /** The body's merchantBizType (order sync). */
  readonly merchantBizType?: string;
  /** The body's productTemplateCode, command and bizDate (performance notifications). */
  readonly productTemplateCode?: string;
  readonly command?: string;
  readonly bizDate?: number;
  /** The sandbox's ID of the order, when it exists. */
  readonly orderId?: string;
  /** The order's status before the request (absent for a new order). */
  readonly from?: string;
  /** The status the request asked for. */
  readonly to?: string;
  /** The body's orderModifyTime (epoch ms). */
  readonly orderModifyTime?: number;
  /** The result code answered (for a fault: of the answer the fault replaced, when the request was processed). */
  readonly resultCode?: ResultCode;
  /** For a PARAM_ILLEGAL from validation: each problem, as a sentence. */
  readonly problems?: readonly string[];
  /** For a refusal by rules that are this SDK's reading of AlipayHK's pages (x-inferred): why each is ours. */
  readonly inferred?: readonly string[];
  /** The answer's resultMessage (for a 404: what was not found). */
  readonly message?: string;
  /** The HTTP status of the answer (for a fault: of the faulty answer actually sent; absent for a drop). */
  readonly httpStatus?: number;
  /** For `fault` events: which fault. */
  readonly fault?: FaultKind;
  /** For `fault` events: whether the request was processed before the fault hid the answer. */
  readonly processed?: boolean;
  /** For `fault` events: whether processing it changed an order (an `applied` event precedes this one). */
  readonly applied?: boolean;
  /** For INVALID_CLIENT and INVALID_SIGNATURE: what the sandbox expected to be signed and the likely cause. */
  readonly diagnosis?: SignatureDiagnosis;
  /**
   * The request's Request-Time was in a form Alipay's SDKs send other than the documented ISO-8601 one:
   * `iso-8601-no-colon` (`+0800`, PHP's SDK) or `epoch-ms` (Java's). Absent for the documented form.
   */
  readonly requestTimeForm?: "iso-8601-no-colon" | "epoch-ms";
}

/** Counters, from the sandbox's creation. */
export interface SandboxStats {
  /** Every call of `sandbox.fetch`, 404s included. */
  readonly requests: number;
  /** Result codes of the answers actually sent (a faulted request counts only if its answer has a result). */
  readonly results: Readonly<Partial<Record<ResultCode, number>>>;
  /** HTTP statuses actually sent (drops and aborts send none). */
  readonly httpStatus: Readonly<Record<number, number>>;
  /** Injected faults by kind. */
  readonly faults: Readonly<Partial<Record<FaultKind, number>>>;
  /** What the `retention` limits dropped so far, oldest first: events, history entries (of orders and notifications), remembered answers. */
  readonly dropped: { readonly events: number; readonly history: number; readonly answers: number };
}

/** An answer as the sandbox computes it, before it becomes a signed Response. */
export interface Answer {
  readonly httpStatus: number;
  readonly code: ResultCode;
  readonly message: string;
  /** Members of the answer beside `result` (order sync's orderId, orderStatus, distributeResult). */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/** One applied command of a performance notification. */
export interface SandboxNotificationUpdate {
  readonly requestId: string;
  readonly command: string;
  /** The status before (absent when the command created the notification). */
  readonly from?: string;
  readonly to: string;
  readonly bizDate: number;
  /** When the sandbox applied it (ISO-8601). */
  readonly at: string;
}

/** The current state of one performance notification, identified by (clientId, merchantBizNo). */
export interface SandboxNotification {
  readonly clientId: string;
  readonly merchantBizNo: string;
  readonly productTemplateCode: string;
  readonly orderStatus: string;
  /** bizDate of the last applied command. */
  readonly bizDate: number;
  /** When it expires (epoch ms). */
  readonly endDate: number;
  /** The (decrypted) body of the last applied command. */
  readonly body: Readonly<Record<string, unknown>>;
  /** Every applied command since the last SEND, oldest first. */
  readonly history: readonly SandboxNotificationUpdate[];
}

/** A notification as the store holds it. */
export interface NotificationRecord {
  clientId: string;
  merchantBizNo: string;
  productTemplateCode: string;
  orderStatus: string;
  bizDate: number;
  endDate: number;
  body: Record<string, unknown>;
  history: SandboxNotificationUpdate[];
}

/** An order or a notification as the console reads it. */
export type RecordState = Omit<SandboxOrder, "history"> | Omit<SandboxNotification, "history">;

/** The fields the rules read, once the validator found nothing wrong with them. */
export interface ValidNotification extends Record<string, unknown> {
  command: "SEND" | "UPDATE";
  productTemplateCode: string;
  merchantBizNo: string;
  orderStatus: string;
  bizDate: number;
  endDate?: number;
}
