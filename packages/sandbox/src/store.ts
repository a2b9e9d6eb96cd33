/**
 * What the sandbox remembers: orders, remembered answers (idempotency), the event log and counters.
 * All of it is in memory and synchronous, so one request's check-then-update never interleaves with another's.
 */
import type { RESULT_CODES, VARIANTS } from "alipayhk-spec";
import type { SignatureDiagnosis } from "./diagnose.js";
import type { FaultKind } from "./faults.js";
import type { ValidNotification } from "./notifications.js";
import { OrderHistory } from "./history.js";
import { EventLog } from "./log.js";
import { RememberedAnswers, type Remembered } from "./answers.js";
import { DEFAULT_RETENTION, type Retention } from "./retention.js";

/** A result code of the spec (`SUCCESS`, `PARAM_ILLEGAL`, ...), from its RESULT_CODES. */
export type ResultCode = keyof typeof RESULT_CODES;
/** An order-sync scenario (any string, should a spec change remove order sync). */
export type MerchantBizType = typeof VARIANTS extends { readonly syncOrder: { readonly values: infer Scenarios } } ? keyof Scenarios & string : string;

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

interface OrderRecord {
  clientId: string;
  merchantAccountId?: string;
  merchantBizNo: string;
  merchantBizType: MerchantBizType;
  orderId: string;
  orderStatus: string;
  orderCreateTime: number;
  orderModifyTime: number;
  body: Record<string, unknown>;
  /** Its applied updates, kept compact (snapshots give the objects). */
  history: OrderHistory;
}

const keyOf = (...parts: (string | undefined)[]) => JSON.stringify(parts);
const bump = <K extends string | number>(counts: Partial<Record<K, number>>, key: K) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** An order or a notification as the console reads it. */
export type RecordState = Omit<SandboxOrder, "history"> | Omit<SandboxNotification, "history">;

/** The sandbox's memory. */
export class Store {
  private readonly orderMap = new Map<string, OrderRecord>();
  private readonly notificationMap = new Map<string, NotificationRecord>();
  private readonly answers: RememberedAnswers;
  /** The event log, and the console's views of it. */
  readonly log: EventLog<RecordState>;
  private droppedHistory = 0;
  private readonly counts = { requests: 0, results: {} as Partial<Record<ResultCode, number>>, httpStatus: {} as Record<number, number>, faults: {} as Partial<Record<FaultKind, number>> };
  private orderCounter = 0;
  private readonly orderIdPrefix: string;

  constructor(
    seed: number,
    private readonly now: () => Date,
    private readonly retention: Retention = DEFAULT_RETENTION,
  ) {
    this.log = new EventLog(retention.events, retention.historyPerOrder);
    this.answers = new RememberedAnswers(retention.answers);
    // 3 + 8 + 10 = 21 characters: within the 128 AlipayHK allows, and the same for the same seed.
    this.orderIdPrefix = `SBX${(seed >>> 0).toString(16).padStart(8, "0")}`;
  }

  /** The current time as ISO-8601 text. */
  time(): string {
    return this.now().toISOString();
  }

  nowMs(): number {
    return this.now().getTime();
  }

  order(clientId: string, merchantBizNo: string, merchantAccountId?: string): OrderRecord | undefined {
    return this.orderMap.get(keyOf(clientId, merchantAccountId, merchantBizNo));
  }

  /** Applies an update: creates the order or moves it, and records it in its history. */
  apply(
    clientId: string,
    requestId: string,
    body: Record<string, unknown> & { merchantBizNo: string; merchantBizType: string; orderStatus: string; orderCreateTime: number; orderModifyTime: number; merchantAccountId?: string },
  ): OrderRecord {
    const { merchantAccountId } = body;
    const key = keyOf(clientId, merchantAccountId, body.merchantBizNo);
    let record = this.orderMap.get(key);
    const from = record?.orderStatus;
    if (!record) {
      const orderId = this.orderIdPrefix + String(++this.orderCounter).padStart(10, "0");
      record = { clientId, ...(merchantAccountId !== undefined && { merchantAccountId }), merchantBizNo: body.merchantBizNo, merchantBizType: body.merchantBizType as MerchantBizType, orderId, orderStatus: body.orderStatus, orderCreateTime: body.orderCreateTime, orderModifyTime: body.orderModifyTime, body, history: new OrderHistory() };
      this.orderMap.set(key, record);
    }
    record.orderStatus = body.orderStatus;
    record.orderModifyTime = body.orderModifyTime;
    record.body = body;
    record.history.push({ requestId, ...(from !== undefined && { from }), to: body.orderStatus, orderModifyTime: body.orderModifyTime, at: this.nowMs() });
    this.trim(record.history);
    this.log.timeline("order", clientId, body.merchantBizNo).state = record;
    return record;
  }

