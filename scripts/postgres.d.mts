// Types of scripts/postgres.mjs, for the TypeScript tests that start a throwaway cluster.
export declare const MISSING: string;
export interface PostgresCluster {
  port: number;
  /** A postgres:// URL of `database` (trust authentication ignores the password). */
  url(database: string, password?: string): string;
  /** Creates `database` afresh and returns its URL. */
  createDatabase(database: string): Promise<string>;
  dropDatabase(database: string): Promise<void>;
  /** Stops the server (clients get refused connections) until `resume()`. */
  pause(): Promise<void>;
  /** Starts it again on the same port. */
  resume(): Promise<void>;
  /** Stops the server for good and deletes its files. */
  stop(): Promise<void>;
}
/** Starts a cluster; `stop()` it when done (it is also stopped when this process exits). */
export function startPostgres(): Promise<PostgresCluster>;
