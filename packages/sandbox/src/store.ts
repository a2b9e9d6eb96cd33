/**
 * What the sandbox remembers: orders, remembered answers (idempotency), the event log and counters.
 * All of it is in memory and synchronous, so one request's check-then-update never interleaves with another's.
 */
import { OrderHistory } from "./history.js";
import { EventLog } from "./log.js";
import { RememberedAnswers, type Remembered } from "./answers.js";
import type { FaultKind } from "./faults.js";
import type {
  Answer,
  MerchantBizType,
  NotificationRecord,
  RecordState,
  ResultCode,
  SandboxEvent,
  SandboxNotification,
  SandboxOrder,
  SandboxStats,
  ValidNotification,
} from "./records.js";
import { DEFAULT_RETENTION, type Retention } from "./retention.js";

// re-exported: the rest of the sandbox imports them from here
export type {
  Answer,
  MerchantBizType,
  NotificationRecord,
  RecordState,
  ResultCode,
  SandboxEvent,
  SandboxEventType,
  SandboxNotification,
  SandboxNotificationUpdate,
  SandboxOrder,
  SandboxOrderUpdate,
  SandboxStats,
} from "./records.js";

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

/** The sandbox's memory. */
export class Store {
  private readonly orderMap = new Map<string, OrderRecord>();
  private readonly notificationMap = new Map<string, NotificationRecord>();
  private readonly answers: RememberedAnswers;
  /** The event log, and the console's views of it. */
  readonly log: EventLog<RecordState>;
  private droppedHistory = 0;
  private readonly counts = {
    requests: 0,
    results: {} as Partial<Record<ResultCode, number>>,
    httpStatus: {} as Record<number, number>,
    faults: {} as Partial<Record<FaultKind, number>>,
  };
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
    body: Record<string, unknown> & {
      merchantBizNo: string;
      merchantBizType: string;
      orderStatus: string;
      orderCreateTime: number;
      orderModifyTime: number;
      merchantAccountId?: string;
    },
  ): OrderRecord {
    const { merchantAccountId } = body;
    const key = keyOf(clientId, merchantAccountId, body.merchantBizNo);
    let record = this.orderMap.get(key);
    const from = record?.orderStatus;
    if (!record) {
      const orderId = this.orderIdPrefix + String(++this.orderCounter).padStart(10, "0");
      record = {
        clientId,
        ...(merchantAccountId !== undefined && { merchantAccountId }),
        merchantBizNo: body.merchantBizNo,
        merchantBizType: body.merchantBizType as MerchantBizType,
        orderId,
        orderStatus: body.orderStatus,
        orderCreateTime: body.orderCreateTime,
        orderModifyTime: body.orderModifyTime,
        body,
        history: new OrderHistory(),
      };
      this.orderMap.set(key, record);
    }
    record.orderStatus = body.orderStatus;
    record.orderModifyTime = body.orderModifyTime;
    record.body = body;
    record.history.push({
      requestId,
      ...(from !== undefined && { from }),
      to: body.orderStatus,
      orderModifyTime: body.orderModifyTime,
      at: this.nowMs(),
    });
    this.trim(record.history);
    this.log.timeline("order", clientId, body.merchantBizNo).state = record;
    return record;
  }

  notification(clientId: string, merchantBizNo: string): NotificationRecord | undefined {
    return this.notificationMap.get(keyOf(clientId, merchantBizNo));
  }

  /** A SEND: a new notification, replacing one that is no longer valid. */
  sendNotification(
    clientId: string,
    requestId: string,
    body: ValidNotification,
    defaultEndDate: number,
  ): NotificationRecord {
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
    record.history.push({
      requestId,
      command: body.command,
      from: record.orderStatus,
      to: body.orderStatus,
      bizDate: body.bizDate,
      at: this.time(),
    });
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
    return {
      ...structuredClone(this.counts),
      dropped: { events: this.log.dropped, history: this.droppedHistory, answers: this.answers.dropped },
    };
  }
}

/** A frozen deep copy of an order or a notification, for readers. */
export function snapshot<T extends OrderRecord | NotificationRecord>(
  record: T,
): T extends OrderRecord ? SandboxOrder : SandboxNotification {
  const { history, ...rest } = record;
  return Object.freeze({
    ...structuredClone(rest),
    history: history instanceof OrderHistory ? history.entries() : structuredClone(history),
  }) as never;
}
