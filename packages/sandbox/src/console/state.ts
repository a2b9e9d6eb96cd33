/**
 * What the console shows, as JSON: per merchant, each record as a card with its timeline, and the request log with
 * the diagnosis of each refused request. Built from the sandbox's snapshots; it holds no key material (the
 * sandbox's public key aside).
 *
 * A card is generic (a title, a status with the spec's words for it, facts, a timeline), so that another kind of
 * record (e.g. performance notifications: productTemplateCode, bizDate) becomes cards without a change to the page.
 */
import { DESCRIPTIONS } from "alipayhk-spec";
import { entryOf } from "alipayhk-spec/internal";
import type { SignatureDiagnosis } from "../diagnose.js";
import { FAULT_KINDS, type FaultKind } from "../faults.js";
import type {
  RecordState,
  SandboxEvent,
  SandboxEventType,
  SandboxNotification,
  SandboxOrder,
  SandboxStats,
} from "../store.js";
import { isOwnRequest, type EventLog, type RecordTimeline } from "../log.js";
import type { Retention } from "../retention.js";

/** One update of a record, as its timeline shows it. */
export interface TimelineEntry {
  readonly seq: number;
  /** When the sandbox saw it (ISO-8601). */
  readonly at: string;
  readonly outcome: "applied" | "stale" | "refused" | "replayed";
  readonly from?: string;
  readonly to?: string;
  /** The update's own time: orderModifyTime for orders (bizDate for notifications). */
  readonly moment?: { readonly label: string; readonly text: string };
  readonly resultCode?: string;
  readonly message?: string;
  readonly requestId?: string;
}

/** One record (an order, a performance notification) as the merchant's user would see it in the AlipayHK app, and how it got there. */
export interface Card {
  /** 1, 2, 3... in the order the sandbox first saw the records: cards are listed, and paged, by it. */
  readonly id: number;
  readonly kind: "order" | "notification";
  readonly clientId: string;
  /** The merchant's number of the record (merchantBizNo). */
  readonly title: string;
  /** The scenario code (merchantBizType, or a notification's productTemplateCode) and the spec's words for it. */
  readonly scenario: string;
  readonly scenarioText: string;
  /** The current status, absent when no update was applied yet, and the spec's words for it. */
  readonly status?: string;
  readonly statusText: string;
  /** e.g. "HKD 128.00", where the record has an amount. */
  readonly amount?: string;
  readonly facts: readonly { readonly label: string; readonly value: string }[];
  /** Its newest updates, oldest first (at most {@link MAX_TIMELINE}). */
  readonly timeline: readonly TimelineEntry[];
  /** Its updates before the first on the timeline, no longer kept. */
  readonly earlier?: number;
}

/** Why a request was refused. */
export type Diagnosis =
  | ({ readonly kind: "signature" } & SignatureDiagnosis)
  | { readonly kind: "params"; readonly problems: readonly string[] }
  | { readonly kind: "status"; readonly rule: string };

/** One request, as the request log shows it. */
export interface RequestEntry {
  readonly seq: number;
  readonly at: string;
  readonly operation: string;
  readonly outcome: SandboxEventType;
  readonly clientId?: string;
  readonly requestId?: string;
  /** The body's merchantBizNo, when it had one. */
  readonly merchantBizNo?: string;
  /** The status the request sent (the body's orderStatus), when it had one. */
  readonly status?: string;
  /** 2 for the second request seen with this (Client-Id, requestId), ... */
  readonly attempt: number;
  readonly resultCode?: string;
  readonly httpStatus?: number;
  readonly message?: string;
  /** The injected fault that hit the request, if any. */
  readonly fault?: FaultKind;
  readonly diagnosis?: Diagnosis;
  /**
   * What the sandbox infers beyond the answer it sent: a SUCCESS that reached the client intact, followed by a request
   * with the same requestId (and body), was most likely refused by the client, e.g. for a wrong alipayPublicKey.
   */
  readonly note?: string;
}

/** The limits in force and what they dropped so far (see the `retention` option). */
export interface ConsoleRetention {
  readonly limits: Retention;
  readonly dropped: SandboxStats["dropped"];
}

/**
 * What `GET /console/state` answers. A full state lists the first page of each list (or the page a cursor asks
 * for); an answer to `?since=<seq>&epoch=<epoch>` (`full: false`) holds only what changed after that seq: the cards
 * it touched and the requests it added, to merge into what the page shows.
 */
