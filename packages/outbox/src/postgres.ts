/**
 * alipayhk-outbox/postgres: the transactional outbox on PostgreSQL (Node, with `pg`). `add` writes through the
 * caller's transaction, so a call commits or rolls back with the business change; workers on any number of
 * processes and machines claim rows with FOR UPDATE SKIP LOCKED and hold them by a lease. Leases and due times are
 * counted on the database's clock (now()), so machines whose clocks differ agree on them.
 * @module
 */
import {
  type Claim,
  type DeadReason,
  type FailureSummary,
  type OrderRef,
  OutboxConfigError,
  type OutboxEntry,
  type OutboxStore,
  OutboxStoreError,
  type StoredCall,
} from "alipayhk-outbox";
import { type ClientBase, Pool } from "pg";

export interface PostgresStoreOptions {
  /**
   * Your pool: the store uses it and leaves it open on close(). Give it an 'error' listener: pg emits one when the
   * server drops an idle connection (a restart), which ends the process when nothing listens.
   */
  pool?: Pool;
  /** Or a postgres:// URL: the store opens its own pool and ends it on close(). */
  connectionString?: string;
  /** The table, created when missing; may be schema-qualified ("billing.outbox"). Default "alipayhk_outbox". */
  table?: string;
}

export interface PostgresStore extends OutboxStore<ClientBase> {
  /**
   * Stores a call as pending; with `tx`, a client inside your BEGIN (from `pool.connect()`), through your transaction.
   * A requestId already stored is left as it is.
   */
  add(call: StoredCall, tx?: ClientBase, order?: OrderRef): Promise<void>;
  /**
   * Creates the table and its indexes when missing, and upgrades a table of an earlier version (its new columns and
   * indexes). Safe to run again, and from several processes at once.
   */
  migrate(): Promise<void>;
  readonly coalesces: true;
  purge(olderThanMs: number): Promise<number>;
}

// lower case only: quoted, a name means what it says, and reserved words ("order") work too
const NAME = /^[a-z_][a-z0-9_]{0,47}$/;
// one lock for every outbox migration: two of them creating the same schema or table at once would collide
const MIGRATE_LOCK = "hashtext('alipayhk-outbox:migrate')";
// rows a purge deletes per statement: short transactions, however much there is to delete
const PURGE_BATCH = 10_000;

/** Opens the store and creates its table when missing (`migrate`). */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const { pool: given, connectionString, table = "alipayhk_outbox" } = options ?? {};
  if (given !== undefined && connectionString !== undefined)
    throw new OutboxConfigError("pool, connectionString: give one of them, not both");
  if (given !== undefined && (typeof given?.query !== "function" || typeof given?.connect !== "function")) {
    throw new OutboxConfigError("pool: must be a pg Pool");
  }
  if (given === undefined && (typeof connectionString !== "string" || connectionString === "")) {
    throw new OutboxConfigError("connectionString: give a postgres:// URL (or a pg Pool as pool)");
  }
  const parts = typeof table === "string" ? table.split(".") : [];
  if (!(parts.length === 1 || parts.length === 2) || !parts.every((p) => NAME.test(p))) {
    throw new OutboxConfigError(
      `table: ${JSON.stringify(table)} is not a table name ([schema.]name, lower-case letters, digits and _)`,
    );
  }
  const pool = given ?? new Pool({ connectionString, connectionTimeoutMillis: 10_000 });
  // an idle connection the server dropped (a restart) is an 'error' event, fatal unheard: the next query reconnects
  if (!given) pool.on("error", () => {});
  const store = postgresStore(pool, parts, secretsOf(connectionString, given), !given);
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

