/**
 * A throwaway PostgreSQL server for a test file: a cluster made by initdb in a temporary directory (trust auth,
 * listening on 127.0.0.1 only, on a port the OS picked), a database of the file's own, all dropped and removed
 * afterwards. Needs PostgreSQL's server programs (Debian: `apt-get install postgresql`); no service is used.
 * As root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
 */
import { execFile, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";

export interface PostgresServer {
  readonly port: number;
  /** A connection string for `database` (as the superuser, postgres); `password` is put in it (trust ignores it). */
  url(database: string, password?: string): string;
  /** A new empty database; its name. */
  createDatabase(): Promise<string>;
  dropDatabase(name: string): Promise<void>;
  /** Stops the server (fast shutdown): clients get refused connections until `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  close(): Promise<void>;
}

const MISSING =
  "PostgreSQL is not installed: these tests start their own server with its initdb and pg_ctl. Install it " +
  "(Debian: apt-get install postgresql; no service needs to run) and run them again.";

/** The directory holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/<version>/bin, or the PATH. */
function serverBin(): string {
  const debian = "/usr/lib/postgresql";
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const dirs = [...versions.map((v) => join(debian, v, "bin")), ...(process.env.PATH ?? "").split(":").filter(Boolean)];
  const found = dirs.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl")));
  if (!found) throw new Error(MISSING);
  return found;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = serverBin();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "alipayhk-outbox-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  if (root) {
    const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    const [uid, gid] = [id("-u"), id("-g")];
    if (!Number.isInteger(uid) || uid === 0)
      throw new Error(`running as root, and there is no postgres user to run the server as. ${MISSING}`);
    chownSync(dir, uid, gid);
  }
  // as root, through runuser: the server's files and processes are the postgres user's
  const command = (program: string, args: string[]): [string, string[]] =>
    root ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]] : [join(bin, program), args];
  const exec = (program: string, args: string[]) =>
    new Promise<string>((resolve, reject) => {
      const [file, argv] = command(program, args);
      execFile(file, argv, { encoding: "utf8", timeout: 90_000 }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const logged = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
        reject(new Error(`${program} ${args.join(" ")} failed: ${error.message}\n${stderr}\n${logged}`));
      });
    });

  // -N: no fsync of the new files (a throwaway cluster)
  await exec("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"]);
  let port = 0;
  let running = false;
  const start = async () => {
    if (running) return;
    await exec("pg_ctl", [
      "-D",
      data,
      "-l",
      log,
      "-w",
      "-t",
      "60",
      "-o",
      `-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    ]);
    running = true;
  };
  const stopNow = () =>
    spawnSync(...command("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
  for (let tries = 1; ; tries++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      if (tries === 3) throw error; // the port picked was taken in between, three times: something else is wrong
    }
  }
  // a test run that ends without close() does not leave the server running
  process.once("exit", stopNow);

  const url = (database: string, password?: string) =>
    `postgres://postgres${password ? `:${encodeURIComponent(password)}` : ""}@127.0.0.1:${port}/${database}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url("postgres") });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  let databases = 0;
  return {
    port,
    url,
    async createDatabase() {
      const name = `outbox_test_${process.pid}_${++databases}`;
      await admin(`CREATE DATABASE "${name}"`);
      return name;
    },
    dropDatabase: (name) => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    async stop() {
      if (!running) return;
      await exec("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    start,
    async close() {
      process.removeListener("exit", stopNow);
      stopNow();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers this file's server and database: started before its tests, dropped and stopped after them. The
 * properties are read inside tests; when the server could not start, each test fails with the reason (never skipped).
 */
export function usePostgres(): { readonly server: PostgresServer; readonly database: string; readonly url: string } {
  let server: PostgresServer | undefined;
  let database = "";
  let failure: unknown = new Error("the PostgreSQL server is not started yet");
  beforeAll(async () => {
    try {
      server = await startPostgres();
      database = await server.createDatabase();
      failure = undefined;
    } catch (error) {
      failure = error;
    }
  }, 120_000);
  afterAll(async () => {
    if (!server) return;
    try {
      await server.start(); // when a test stopped it and failed before starting it again
      if (database) await server.dropDatabase(database);
    } finally {
      await server.close();
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