  notification(clientId: string, merchantBizNo: string): NotificationRecord | undefined {
    return this.notificationMap.get(keyOf(clientId, merchantBizNo));
  }

  /** A SEND: a new notification, replacing one that is no longer valid. */
  sendNotification(clientId: string, requestId: string, body: ValidNotification, defaultEndDate: number): NotificationRecord {
    const record: NotificationRecord = {
      clientId,
      merchantBizNo: body.merchantBizNo,
      productTemplateCode: body.productTemplateCode,
      orderStatus: body.orderStatus,
      bizDate: body.bizDate,
      endDate: body.endDate ?? defaultEndDate,
      body,
      history: [{ requestId, command: body.command, to: body.orderStatus, bizDate: body.bizDate, at: this.time() }],
    };
    this.notificationMap.delete(keyOf(clientId, body.merchantBizNo)); // re-inserted: listed in order of their last SEND
    this.notificationMap.set(keyOf(clientId, body.merchantBizNo), record);
    this.log.timeline("notification", clientId, body.merchantBizNo).state = record;
    return record;
  }

  /** An UPDATE of a valid notification. */
  updateNotification(record: NotificationRecord, requestId: string, body: ValidNotification): void {
    record.history.push({ requestId, command: body.command, from: record.orderStatus, to: body.orderStatus, bizDate: body.bizDate, at: this.time() });
    this.trim(record.history);
    record.orderStatus = body.orderStatus;
    record.bizDate = body.bizDate;
    if (body.endDate !== undefined) record.endDate = body.endDate;
    record.body = body;
  }

  /** Keeps the newest `historyPerOrder` entries of an order's or a notification's history. */
  private trim(history: { readonly length: number; shift(): unknown }): void {
    if (history.length <= this.retention.historyPerOrder) return;
    history.shift();
    this.droppedHistory++;
  }

  /** The answer remembered for (clientId, requestId), which tells whether a body is the one it answered. */
  remembered(clientId: string, requestId: string): Remembered | undefined {
    return this.answers.get(clientId, requestId);
  }

  /** Remembers an answer; past `retention.answers` for this Client-Id, the oldest is forgotten. */
  remember(clientId: string, requestId: string, text: string, answer: Answer): void {
    this.answers.set(clientId, requestId, text, answer);
  }

  /** Facts of the request being answered, added to every event recorded while `tagged` runs. */
  private tags: Partial<SandboxEvent> = {};

  /** Runs `fn` (whose events are recorded before its first await), adding `tags` to each event it records. */
  tagged<T>(tags: Partial<SandboxEvent>, fn: () => T): T {
    const saved = this.tags;
    this.tags = tags;
    try {
      return fn();
    } finally {
      this.tags = saved;
    }
  }

  record(event: Omit<SandboxEvent, "seq" | "at">): SandboxEvent {
    return this.log.append({ at: this.time(), ...event, ...this.tags });
  }

  countRequest(): void {
    this.counts.requests++;
  }

  countSent(httpStatus: number, code?: ResultCode): void {
    bump(this.counts.httpStatus, httpStatus);
    if (code) bump(this.counts.results, code);
  }

  countFault(kind: FaultKind): void {
    bump(this.counts.faults, kind);
  }

  /** Snapshots, so that callers can neither see later changes through them nor change the sandbox. */
  orders(): readonly SandboxOrder[] {
    return [...this.orderMap.values()].map(snapshot);
  }

  notifications(): readonly SandboxNotification[] {
    return [...this.notificationMap.values()].map(snapshot);
  }

  events(): readonly SandboxEvent[] {
    return this.log.all();
  }

  stats(): SandboxStats {
    return { ...structuredClone(this.counts), dropped: { events: this.log.dropped, history: this.droppedHistory, answers: this.answers.dropped } };
  }
}

/** A frozen deep copy of an order or a notification, for readers. */
export function snapshot<T extends OrderRecord | NotificationRecord>(record: T): T extends OrderRecord ? SandboxOrder : SandboxNotification {
  const { history, ...rest } = record;
  return Object.freeze({ ...structuredClone(rest), history: history instanceof OrderHistory ? history.entries() : structuredClone(history) }) as never;
}
