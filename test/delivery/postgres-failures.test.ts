// The outbox on PostgreSQL (a real server, started for this file) when things go wrong: the database down, a password
// in an error, several machines on one table, expired leases and the settles that come too late.
import { inspect } from "node:util";
import { type Claim, OutboxStoreError, type OutboxWorker } from "alipayhk-outbox";
import { createPostgresStore } from "alipayhk-outbox/postgres";
import { describe, expect, it } from "vitest";
import { movieOrder } from "./conformance.js";
import { applied, drain, newSandbox, postgresOutboxes, settled, sleep, usePostgres } from "./postgres-server.js";

const db = usePostgres();
const { pgOutbox } = postgresOutboxes(db);

describe("PostgreSQL store", () => {
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
});
