/**
 * The embedded store: the outbox's contract in this process's memory, for the demo, tests and trying things out.
 * Durable only as long as the process lives; use the PostgreSQL store (alipayhk-outbox/postgres) for real.
 */
import type { StoredCall } from "./call.js";
import type { DeadReason, FailureSummary } from "./deliver.js";
import type { CallState, Claim, OrderRef, OutboxCounts, OutboxEntry, OutboxStore, Settlement } from "./store.js";

interface Row {
  raw: Claim["raw"];
  requestId: string;
  operationId: string;
  state: Exclude<CallState, "in_flight">;
  attempts: number;
  enqueuedAt: number;
  updatedAt: number;
  availableAt: number;
  leaseToken?: string | undefined;
  leaseUntil: number;
  lastFailure?: FailureSummary | undefined;
  deadReason?: DeadReason | undefined;
  order?: OrderRef | undefined;
  supersededBy?: string | undefined;
}

export interface MemoryStore extends OutboxStore<never> {
  /** Stores a row as given, bypassing every check: for tests of damaged rows. */
  addRaw(raw: Claim["raw"]): void;
}

export function createMemoryStore({ now = Date.now }: { now?: () => number } = {}): MemoryStore {
  const rows = new Map<string, Row>(); // by requestId (a damaged row by a key of its own)
  const leased = new Map<string, Row>(); // by lease token
  const byOrder = new Map<string, Set<Row>>(); // the calls that coalesce, by order key
  /** For a skippable call: a newer update of its order in `state` (pending includes in flight). */
  const newer = (row: Row, state: Row["state"]) => {
    const { order } = row;
    if (!order?.skippable) return undefined;
    let found: Row | undefined;
    for (const other of byOrder.get(order.key) ?? []) {
      if (other.state !== state || other.order!.at <= order.at) continue;
      if (!found || other.order!.at > found.order!.at) found = other; // the newest
    }
    return found;
  };
  const inFlight = (row: Row) => row.state === "pending" && row.leaseUntil > now();
  const entry = (row: Row): OutboxEntry => ({
    requestId: row.requestId,
    operationId: row.operationId,
    state: inFlight(row) ? "in_flight" : row.state,
    attempts: row.attempts,
    enqueuedAt: row.enqueuedAt,
    updatedAt: row.updatedAt,
    lastFailure: row.lastFailure,
    deadReason: row.deadReason,
    supersededBy: row.supersededBy,
  });
  const put = (key: string, raw: Claim["raw"], enqueuedAt: number, order?: OrderRef) => {
    if (rows.has(key)) return;
    const { operationId, requestId } = raw;
    const t = now();
    const row: Row = {
      raw,
      requestId: String(requestId),
      operationId: String(operationId),
      state: "pending",
      attempts: 0,
      enqueuedAt,
      updatedAt: t,
      availableAt: t,
      leaseUntil: 0,
    };
    rows.set(key, row);
    if (order) {
      row.order = { ...order };
      byOrder.set(order.key, (byOrder.get(order.key) ?? new Set()).add(row));
    }
  };

  return {
    coalesces: true,
    async add(call: StoredCall, _tx?: never, order?: OrderRef) {
      // a copy: the caller's later changes to its object change nothing stored
      put(call.requestId, { ...call, body: JSON.stringify(call.body) }, call.enqueuedAt, order);
    },
    addRaw(raw) {
      put(`raw:${crypto.randomUUID()}`, raw, Number(raw.enqueuedAt) || now());
    },
    async claim(limit, leaseMs) {
      const t = now();
      const due = [...rows.values()]
        .filter((row) => row.state === "pending" && row.availableAt <= t && row.leaseUntil <= t)
        .filter((row) => !newer(row, "pending")) // held back while a newer update of its order is pending (coalescing)
        .sort((a, b) => a.availableAt - b.availableAt)
        .slice(0, limit);
      return due.map((row) => {
        if (row.leaseToken) leased.delete(row.leaseToken);
        row.leaseToken = crypto.randomUUID();
        row.leaseUntil = t + leaseMs;
        leased.set(row.leaseToken, row);
        const supersededBy = newer(row, "delivered")?.requestId;
        return { token: row.leaseToken, attempts: row.attempts, raw: row.raw, supersededBy };
      });
    },
    async settle(claim, settlement: Settlement) {
      const row = leased.get(claim.token);
      if (!row || row.leaseToken !== claim.token) return false;
      leased.delete(claim.token);
      row.leaseToken = undefined;
      row.leaseUntil = 0;
      row.updatedAt = now();
      if (settlement.state === "pending") {
        row.availableAt = now() + settlement.delayMs;
        if (settlement.countAttempt) row.attempts++;
        if (settlement.failure) row.lastFailure = settlement.failure;
        return true;
      }
      if (settlement.state === "superseded") {
        row.state = "superseded";
        row.supersededBy = settlement.by;
        return true;
      }
      row.attempts++;
      row.state = settlement.state;
      if (settlement.state === "dead") {
        row.deadReason = settlement.reason;
        row.lastFailure = settlement.failure;
      }
      return true;
    },
    async counts(): Promise<OutboxCounts> {
      const counts = { pending: 0, inFlight: 0, delivered: 0, dead: 0, superseded: 0 };
      for (const row of rows.values()) {
        const state = entry(row).state;
        counts[state === "in_flight" ? "inFlight" : state]++;
      }
      return counts;
    },
    async get(requestId) {
      const row = rows.get(requestId);
      return row && entry(row);
    },
    async dead(limit) {
      return [...rows.values()]
        .filter((row) => row.state === "dead")
        .sort((a, b) => a.updatedAt - b.updatedAt)
        .slice(0, limit)
        .map(entry);
    },
    async redrive(requestIds) {
      let count = 0;
      for (const row of rows.values()) {
        if (row.state !== "dead" || (requestIds && !requestIds.includes(row.requestId))) continue;
        const t = now();
        Object.assign(row, {
          state: "pending",
          availableAt: t,
          updatedAt: t,
          deadReason: undefined,
          attempts: 0,
          enqueuedAt: t,
        });
        row.raw = { ...row.raw, enqueuedAt: t }; // the retry window counts from here
        count++;
      }
      return count;
    },
    async purge(olderThanMs) {
      const before = now() - olderThanMs;
      let count = 0;
      for (const [key, row] of rows) {
        if (!(row.state === "delivered" || row.state === "superseded") || row.updatedAt >= before) continue;
        rows.delete(key);
        const siblings = row.order && byOrder.get(row.order.key);
        siblings?.delete(row);
        if (siblings?.size === 0) byOrder.delete(row.order!.key);
        count++;
      }
      return count;
    },
    async close() {},
  };
}
