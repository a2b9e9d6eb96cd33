/**
 * What the console shows, as JSON: per merchant, each record as a card with its timeline, and the request log with
 * the diagnosis of each refused request. Built from the sandbox's snapshots; it holds no key material (the
 * sandbox's public key aside).
 *
 * A card is generic (a title, a status with the spec's words for it, facts, a timeline), so that another kind of
 * record (e.g. performance notifications: productTemplateCode, bizDate) becomes cards without a change to the page.
 */
import { DESCRIPTIONS } from "alipayhk-spec";
import type { SignatureDiagnosis } from "../diagnose.js";
import { FAULT_KINDS, type FaultKind } from "../faults.js";
import type { Sandbox } from "../sandbox.js";
import type { SandboxEvent, SandboxEventType, SandboxNotification, SandboxOrder } from "../store.js";

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
  readonly timeline: readonly TimelineEntry[];
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
  /** 2 for the second request seen with this (Client-Id, requestId), ... */
  readonly attempt: number;
  readonly resultCode?: string;
  readonly httpStatus?: number;
  readonly message?: string;
  /** The injected fault that hit the request, if any. */
  readonly fault?: FaultKind;
  readonly diagnosis?: Diagnosis;
}

export interface ConsoleState {
  readonly seed: number;
  /** The sandbox's public key (SPKI PEM), for the merchant's alipayPublicKey setting. */
  readonly alipayPublicKey: string;
  readonly faultKinds: readonly FaultKind[];
  readonly queuedFaults: readonly FaultKind[];
  readonly requestCount: number;
  readonly merchants: readonly { readonly clientId: string; readonly cards: readonly Card[] }[];
  /** Newest first, at most {@link MAX_REQUESTS}. */
  readonly requests: readonly RequestEntry[];
  /** Older requests left out. */
  readonly olderRequests: number;
}

export const MAX_REQUESTS = 200;

/** The spec's words for each variant of an operation (order-sync scenarios, notification templates) and its statuses. */
const wordsOf = (operationId: keyof typeof DESCRIPTIONS) =>
  Object.fromEntries(Object.entries(DESCRIPTIONS[operationId]).map(([variant, d]) => [variant, { scenario: d.variant, statuses: d.statuses }])) as Record<
    string,
    { scenario: string; statuses: Record<string, string> } | undefined
  >;
const words = wordsOf("syncOrder");
const templateWords = wordsOf("syncPerformanceNotification");

/** The operation a request called (its operationId); a 404 names none. */
const operationOf = (event: SandboxEvent) => event.operation ?? "not found";

const timeText = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? `${new Date(ms).toISOString()} (${ms})` : String(ms));

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
  if (event.resultCode === "PARAM_ILLEGAL" && event.message) return { kind: "params", problems: event.problems ?? [event.message] };
  if (event.resultCode === "ORDER_STATUS_INVALID" && event.message) return { kind: "status", rule: event.message };
  return undefined;
}

const OUTCOMES: Partial<Record<SandboxEventType, TimelineEntry["outcome"]>> = { applied: "applied", stale: "stale", rejected: "refused", replayed: "replayed" };

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

function notificationCard(clientId: string, merchantBizNo: string, record: SandboxNotification | undefined, events: readonly SandboxEvent[]): Card {
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
    statusText: record ? (described?.statuses[record.orderStatus] ?? "") : "No command applied yet: the notification does not exist.",
    ...(typeof cents === "number" && { amount: (cents / 100).toFixed(2) }), // cents, with no currency member
    facts: record ? [{ label: "bizDate", value: timeText(record.bizDate) }, { label: "endDate", value: timeText(record.endDate) }] : [],
    timeline: timelineOf(events),
  };
}

function orderCard(clientId: string, merchantBizNo: string, order: SandboxOrder | undefined, events: readonly SandboxEvent[]): Card {
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
    statusText: order ? (described?.statuses[order.orderStatus] ?? "") : "No update applied yet: the order does not exist.",
    ...(amount && { amount }),
    facts: [
      ...(order ? [{ label: "orderId", value: order.orderId }, { label: "orderCreateTime", value: timeText(order.orderCreateTime) }] : []),
      ...(paid ? [{ label: "paid", value: paid }] : []),
    ],
    timeline,
  };
}

/** The console's view of a sandbox. */
export function consoleState(sandbox: Sandbox, queuedFaults: readonly FaultKind[]): ConsoleState {
  const events = sandbox.events;
  const orders = new Map(sandbox.orders.map((o) => [JSON.stringify(["order", o.clientId, o.merchantBizNo]), o]));
  const notifications = new Map(sandbox.notifications.map((n) => [JSON.stringify(["notification", n.clientId, n.merchantBizNo]), n]));

  // Cards: every (kind, Client-Id, merchantBizNo) an event names, records first seen first.
  const byRecord = new Map<string, SandboxEvent[]>();
  for (const key of [...orders.keys(), ...notifications.keys()]) byRecord.set(key, []);
  for (const e of events) {
    if (e.clientId === undefined || e.merchantBizNo === undefined || e.type === "fault") continue;
    const key = JSON.stringify([e.operation === "syncPerformanceNotification" ? "notification" : "order", e.clientId, e.merchantBizNo]);
    byRecord.set(key, [...(byRecord.get(key) ?? []), e]);
  }
  const merchants = new Map<string, Card[]>();
  for (const [key, recordEvents] of byRecord) {
    const [kind, clientId, merchantBizNo] = JSON.parse(key) as [Card["kind"], string, string];
    const card =
      kind === "notification"
        ? notificationCard(clientId, merchantBizNo, notifications.get(key), recordEvents)
        : orderCard(clientId, merchantBizNo, orders.get(key), recordEvents);
    merchants.set(clientId, [...(merchants.get(clientId) ?? []), card]);
  }

  // Requests: one event each, except a fault on a processed request, recorded right after that request's own event.
  const requests: RequestEntry[] = [];
  const attempts = new Map<string, number>();
  for (const e of events) {
    const previous = requests[requests.length - 1];
    if (e.type === "fault" && e.processed && previous) {
      requests[requests.length - 1] = { ...previous, fault: e.fault!, ...(e.httpStatus !== undefined && { httpStatus: e.httpStatus }) };
      continue;
    }
    const requestId = e.requestId ?? e.diagnosis?.requestId;
    const attemptKey = requestId === undefined ? undefined : JSON.stringify([e.clientId ?? "", requestId]);
    const attempt = attemptKey === undefined ? 1 : (attempts.get(attemptKey) ?? 0) + 1;
    if (attemptKey !== undefined) attempts.set(attemptKey, attempt);
    const diagnosis = diagnosisOf(e);
    requests.push({
      seq: e.seq,
      at: e.at,
      operation: operationOf(e),
      outcome: e.type,
      ...(e.clientId && { clientId: e.clientId }),
      ...(requestId !== undefined && { requestId }),
      attempt,
      ...(e.resultCode && { resultCode: e.resultCode }),
      ...(e.httpStatus !== undefined && { httpStatus: e.httpStatus }),
      ...(e.message && { message: e.message }),
      ...(e.fault && { fault: e.fault }),
      ...(diagnosis && { diagnosis }),
    });
  }

  return {
    seed: sandbox.seed,
    alipayPublicKey: sandbox.alipayPublicKey,
    faultKinds: FAULT_KINDS,
    queuedFaults,
    requestCount: sandbox.stats.requests,
    merchants: [...merchants].map(([clientId, cards]) => ({ clientId, cards })),
    requests: requests.slice(-MAX_REQUESTS).reverse(),
    olderRequests: Math.max(0, requests.length - MAX_REQUESTS),
  };
}
