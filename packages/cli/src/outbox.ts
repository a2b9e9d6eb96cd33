/**
 * `alipayhk outbox`: the durable outbox (alipayhk-outbox) on PostgreSQL from the command line: enqueue calls, run a
 * worker that delivers them, see where they stand, re-drive dead letters. The database is ALIPAYHK_OUTBOX_URL; the
 * outbox's table is created when missing. The URL's password is never printed.
 */
import { createOutbox, prepareCall, type OutboxEntry, type OutboxWorker } from "alipayhk-outbox";
import type { PostgresStore } from "alipayhk-outbox/postgres";
import { ValidationError } from "alipayhk-order";
import type { Pool } from "pg";
import {
  clientFlags,
  clientFromSettings,
  operationFor,
  strictFlags,
  strictFrom,
  type Command,
  type Io,
} from "./commands.js";
import { EXIT, UsageError, readJson } from "./io.js";
import { ENV, checkEnvNames } from "./settings.js";

type Values = Record<string, string | boolean | undefined>;

const SUBCOMMANDS = ["enqueue", "work", "status", "retry"] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** Which subcommand takes each flag: any other subcommand refuses it rather than ignoring it. */
const FLAGS_OF: Record<Subcommand, readonly string[]> = {
  enqueue: ["operation", "strict", "no-strict"],
  work: ["concurrency", "lease", ...Object.keys(clientFlags)],
  status: ["json"],
  retry: ["all-dead"],
};

/** The database URL, checked, and how to show it: with the password replaced. */
export function outboxUrl(env: Io["env"]): { url: string; shown: string; password: string } {
  const value = env[ENV.outboxUrl];
  if (!value) {
    throw new UsageError(
      `${ENV.outboxUrl} is required: the outbox's PostgreSQL database, as postgres://USER:PASSWORD@HOST:PORT/DATABASE`,
    );
  }
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (!url || (url.protocol !== "postgres:" && url.protocol !== "postgresql:") || !url.hostname) {
    // not echoed: a value that does not parse may still hold a password
    throw new UsageError(
      `${ENV.outboxUrl}: not a postgres:// URL with a host; write it like postgres://USER:PASSWORD@127.0.0.1:5432/DB`,
    );
  }
  const password = decodeURIComponent(url.password);
  if (url.password) url.password = "***";
  return { url: value, shown: url.href, password };
}

interface Opened {
  store: PostgresStore;
  /** The store's pool (ours: enqueue writes through one transaction of it). */
  pool: Pool;
  shown: string;
  /** A database message without the password. */
  hide: (text: string) => string;
}

/** Opens the store (running its migration) on a pool of our own; a failure names the database, never its password. */
async function openStore(env: Io["env"]): Promise<Opened> {
  const { url, shown, password } = outboxUrl(env);
  const hide = (text: string) => (password ? text.split(password).join("***") : text);
  // loaded only by these commands: the others start without pg
  const [{ default: pg }, { createPostgresStore }] = await Promise.all([
    import("pg"),
    import("alipayhk-outbox/postgres"),
  ]);
  const pool = new pg.Pool({ connectionString: url, connectionTimeoutMillis: 10_000 });
  pool.on("error", () => {}); // an idle connection the server dropped: the next query reconnects
  try {
    return { store: await createPostgresStore({ pool }), pool, shown, hide };
  } catch (error) {
    await pool.end().catch(() => {});
    throw new StoreFailure(`cannot open the outbox at ${shown}: ${hide((error as Error)?.message ?? String(error))}`);
  }
}

/** Runs `fn` on the opened store, then ends its pool; a database error becomes a StoreFailure saying what failed. */
async function withStore<T>(env: Io["env"], what: string, fn: (opened: Opened) => Promise<T>): Promise<T> {
  const opened = await openStore(env);
  try {
    return await fn(opened);
  } catch (error) {
    if (error instanceof UsageError || error instanceof StoreFailure) throw error;
    throw new StoreFailure(`${what}: ${opened.hide((error as Error)?.message ?? String(error))}`);
  } finally {
    await opened.pool.end().catch(() => {});
  }
}

/** The database failed: nothing was stored or changed by this command. Exit 1. */
class StoreFailure extends Error {
  override name = "StoreFailure";
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** One dead letter on one line: its requestId, operation, reason and AlipayHK's result (or the failure's code). */
function deadLine(entry: OutboxEntry): string {
  const f = entry.lastFailure;
  const result = f?.resultCode
    ? `${f.resultCode}${f.resultStatus ? ` (${f.resultStatus})` : ""}`
    : (f?.code ?? "no result");
  const http = f?.httpStatus && f.httpStatus !== 200 ? `, HTTP ${f.httpStatus}` : "";
  const message = f?.resultMessage ?? f?.message ?? "";
  const when = `${count(entry.attempts, "attempt")}, ${new Date(entry.updatedAt).toISOString()}`;
  const reason = entry.deadReason ?? "dead";
  return `  ${entry.requestId}  ${entry.operationId}  ${reason}: ${result}${http}: ${message} (${when})`;
}

