/** The outbox's own errors; a body the spec refuses is the client's ValidationError, as the method would throw it. */
import { AlipayHKError } from "alipayhk-signature";

export type OutboxErrorCode = "ERR_OUTBOX_CONFIG" | "ERR_OUTBOX_STORE";

/** A bad outbox setting (an unknown operation, a window that is not a duration...), naming it. Nothing was stored. */
export class OutboxConfigError extends AlipayHKError<"ERR_OUTBOX_CONFIG"> {
  override name = "OutboxConfigError";
  constructor(message: string) {
    super("ERR_OUTBOX_CONFIG", message);
  }
}

/**
 * The store failed (a database down, a refused write...). From `enqueue`: nothing was stored, or the caller's
 * transaction holds the failed write and must roll back. Workers back off and try again on their own.
 */
export class OutboxStoreError extends AlipayHKError<"ERR_OUTBOX_STORE"> {
  override name = "OutboxStoreError";
  constructor(message: string, cause?: unknown) {
    super("ERR_OUTBOX_STORE", message, { cause });
  }
}