export interface ConsoleState {
  readonly seed: number;
  /** The sandbox's public key (SPKI PEM), for the merchant's alipayPublicKey setting. */
  readonly alipayPublicKey: string;
  readonly faultKinds: readonly FaultKind[];
  readonly queuedFaults: readonly FaultKind[];
  readonly requestCount: number;
  /** The newest event's seq and the log's epoch (new after each reset): give both back as `since` and `epoch`. */
  readonly seq: number;
  readonly epoch: number;
  /** false for an answer that holds only the changes since `since`. */
  readonly full: boolean;
  readonly retention: ConsoleRetention;
  /** The cards listed, by Client-Id: a page of them, or (not full) those changed since `since`. */
  readonly merchants: readonly { readonly clientId: string; readonly cards: readonly Card[] }[];
  /** Every card the sandbox has. */
  readonly cardCount: number;
  /** When more cards follow the last one listed: its id, to pass as `cardsAfter` for the next page. */
  readonly nextCards?: number;
  /** Newest first, at most `requests` (default {@link MAX_REQUESTS}); not full: those since `since`. */
  readonly requests: readonly RequestEntry[];
  /** Requests the log holds older than the last one listed (not full: of those since `since`, so 0 unless more than a page came). */
  readonly olderRequests: number;
  /** When there are such requests: the last listed one's seq, to pass as `requestsBefore` for the next page. */
  readonly nextRequests?: number;
  /** Every request the log holds. */
  readonly requestTotal: number;
  /**
   * Not full: the requests before `since` that the new ones re-sent (same Client-Id and requestId), whose `note` may
   * have changed with them: to replace, by `seq`, in what the page shows.
   */
  readonly updatedRequests?: readonly RequestEntry[];
}

/** What a poll asks for: the query of `GET /console/state`. */
export interface StateQuery {
  /** Only what changed after this seq of this epoch; a full state when that cannot be told (another epoch, events dropped). */
  readonly since?: number;
  readonly epoch?: number;
  /** Page sizes: cards (default {@link MAX_CARDS}) and requests (default {@link MAX_REQUESTS}). */
  readonly cards?: number;
  readonly requests?: number;
  /** The page of cards after this card id. */
  readonly cardsAfter?: number;
  /** With `since`: only the changed cards up to this id (those the page shows); without it, a full state when more than a page of cards changed. */
  readonly cardsUpTo?: number;
  /** The page of requests older than this seq. */
  readonly requestsBefore?: number;
}

/** Default page sizes (a page of cards weighs about as much as one of requests), and the largest asked for. */
export const MAX_CARDS = 50;
export const MAX_REQUESTS = 200;
export const MAX_PAGE = 1000;

/** The spec's words for each variant of an operation (order-sync scenarios, notification templates) and its statuses. */
const wordsOf = (operationId: string) =>
  Object.fromEntries(
    Object.entries(entryOf(DESCRIPTIONS, operationId) ?? {}).map(([variant, d]) => [
      variant,
      { scenario: d.variant, statuses: d.statuses },
    ]),
  ) as Record<string, { scenario: string; statuses: Record<string, string> } | undefined>;
const words = wordsOf("syncOrder");
const templateWords = wordsOf("syncPerformanceNotification");

/** The operation a request called (its operationId); a 404 names none. */
const operationOf = (event: SandboxEvent) => event.operation ?? "not found";

const timeText = (ms: number) =>
  Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? `${new Date(ms).toISOString()} (${ms})` : String(ms);

/** "HKD 128.00" from an Amount (`value` in minor units, as a string). */
function amountText(amount: unknown): string | undefined {
  if (typeof amount !== "object" || amount === null) return undefined;
  const { value, currency } = amount as { value?: unknown; currency?: unknown };
  if (typeof value !== "string" || !/^\d+$/.test(value) || typeof currency !== "string") return undefined;
  const cents = value.padStart(3, "0");
  return `${currency} ${cents.slice(0, -2).replace(/^0+(?=\d)/, "")}.${cents.slice(-2)}`;
}

