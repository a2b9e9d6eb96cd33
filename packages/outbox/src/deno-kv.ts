/**
 * alipayhk-outbox/deno-kv: the outbox on Deno KV queues. `enqueue` writes a status record and a queue message in one
 * atomic operation (yours, when given, so the call commits with your business write); the listener delivers each
 * message through your client and records the verdict. Retries of an unknown outcome are ours (the call is
 * re-enqueued with our backoff, inside our window), not KV's fixed schedule. KV's own retries only cover a listener
 * that crashed before recording a verdict; a message KV then gives up on is written to an "undelivered" key and listed
 * as a dead letter, so it is never lost.
 * @module
 */
// by name, not ./: the main entry stays external to this one, so both share one OutboxConfigError (instanceof holds)
import {
  type CallState,
  checkDeliveryOptions,
  type DeadReason,
  type DeliveryOptions,
  deliverCall,
  type FailureSummary,
  type OutboxClient,
  OutboxConfigError,
  type OutboxCounts,
  OutboxStoreError,
  prepareCall,
  readCall,
  type StoredCall,
  type Verdict,
} from "alipayhk-outbox";
import type { KvAtomic, KvKey, KvLike } from "./deno-kv-types.js";

export type { KvAtomic, KvKey, KvKeyPart, KvLike } from "./deno-kv-types.js";

/** Why a call was dead-lettered: the core's reasons, or "undelivered" (KV gave up on a listener that kept crashing). */
export type KvDeadReason = DeadReason | "undelivered";

/** A call and where it stands. KV has no leases: a call being delivered counts as pending. */
export interface KvOutboxEntry {
  readonly requestId: string;
  readonly operationId: string;
  readonly state: Exclude<CallState, "in_flight" | "superseded">;
  /** Delivery attempts recorded (an attempt whose listener crashed is not). */
  readonly attempts: number;
  readonly enqueuedAt: number;
  readonly updatedAt: number;
  readonly lastFailure?: FailureSummary | undefined;
  readonly deadReason?: KvDeadReason | undefined;
}

export interface KvOutboxOptions extends DeliveryOptions {
  /** The client the listener sends with (alipayhk-order's `createOrderClient`, or `createClient`). */
  client: OutboxClient;
  /** Refuse at enqueue what only this SDK's reading forbids (the spec's x-inferred rules), as the client's `strict`. */
  strict?: boolean;
  /** Where the outbox keeps its records in the KV. Default ["alipayhk_outbox"]. */
  prefix?: KvKey;
  /**
   * KV's retry schedule (ms, at most 5 intervals of at most 1 h) for a message whose listener threw before recording a
   * verdict. Default KV's own. After the last one the call is an "undelivered" dead letter.
   */
  crashBackoffSchedule?: number[];
  /** Called once a call is delivered (by this process's listener). */
  onDelivered?: (call: StoredCall, result: Readonly<Record<string, unknown>>) => void;
  /** Called once a call is dead-lettered (by this process's listener). */
  onDeadLetter?: (entry: { requestId: string; reason: KvDeadReason; failure: FailureSummary }) => void;
}

export interface KvOutbox {
  /**
   * Validates `body` as the operation's method would and stores the call with a fixed requestId and its queue
   * message. With `atomic` both are added to your operation, and nothing is stored until you commit it; without, they
   * are committed before this resolves. A requestId already stored is left as it is.
   * @throws the client's ValidationError (nothing stored), OutboxConfigError, OutboxStoreError when KV fails.
   */
  enqueue(operationId: string, body: object, options?: { atomic?: KvAtomic }): Promise<{ requestId: string }>;
  /** `kv.listenQueue` with `handle`, until the KV is closed. Use `handle` when the queue carries other messages too. */
  listen(): Promise<void>;
  /**
   * Delivers one queue message if it is this outbox's (true) and records the verdict; false for any other message.
   * Throws only when KV fails, so that KV delivers the message again.
   */
  handle(message: unknown): Promise<boolean>;
  get(requestId: string): Promise<KvOutboxEntry | undefined>;
  /** Counts every record: a scan of the outbox's keys. */
  counts(): Promise<OutboxCounts>;
  /** Dead letters, oldest first, including calls KV gave up on ("undelivered"). */
  deadLetters(limit?: number): Promise<KvOutboxEntry[]>;
  /** Sends dead calls again with their original requestId (all dead calls without `requestIds`); how many. */
  redrive(requestIds?: readonly string[]): Promise<number>;
}

/** The status record of a call, at [...prefix, "calls", requestId]. */
interface CallRecord {
  operationId: string;
  requestId: string;
  body: unknown;
  enqueuedAt: number;
  state: KvOutboxEntry["state"];
  attempts: number;
  updatedAt: number;
  /** The token of the one message carrying the call now: any other message for it is a stale duplicate. */
  token: string;
  lastFailure?: FailureSummary;
  deadReason?: KvDeadReason;
}

