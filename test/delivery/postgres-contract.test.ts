// The outbox on PostgreSQL (a real server, started for this file), against the shared delivery contract, plus what only
// a database gives to a single machine: its schema and migrations, purging, the caller's transaction, the options.
import { createOutbox, OutboxConfigError } from "alipayhk-outbox";
import { createPostgresStore, type PostgresStore } from "alipayhk-outbox/postgres";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { coalescingCases, drainOutbox } from "./coalescing.js";
import { type DeliveryHarness, deliveryConformance, movieOrder } from "./conformance.js";
import {
  applied,
  clientForSandbox as clientFor,
  drain,
  newSandbox,
  postgresOutboxes,
  usePostgres,
} from "./postgres-server.js";

const db = usePostgres();
const { pgOutbox, admin } = postgresOutboxes(db);

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
