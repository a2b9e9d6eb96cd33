// The outbox on PostgreSQL (a real server, started for this file), against the shared delivery contract, plus what only
// a database gives: the caller's transaction, outages of the database itself, several machines, expired leases.
import { inspect } from "node:util";
import { createOrderClient } from "alipayhk-order";
import {
  type Claim,
  createOutbox,
  type Outbox,
  OutboxConfigError,
  OutboxStoreError,
  type OutboxWorker,
} from "alipayhk-outbox";
import { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from "alipayhk-outbox/postgres";
import { createSandbox, type FaultOptions, type Sandbox } from "alipayhk-sandbox";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ALIPAY, CLIENT_ID, MERCHANT } from "../conformance/fixtures.js";
import { coalescingCases, drainOutbox } from "./coalescing.js";
import { type DeliveryHarness, deliveryConformance, FAST, type HarnessSettings, movieOrder } from "./conformance.js";
import { usePostgres } from "./postgres-server.js";

const db = usePostgres();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function clientFor(sandbox: Sandbox) {
  return createOrderClient({
    clientId: CLIENT_ID,
    privateKey: MERCHANT.pkcs8Pem,
    alipayPublicKey: sandbox.alipayPublicKey,
    baseUrl: "https://sandbox.invalid",
    fetch: sandbox.fetch,
    retry: { maxAttempts: 1 },
  });
}

const newSandbox = (faults?: FaultOptions) =>
  createSandbox({ merchants: { [CLIENT_ID]: MERCHANT.spkiPem }, alipayPrivateKey: ALIPAY.pkcs8Pem, seed: 7, faults });

/** A sandbox, a store on `table` with its own pool (a machine), and an outbox delivering to the sandbox. */
async function pgOutbox(
  table: string,
  {
    settings = FAST,
    sandbox,
    coalesce,
    ...options
  }: { settings?: HarnessSettings; sandbox?: Sandbox; coalesce?: boolean } & PostgresStoreOptions = {},
) {
  const box = sandbox ?? (await newSandbox(settings.faults));
  const store = await createPostgresStore({ connectionString: options.pool ? undefined : db.url, table, ...options });
  const outbox = createOutbox({ client: clientFor(box), store, coalesce, ...settings });
  return { sandbox: box, store, outbox };
}

