/**
 * The event log, bounded: the newest `limit` events, the oldest dropped first (and counted). Beside it, kept up to
 * date as events come and go, what the console reads so that a poll costs what it shows, not what the sandbox
 * holds: each record's timeline (its card), in first-seen order, and the requests of each (Client-Id, requestId),
 * for attempt numbers.
 */
import type { SandboxEvent } from "./records.js";

/** A record the console shows as a card. */
export type RecordKind = "order" | "notification";

/** One record's card: its identity, its state once it has one, and its newest events. */
export interface RecordTimeline<State = unknown> {
  /** 1, 2, 3... in the order records were first seen: cards are listed, and paged, by it. */
  readonly id: number;
  readonly kind: RecordKind;
  readonly clientId: string;
  readonly merchantBizNo: string;
  /** Its applied, stale, refused and replayed events still in the log, oldest first, at most `perRecord`. */
  readonly events: SandboxEvent[];
  /** Its events no longer in `events` (beyond `perRecord`, or dropped from the log). */
  earlier: number;
  /** The order or notification, once an update created it. */
  state?: State;
}

/** Each sandbox's log (a new one on reset) gets its own epoch, so that a `since` from before a reset is recognised. */
let epochs = 0;

const keyOf = (kind: RecordKind, clientId: string, merchantBizNo: string) =>
  JSON.stringify([kind, clientId, merchantBizNo]);

/** The card an event belongs on, if any: a request that named a merchantBizNo (a fault's event belongs to its request). */
function recordOf(e: SandboxEvent): [RecordKind, string, string] | undefined {
  if (e.clientId === undefined || e.merchantBizNo === undefined || e.type === "fault") return undefined;
  return [e.operation === "syncPerformanceNotification" ? "notification" : "order", e.clientId, e.merchantBizNo];
}

/** A fault on a request that went through is part of that request's entry in the request log, not one of its own. */
export const isOwnRequest = (e: SandboxEvent) => !(e.type === "fault" && e.processed);

const requestIdOf = (e: SandboxEvent) => e.requestId ?? e.diagnosis?.requestId;

export class EventLog<State = unknown> {
  readonly epoch = ++epochs;
  /** Events dropped so far, oldest first. */
  dropped = 0;
  private readonly list: (SandboxEvent | undefined)[] = [];
  /** list[head] is the oldest event kept. */
  private head = 0;
  private lastSeq = 0;
  /** Events kept that are a request's own (not a fault on a request that went through): the request log's length. */
  private ownRequests = 0;
  /** Every record with a card, in first-seen order. */
  private readonly records = new Map<string, RecordTimeline<State>>();
  private lastRecordId = 0;
  /** Client-Id → requestId → the seq (or seqs, for a retried one) of its requests still in the log. */
  private readonly requests = new Map<string, Map<string, number | number[]>>();

  constructor(
    private readonly limit: number,
    private readonly perRecord: number,
  ) {}

  /** The newest event's seq (0 before the first). */
  get seq(): number {
    return this.lastSeq;
  }

  /** How many entries the request log has: the requests whose events are kept. */
  get requestTotal(): number {
    return this.ownRequests;
  }

  /** How many events are kept. */
  get size(): number {
    return this.list.length - this.head;
  }

  /** Appends an event with the next seq; drops the oldest past the limit. */
  append(event: Omit<SandboxEvent, "seq">): SandboxEvent {
    const entry = Object.freeze({ seq: ++this.lastSeq, ...event }) as SandboxEvent;
    this.list.push(entry);
    const record = recordOf(entry);
    if (record) {
      const timeline = this.timeline(...record);
      timeline.events.push(entry);
      if (timeline.events.length > this.perRecord) {
        timeline.events.shift();
        timeline.earlier++;
      }
    }
    if (isOwnRequest(entry)) this.ownRequests++;
    const requestId = requestIdOf(entry);
    if (requestId !== undefined && isOwnRequest(entry)) {
      const clientId = entry.clientId ?? "";
      let byId = this.requests.get(clientId);
      if (!byId) this.requests.set(clientId, (byId = new Map()));
      const seqs = byId.get(requestId);
      byId.set(
        requestId,
        seqs === undefined ? entry.seq : typeof seqs === "number" ? [seqs, entry.seq] : [...seqs, entry.seq],
      );
    }
    if (this.size > this.limit) this.dropOldest();
    return entry;
  }