function diagnosisOf(event: SandboxEvent): Diagnosis | undefined {
  if (event.diagnosis) return { kind: "signature", ...event.diagnosis };
  if (event.resultCode === "PARAM_ILLEGAL" && event.message)
    return { kind: "params", problems: event.problems ?? [event.message] };
  if (event.resultCode === "ORDER_STATUS_INVALID" && event.message) return { kind: "status", rule: event.message };
  return undefined;
}

const OUTCOMES: Partial<Record<SandboxEventType, TimelineEntry["outcome"]>> = {
  applied: "applied",
  stale: "stale",
  rejected: "refused",
  replayed: "replayed",
};

/** Each applied, ignored, refused or replayed update of a record, as its timeline shows it. */
function timelineOf(events: readonly SandboxEvent[]): TimelineEntry[] {
  return events.flatMap((e): TimelineEntry[] => {
    const outcome = OUTCOMES[e.type];
    if (!outcome) return [];
    const moment =
      e.orderModifyTime !== undefined
        ? { label: "orderModifyTime", text: timeText(e.orderModifyTime) }
        : e.bizDate !== undefined
          ? { label: `${e.command ?? ""} bizDate`.trim(), text: timeText(e.bizDate) }
          : undefined;
    return [
      {
        seq: e.seq,
        at: e.at,
        outcome,
        ...(e.from !== undefined && { from: e.from }),
        ...(e.to !== undefined && { to: e.to }),
        ...(moment && { moment }),
        ...(e.resultCode && { resultCode: e.resultCode }),
        ...(e.message && { message: e.message }),
        ...(e.requestId && { requestId: e.requestId }),
      },
    ];
  });
}

function notificationCard(
  clientId: string,
  merchantBizNo: string,
  record: Omit<SandboxNotification, "history"> | undefined,
  events: readonly SandboxEvent[],
): Omit<Card, "id"> {
  const template = record?.productTemplateCode ?? events.find((e) => e.productTemplateCode)?.productTemplateCode ?? "";
  const described = Object.hasOwn(templateWords, template) ? templateWords[template] : undefined;
  const cents = (record?.body.syncDataInfo as { amount?: unknown } | undefined)?.amount;
  return {
    kind: "notification",
    clientId,
    title: merchantBizNo,
    scenario: template,
    scenarioText: described?.scenario ?? "",
    ...(record && { status: record.orderStatus }),
    statusText: record
      ? (described?.statuses[record.orderStatus] ?? "")
      : "No command applied yet: the notification does not exist.",
    ...(typeof cents === "number" && { amount: (cents / 100).toFixed(2) }), // cents, with no currency member
    facts: record
      ? [
          { label: "bizDate", value: timeText(record.bizDate) },
          { label: "endDate", value: timeText(record.endDate) },
        ]
      : [],
    timeline: timelineOf(events),
  };
}

function orderCard(
  clientId: string,
  merchantBizNo: string,
  order: Omit<SandboxOrder, "history"> | undefined,
  events: readonly SandboxEvent[],
): Omit<Card, "id"> {
  const scenario = order?.merchantBizType ?? events.find((e) => e.merchantBizType)?.merchantBizType ?? "";
  const described = Object.hasOwn(words, scenario) ? words[scenario] : undefined;
  const body = (order?.body ?? {}) as Record<string, unknown>;
  const extInfo = (typeof body.extInfo === "object" && body.extInfo) || {};
  const amount = amountText(body.amount) ?? amountText((extInfo as Record<string, unknown>).amount);
  const paid = amountText(body.payAmount);
  const timeline = timelineOf(events);
  return {
    kind: "order",
    clientId,
    title: merchantBizNo,
    scenario,
    scenarioText: described?.scenario ?? "",
    ...(order && { status: order.orderStatus }),
    statusText: order
      ? (described?.statuses[order.orderStatus] ?? "")
      : "No update applied yet: the order does not exist.",
    ...(amount && { amount }),
    facts: [
      ...(order
        ? [
            { label: "orderId", value: order.orderId },
            { label: "orderCreateTime", value: timeText(order.orderCreateTime) },
          ]
        : []),
      ...(paid ? [{ label: "paid", value: paid }] : []),
    ],
    timeline,
  };
}

/** What the console reads: the sandbox's public side and what only the sandbox can give it. */
export interface ConsoleView {
  /** The sandbox's members the console reads (named here rather than imported: sandbox.ts imports the console). */
  readonly sandbox: { readonly stats: SandboxStats; readonly seed: number; readonly alipayPublicKey: string };
  readonly queuedFaults: readonly FaultKind[];
  readonly log: EventLog<RecordState>;
  readonly retention: Retention;
}