/** Runs a worker on each outbox until their table has nothing pending or in flight. */
async function drain(outboxes: Outbox<pg.ClientBase>[], timeoutMs: number, concurrency = 4): Promise<OutboxWorker[]> {
  const workers = outboxes.map((outbox) => outbox.work({ concurrency, pollMs: 10 }));
  try {
    await settled(outboxes[0]!, timeoutMs);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  return workers;
}

async function settled(outbox: Outbox<pg.ClientBase>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await outbox.counts();
    if (counts.pending + counts.inFlight === 0) return;
    if (Date.now() > deadline) throw new Error(`not drained in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await sleep(20);
  }
}

/** How often the sandbox applied each requestId. */
function applied(sandbox: Sandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of sandbox.orders)
    for (const u of order.history) counts.set(u.requestId, (counts.get(u.requestId) ?? 0) + 1);
  return counts;
}

let cases = 0;
deliveryConformance("PostgreSQL store", async (settings): Promise<DeliveryHarness> => {
  // each case its own schema, created by the store's migration
  const table = `conformance_${++cases}.alipayhk_outbox`;
  const { sandbox, store, outbox } = await pgOutbox(table, { settings });
  return {
    sandbox,
    enqueue: (operationId, body) => outbox.enqueue(operationId, body),
    drain: async (timeoutMs) => void (await drain([outbox], timeoutMs)),
    entry: (requestId) => outbox.get(requestId),
    deadLetters: () => outbox.deadLetters(),
    redrive: (requestId) => outbox.redrive([requestId]),
    count: async () => Object.values(await outbox.counts()).reduce((a, b) => a + b, 0),
    addDamaged: async () => {
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      await admin
        .query(
          `INSERT INTO ${table} (request_id, operation_id, body, enqueued_at)
           VALUES ('damaged', 'syncOrder', '{not json', $1)`,
          [Date.now()],
        )
        .finally(() => admin.end());
    },
    close: () => store.close(),
  };
});

coalescingCases("PostgreSQL store", async ({ coalesce }) => {
  const { sandbox, store, outbox } = await pgOutbox(`coalescing_${++cases}.alipayhk_outbox`, { coalesce });
  return { sandbox, outbox, close: () => store.close() };
});

/** Runs `sql` on a connection of its own (as an administrator would, around the store). */
async function admin<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("PostgreSQL store", () => {
  it("migrate upgrades a table made before coalescing: its rows stay and are delivered; coalescing works", async () => {
    // the table as the migration made it before coalescing, with a pending call in it
    await admin(`CREATE TABLE upgrade_case (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, request_id text NOT NULL UNIQUE, operation_id text NOT NULL,
      body text NOT NULL, enqueued_at bigint NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
      attempts integer NOT NULL DEFAULT 0, available_at timestamptz NOT NULL DEFAULT now(), lease_token text,
      lease_until timestamptz, last_failure jsonb, dead_reason text, updated_at timestamptz NOT NULL DEFAULT now())`);
    const before = { ...movieOrder(), requestId: "0badc0de0badc0de0badc0de0badc0de" };
    await admin(
      `INSERT INTO upgrade_case (request_id, operation_id, body, enqueued_at) VALUES ($1, 'syncOrder', $2, $3)`,
      [before.requestId, JSON.stringify(before), Date.now()],
    );
    const { sandbox, store, outbox } = await pgOutbox("upgrade_case", { coalesce: true });
    try {
      await store.migrate(); // again: nothing more to do
      const order = movieOrder();
      const { requestId: older } = await outbox.enqueue("syncOrder", order);
      const newer = { ...order, orderStatus: "USED", orderModifyTime: order.orderModifyTime + 1 };
      const { requestId: newest } = await outbox.enqueue("syncOrder", newer);
      await drainOutbox(outbox);
      expect(await store.get(before.requestId)).toMatchObject({ state: "delivered", attempts: 1 });
      expect(await store.get(older)).toMatchObject({ state: "superseded", supersededBy: newest });
      expect(await store.counts()).toEqual({ pending: 0, inFlight: 0, delivered: 2, dead: 0, superseded: 1 });
      expect([...applied(sandbox).keys()].sort()).toEqual([before.requestId, newest].sort());
      const indexes = await admin<{ indexname: string }>(
        "SELECT indexname FROM pg_indexes WHERE tablename = 'upgrade_case' ORDER BY indexname",
      );
      expect(indexes.map((i) => i.indexname)).toEqual(
        expect.arrayContaining(["upgrade_case_order", "upgrade_case_state"]),
      );
    } finally {
      await store.close();
    }
  });

  it("purge() deletes, at the default age of 7 days, the delivered calls settled before it", async () => {
    const { store, outbox } = await pgOutbox("purge_case");
    try {
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await outbox.enqueue("syncOrder", movieOrder())).requestId);
      const { requestId: dead } = await outbox.enqueue("syncOrder", { ...movieOrder(), openId: "open-1" });
      await drainOutbox(outbox);
      const [eightDays, sixDays] = ids as [string, string, string];
      // as if settled earlier, on the database's clock
      const age = (requestId: string, days: number) =>
        admin(`UPDATE purge_case SET updated_at = now() - $2 * interval '1 day' WHERE request_id = $1`, [
          requestId,
          days,
        ]);
      await age(eightDays, 8);
      await age(sixDays, 6);
      await age(dead, 30); // dead letters stay until re-driven, however old
      expect(await outbox.purge()).toBe(1);
      expect(await store.get(eightDays)).toBeUndefined();
      expect((await store.get(sixDays))?.state).toBe("delivered");
      expect((await store.get(dead))?.state).toBe("dead");
      expect(await store.counts()).toEqual({ pending: 0, inFlight: 0, delivered: 2, dead: 1, superseded: 0 });
      expect(await outbox.purge({ olderThanMs: 5 * 86_400_000 })).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("enqueue inside the caller's transaction commits with it, and disappears on ROLLBACK", async () => {
    const { sandbox, store, outbox } = await pgOutbox("tx_case");
    const pool = new pg.Pool({ connectionString: db.url });
    await pool.query("CREATE TABLE tickets (merchant_biz_no text PRIMARY KEY)");
    const client = await pool.connect();
    try {
      const kept = movieOrder();
      await client.query("BEGIN");
      await client.query("INSERT INTO tickets VALUES ($1)", [kept.merchantBizNo]);
      const { requestId: committed } = await outbox.enqueue("syncOrder", kept, { tx: client });
      expect(await store.get(committed)).toBeUndefined(); // not seen outside the transaction before COMMIT
      await client.query("COMMIT");
      expect((await store.get(committed))?.state).toBe("pending");

      const dropped = movieOrder();
      await client.query("BEGIN");
      await client.query("INSERT INTO tickets VALUES ($1)", [dropped.merchantBizNo]);
      const { requestId: rolledBack } = await outbox.enqueue("syncOrder", dropped, { tx: client });
      await client.query("ROLLBACK");
      expect(await store.get(rolledBack)).toBeUndefined();
      expect((await pool.query("SELECT merchant_biz_no FROM tickets")).rows).toEqual([
        { merchant_biz_no: kept.merchantBizNo },
      ]);
      expect(await store.counts()).toEqual({ pending: 1, inFlight: 0, delivered: 0, dead: 0, superseded: 0 });

      await drain([outbox], 20_000);
      expect((await store.get(committed))?.state).toBe("delivered");
      expect(sandbox.orders.map((o) => o.merchantBizNo)).toEqual([kept.merchantBizNo]);
    } finally {
      client.release();
      await pool.end();
      await store.close();
    }
  });

  it("a database down: enqueue throws OutboxStoreError (no password), stores nothing; workers resume", async () => {
    const password = "pg-Secret-4f7a91";
    const connectionString = db.server.url(db.database, password);
    const { sandbox, store, outbox } = await pgOutbox("down_case", { connectionString });
    const before = [];
    for (let i = 0; i < 3; i++) before.push((await outbox.enqueue("syncOrder", movieOrder())).requestId);
    const requestId = "feedfacefeedfacefeedfacefeedface";
    let worker: OutboxWorker | undefined;
    await db.server.pause();
    try {
      const refused = await outbox.enqueue("syncOrder", { ...movieOrder(), requestId }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(OutboxStoreError);
      expect(refused).toMatchObject({
        code: "ERR_OUTBOX_STORE",
        message: expect.stringMatching(/^down_case: the call was not stored: .*ECONNREFUSED/),
      });
      expect(inspect(refused, { depth: 10 })).not.toContain(password);
      // opening a store fails the same way
      const opening = await createPostgresStore({ connectionString, table: "down_case_2" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(opening).toBeInstanceOf(OutboxStoreError);
      expect((opening as Error).message).toMatch(/^down_case_2: migration failed/);
      expect(inspect(opening, { depth: 10 })).not.toContain(password);

      worker = outbox.work({ pollMs: 20 });
      await sleep(1_000); // its claims fail meanwhile
      expect(sandbox.stats.requests).toBe(0);
    } finally {
      await db.server.resume();
    }
    try {
      await settled(outbox, 30_000); // the worker resumes on its own
    } finally {
      await worker?.stop();
    }
    for (const id of before) expect((await store.get(id))?.state).toBe("delivered");
    expect(await store.get(requestId)).toBeUndefined();
    expect(await store.counts()).toEqual({ pending: 0, inFlight: 0, delivered: 3, dead: 0, superseded: 0 });
    expect([...applied(sandbox).values()]).toEqual([1, 1, 1]);
    await store.close();
  });

  it("a password in a connection string pg cannot use stays out of the error", async () => {
    const password = "pg-Secret-0c55e2";
    const refused = await createPostgresStore({
      connectionString: `postgres://postgres:${password}@127.0.0.1:99999/x`,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(OutboxStoreError);
    expect(inspect(refused, { depth: 10 })).not.toContain(password);
  });

  it("two machines (two pools) with workers drain 200 calls: each delivered, each applied once", async () => {
    const sandbox = await newSandbox();
    const a = await pgOutbox("machines_case", { sandbox });
    const b = await pgOutbox("machines_case", { sandbox });
    try {
      const ids: string[] = [];
      const enqueues = Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).outbox.enqueue("syncOrder", movieOrder()));
      for (const { requestId } of await Promise.all(enqueues)) ids.push(requestId);
      const [first, second] = await drain([a.outbox, b.outbox], 60_000, 8);
      expect(await a.store.counts()).toEqual({ pending: 0, inFlight: 0, delivered: 200, dead: 0, superseded: 0 });
      for (const id of ids) expect((await b.store.get(id))?.state).toBe("delivered");
      const counts = applied(sandbox);
      expect(counts.size).toBe(200);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      expect(sandbox.events.length).toBe(200); // no call was even sent twice
      expect(first!.settled.delivered + second!.settled.delivered).toBe(200);
      expect(first!.settled.delivered).toBeGreaterThan(0);
      expect(second!.settled.delivered).toBeGreaterThan(0);
    } finally {
      await a.store.close();
      await b.store.close();
    }
  });

  it("an expired lease (its worker died) is reclaimed by another worker; the late settle is refused", async () => {
    const sandbox = await newSandbox();
    const dying = await pgOutbox("lease_case", { sandbox });
    const alive = await pgOutbox("lease_case", { sandbox });
    try {
      const { requestId } = await dying.outbox.enqueue("syncOrder", movieOrder());
      const [claim] = await dying.store.claim(10, 1_500);
      expect(claim?.raw.requestId).toBe(requestId);
      expect((await alive.store.get(requestId))?.state).toBe("in_flight");
      expect(await alive.store.claim(10, 60_000)).toEqual([]); // leased: nobody else takes it
      await drain([alive.outbox], 20_000); // once the lease has run out
      expect((await alive.store.get(requestId))?.state).toBe("delivered");
      expect(await dying.store.settle(claim!, { state: "delivered" })).toBe(false);
      expect(await dying.store.settle(claim!, { state: "pending", delayMs: 0, countAttempt: true })).toBe(false);
      expect(await alive.store.get(requestId)).toMatchObject({ state: "delivered", attempts: 1 });
      expect([...applied(sandbox)]).toEqual([[requestId, 1]]);
    } finally {
      await dying.store.close();
      await alive.store.close();
    }
  });

  it("a settle needs the call's current lease: an expired claim cannot settle what another worker holds", async () => {
    const { store, outbox } = await pgOutbox("token_case");
    try {
      const { requestId } = await outbox.enqueue("syncOrder", movieOrder());
      const [stale] = await store.claim(1, 200);
      let current: Claim | undefined;
      for (let i = 0; i < 250 && !current; i++) {
        [current] = await store.claim(1, 60_000); // taken again once the first lease has run out
        if (!current) await sleep(20);
      }
      expect(current?.raw.requestId).toBe(requestId);
      expect(await store.settle(stale!, { state: "delivered" })).toBe(false);
      expect((await store.get(requestId))?.state).toBe("in_flight");
      const failure = { code: "ERR_RESULT", message: "refused", resultCode: "PARAM_ILLEGAL" };
      expect(await store.settle(current!, { state: "dead", reason: "definite_failure", failure })).toBe(true);
      expect(await store.get(requestId)).toMatchObject({
        state: "dead",
        deadReason: "definite_failure",
        attempts: 1,
        lastFailure: failure,
      });
    } finally {
      await store.close();
    }
  });

  it("settleDelivered records a batch in one go, and only the calls whose lease is still the claim's", async () => {
    const { store, outbox } = await pgOutbox("batch_case");
    try {
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await outbox.enqueue("syncOrder", movieOrder())).requestId);
      const claims = await store.claim(3, 200);
      expect(claims).toHaveLength(3);
      const [stale, ...fresh] = claims;
      // the first call's lease runs out and another worker takes it
      let retaken: Claim | undefined;
      for (let i = 0; i < 250 && !retaken; i++) {
        [retaken] = await store.claim(1, 60_000);
        if (!retaken) await sleep(20);
      }
      expect(retaken?.raw.requestId).toBe(stale!.raw.requestId);
      const settled = await store.settleDelivered!(claims);
      expect([...settled].sort()).toEqual(fresh.map((c) => c.token).sort());
      for (const c of fresh) expect((await store.get(c.raw.requestId as string))?.state).toBe("delivered");
      expect((await store.get(stale!.raw.requestId as string))?.state).toBe("in_flight");
      expect((await store.get(stale!.raw.requestId as string))?.attempts).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("migrate runs again, and from several stores at once, harmlessly", async () => {
    const table = "migrate_case.alipayhk_outbox";
    const stores = await Promise.all([1, 2, 3].map(() => createPostgresStore({ connectionString: db.url, table })));
    try {
      const outbox = createOutbox({ client: clientFor(await newSandbox()), store: stores[0]! });
      const { requestId } = await outbox.enqueue("syncOrder", movieOrder());
      await Promise.all(stores.map((s) => s.migrate()));
      await stores[1]!.migrate();
      expect((await stores[2]!.get(requestId))?.state).toBe("pending");
      expect(await stores[1]!.counts()).toEqual({ pending: 1, inFlight: 0, delivered: 0, dead: 0, superseded: 0 });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("uses the caller's pool and leaves it open; a reserved word is a usable table name", async () => {
    const pool = new pg.Pool({ connectionString: db.url });
    let store: PostgresStore | undefined;
    try {
      ({ store } = await pgOutbox("public.order", { pool }));
      await store.close();
      expect((await pool.query("SELECT count(*)::int AS n FROM public.order")).rows).toEqual([{ n: 0 }]);
    } finally {
      await pool.end();
    }
  });

  it("names the option at fault", async () => {
    await expect(createPostgresStore({})).rejects.toThrow(OutboxConfigError);
    await expect(createPostgresStore({})).rejects.toThrow(/connectionString/);
    const pool = new pg.Pool({ connectionString: db.url });
    await expect(createPostgresStore({ pool, connectionString: db.url })).rejects.toThrow(/pool, connectionString/);
    await pool.end();
    for (const table of ["Outbox", "a.b.c", "outbox; DROP TABLE x", ""]) {
      await expect(createPostgresStore({ connectionString: db.url, table })).rejects.toThrow(/^table: /);
    }
  });
});
