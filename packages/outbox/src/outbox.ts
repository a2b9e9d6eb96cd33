/**
 * `createOutbox`: enqueue calls into a store, and run workers that deliver them through the caller's client. At least
 * once, with the requestId fixed at enqueue: AlipayHK answers a repeated requestId without applying it again, and
 * orders updates by orderModifyTime, so a re-sent or late update is safe.
 */
import { prepareCall, readCall, type StoredCall } from "./call.js";
import { orderRef } from "./coalesce.js";
import { checkDeliveryOptions, type DeliveryOptions, deliverCall, type OutboxClient, type Verdict } from "./deliver.js";
import { OutboxConfigError, OutboxStoreError } from "./errors.js";
import type { Claim, OutboxCounts, OutboxEntry, OutboxStore } from "./store.js";

export interface OutboxOptions<Tx> extends DeliveryOptions {
  /** The client workers send with (alipayhk-order's `createOrderClient`, or `createClient` with the operations used). */
  client: OutboxClient;
  store: OutboxStore<Tx>;
  /** Refuse at enqueue what only this SDK's reading forbids (the spec's x-inferred rules), as the client's `strict`. */
  strict?: boolean;
  /**
   * Leave an order update unsent when a newer update of the same order (a larger orderModifyTime) was delivered; it
   * is then "superseded". Such an update is held back while the newer one is pending, and sent as usual if that one
   * is dead-lettered. Order sync only, decided at enqueue; the store must support it (memory, PostgreSQL). Default
   * false: every call is sent.
   */
  coalesce?: boolean;
  /** Called once a call is delivered (by this process's workers). */
  onDelivered?: (call: StoredCall, result: Readonly<Record<string, unknown>>) => void;
  /** Called once a call is dead-lettered (by this process's workers). */
  onDeadLetter?: (entry: { requestId: string; reason: string; failure: unknown }) => void;
}

export interface WorkerOptions {
  /** Calls in flight at once. Default 4. */
  concurrency?: number;
  /** How long a worker holds a call it claimed; after that another worker may take it. Default 120,000 ms. */
  leaseMs?: number;
  /** Pause between looks at an empty store (and after a store error, growing to 30 s). Default 500 ms. */
  pollMs?: number;
  /** Stops the worker as `stop()` does: it claims nothing more and finishes what is in flight. */
  signal?: AbortSignal;
}

export interface OutboxWorker {
  /** Calls settled by this worker, by verdict. */
  readonly settled: { delivered: number; dead: number; retried: number; released: number; superseded: number };
  /** Stops claiming, lets the calls in flight finish (each bounded by the client's timeout and retries), and resolves. */
  stop(): Promise<void>;
  /**
   * Stops at once: calls in flight are cancelled and put back as pending, their outcome unknown; they are sent again
   * with the same requestId. For shutdowns that cannot wait.
   */
  abort(): Promise<void>;
  /** Resolves once the worker has stopped. */
  readonly done: Promise<void>;
}

export interface Outbox<Tx> {
  /**
   * Validates `body` as the operation's method would and stores the call with a fixed requestId, durably, before it
   * resolves. With `tx` the row is written through the caller's transaction (it commits or rolls back with it).
   * @throws the client's ValidationError (nothing stored), OutboxConfigError for an unknown operation,
   *   OutboxStoreError when the store fails.
   */
  enqueue(operationId: string, body: object, options?: { tx?: Tx }): Promise<{ requestId: string }>;
  /** Starts a worker in this process. */
  work(options?: WorkerOptions): OutboxWorker;
  counts(): Promise<OutboxCounts>;
  get(requestId: string): Promise<OutboxEntry | undefined>;
  deadLetters(limit?: number): Promise<OutboxEntry[]>;
  /** Sends dead calls again with their original requestId (all dead calls without `requestIds`); how many. */
  redrive(requestIds?: readonly string[]): Promise<number>;
  /**
   * Deletes delivered and superseded calls settled more than `olderThanMs` ago (default 7 days), never pending,
   * in-flight or dead ones; how many. Run it now and then (a daily job): nothing purges on its own.
   * @throws OutboxConfigError when the store cannot purge, OutboxStoreError when it fails.
   */
  purge(options?: { olderThanMs?: number }): Promise<number>;
}