function postgresStore(pool: Pool, parts: string[], secrets: string[], owned: boolean): PostgresStore {
  const t = parts.map((p) => `"${p}"`).join(".");
  const base = parts[parts.length - 1];
  const name = parts.join(".");
  const ENTRY = `request_id, operation_id, state, attempts, enqueued_at::float8 AS enqueued_at, updated_at,
    last_failure, dead_reason, superseded_by, coalesce(lease_until > now(), false) AS leased`;
  let closed = false;

  async function run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      throw storeError(`${name}: ${what}`, cause, secrets);
    }
  }

  /**
   * What a table made before coalescing lacks: its columns and the "superseded" state. ALTER TABLE locks the table
   * even when it changes nothing, so it runs only on a table that lacks them.
   */
  async function upgrade(client: ClientBase) {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'superseded_by' AND NOT attisdropped`,
      [t],
    );
    if (rows.length) return;
    await client.query(`ALTER TABLE ${t}
      -- the order a call updates, its orderModifyTime, and whether a newer delivered update makes it unnecessary
      ADD COLUMN IF NOT EXISTS order_key text,
      ADD COLUMN IF NOT EXISTS order_at bigint,
      ADD COLUMN IF NOT EXISTS order_skippable boolean NOT NULL DEFAULT false,
      ADD COLUMN IF NOT EXISTS superseded_by text`);
    const checks = await client.query(
      `SELECT c.conname FROM pg_constraint AS c
         JOIN pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
       WHERE c.conrelid = $1::regclass AND c.contype = 'c' AND a.attname = 'state'`,
      [t],
    );
    for (const { conname } of checks.rows) await client.query(`ALTER TABLE ${t} DROP CONSTRAINT "${conname}"`);
    await client.query(`ALTER TABLE ${t} ADD CHECK (state IN ('pending', 'delivered', 'dead', 'superseded'))`);
  }

  return {
    coalesces: true,
    migrate: () =>
      run("migration failed", async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          await client.query(`SELECT pg_advisory_xact_lock(${MIGRATE_LOCK})`);
          if (parts.length === 2) await client.query(`CREATE SCHEMA IF NOT EXISTS "${parts[0]}"`);
          await client.query(`CREATE TABLE IF NOT EXISTS ${t} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            request_id text NOT NULL UNIQUE,
            operation_id text NOT NULL,
            -- text, not jsonb: kept byte for byte as enqueued, and a damaged row (or one written by something
            -- else) can still be stored and read back, so that its worker dead-letters it as unreadable
            body text NOT NULL,
            -- ms since the epoch, on the enqueuing machine's clock: the retry window counts from here
            enqueued_at bigint NOT NULL,
            state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'dead')),
            attempts integer NOT NULL DEFAULT 0,
            available_at timestamptz NOT NULL DEFAULT now(),
            lease_token text,
            lease_until timestamptz,
            last_failure jsonb,
            dead_reason text,
            updated_at timestamptz NOT NULL DEFAULT now()
          )`);
          await client.query(
            `CREATE INDEX IF NOT EXISTS "${base}_due" ON ${t} (available_at, id) WHERE state = 'pending'`,
          );
          await client.query(`CREATE INDEX IF NOT EXISTS "${base}_dead" ON ${t} (updated_at, id) WHERE state = 'dead'`);
          await upgrade(client);
          // counts() groups by state, and purge() finds old delivered rows, without reading the whole table
          await client.query(`CREATE INDEX IF NOT EXISTS "${base}_state" ON ${t} (state, updated_at)`);
          // coalescing: the other updates of a call's order
          await client.query(
            `CREATE INDEX IF NOT EXISTS "${base}_order" ON ${t} (order_key, order_at) WHERE order_key IS NOT NULL`,
          );
          await client.query("COMMIT");
          client.release();
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          client.release(true); // a broken connection is not given back to the pool
          throw error;
        }
      }),

    add: (call, tx, order) =>
      run("the call was not stored", async () => {
        await (tx ?? pool).query(
          `INSERT INTO ${t} (request_id, operation_id, body, enqueued_at, order_key, order_at, order_skippable)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (request_id) DO NOTHING`,
          [
            call.requestId,
            call.operationId,
            JSON.stringify(call.body),
            Math.trunc(call.enqueuedAt),
            order?.key ?? null,
            order?.at ?? null,
            order?.skippable ?? false,
          ],
        );
      }),

    claim: (limit, leaseMs) =>
      run("claim failed", async () => {
        // one statement: rows another worker is claiming right now are skipped, not waited for
        const { rows } = await pool.query(
          `UPDATE ${t} AS o
           SET lease_token = gen_random_uuid()::text, lease_until = now() + $2::float8 * interval '1 ms'
           FROM (SELECT id FROM ${t} AS c
                 WHERE state = 'pending' AND available_at <= now() AND (lease_until IS NULL OR lease_until <= now())
                   -- coalescing: held back while a newer update of its order is pending
                   AND NOT (CASE WHEN c.order_skippable THEN EXISTS (SELECT 1 FROM ${t} AS n
                     WHERE n.order_key = c.order_key AND n.order_at > c.order_at AND n.state = 'pending') ELSE false END)
                 ORDER BY available_at, id LIMIT $1 FOR UPDATE SKIP LOCKED) AS due
           WHERE o.id = due.id
           RETURNING o.id, o.available_at, o.lease_token, o.attempts, o.operation_id, o.request_id, o.body,
             o.enqueued_at::float8 AS enqueued_at,
             -- and not sent once a newer one was delivered (a terminal state: this answer cannot go stale)
             -- (CASE: without coalescing the subquery is never run, not even as a scan finding nothing)
             CASE WHEN o.order_skippable THEN (SELECT n.request_id FROM ${t} AS n WHERE n.order_key = o.order_key
                AND n.order_at > o.order_at AND n.state = 'delivered'
              ORDER BY n.order_at DESC LIMIT 1) END AS superseded_by`,
          [limit, leaseMs],
        );
        rows.sort((a, b) => a.available_at - b.available_at || Number(a.id) - Number(b.id));
        return rows.map(
          (r): Claim => ({
            token: r.lease_token,
            attempts: r.attempts,
            raw: { operationId: r.operation_id, requestId: r.request_id, body: r.body, enqueuedAt: r.enqueued_at },
            supersededBy: r.superseded_by ?? undefined,
          }),
        );
      }),

    settle: (claim, s) =>
      run("settle failed", async () => {
        // a superseded call was not sent: no attempt
        const attempt = s.state === "superseded" ? 0 : s.state !== "pending" || s.countAttempt ? 1 : 0;
        const failure = s.state === "delivered" || s.state === "superseded" ? undefined : s.failure;
        const { rowCount } = await pool.query(
          `UPDATE ${t} SET state = $2, attempts = attempts + $3, available_at = now() + $4::float8 * interval '1 ms',
             last_failure = coalesce($5::jsonb, last_failure), dead_reason = $6, superseded_by = $7,
             lease_token = NULL, lease_until = NULL, updated_at = now()
           WHERE lease_token = $1 AND state = 'pending'`,
          [
            claim.token,
            s.state,
            attempt,
            s.state === "pending" ? Math.max(0, s.delayMs) : 0,
            failure ? JSON.stringify(failure) : null,
            s.state === "dead" ? s.reason : null,
            s.state === "superseded" ? s.by : null,
          ],
        );
        return rowCount === 1;
      }),

    settleDelivered: (claims) =>
      run("settle failed", async () => {
        const { rows } = await pool.query<{ token: string }>(
          `WITH mine AS (SELECT id, lease_token AS token FROM ${t} WHERE lease_token = ANY($1::text[]) AND state = 'pending')
           UPDATE ${t} AS o SET state = 'delivered', attempts = attempts + 1, lease_token = NULL, lease_until = NULL,
             updated_at = now()
           FROM mine WHERE o.id = mine.id AND o.lease_token = mine.token
           RETURNING mine.token`,
          [claims.map((c) => c.token)],
        );
        return new Set(rows.map((r) => r.token));
      }),

    counts: () =>
      run("counting failed", async () => {
        // by the state index (no row read), and the leases of pending rows only (by the due index)
        const { rows } = await pool.query(
          `SELECT (SELECT coalesce(json_object_agg(state, n), '{}') FROM (SELECT state, count(*)::int AS n FROM ${t}
                   GROUP BY state) AS s) AS states,
                  (SELECT count(*)::int FROM ${t} WHERE state = 'pending' AND lease_until > now()) AS in_flight`,
        );
        const { states, in_flight: inFlight } = rows[0] as { states: Record<string, number>; in_flight: number };
        const n = (state: string) => states[state] ?? 0;
        return {
          pending: n("pending") - inFlight,
          inFlight,
          delivered: n("delivered"),
          dead: n("dead"),
          superseded: n("superseded"),
        };
      }),

    get: (requestId) =>
      run("reading a call failed", async () => {
        const { rows } = await pool.query<EntryRow>(`SELECT ${ENTRY} FROM ${t} WHERE request_id = $1`, [requestId]);
        return rows[0] && toEntry(rows[0]);
      }),

    dead: (limit) =>
      run("listing dead letters failed", async () => {
        const { rows } = await pool.query<EntryRow>(
          `SELECT ${ENTRY} FROM ${t} WHERE state = 'dead' ORDER BY updated_at, id LIMIT $1`,
          [limit],
        );
        return rows.map(toEntry);
      }),

    redrive: (requestIds) =>
      run("redrive failed", async () => {
        const { rowCount } = await pool.query(
          `UPDATE ${t} SET state = 'pending', available_at = now(), updated_at = now(), dead_reason = NULL,
             lease_token = NULL, lease_until = NULL, attempts = 0,
             enqueued_at = (extract(epoch FROM now()) * 1000)::bigint
           WHERE state = 'dead' AND ($1::text[] IS NULL OR request_id = ANY($1::text[]))`,
          [requestIds ? [...requestIds] : null],
        );
        return rowCount ?? 0;
      }),

    purge: (olderThanMs) =>
      run("purge failed", async () => {
        let total = 0;
        for (;;) {
          const { rowCount } = await pool.query(
            `DELETE FROM ${t} WHERE id IN (SELECT id FROM ${t} WHERE state IN ('delivered', 'superseded')
               AND updated_at < now() - $1::float8 * interval '1 ms' LIMIT ${PURGE_BATCH})`,
            [olderThanMs],
          );
          total += rowCount ?? 0;
          if ((rowCount ?? 0) < PURGE_BATCH) return total;
        }
      }),

    async close() {
      if (!owned || closed) return;
      closed = true;
      await pool.end();
    },
  };
}

interface EntryRow {
  request_id: string;
  operation_id: string;
  state: "pending" | "delivered" | "dead" | "superseded";
  attempts: number;
  enqueued_at: number;
  updated_at: Date;
  last_failure: FailureSummary | null;
  dead_reason: DeadReason | null;
  superseded_by: string | null;
  leased: boolean;
}

function toEntry(r: EntryRow): OutboxEntry {
  return {
    requestId: r.request_id,
    operationId: r.operation_id,
    state: r.state === "pending" && r.leased ? "in_flight" : r.state,
    attempts: r.attempts,
    enqueuedAt: r.enqueued_at,
    updatedAt: r.updated_at.getTime(),
    lastFailure: r.last_failure ?? undefined,
    deadReason: r.dead_reason ?? undefined,
    supersededBy: r.superseded_by ?? undefined,
  };
}

/** The passwords a message could quote: the connection string's, the pool's. */
function secretsOf(connectionString: string | undefined, pool: Pool | undefined): string[] {
  const secrets: string[] = [];
  const password = (pool as { options?: { password?: unknown } } | undefined)?.options?.password;
  if (typeof password === "string") secrets.push(password);
  if (connectionString) {
    secrets.push(connectionString);
    try {
      const url = new URL(connectionString);
      if (url.password) secrets.push(url.password, decodeURIComponent(url.password));
    } catch {
      // not a URL (key=value settings): the patterns in storeError cover it
    }
  }
  return secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** pg's error as an OutboxStoreError: what failed, pg's message and SQLSTATE, never a password. */
function storeError(what: string, cause: unknown, secrets: string[]): OutboxStoreError {
  if (cause instanceof OutboxStoreError) return cause;
  const raw = cause instanceof Error ? cause.message : String(cause);
  let text = raw.replace(/(\w+:\/\/[^:/?#@\s]*):[^@\s]*@/g, "$1:***@").replace(/(password\s*=\s*)\S+/gi, "$1***");
  for (const secret of secrets) text = text.split(secret).join("***");
  const code = (cause as { code?: unknown })?.code;
  const sqlstate = typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : "";
  // the cause is kept for its stack and fields, unless any of them quotes a password
  const fields =
    cause instanceof Error
      ? Object.getOwnPropertyNames(cause).map((k) => (cause as unknown as Record<string, unknown>)[k])
      : [];
  const quotes =
    text !== raw || fields.some((v) => typeof v === "string" && secrets.some((secret) => v.includes(secret)));
  return new OutboxStoreError(`${what}: ${text}${sqlstate}`, quotes ? undefined : cause);
}
