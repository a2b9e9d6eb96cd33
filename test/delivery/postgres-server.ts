/**
 * A throwaway PostgreSQL server for a test file (scripts/postgres.mjs: initdb in a temporary directory, trust auth, on
 * 127.0.0.1 at a port the OS picked), with a database of the file's own, dropped and removed afterwards; and the
 * outboxes the PostgreSQL test files build on it, with the helpers they share to drain them and check the sandbox.
 */
import { createOutbox, type Outbox, type OutboxWorker } from "alipayhk-outbox";
import { createPostgresStore, type PostgresStoreOptions } from "alipayhk-outbox/postgres";
import { createSandbox, type FaultOptions, type Sandbox } from "alipayhk-sandbox";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type PostgresCluster, startPostgres } from "../../scripts/postgres.mjs";
import { ALIPAY, CLIENT_ID, clientFor, MERCHANT } from "../conformance/fixtures.js";
import { FAST, type HarnessSettings } from "./conformance.js";

export type { PostgresCluster };

/**
 * Registers this file's server and database: started before its tests, dropped and stopped after them. The
 * properties are read inside tests; when the server could not start, each test fails with the reason (never skipped).
 */
export function usePostgres(): { readonly server: PostgresCluster; readonly database: string; readonly url: string } {
  let server: PostgresCluster | undefined;
  let database = "";
  let failure: unknown = new Error("the PostgreSQL server is not started yet");
  beforeAll(async () => {
    try {
      server = await startPostgres();
      database = `outbox_test_${process.pid}`;
      await server.createDatabase(database);
      failure = undefined;
    } catch (error) {
      failure = error;
    }
  }, 120_000);
  afterAll(async () => {
    if (!server) return;
    try {
      await server.resume(); // when a test paused it and failed before resuming it
      if (database) await server.dropDatabase(database);
    } finally {
      await server.stop();
    }
  }, 60_000);
  const started = () => {
    if (failure !== undefined || !server) throw failure;
    return server;
  };
  return {
    get server() {
      return started();
    },
    get database() {
      return started() && database;
    },
    get url() {
      return started().url(database);
    },
  };
}

export type PostgresDatabase = ReturnType<typeof usePostgres>;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// the shared fixture's client, on the base URL these files have always used
export const clientForSandbox = (sandbox: Sandbox) =>
  clientFor(sandbox, { baseUrl: "https://sandbox.invalid", fetch: sandbox.fetch });

export const newSandbox = (faults?: FaultOptions) =>
  createSandbox({ merchants: { [CLIENT_ID]: MERCHANT.spkiPem }, alipayPrivateKey: ALIPAY.pkcs8Pem, seed: 7, faults });

/** The outboxes and administrator connections of a test file, on its database `db`. */
export function postgresOutboxes(db: PostgresDatabase) {
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
    const outbox = createOutbox({ client: clientForSandbox(box), store, coalesce, ...settings });
    return { sandbox: box, store, outbox };
  }

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

  return { pgOutbox, admin };
}

/** Runs a worker on each outbox until their table has nothing pending or in flight. */
export async function drain(
  outboxes: Outbox<pg.ClientBase>[],
  timeoutMs: number,
  concurrency = 4,
): Promise<OutboxWorker[]> {
  const workers = outboxes.map((outbox) => outbox.work({ concurrency, pollMs: 10 }));
  try {
    await settled(outboxes[0]!, timeoutMs);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  return workers;
}

export async function settled(outbox: Outbox<pg.ClientBase>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await outbox.counts();
    if (counts.pending + counts.inFlight === 0) return;
    if (Date.now() > deadline) throw new Error(`not drained in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await sleep(20);
  }
}

/** How often the sandbox applied each requestId. */
export function applied(sandbox: Sandbox): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of sandbox.orders)
    for (const u of order.history) counts.set(u.requestId, (counts.get(u.requestId) ?? 0) + 1);
  return counts;
}
