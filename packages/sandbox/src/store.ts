/**
 * What the sandbox remembers: orders, remembered answers (idempotency), the event log and counters.
 * All of it is in memory and synchronous, so one request's check-then-update never interleaves with another's.
 */
import type { MerchantBizType, RESULT_CODES } from "alipayhk-order";
import type { FaultKind } from "./faults.js";

/** A result code of the order sync API (`SUCCESS`, `PARAM_ILLEGAL`, ...), from the spec's RESULT_CODES. */
export type ResultCode = keyof typeof RESULT_CODES;

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

/** The current state of one order, identified by (clientId, merchantBizNo). */
export interface SandboxOrder {
  /** The merchant's Client-Id. */
  readonly clientId: string;
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
  /** The request's Client-Id. */
  readonly clientId?: string;
  /** The body's requestId. */
  readonly requestId?: string;
  /** The body's merchantBizNo. */
  readonly merchantBizNo?: string;
  /** The body's merchantBizType. */
  readonly merchantBizType?: string;
  /** The sandbox's ID of the order, when it exists. */
  readonly orderId?: string;
  /** The order's status before the request (absent for a new order). */
  readonly from?: string;
  /** The status the request asked for. */
  readonly to?: string;
  /** The result code answered (for a fault: of the answer the fault replaced, when the request was processed). */
  readonly resultCode?: ResultCode;
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
}

/** An answer as the sandbox computes it, before it becomes a signed Response. */
export interface Answer {
  readonly httpStatus: number;
  readonly code: ResultCode;
  readonly message: string;
  /** Only when the order is known. */
  readonly orderId?: string;
  readonly orderStatus?: string;
}

interface OrderRecord {
  clientId: string;
  merchantBizNo: string;
  merchantBizType: MerchantBizType;
  orderId: string;
  orderStatus: string;
  orderCreateTime: number;
  orderModifyTime: number;
  body: Record<string, unknown>;
  history: SandboxOrderUpdate[];
}

const keyOf = (a: string, b: string) => JSON.stringify([a, b]);
const bump = <K extends string | number>(counts: Partial<Record<K, number>>, key: K) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** The sandbox's memory. */
export class Store {
  private readonly orderMap = new Map<string, OrderRecord>();
  private readonly answers = new Map<string, { text: string; answer: Answer }>();
  private readonly log: SandboxEvent[] = [];
  private readonly counts = { requests: 0, results: {} as Partial<Record<ResultCode, number>>, httpStatus: {} as Record<number, number>, faults: {} as Partial<Record<FaultKind, number>> };
  private orderCounter = 0;
  private readonly orderIdPrefix: string;

  constructor(seed: number, private readonly now: () => Date) {
    // 3 + 8 + 10 = 21 characters: within the 128 AlipayHK allows, and the same for the same seed.
    this.orderIdPrefix = `SBX${(seed >>> 0).toString(16).padStart(8, "0")}`;
  }

  /** The current time as ISO-8601 text. */
  time(): string {
    return this.now().toISOString();
  }

  order(clientId: string, merchantBizNo: string): OrderRecord | undefined {
    return this.orderMap.get(keyOf(clientId, merchantBizNo));
  }

  /** Applies an update: creates the order or moves it, and records it in its history. */
  apply(
    clientId: string,
    requestId: string,
    body: Record<string, unknown> & { merchantBizNo: string; merchantBizType: MerchantBizType; orderStatus: string; orderCreateTime: number; orderModifyTime: number },
  ): OrderRecord {
    const key = keyOf(clientId, body.merchantBizNo);
    let record = this.orderMap.get(key);
    const from = record?.orderStatus;
    if (!record) {
      const orderId = this.orderIdPrefix + String(++this.orderCounter).padStart(10, "0");
      record = { clientId, merchantBizNo: body.merchantBizNo, merchantBizType: body.merchantBizType, orderId, orderStatus: body.orderStatus, orderCreateTime: body.orderCreateTime, orderModifyTime: body.orderModifyTime, body, history: [] };
      this.orderMap.set(key, record);
    }
    record.orderStatus = body.orderStatus;
    record.orderModifyTime = body.orderModifyTime;
    record.body = body;
    record.history.push({ requestId, ...(from !== undefined && { from }), to: body.orderStatus, orderModifyTime: body.orderModifyTime, at: this.time() });
    return record;
  }

  /** The answer remembered for (clientId, requestId), with the body text it answered. */
  remembered(clientId: string, requestId: string) {
    return this.answers.get(keyOf(clientId, requestId));
  }

  remember(clientId: string, requestId: string, text: string, answer: Answer): void {
    this.answers.set(keyOf(clientId, requestId), { text, answer });
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
    const entry = Object.freeze({ seq: this.log.length + 1, at: this.time(), ...event, ...this.tags });
    this.log.push(entry);
    return entry;
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

  events(): readonly SandboxEvent[] {
    return this.log.slice();
  }

  stats(): SandboxStats {
    return structuredClone(this.counts);
  }
}

/** A frozen deep copy of an order, for readers. */
export function snapshot(record: OrderRecord): SandboxOrder {
  return Object.freeze(structuredClone(record));
}