async function enqueue(files: string[], values: Values, io: Io): Promise<number> {
  if (!files.length) throw new UsageError("give at least one body file: alipayhk outbox enqueue FILE...");
  const strict = strictFrom(values, false);
  const operation = typeof values.operation === "string" ? values.operation : undefined;
  // every file checked before anything is stored: a bad one means none of them is enqueued
  const calls = files.map((file) => {
    const body = readJson(file, "body file");
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw new UsageError(`${file}: must hold one request body, a JSON object`);
    try {
      return { file, call: prepareCall(operationFor(body, operation), body, { strict }) };
    } catch (error) {
      if (error instanceof UsageError || error instanceof ValidationError)
        throw new UsageError(`${file}: ${error.message}`);
      throw error;
    }
  });
  await withStore(io.env, "nothing was enqueued", async ({ store, pool }) => {
    // one transaction: all of them are stored, or none
    const tx = await pool.connect();
    try {
      await tx.query("BEGIN");
      for (const { call } of calls) await store.add(call, tx);
      await tx.query("COMMIT");
      tx.release();
    } catch (error) {
      await tx.query("ROLLBACK").catch(() => {});
      tx.release(true);
      throw error;
    }
  });
  for (const { file, call } of calls) io.out(`${call.requestId}\t${file}`);
  return EXIT.ok;
}

async function work(values: Values, io: Io): Promise<number> {
  const concurrency = wholeNumber(values.concurrency, "--concurrency", 4, 1000);
  const leaseMs = wholeNumber(values.lease, "--lease", 120, 86_400) * 1000;
  outboxUrl(io.env); // a missing URL is named before the client's settings are read
  // Signals are heard from the start: one lets the calls in flight finish (or stops a worker not yet started); a
  // second stops at once, and the calls in flight stay pending, to be sent again with the same requestId.
  const stopping = new AbortController();
  let worker: OutboxWorker | undefined;
  const onSignal = () => {
    if (!stopping.signal.aborted) {
      io.err("outbox worker: stopping once the calls in flight are settled (signal again to stop now)");
      stopping.abort();
    } else void worker?.abort();
  };
  process.on("SIGTERM", onSignal).on("SIGINT", onSignal);
  try {
    const encrypt = values.encrypt === true ? (await import("alipayhk-order/encryption")).rsaAes() : undefined;
    // not strict: the bodies were checked at enqueue, with the strictness asked for then
    const { client } = await clientFromSettings(values, io, { encrypt, strict: false });
    return await withStore(io.env, "the worker failed", async ({ store, shown }) => {
      const outbox = createOutbox({
        client,
        store,
        onDelivered: (call) => io.out(`delivered ${call.requestId}`),
        onDeadLetter: ({ requestId, reason, failure }) => {
          const f = failure as { code?: string; resultCode?: string };
          io.out(`dead ${requestId} ${reason}: ${f.resultCode ?? f.code ?? ""}`);
        },
      });
      worker = outbox.work({ concurrency, leaseMs, signal: stopping.signal });
      io.err(`outbox worker: delivering from ${shown}, ${concurrency} at once (SIGTERM or Ctrl+C stops it)`);
      await worker.done;
      const { delivered, dead, retried, released, superseded } = worker.settled;
      const settled = `${delivered} delivered, ${dead} dead-lettered, ${superseded} superseded, ${retried} retried`;
      io.err(`outbox worker stopped: ${settled}, ${released} released`);
      return EXIT.ok;
    });
  } finally {
    process.off("SIGTERM", onSignal).off("SIGINT", onSignal);
  }
}

async function status(values: Values, io: Io): Promise<number> {
  return withStore(io.env, "cannot read the outbox", async ({ store }) => {
    const counts = await store.counts();
    if (values.json === true) {
      io.out(JSON.stringify({ counts, deadLetters: counts.dead ? await store.dead(counts.dead) : [] }, null, 2));
      return EXIT.ok;
    }
    const { pending, inFlight, delivered, dead, superseded } = counts;
    // superseded: left unsent by a service whose outbox coalesces (this CLI's enqueue never asks for it)
    const more = superseded ? `, superseded ${superseded}` : "";
    io.out(`pending ${pending}, in flight ${inFlight}, delivered ${delivered}, dead ${dead}${more}`);
    const letters = dead ? await store.dead(20) : [];
    if (letters.length) {
      io.out("dead letters (oldest first; alipayhk outbox retry REQUEST_ID sends one again with its requestId):");
      for (const entry of letters) io.out(deadLine(entry));
      if (dead > letters.length) io.out(`  ... and ${dead - letters.length} more (--json lists them all)`);
    }
    return EXIT.ok;
  });
}

