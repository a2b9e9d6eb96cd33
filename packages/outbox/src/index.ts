/**
 * alipayhk-outbox: order updates that survive crashes and outages. `enqueue` validates a call and stores it with a fixed
 * requestId; workers deliver it through your alipayhk-order client, retrying an unknown outcome with the same requestId
 * (with backoff, for 24 h by default) and dead-lettering definite failures with AlipayHK's result.
 *
 * Stores: `createMemoryStore` here (embedded, for trying things out), PostgreSQL in `alipayhk-outbox/postgres`.
 * Cloudflare Queues and Deno KV queues deliver through their own entries with the same verdicts.
 *
 * The same building blocks serve an adapter for another queue: `prepareCall` at the producer; `readCall`,
 * `checkDeliveryOptions` and `deliverCall` at the consumer, which acts on the verdict (`backoffMs` for its own delays).
 * @module
 */
export { prepareCall, readCall, type StoredCall } from "./call.js";
export {
  backoffMs,
  checkDeliveryOptions,
  deliverCall,
  type DeadReason,
  type DeliveryOptions,
  type FailureSummary,
  type OutboxClient,
  type Verdict,
} from "./deliver.js";
export { OutboxConfigError, OutboxStoreError, type OutboxErrorCode } from "./errors.js";
export { createMemoryStore, type MemoryStore } from "./memory.js";
export { createOutbox, type Outbox, type OutboxOptions, type OutboxWorker, type WorkerOptions } from "./outbox.js";
export type { CallState, Claim, OrderRef, OutboxCounts, OutboxEntry, OutboxStore, Settlement } from "./store.js";