/** A card shows its record's newest updates, at most this many (a page of 50 cards with full timelines: about 150 kB). */
export const MAX_TIMELINE = 10;

function cardOf(t: RecordTimeline<RecordState>): Card {
  const events = t.events.length > MAX_TIMELINE ? t.events.slice(-MAX_TIMELINE) : t.events;
  const card =
    t.kind === "notification"
      ? notificationCard(
          t.clientId,
          t.merchantBizNo,
          t.state as Omit<SandboxNotification, "history"> | undefined,
          events,
        )
      : orderCard(t.clientId, t.merchantBizNo, t.state as Omit<SandboxOrder, "history"> | undefined, events);
  const earlier = t.earlier + t.events.length - events.length;
  return { id: t.id, ...card, ...(earlier > 0 && { earlier }) };
}

function byMerchant(cards: readonly Card[]): ConsoleState["merchants"] {
  const merchants = new Map<string, Card[]>();
  for (const card of cards) {
    const list = merchants.get(card.clientId);
    if (list) list.push(card);
    else merchants.set(card.clientId, [card]);
  }
  return [...merchants].map(([clientId, cards]) => ({ clientId, cards }));
}

/** The notes on a SUCCESS the client most likely refused, and on the request that tells it. */
const LIKELY = "likely refused the answer (e.g. a wrong alipayPublicKey) or stopped waiting for it";
const REFUSED_SUCCESS = `answered SUCCESS, but the client re-sent the same requestId: it ${LIKELY}`;
const RESENT_AFTER_SUCCESS = `re-sent after a SUCCESS answer: the client ${LIKELY.replace("the answer", "that answer")}`;

/** The request's processed fault (recorded just after it), when one hid or spoilt its answer. */
function faultOn(log: ConsoleView["log"], e: SandboxEvent): SandboxEvent | undefined {
  const next = log.at(e.seq + 1);
  const same = next && !isOwnRequest(next) && next.clientId === e.clientId && next.requestId === e.requestId;
  return same ? next : undefined;
}

/** Whether the client got this request's SUCCESS answer as the sandbox sent it, signed and whole. */
function deliveredSuccess(log: ConsoleView["log"], e: SandboxEvent): boolean {
  return e.resultCode === "SUCCESS" && e.type !== "rejected" && e.type !== "fault" && !faultOn(log, e);
}

/**
 * A client re-sends a requestId only when it did not get (or did not accept) an answer. After a SUCCESS it got whole,
 * a re-send says the client refused it: most often its alipayPublicKey is not the sandbox's, so no answer verifies.
 * The SUCCESS is noted, and so is the last re-send (the client may refuse its answer too; nothing follows to tell).
 */
function noteOf(log: ConsoleView["log"], e: SandboxEvent): string | undefined {
  const seqs = log.sameCall(e);
  const at = seqs.indexOf(e.seq);
  if (at < 0) return undefined;
  const later = seqs[at + 1] === undefined ? undefined : log.at(seqs[at + 1]!);
  if (later && later.type !== "rejected" && deliveredSuccess(log, e)) return REFUSED_SUCCESS;
  const earlier = at > 0 ? log.at(seqs[at - 1]!) : undefined;
  if (!later && earlier && e.type !== "rejected" && deliveredSuccess(log, earlier)) return RESENT_AFTER_SUCCESS;
  return undefined;
}

function requestEntry(log: ConsoleView["log"], e: SandboxEvent, fault?: SandboxEvent): RequestEntry {
  const requestId = e.requestId ?? e.diagnosis?.requestId;
  const diagnosis = diagnosisOf(e);
  const note = noteOf(log, e);
  return {
    seq: e.seq,
    at: e.at,
    operation: operationOf(e),
    outcome: e.type,
    ...(e.clientId && { clientId: e.clientId }),
    ...(requestId !== undefined && { requestId }),
    ...(e.merchantBizNo !== undefined && { merchantBizNo: e.merchantBizNo }),
    ...(e.to !== undefined && { status: e.to }),
    attempt: log.attempt(e),
    ...(e.resultCode && { resultCode: e.resultCode }),
    ...((fault?.httpStatus ?? e.httpStatus) !== undefined && { httpStatus: fault?.httpStatus ?? e.httpStatus }),
    ...(e.message && { message: e.message }),
    ...((fault?.fault ?? e.fault) && { fault: fault?.fault ?? e.fault }),
    ...(diagnosis && { diagnosis }),
    ...(note && { note }),
  };
}

