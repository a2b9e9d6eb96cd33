/**
 * The contract of a store that workers claim calls from (in memory, PostgreSQL...). The outbox (outbox.ts) holds the
 * delivery logic; a store only keeps rows, leases them to one worker at a time and records verdicts.
 */
import type { StoredCall } from "./call.js";
import type { DeadReason, FailureSummary } from "./deliver.js";

/** "superseded": not sent, because a newer update of its order was delivered (coalescing, off by default). */
export type CallState = "pending" | "in_flight" | "delivered" | "dead" | "superseded";

/** A call and where it stands. */
export interface OutboxEntry {
  readonly requestId: string;
  readonly operationId: string;
  readonly state: CallState;
  /** Delivery attempts made (each may hold several HTTP attempts of the client). */
  readonly attempts: number;
  readonly enqueuedAt: number;
  /** When it was last changed (ms since the epoch). */
  readonly updatedAt: number;
  /** What the last failed attempt ended with. */
  readonly lastFailure?: FailureSummary | undefined;
  readonly deadReason?: DeadReason | undefined;
  /** The requestId of the delivered update that made this one unnecessary (state "superseded"). */
  readonly supersededBy?: string | undefined;
}

export interface OutboxCounts {
  readonly pending: number;
  readonly inFlight: number;
  readonly delivered: number;
  readonly dead: number;
  /** Reported by the stores that coalesce (memory, PostgreSQL), 0 when coalescing is off. */
  readonly superseded?: number;
}

/**
 * Where a call stands among the updates of its order, given to `add` when the outbox coalesces (coalesce.ts). A store
 * that keeps it holds a skippable call back while a newer update of its order (a larger `at`, same `key`) is pending,
 * and reports it as superseded (Claim.supersededBy) once such an update was delivered; if that one is dead-lettered
 * instead, the held call is sent as usual.
 */
export interface OrderRef {
  /** The order's identity: the operation, merchantAccountId (or the deprecated merchantId) and merchantBizNo. */
  readonly key: string;
  /** Its orderModifyTime: a larger one is newer. */
  readonly at: number;
  /** False when the order's status rules need this update applied even if a newer one is (see coalesce.ts). */
  readonly skippable: boolean;
}

/** A call leased to one worker until `leaseMs` passes; `token` proves the lease when the verdict is recorded. */
export interface Claim {
  readonly token: string;
  /** Attempts before this one. */
  readonly attempts: number;
  /** The row as stored, read back by the outbox (readCall): a damaged row is dead-lettered, not thrown. */
  readonly raw: { operationId: unknown; requestId: unknown; body: unknown; enqueuedAt: unknown };
  /** A newer update of the same order was delivered (its requestId): settle this one as superseded, do not send it. */
  readonly supersededBy?: string | undefined;
}

/** What a worker records once an attempt is decided. */
export type Settlement =
  | { readonly state: "delivered" }
  /** Not sent: `by`, a newer update of its order, was delivered (Claim.supersededBy). */
  | { readonly state: "superseded"; readonly by: string }
  | { readonly state: "dead"; readonly reason: DeadReason; readonly failure: FailureSummary }
  /** Due again after `delayMs`, counted by the store's clock (a database's own now(), not this machine's). */
  | {
      readonly state: "pending";
      readonly delayMs: number;
      readonly failure?: FailureSummary | undefined;
      readonly countAttempt: boolean;
    };

/**
 * A durable home for calls. `Tx` is what `add` can write through besides the store's own connection: the caller's
 * transaction, so that the call commits or rolls back with the business change.
 */
export interface OutboxStore<Tx = never> {
  /**
   * Stores a call as pending. A requestId already stored is left as it is (enqueue is idempotent per requestId).
   * `order` is given only to a store that `coalesces`, when the outbox's `coalesce` option is on.
   */
  add(call: StoredCall, tx?: Tx, order?: OrderRef): Promise<void>;
  /** True when the store keeps `add`'s `order` and coalesces by it (an optional capability). */
  readonly coalesces?: boolean;
  /** Leases up to `limit` pending calls that are due (or whose lease expired) for `leaseMs`, oldest due first. */
  claim(limit: number, leaseMs: number): Promise<Claim[]>;
  /** Records a verdict, if the lease is still this claim's (false: it expired and another worker took the call). */
  settle(claim: Claim, settlement: Settlement): Promise<boolean>;
  /**
   * Optional: records several calls as delivered at once (one round trip instead of one each, the common verdict
   * under load); the tokens of those whose lease was still theirs.
   */
  settleDelivered?(claims: readonly Claim[]): Promise<ReadonlySet<string>>;
  counts(): Promise<OutboxCounts>;
  get(requestId: string): Promise<OutboxEntry | undefined>;
  /** The dead letters, oldest first. */
  dead(limit: number): Promise<OutboxEntry[]>;
  /**
   * Makes dead calls pending again with their requestId and body, due now, with their attempts and retry window
   * counted afresh (enqueuedAt becomes now); all of them without `requestIds`.
   */
  redrive(requestIds?: readonly string[]): Promise<number>;
  /**
   * Deletes delivered and superseded calls settled more than `olderThanMs` ago; never pending, in-flight or dead
   * ones. How many (an optional capability: outbox.purge needs it).
   */
  purge?(olderThanMs: number): Promise<number>;
  close(): Promise<void>;
}