interface Message {
  alipayhkOutbox: KvKey;
  requestId: string;
  token: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
/** What is stored, taken as a record: its call is checked by readCall, and a damaged one dead-lettered. */
const asRecord = (requestId: string, value: unknown) =>
  (isObject(value) ? value : { requestId }) as unknown as CallRecord;
const MAX_DELAY_MS = 30 * 24 * 3_600_000; // KV's limit on `delay`

export function createKvOutbox(kv: KvLike, options: KvOutboxOptions): KvOutbox {
  const {
    client,
    strict = false,
    prefix = ["alipayhk_outbox"],
    crashBackoffSchedule,
    onDelivered,
    onDeadLetter,
  } = options ?? {};
  for (const method of ["get", "list", "atomic", "listenQueue"] as const) {
    if (typeof (kv as Partial<KvLike> | undefined)?.[method] !== "function")
      throw new OutboxConfigError("kv: give a Deno.Kv (await Deno.openKv())");
  }
  if (typeof client !== "object" || client === null)
    throw new OutboxConfigError("client: give an alipayhk-order client (createOrderClient)");
  const partOk = (p: unknown) => ["string", "number", "bigint", "boolean"].includes(typeof p);
  if (!Array.isArray(prefix) || prefix.length === 0 || !prefix.every(partOk)) {
    throw new OutboxConfigError(
      "prefix: must be a non-empty array of strings, numbers, bigints or booleans (a KV key)",
    );
  }
  if (crashBackoffSchedule !== undefined) {
    const ok = Array.isArray(crashBackoffSchedule) && crashBackoffSchedule.length <= 5;
    if (!ok || !crashBackoffSchedule.every((ms) => Number.isSafeInteger(ms) && ms >= 0 && ms <= 3_600_000)) {
      throw new OutboxConfigError(
        "crashBackoffSchedule: must be at most 5 whole numbers of milliseconds, each at most 3,600,000",
      );
    }
  }
  const delivery = checkDeliveryOptions(options);
  if (delivery.maxDelayMs > MAX_DELAY_MS) {
    throw new OutboxConfigError("maxDelayMs: Deno KV delays a message by 30 days at most");
  }

  const callKey = (requestId: string): KvKey => [...prefix, "calls", requestId];
  const undeliveredKey = (requestId: string): KvKey => [...prefix, "undelivered", requestId];

  /** Adds the record and the message that carries it to `op`. */
  function send(op: KvAtomic, record: CallRecord, delay: number) {
    const message: Message = { alipayhkOutbox: prefix, requestId: record.requestId, token: record.token };
    const queued = {
      delay,
      keysIfUndelivered: [undeliveredKey(record.requestId)],
      ...(crashBackoffSchedule && { backoffSchedule: crashBackoffSchedule }),
    };
    return op.set(callKey(record.requestId), record).enqueue(message, queued);
  }

  function owns(message: unknown): message is Message {
    if (!isObject(message) || typeof message.requestId !== "string" || typeof message.token !== "string") return false;
    const from = message.alipayhkOutbox;
    return Array.isArray(from) && from.length === prefix.length && from.every((part, i) => part === prefix[i]);
  }

  /** What a record says, with a call KV gave up on (its current message undelivered) shown as dead. */
  function entryOf(requestId: string, value: unknown, undelivered: unknown): KvOutboxEntry {
    if (!isObject(value)) {
      return {
        requestId,
        operationId: "",
        state: "dead",
        attempts: 0,
        enqueuedAt: 0,
        updatedAt: 0,
        deadReason: "unreadable",
      };
    }
    const record = value as Partial<CallRecord>;
    const stranded = record.state === "pending" && isObject(undelivered) && undelivered.token === record.token;
    const known = record.state === "pending" || record.state === "delivered" || record.state === "dead";
    return {
      requestId,
      operationId: String(record.operationId ?? ""),
      state: stranded || !known ? "dead" : record.state!,
      attempts: Number(record.attempts ?? 0),
      enqueuedAt: Number(record.enqueuedAt ?? 0),
      updatedAt: Number(record.updatedAt ?? 0),
      lastFailure: record.lastFailure,
      deadReason: stranded ? "undelivered" : known ? record.deadReason : "unreadable",
    };
  }

  async function entries(): Promise<KvOutboxEntry[]> {
    const undelivered = new Map<unknown, unknown>();
    for await (const { key, value } of kv.list({ prefix: [...prefix, "undelivered"] })) {
      undelivered.set(key.at(-1), value);
    }
    const all: KvOutboxEntry[] = [];
    for await (const { key, value } of kv.list({ prefix: [...prefix, "calls"] })) {
      const requestId = key.at(-1);
      if (typeof requestId === "string") all.push(entryOf(requestId, value, undelivered.get(requestId)));
    }
    return all;
  }

  async function get(requestId: string) {
    const [record, undelivered] = await Promise.all([kv.get(callKey(requestId)), kv.get(undeliveredKey(requestId))]);
    return record.versionstamp === null ? undefined : entryOf(requestId, record.value, undelivered.value);
  }

  async function enqueue(operationId: string, body: object, { atomic }: { atomic?: KvAtomic } = {}) {
    const call = prepareCall(operationId, body, { strict });
    if (typeof (client as Record<string, unknown>)[call.operationId] !== "function") {
      throw new OutboxConfigError(`operationId: the outbox's client has no ${call.operationId} method`);
    }
    const key = callKey(call.requestId);
    const stored = async () => (await kv.get(key)).versionstamp !== null;
    try {
      if (await stored()) return { requestId: call.requestId }; // once per requestId
      const now = Date.now();
      const record: CallRecord = { ...call, state: "pending", attempts: 0, updatedAt: now, token: crypto.randomUUID() };
      // check: a racing enqueue of the same requestId makes this commit (yours, with `atomic`) fail, not send twice
      const op = send((atomic ?? kv.atomic()).check({ key, versionstamp: null }), record, 0);
      if (!atomic && !(await op.commit()).ok && !(await stored())) {
        throw new OutboxStoreError("the call was not stored: KV refused the commit");
      }
    } catch (cause) {
      throw cause instanceof OutboxStoreError
        ? cause
        : new OutboxStoreError(`the call was not stored: ${(cause as Error)?.message ?? cause}`, cause);
    }
    return { requestId: call.requestId };
  }

  async function handle(message: unknown): Promise<boolean> {
    if (!owns(message)) return false;
    const { requestId, token } = message;
    const key = callKey(requestId);
    const { value, versionstamp } = await kv.get(key);
    if (versionstamp === null) return true; // the record was removed: nothing to deliver
    const record = asRecord(requestId, value);
    // a duplicate of a message already acted on (KV delivers at least once), or one from before a redrive
    if (isObject(value) && (record.token !== token || record.state !== "pending")) return true;
    const call = readCall(record);
    const attempts = (Number(record.attempts) || 0) + 1;
    const verdict: Verdict =
      typeof call === "string"
        ? { state: "dead", reason: "unreadable", failure: { code: "ERR_OUTBOX_UNREADABLE", message: call } }
        : await deliverCall(client, call, attempts, delivery);
    const updatedAt = Date.now();
    // checked: if another copy of this message recorded its verdict first, that one stands
    const op = kv.atomic().check({ key, versionstamp });
    switch (verdict.state) {
      case "delivered":
        op.set(key, { ...record, state: "delivered", attempts, updatedAt });
        break;
      case "dead":
        op.set(key, {
          ...record,
          state: "dead",
          attempts,
          updatedAt,
          deadReason: verdict.reason,
          lastFailure: verdict.failure,
        });
        break;
      case "retry":
        send(
          op,
          { ...record, attempts, updatedAt, lastFailure: verdict.failure, token: crypto.randomUUID() },
          verdict.delayMs,
        );
        break;
      case "released":
        send(op, { ...record, updatedAt, token: crypto.randomUUID() }, 0);
    }
    if (!(await op.commit()).ok) return true;
    if (verdict.state === "delivered" && typeof call !== "string") onDelivered?.(call, verdict.result);
    if (verdict.state === "dead") onDeadLetter?.({ requestId, reason: verdict.reason, failure: verdict.failure });
    return true;
  }

  async function redrive(requestIds?: readonly string[]) {
    const ids = requestIds ?? (await entries()).filter((e) => e.state === "dead").map((e) => e.requestId);
    let count = 0;
    for (const requestId of ids) {
      const [record, undelivered] = await Promise.all([kv.get(callKey(requestId)), kv.get(undeliveredKey(requestId))]);
      if (record.versionstamp === null || entryOf(requestId, record.value, undelivered.value).state !== "dead")
        continue;
      const { deadReason: _, ...rest } = asRecord(requestId, record.value);
      const op = kv
        .atomic()
        .check(
          { key: callKey(requestId), versionstamp: record.versionstamp },
          { key: undeliveredKey(requestId), versionstamp: undelivered.versionstamp },
        )
        .delete(undeliveredKey(requestId));
      // attempts and the retry window counted afresh, as every store does on a re-drive
      const now = Date.now();
      send(
        op,
        { ...rest, state: "pending", attempts: 0, enqueuedAt: now, updatedAt: now, token: crypto.randomUUID() },
        0,
      );
      if ((await op.commit()).ok) count++;
    }
    return count;
  }

  return {
    enqueue,
    handle,
    listen: () =>
      kv.listenQueue(async (message) => {
        await handle(message);
      }),
    get,
    async counts() {
      const counts = { pending: 0, inFlight: 0, delivered: 0, dead: 0 };
      for (const entry of await entries()) counts[entry.state]++;
      return counts;
    },
    async deadLetters(limit = 100) {
      return (await entries())
        .filter((e) => e.state === "dead")
        .sort((a, b) => a.updatedAt - b.updatedAt)
        .slice(0, limit);
    },
    redrive,
  };
}