/**
 * The request log's entries between seqs `after` and `before` (exclusive), newest first, at most `limit`, and how
 * many older ones that range holds. Read from the newest back, so a poll costs what it lists.
 */
function requestsOf(
  log: ConsoleView["log"],
  { after, before, limit }: { after: number; before: number; limit: number },
) {
  const requests: RequestEntry[] = [];
  let fault: SandboxEvent | undefined; // a processed request's fault, recorded right after the request's own event
  let seq = Math.min(before - 1, log.seq);
  for (; seq > after && requests.length < limit; seq--) {
    const e = log.at(seq);
    if (!e) break;
    if (!isOwnRequest(e) && !fault) fault = e;
    else {
      requests.push(requestEntry(log, e, fault));
      fault = undefined;
    }
  }
  if (fault && requests.length < limit) requests.push(requestEntry(log, fault)); // its request's event was dropped
  let older = 0;
  for (; seq > after; seq--) {
    const e = log.at(seq);
    if (!e) break;
    if (isOwnRequest(e)) older++;
  }
  return { requests, older };
}

/** The console's view of a sandbox: in full, or only what changed since `query.since`. */
export function consoleState(view: ConsoleView, query: StateQuery = {}): ConsoleState {
  const { log, sandbox } = view;
  const stats = sandbox.stats;
  const { cards: cardPage = MAX_CARDS, requests: requestPage = MAX_REQUESTS } = query;

  // Only the changes, when they can be told: same epoch, nothing dropped since, not more cards than a page.
  let changed: RecordTimeline<RecordState>[] | undefined;
  if (query.since !== undefined && query.epoch === log.epoch && query.since <= log.seq) {
    const upTo = query.cardsUpTo ?? Infinity;
    changed = log
      .touchedSince(query.since)
      ?.filter((t) => t.id <= upTo)
      .sort((a, b) => a.id - b.id);
    if (changed && query.cardsUpTo === undefined && changed.length > cardPage) changed = undefined;
  }

  let cards: Card[];
  let nextCards: number | undefined;
  if (changed) cards = changed.map(cardOf);
  else {
    cards = [];
    const after = query.cardsAfter ?? 0;
    for (const t of log.timelines()) {
      if (t.id <= after) continue;
      if (cards.length === cardPage) {
        nextCards = cards.at(-1)!.id;
        break;
      }
      cards.push(cardOf(t));
    }
  }
  const { requests, older } = requestsOf(log, {
    after: changed ? query.since! : 0,
    before: changed ? Infinity : (query.requestsBefore ?? Infinity),
    limit: requestPage,
  });
  const updatedRequests = changed ? resentSince(log, requests, query.since!) : [];

  return {
    seed: sandbox.seed,
    alipayPublicKey: sandbox.alipayPublicKey,
    faultKinds: FAULT_KINDS,
    queuedFaults: view.queuedFaults,
    requestCount: stats.requests,
    seq: log.seq,
    epoch: log.epoch,
    full: !changed,
    retention: { limits: view.retention, dropped: stats.dropped },
    merchants: byMerchant(cards),
    cardCount: log.timelineCount,
    ...(nextCards !== undefined && { nextCards }),
    requests,
    olderRequests: older,
    ...(older > 0 && requests.length > 0 && { nextRequests: requests.at(-1)!.seq }),
    requestTotal: log.requestTotal,
    ...(updatedRequests.length > 0 && { updatedRequests }),
  };
}

/** The requests up to seq `since` that the newer `requests` re-sent: their notes may have changed since. */
function resentSince(log: ConsoleView["log"], requests: readonly RequestEntry[], since: number): RequestEntry[] {
  const out = new Map<number, RequestEntry>();
  for (const request of requests) {
    const seqs = log.sameCall(log.at(request.seq)!);
    const before = seqs[seqs.indexOf(request.seq) - 1];
    const e = before === undefined || before > since || out.has(before) ? undefined : log.at(before);
    if (e) out.set(before!, requestEntry(log, e, faultOn(log, e)));
  }
  return [...out.values()];
}