  private dropOldest(): void {
    const event = this.list[this.head]!;
    this.list[this.head++] = undefined;
    this.dropped++;
    if (isOwnRequest(event)) this.ownRequests--;
    // Compacted now and then, in place: the list stays under twice the limit.
    if (this.head >= 1024 && this.head * 2 >= this.list.length) {
      this.list.copyWithin(0, this.head);
      this.list.length -= this.head;
      this.head = 0;
    }
    const record = recordOf(event);
    const key = record && keyOf(...record);
    const timeline = key === undefined ? undefined : this.records.get(key);
    if (timeline && timeline.events[0] === event) {
      timeline.events.shift();
      timeline.earlier++;
      // a record only refused so far goes with its last event; an order or notification stays
      if (timeline.events.length === 0 && timeline.state === undefined) this.records.delete(key!);
    }
    const requestId = requestIdOf(event);
    const byId = requestId === undefined ? undefined : this.requests.get(event.clientId ?? "");
    const seqs = byId?.get(requestId!);
    if (seqs === event.seq) byId!.delete(requestId!);
    else if (Array.isArray(seqs) && seqs[0] === event.seq)
      byId!.set(requestId!, seqs.length === 2 ? seqs[1]! : seqs.slice(1));
    if (byId?.size === 0) this.requests.delete(event.clientId ?? "");
  }

  /** The card of (kind, clientId, merchantBizNo), registered (as the newest) if new. */
  timeline(kind: RecordKind, clientId: string, merchantBizNo: string): RecordTimeline<State> {
    const key = keyOf(kind, clientId, merchantBizNo);
    let timeline = this.records.get(key);
    if (!timeline)
      this.records.set(
        key,
        (timeline = { id: ++this.lastRecordId, kind, clientId, merchantBizNo, events: [], earlier: 0 }),
      );
    return timeline;
  }

  /** Every card, in first-seen order. */
  timelines(): IterableIterator<RecordTimeline<State>> {
    return this.records.values();
  }

  get timelineCount(): number {
    return this.records.size;
  }

  /** The cards the events after `seq` touched (first touched first), or undefined when some of those events were dropped. */
  touchedSince(seq: number): RecordTimeline<State>[] | undefined {
    const events = this.since(seq);
    if (!events) return undefined;
    const touched = new Set<RecordTimeline<State>>();
    for (const e of events) {
      const record = recordOf(e);
      const timeline = record && this.records.get(keyOf(...record));
      if (timeline) touched.add(timeline);
    }
    return [...touched];
  }

  /** The events after `seq`, oldest first, or undefined when some of them were dropped. */
  since(seq: number): SandboxEvent[] | undefined {
    const first = this.list[this.head]?.seq ?? this.lastSeq + 1;
    if (seq < first - 1) return undefined;
    return this.list.slice(this.head + Math.max(0, seq - first + 1)) as SandboxEvent[];
  }

  /** The event with `seq`, if kept. */
  at(seq: number): SandboxEvent | undefined {
    const first = this.list[this.head]?.seq;
    return first === undefined || seq < first ? undefined : this.list[this.head + seq - first];
  }

  /** Every event kept, oldest first. */
  all(): SandboxEvent[] {
    return this.list.slice(this.head) as SandboxEvent[];
  }

  /** 1 for the first request the log holds with this event's (Client-Id, requestId), 2 for the next... */
  attempt(event: SandboxEvent): number {
    const seqs = this.sameCall(event);
    return seqs.indexOf(event.seq) + 1 || 1;
  }

  /** The seqs of the requests the log holds with this event's (Client-Id, requestId), oldest first. */
  sameCall(event: SandboxEvent): readonly number[] {
    const requestId = requestIdOf(event);
    const seqs = requestId === undefined ? undefined : this.requests.get(event.clientId ?? "")?.get(requestId);
    return seqs === undefined ? [] : typeof seqs === "number" ? [seqs] : seqs;
  }
}
