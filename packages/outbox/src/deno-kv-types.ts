/**
 * The few Deno KV types the outbox uses, declared here so that the package needs no Deno types. A `Deno.Kv` fits them
 * (the tests check that with Deno's own types); this file imports nothing, so Deno can check it alone.
 */
export type KvKeyPart = string | number | bigint | boolean | Uint8Array;
export type KvKey = readonly KvKeyPart[];

/** The part of `Deno.AtomicOperation` the outbox uses. */
export interface KvAtomic {
  check(...checks: { key: KvKey; versionstamp: string | null }[]): this;
  set(key: KvKey, value: unknown): this;
  delete(key: KvKey): this;
  enqueue(value: unknown, options?: { delay?: number; keysIfUndelivered?: KvKey[]; backoffSchedule?: number[] }): this;
  commit(): Promise<{ ok: boolean }>;
}

/** The part of `Deno.Kv` the outbox uses (`await Deno.openKv()`). */
export interface KvLike {
  get(key: KvKey): Promise<{ value: unknown; versionstamp: string | null }>;
  list(selector: { prefix: KvKey }): AsyncIterable<{ key: readonly unknown[]; value: unknown; versionstamp: string }>;
  atomic(): KvAtomic;
  listenQueue(handler: (message: unknown) => Promise<void>): Promise<void>;
}