const DAY = 86_400_000;

export function createOutbox<Tx = never>(options: OutboxOptions<Tx>): Outbox<Tx> {
  const { client, store, strict = false, coalesce = false, onDelivered, onDeadLetter } = options;
  if (typeof client !== "object" || client === null)
    throw new OutboxConfigError("client: give an alipayhk-order client (createOrderClient)");
  if (typeof store?.claim !== "function")
    throw new OutboxConfigError("store: give an outbox store (createMemoryStore, createPostgresStore...)");
  const delivery = checkDeliveryOptions(options);
  if (typeof coalesce !== "boolean") throw new OutboxConfigError("coalesce: must be true or false");
  if (coalesce && store.coalesces !== true) {
    throw new OutboxConfigError("coalesce: this store cannot coalesce (the memory and PostgreSQL stores can)");
  }

  async function enqueue(operationId: string, body: object, { tx }: { tx?: Tx } = {}) {
    const call = prepareCall(operationId, body, { strict });
    if (typeof (client as Record<string, unknown>)[call.operationId] !== "function") {
      throw new OutboxConfigError(`operationId: the outbox's client has no ${call.operationId} method`);
    }
    try {
      const order = coalesce ? orderRef(call) : undefined;
      await (order ? store.add(call, tx, order) : store.add(call, tx));
    } catch (cause) {
      throw cause instanceof OutboxStoreError
        ? cause
        : new OutboxStoreError(`the call was not stored: ${(cause as Error)?.message ?? cause}`, cause);
    }
    return { requestId: call.requestId };
  }

  /**
   * Records a delivery. With a store that settles in batches, deliveries that end while one batch is being written
   * go together in the next (group commit): no wait at low load, one round trip for many at high load.
   */
  const settleDelivered = (() => {
    const settleMany = store.settleDelivered?.bind(store);
    if (!settleMany) return (claim: Claim) => store.settle(claim, { state: "delivered" });
    let waiting: { claim: Claim; done: (settled: boolean) => void; failed: (error: unknown) => void }[] = [];
    let writing = false;
    const write = async () => {
      writing = true;
      while (waiting.length) {
        const batch = waiting;
        waiting = [];
        try {
          const settled = await settleMany(batch.map((w) => w.claim));
          for (const w of batch) w.done(settled.has(w.claim.token));
        } catch (error) {
          for (const w of batch) w.failed(error);
        }
      }
      writing = false;
    };
    return (claim: Claim) =>
      new Promise<boolean>((done, failed) => {
        waiting.push({ claim, done, failed });
        if (!writing) void write();
      });
  })();

  /** Delivers one claimed call and records the verdict. */
  async function handle(
    claim: Claim,
    signal: AbortSignal,
    settled: OutboxWorker["settled"],
    background: Set<Promise<void>>,
  ) {
    if (claim.supersededBy !== undefined) {
      if (await store.settle(claim, { state: "superseded", by: claim.supersededBy })) settled.superseded++;
      return;
    }
    const call = readCall(claim.raw);
    const attempts = claim.attempts + 1;
    const verdict: Verdict =
      typeof call === "string"
        ? { state: "dead", reason: "unreadable", failure: { code: "ERR_OUTBOX_UNREADABLE", message: call } }
        : await deliverCall(client, call, attempts, delivery, signal);
    switch (verdict.state) {
      case "delivered": {
        // Recorded while the worker's slot takes the next call: a crash before it lands re-sends the call with its
        // requestId, which AlipayHK answers without applying it again.
        const recording: Promise<void> = settleDelivered(claim)
          .then((ok) => {
            if (!ok) return;
            settled.delivered++;
            if (typeof call !== "string") onDelivered?.(call, verdict.result);
          })
          .catch(() => {}) // a store error: the lease expires and the call is sent again, same requestId
          .finally(() => background.delete(recording));
        background.add(recording);
        return;
      }
      case "dead":
        if (await store.settle(claim, verdict)) {
          settled.dead++;
          const requestId = typeof claim.raw.requestId === "string" ? claim.raw.requestId : "";
          onDeadLetter?.({ requestId, reason: verdict.reason, failure: verdict.failure });
        }
        return;
      case "retry":
        settled.retried++;
        await store.settle(claim, {
          state: "pending",
          delayMs: verdict.delayMs,
          failure: verdict.failure,
          countAttempt: true,
        });
        return;
      case "released":
        settled.released++;
        await store.settle(claim, { state: "pending", delayMs: 0, countAttempt: false });
    }
  }

  function work({ concurrency = 4, leaseMs = 120_000, pollMs = 500, signal }: WorkerOptions = {}): OutboxWorker {
    if (!(Number.isSafeInteger(concurrency) && concurrency >= 1))
      throw new OutboxConfigError("concurrency: must be a whole number, at least 1");
    if (!(typeof leaseMs === "number" && leaseMs > 0))
      throw new OutboxConfigError("leaseMs: must be a number of milliseconds above 0");
    if (!(typeof pollMs === "number" && pollMs >= 0))
      throw new OutboxConfigError("pollMs: must be a number of milliseconds, 0 or more");
    const stopper = new AbortController();
    const stopNow = () => stopper.abort();
    if (signal?.aborted) stopNow();
    signal?.addEventListener("abort", stopNow, { once: true });
    const settled = { delivered: 0, dead: 0, retried: 0, released: 0, superseded: 0 };
    // one controller per call in flight (abort() ends them all): a shared signal would gather a listener per call
    const inFlight = new Map<Promise<void>, AbortController>();
    const recording = new Set<Promise<void>>(); // deliveries being recorded after their slot was freed
    // Claims wait for a quarter of the slots to be free (one query for several calls, not one each), unless none is busy.
    const batch = Math.max(1, Math.ceil(concurrency / 4));
    let woken = false; // a call ended (or stop was asked) since the loop last looked
    let resume: (() => void) | undefined;
    const wake = () => {
      woken = true;
      resume?.();
    };
    const pause = async (ms: number) => {
      if (!woken) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          resume = () => (clearTimeout(timer), resolve());
        });
      }
      resume = undefined;
      woken = false;
    };
    stopper.signal.addEventListener("abort", wake, { once: true });

    async function loop() {
      let storeErrors = 0;
      while (!stopper.signal.aborted) {
        const free = concurrency - inFlight.size;
        if (free < batch && inFlight.size > 0) {
          await pause(30_000); // until a call ends
          continue;
        }
        let claims: Claim[];
        try {
          claims = await store.claim(free, leaseMs);
          storeErrors = 0;
        } catch {
          // the database is down or refusing: back off, then resume on our own
          storeErrors++;
          await pause(Math.min(30_000, Math.max(pollMs, 10) * 2 ** storeErrors));
          continue;
        }
        for (const claim of claims) {
          const controller = new AbortController();
          const task: Promise<void> = handle(claim, controller.signal, settled, recording)
            .catch(() => {}) // a store error on settle: the lease expires and the call is delivered again, same requestId
            .finally(() => {
              inFlight.delete(task);
              wake();
            });
          inFlight.set(task, controller);
        }
        if (claims.length < free) await pause(pollMs); // nothing more is due: look again later, or when a call ends
      }
      await Promise.all(inFlight.keys());
      while (recording.size) await Promise.all(recording); // stopped once every delivery is recorded
      signal?.removeEventListener("abort", stopNow);
    }
    const done = loop();
    return {
      settled,
      done,
      stop() {
        stopNow();
        return done;
      },
      abort() {
        for (const controller of inFlight.values()) controller.abort();
        stopNow();
        return done;
      },
    };
  }

  return {
    enqueue,
    work,
    counts: () => store.counts(),
    get: (requestId) => store.get(requestId),
    deadLetters: (limit = 100) => store.dead(limit),
    redrive: (requestIds) => store.redrive(requestIds),
    async purge({ olderThanMs = 7 * DAY } = {}) {
      if (!(typeof olderThanMs === "number" && olderThanMs >= 0 && Number.isFinite(olderThanMs))) {
        throw new OutboxConfigError("olderThanMs: must be a number of milliseconds, 0 or more");
      }
      if (typeof store.purge !== "function") {
        throw new OutboxConfigError("purge: this store cannot purge (the memory and PostgreSQL stores can)");
      }
      return store.purge(olderThanMs);
    },
  };
}
