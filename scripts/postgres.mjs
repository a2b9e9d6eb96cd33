// @ts-check
/**
 * A throwaway PostgreSQL cluster for tests, soaks and benchmarks: `initdb` into a temporary directory, started with
 * `pg_ctl` on 127.0.0.1 at a free port, trust authentication, stopped and deleted by `stop()`. As root (CI) it runs
 * as the `postgres` user, since PostgreSQL refuses to run as root.
 *
 * Needs Debian's `postgresql` package (`.ci/run` installs it); without it, startPostgres throws saying so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./processes.mjs";

/** The directory holding initdb and pg_ctl: Debian's versioned one (newest first), or the PATH's. */
function binDir() {
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, "bin", "pg_ctl")));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], "bin");
  }
  try {
    return execFileSync("sh", ["-c", "dirname \"$(command -v pg_ctl)\""], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * @typedef {object} PostgresCluster
 * @property {number} port
 * @property {(database: string) => string} url a postgres:// URL of `database` on this cluster
 * @property {(database: string) => Promise<string>} createDatabase creates it (fresh) and returns its URL
 * @property {(database: string) => Promise<void>} dropDatabase
 * @property {() => Promise<void>} stop stops the server and deletes its files
 */

/** Starts a cluster; `stop()` it when done. @returns {Promise<PostgresCluster>} */
export async function startPostgres() {
  const bin = binDir();
  if (!bin || !existsSync(join(bin, "initdb"))) {
    throw new Error("PostgreSQL is not installed: install Debian's package (apt-get install postgresql), as .ci/run does");
  }
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "alipayhk-pg-"));
  const asOwner = (/** @type {string} */ command, /** @type {string[]} */ args) =>
    root ? execFileSync("runuser", ["-u", "postgres", "--", join(bin, command), ...args], { stdio: "pipe" }) : execFileSync(join(bin, command), args, { stdio: "pipe" });
  if (root) execFileSync("chown", ["postgres:postgres", dir]);
  const data = join(dir, "data");
  asOwner("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"]);
  const port = await freePort();
  // fsync off: a throwaway cluster needs no crash safety of its own (the tests kill workers, not the server)
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`;
  asOwner("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  const url = (/** @type {string} */ database) => `postgres://postgres@127.0.0.1:${port}/${database}`;
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
    async dropDatabase(database) {
      await admin(`DROP DATABASE IF EXISTS ${quoted(database)} WITH (FORCE)`);
    },
    async stop() {
      try {
        asOwner("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
