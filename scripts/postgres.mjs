// @ts-check
/**
 * A throwaway PostgreSQL cluster for tests, soaks and benchmarks: `initdb` (trust authentication) into a temporary
 * directory, started with `pg_ctl` on 127.0.0.1 at a port the OS picked, stopped and deleted by `stop()`. As root (CI)
 * it runs as the `postgres` user, since PostgreSQL refuses to run as root. No service is used.
 *
 * Needs PostgreSQL's server programs (Debian: `apt-get install postgresql`, which `.ci/run` does); without them,
 * startPostgres throws saying so.
 */
import { execFile, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./processes.mjs";

export const MISSING =
  "PostgreSQL is not installed: the outbox's tests, soak and benchmark start their own server with its initdb and " +
  "pg_ctl. Install it (Debian: apt-get install postgresql; no service needs to run) and run them again.";

/** The directory holding initdb and pg_ctl: Debian's newest /usr/lib/postgresql/<version>/bin, or the PATH's. */
function serverBin() {
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

/**
 * @typedef {object} PostgresCluster
 * @property {number} port
 * @property {(database: string, password?: string) => string} url a postgres:// URL of `database` (trust ignores the password)
 * @property {(database: string) => Promise<string>} createDatabase creates `database` afresh and returns its URL
 * @property {(database: string) => Promise<void>} dropDatabase
 * @property {() => Promise<void>} pause stops the server (clients get refused connections) until `resume()`
 * @property {() => Promise<void>} resume starts it again on the same port
 * @property {() => Promise<void>} stop stops the server for good and deletes its files
 */

/** Starts a cluster; `stop()` it when done (it is also stopped when this process exits). @returns {Promise<PostgresCluster>} */
export async function startPostgres() {
  const bin = serverBin();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "alipayhk-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  if (root) {
    const id = (/** @type {string} */ flag) =>
      Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
    const [uid, gid] = [id("-u"), id("-g")];
    if (!Number.isInteger(uid) || uid === 0)
      throw new Error(`running as root, and there is no postgres user to run the server as. ${MISSING}`);
    chownSync(dir, uid, gid);
  }
  /** As root through runuser: the server's files and processes are the postgres user's. @returns {[string, string[]]} */
  const command = (/** @type {string} */ program, /** @type {string[]} */ args) =>
    root ? ["runuser", ["-u", "postgres", "--", join(bin, program), ...args]] : [join(bin, program), args];
  const exec = (/** @type {string} */ program, /** @type {string[]} */ args) =>
    new Promise((resolve, reject) => {
      const [file, argv] = command(program, args);
      execFile(file, argv, { encoding: "utf8", timeout: 90_000 }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const logged = existsSync(log) ? readFileSync(log, "utf8").slice(-2000) : "";
        reject(new Error(`${program} ${args.join(" ")} failed: ${error.message}\n${stderr}\n${logged}`));
      });
    });

  // -N: no fsync of the new files; fsync=off: a throwaway cluster needs no crash safety of its own
  await exec("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"]);
  let port = 0;
  let running = false;
  const resume = async () => {
    if (running) return;
    const options = `-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
    await exec("pg_ctl", ["-D", data, "-l", log, "-w", "-t", "60", "-o", options, "start"]);
    running = true;
  };
  const stopNow = () =>
    spawnSync(...command("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]), { stdio: "ignore" });
  for (let tries = 1; ; tries++) {
    port = await freePort();
    try {
      await resume();
      break;
    } catch (error) {
      if (tries === 3) throw error; // the port picked was taken in between, three times: something else is wrong
    }
  }
  // a run that ends without stop() does not leave the server running
  process.once("exit", stopNow);

  /** @param {string} database @param {string} [password] */
  const url = (database, password) =>
    `postgres://postgres${password ? `:${encodeURIComponent(password)}` : ""}@127.0.0.1:${port}/${database}`;
  const admin = async (/** @type {string} */ sql) => {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url("postgres") });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const quoted = (/** @type {string} */ name) => `"${name.replaceAll('"', '""')}"`;
  return {
    port,
    url,
    async createDatabase(database) {
      await admin(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`);
      await admin(`CREATE DATABASE ${quoted(database)}`);
      return url(database);
    },
    dropDatabase: (database) => admin(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`),
    async pause() {
      if (!running) return;
      await exec("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      running = false;
    },
    resume,
    async stop() {
      process.removeListener("exit", stopNow);
      stopNow();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