async function retry(ids: string[], values: Values, io: Io): Promise<number> {
  const all = values["all-dead"] === true;
  if (all && ids.length) throw new UsageError("give request IDs or --all-dead, not both");
  if (!all && !ids.length)
    throw new UsageError("give the requestId of a dead letter (alipayhk outbox status lists them), or --all-dead");
  return withStore(io.env, "nothing was re-driven", async ({ store }) => {
    if (all) {
      io.out(`${count(await store.redrive(), "dead letter")} sent back to be delivered`);
      return EXIT.ok;
    }
    // each ID checked first: a typo is named, and nothing is re-driven unless all of them are dead letters
    for (const id of ids) {
      const entry = await store.get(id);
      if (!entry) throw new UsageError(`no call with requestId ${JSON.stringify(id)} in the outbox`);
      if (entry.state !== "dead")
        throw new UsageError(`${id} is ${entry.state.replace("_", " ")}, not a dead letter: nothing to retry`);
    }
    await store.redrive(ids);
    for (const id of ids) io.out(`${id} sent back to be delivered`);
    return EXIT.ok;
  });
}

function wholeNumber(value: string | boolean | undefined, flag: string, byDefault: number, max: number): number {
  if (value === undefined) return byDefault;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max))
    throw new UsageError(`${flag}: must be a whole number from 1 to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

export const outbox: Command = {
  summary:
    "a durable outbox on PostgreSQL: enqueue calls, run a worker that delivers them, see and re-drive dead letters",
  usage: [
    "alipayhk outbox enqueue FILE... [--operation ID] [--strict | --no-strict]",
    "       alipayhk outbox work [--concurrency 4] [--lease 120] [client settings as for sync, or --sandbox]",
    "       alipayhk outbox status [--json]",
    "       alipayhk outbox retry REQUEST_ID... | --all-dead",
    "",
    `  The outbox is the PostgreSQL database at ${ENV.outboxUrl} (postgres://USER:PASSWORD@HOST:PORT/DB);`,
    "  its table is created when missing. Calls are delivered at least once with the requestId fixed at enqueue,",
    "  so AlipayHK never applies one twice.",
    "  enqueue: checks each body as sync would (the operation picked from its fields, or --operation), stores",
    "    them all or none, and prints each call's requestId",
    "  work: delivers until SIGTERM or SIGINT, then finishes the calls in flight and exits 0 (a second signal",
    "    stops at once; those calls stay pending). An unknown outcome is retried with backoff for 24 h; a",
    "    definite failure (an F result, a 4xx) becomes a dead letter. --lease: seconds a call stays with this",
    `    worker before another may take it. Needs ${ENV.clientId}, ${ENV.privateKey} (or _FILE),`,
    `    ${ENV.alipayPublicKey} (or _FILE), ${ENV.baseUrl} or ${ENV.environment}, or their flags`,
    "  status: counts of pending, in flight, delivered and dead calls, and the dead letters with AlipayHK's result",
    "  retry: sends dead letters again with their own requestId",
    "  exit codes: 0 ok, 1 the database failed (nothing changed), 2 usage, input or settings error (nothing changed)",
  ].join("\n"),
  options: {
    ...strictFlags,
    ...clientFlags,
    operation: { type: "string" },
    concurrency: { type: "string" },
    lease: { type: "string" },
    json: { type: "boolean" },
    "all-dead": { type: "boolean" },
  },
  positionals: Infinity,
  takes: "a subcommand (enqueue, work, status, retry) and its arguments",
  async run(values, positionals, io) {
    checkEnvNames(io.env);
    const [name, ...rest] = positionals;
    if (!SUBCOMMANDS.includes(name as Subcommand)) {
      const what = name === undefined ? "a subcommand is missing" : `unknown subcommand ${JSON.stringify(name)}`;
      throw new UsageError(`${what}: one of ${SUBCOMMANDS.join(", ")} (see alipayhk outbox --help)`);
    }
    const sub = name as Subcommand;
    for (const flag of Object.keys(values)) {
      if (values[flag] !== undefined && !FLAGS_OF[sub].includes(flag))
        throw new UsageError(`--${flag} is not a flag of outbox ${sub}`);
    }
    if ((sub === "work" || sub === "status") && rest.length)
      throw new UsageError(`outbox ${sub} takes no arguments (got ${JSON.stringify(rest[0])})`);
    try {
      if (sub === "enqueue") return await enqueue(rest, values, io);
      if (sub === "work") return await work(values, io);
      if (sub === "status") return await status(values, io);
      return await retry(rest, values, io);
    } catch (error) {
      if (!(error instanceof StoreFailure)) throw error;
      io.err(`alipayhk outbox ${sub}: ${error.message}`);
      return EXIT.failed;
    }
  },
};
