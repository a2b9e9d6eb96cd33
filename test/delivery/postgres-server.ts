/**
 * A throwaway PostgreSQL server for a test file (scripts/postgres.mjs: initdb in a temporary directory, trust auth, on
 * 127.0.0.1 at a port the OS picked), with a database of the file's own, dropped and removed afterwards.
 */
import { afterAll, beforeAll } from "vitest";
import { type PostgresCluster, startPostgres } from "../../scripts/postgres.mjs";

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
