// Types of scripts/postgres.mjs, for the TypeScript tests that start a throwaway cluster.
export interface PostgresCluster {
  port: number;
  /** A postgres:// URL of `database` on this cluster. */
  url(database: string): string;
  /** Creates `database` (fresh) and returns its URL. */
  createDatabase(database: string): Promise<string>;
  dropDatabase(database: string): Promise<void>;
  /** Stops the server and deletes its files. */
  stop(): Promise<void>;
}
export function startPostgres(): Promise<PostgresCluster>;
