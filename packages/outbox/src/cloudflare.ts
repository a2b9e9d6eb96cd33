/**
 * alipayhk-outbox/cloudflare: durable delivery on Cloudflare Queues. A producer validates a call and sends it to a
 * queue with its requestId fixed; the queue's consumer delivers it through your alipayhk-order client with the same
 * verdicts as every outbox (delivered, retried with backoff until the window ends, dead-lettered with AlipayHK's
 * result). Dead letters go to a dead-letter queue whose consumer keeps them in a KV namespace, listable and re-driven
 * with their requestId.
 *
 * Set the main queue's `max_retries` to 100 (the most Queues allow) and its `dead_letter_queue`: the consumer
 * dead-letters a call itself, with the reason, before Queues would give up on it.
 * @module
 */
import { ValidationError } from "alipayhk-order";
// by name, not ./: the main entry stays external to this one, so both share one OutboxConfigError (instanceof holds)
import {
  backoffMs,
  checkDeliveryOptions,
  deliverCall,
  OutboxConfigError,
  OutboxStoreError,
  prepareCall,
  readCall,
  type DeadReason,
  type DeliveryOptions,
  type FailureSummary,
  type OutboxClient,
  type StoredCall,
} from "alipayhk-outbox";

// The parts of the Workers runtime's types used here, declared structurally: a binding typed by
// @cloudflare/workers-types (Queue, MessageBatch, KVNamespace) fits them.

/** A queue's producer binding (`env.MY_QUEUE`). */
export interface QueueLike {
  send(message: unknown, options?: { contentType?: "json"; delaySeconds?: number }): Promise<unknown>;
}
/** One message of a batch given to a queue consumer. */
export interface QueueMessageLike {
  readonly id: string;
  readonly body: unknown;
  /** Deliveries of this message so far, this one included (1 the first time). */
  readonly attempts: number;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}
/** The batch a Worker's `queue()` handler receives. */
export interface QueueBatchLike {
  readonly queue: string;
  readonly messages: readonly QueueMessageLike[];
}
/** A KV namespace binding (`env.MY_KV`). */
export interface KVLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
  list(options?: {
    prefix?: string;
    cursor?: string;
    limit?: number;
  }): Promise<{ keys: readonly { name: string }[]; list_complete: boolean; cursor?: string }>;
}

/** The version of the message format below: a consumer refuses (dead-letters as unreadable) any other. */
export const MESSAGE_VERSION = 1;
/** Cloudflare Queues' limit on one message. */
export const MAX_MESSAGE_BYTES = 128_000;
/** Cloudflare Queues' limit on a delay (12 h). */
export const MAX_DELAY_SECONDS = 43_200;

/** A call as a queue message: the stored call as JSON, with the format's version. */
export interface CallMessage extends StoredCall {
  readonly version: typeof MESSAGE_VERSION;
}

/** Why a call was dead-lettered: the outbox's reasons, and Queues' own limit on retries. */
export type QueueDeadReason = DeadReason | "retries_exhausted";

/** A dead letter, as sent to the dead-letter queue and kept in KV. */
export interface DeadLetter {
  /** The format's version (and its mark: a dead-letter queue also receives the messages Queues itself gave up on). */
  readonly deadLetter: 1;
  /** The call's requestId; for a message that cannot be read, `unreadable:` and the queue's message id. */
  readonly requestId: string;
  readonly reason: QueueDeadReason;
  /** What the last attempt ended with: codes and AlipayHK's result, never a key or a signature. */
  readonly failure: FailureSummary;
  /** Delivery attempts made; absent when Queues moved the message after its own max_retries. */
  readonly attempts?: number;
  /** When it was dead-lettered (ms since the epoch). */
  readonly at: number;
  /** The call, as enqueued: re-driven as it is. */
  readonly call?: StoredCall;
  /** A message that cannot be read, as received (or the start of its JSON text, when too large to keep whole). */
  readonly raw?: unknown;
  readonly rawTruncated?: true;
}

const encoder = new TextEncoder();
const bytes = (value: unknown) => encoder.encode(JSON.stringify(value)).byteLength;
const toMessage = (call: StoredCall): CallMessage => ({ version: MESSAGE_VERSION, ...call });

/** A queue message read back as a call, or why it cannot be. */
export function readMessage(body: unknown): StoredCall | string {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "the message is not an outbox call";
  const { version } = body as { version?: unknown };
  if (version !== MESSAGE_VERSION) return `message version ${JSON.stringify(version)} is not ${MESSAGE_VERSION}`;
  return readCall(body as Parameters<typeof readCall>[0]);
}

function sendFailed(what: string, cause: unknown): OutboxStoreError {
  return new OutboxStoreError(`${what}: ${cause instanceof Error ? cause.message : String(cause)}`, cause);
}

export interface QueueProducer {
  /**
   * Validates `body` as the operation's method would and sends the call to the queue with a fixed requestId.
   * @throws the client's ValidationError (nothing sent), OutboxConfigError for an unknown operation or a bad
   *   delaySeconds, OutboxStoreError when the queue refuses the message.
   */
  enqueue(operationId: string, body: object, options?: { delaySeconds?: number }): Promise<{ requestId: string }>;
}

/**
 * A producer on a queue binding: `createQueueProducer(env.ORDER_UPDATES).enqueue("syncOrder", order)`.
 * @param strict refuse at enqueue what only this SDK's reading forbids, as the client's `strict`
 */
export function createQueueProducer(queue: QueueLike, { strict = false }: { strict?: boolean } = {}): QueueProducer {
  if (typeof queue?.send !== "function")
    throw new OutboxConfigError("queue: give a Cloudflare Queues producer binding (env.MY_QUEUE)");
  return {
    async enqueue(operationId, body, { delaySeconds } = {}) {
      if (
        delaySeconds !== undefined &&
        !(Number.isInteger(delaySeconds) && delaySeconds >= 0 && delaySeconds <= MAX_DELAY_SECONDS)
      ) {
        throw new OutboxConfigError(
          `delaySeconds: must be a whole number of seconds from 0 to ${MAX_DELAY_SECONDS} (12 h)`,
        );
      }
      const message = toMessage(prepareCall(operationId, body, { strict }));
      const size = bytes(message);
      if (size > MAX_MESSAGE_BYTES) {
        const problem = {
          path: "",
          keyword: "maxLength",
          message: `the call is ${size} bytes as a queue message; Cloudflare Queues take at most ${MAX_MESSAGE_BYTES}`,
        };
        throw new ValidationError([problem], { operationId: message.operationId, requestId: message.requestId });
      }
      try {
        await queue.send(
          message,
          delaySeconds === undefined ? { contentType: "json" } : { contentType: "json", delaySeconds },
        );
      } catch (cause) {
        throw sendFailed("the call was not queued", cause);
      }
      return { requestId: message.requestId };
    },
  };
}

type FromEnv<T, Env> = T | ((env: Env) => T);

export interface QueueConsumerOptions<Env> extends DeliveryOptions {
  /** The client to send with, or a function building it from the Worker's env (called once per isolate). */
  client: FromEnv<OutboxClient, Env>;
  /** Where dead calls go (the dead-letter queue's producer binding). Without it, `onDeadLetter` must keep them. */
  deadLetterQueue?: FromEnv<QueueLike, Env>;
  /**
   * The main queue's `max_retries` (default 100, the most Queues allow). A call still unknown after that many retries
   * is dead-lettered by the consumer as `retries_exhausted`, with its last failure, before Queues would drop it.
   */
  maxRetries?: number;
  // Hooks run before the message is acked; one that throws leaves the message to be retried (the call is sent again
  // with its requestId, which AlipayHK answers without applying it twice).
  onDelivered?: (
    event: { call: StoredCall; result: Readonly<Record<string, unknown>>; attempts: number },
    env: Env,
  ) => unknown;
  onRetry?: (
    event: { call: StoredCall; failure: FailureSummary; attempts: number; delaySeconds: number },
    env: Env,
  ) => unknown;
  onDeadLetter?: (letter: DeadLetter, env: Env) => unknown;
}

/**
 * The `queue()` handler of the Worker consuming the main queue. Each message is acked or retried on its own (the
 * handler never throws): delivered -> ack; dead -> sent to the dead-letter queue, then ack; unknown outcome -> retry
 * after the backoff (whole seconds, at most 12 h), counted by the message's `attempts`.
 *
 * Queues allow 100 retries at most, so the default `maxDelayMs` here is 30 min (not 5): 100 attempts then span the
 * default 24 h window.
 */
export function createQueueConsumer<Env = unknown>(
  options: QueueConsumerOptions<Env>,
): (batch: QueueBatchLike, env: Env, ctx?: unknown) => Promise<void> {
  const {
    client,
    deadLetterQueue,
    maxRetries = 100,
    onDelivered,
    onRetry,
    onDeadLetter,
  } = options ?? ({} as QueueConsumerOptions<Env>);
  if (client === null || (typeof client !== "object" && typeof client !== "function")) {
    throw new OutboxConfigError("client: give an alipayhk-order client, or a function of env returning one");
  }
  if (deadLetterQueue === undefined && onDeadLetter === undefined) {
    throw new OutboxConfigError(
      "deadLetterQueue: give the dead-letter queue's binding (or an onDeadLetter that keeps dead calls)",
    );
  }
  if (!(Number.isSafeInteger(maxRetries) && maxRetries >= 0 && maxRetries <= 100))
    throw new OutboxConfigError("maxRetries: must be the queue's max_retries, a whole number from 0 to 100");
  const delivery = checkDeliveryOptions({ maxDelayMs: 1_800_000, ...options });
  let built: OutboxClient | undefined; // once per isolate: the client imports its keys on first use and keeps them

  async function deadLetter(letter: DeadLetter, env: Env) {
    const queue = typeof deadLetterQueue === "function" ? deadLetterQueue(env) : deadLetterQueue;
    if (queue) await queue.send(fitted(letter), { contentType: "json" });
    await onDeadLetter?.(letter, env);
  }

  async function handle(msg: QueueMessageLike, env: Env) {
    const { attempts } = msg;
    const call = readMessage(msg.body);
    if (typeof call === "string") {
      const failure = { code: "ERR_OUTBOX_UNREADABLE", message: call };
      const requestId = `unreadable:${msg.id}`;
      return deadLetter(
        { deadLetter: 1, requestId, reason: "unreadable", failure, attempts, at: Date.now(), raw: msg.body },
        env,
      );
    }
    built ??= typeof client === "function" ? (client as (env: Env) => OutboxClient)(env) : client;
    const verdict = await deliverCall(built, call, attempts, delivery);
    const dead = (reason: QueueDeadReason, failure: FailureSummary) =>
      deadLetter({ deadLetter: 1, requestId: call.requestId, reason, failure, attempts, at: Date.now(), call }, env);
    if (verdict.state === "delivered") return onDelivered?.({ call, result: verdict.result, attempts }, env);
    if (verdict.state === "dead") return dead(verdict.reason, verdict.failure);
    if (verdict.state === "released") return retryLater(msg, 0);
    if (attempts > maxRetries) return dead("retries_exhausted", verdict.failure);
    const delaySeconds = Math.min(MAX_DELAY_SECONDS, Math.ceil(verdict.delayMs / 1000));
    await onRetry?.({ call, failure: verdict.failure, attempts, delaySeconds }, env);
    return retryLater(msg, delaySeconds);
  }

  return async (batch, env) => {
    await Promise.all(
      batch.messages.map(async (msg) => {
        try {
          if ((await handle(msg, env)) !== RETRIED) msg.ack();
        } catch {
          // a dead-letter queue or a hook that failed, a client that could not be built: try again later
          retryLater(msg, Math.ceil(backoffMs(msg.attempts, delivery) / 1000));
        }
      }),
    );
  };
}

const RETRIED = Symbol("retried");
function retryLater(msg: QueueMessageLike, delaySeconds: number): typeof RETRIED {
  msg.retry({ delaySeconds: Math.min(MAX_DELAY_SECONDS, delaySeconds) });
  return RETRIED;
}

/** The letter, its raw message cut short if the whole would not fit in a queue message. */
function fitted(letter: DeadLetter): DeadLetter {
  if (letter.raw === undefined || bytes(letter) <= MAX_MESSAGE_BYTES - 1_000) return letter;
  return { ...letter, raw: JSON.stringify(letter.raw).slice(0, 30_000), rawTruncated: true };
}

export interface DeadLetterStoreOptions {
  /** Prefix of the dead letters' keys, so the namespace can hold other things. Default "dead:". */
  prefix?: string;
}

/** A message of the dead-letter queue as a dead letter: ours as sent, or one Queues moved after its max_retries. */
function toDeadLetter(msg: QueueMessageLike): DeadLetter {
  const body = msg.body as Partial<DeadLetter> | null;
  if (body?.deadLetter === 1 && typeof body.requestId === "string" && body.requestId.length <= 256)
    return body as DeadLetter;
  const at = Date.now();
  const call = readMessage(msg.body);
  if (typeof call === "string") {
    const failure = { code: "ERR_OUTBOX_UNREADABLE", message: call };
    return fitted({
      deadLetter: 1,
      requestId: `unreadable:${msg.id}`,
      reason: "unreadable",
      failure,
      at,
      raw: msg.body,
    });
  }
  const failure = {
    code: "ERR_OUTBOX_RETRIES_EXHAUSTED",
    message: "Cloudflare Queues gave up after the queue's max_retries (the consumer failed on it)",
  };
  return { deadLetter: 1, requestId: call.requestId, reason: "retries_exhausted", failure, at, call };
}

/**
 * The `queue()` handler of the Worker consuming the dead-letter queue: keeps each dead letter in `kv` under its
 * requestId (a later one for the same requestId replaces it), for `listDeadLetters` and `redrive`.
 */
export function createDeadLetterConsumer<Env = unknown>({
  kv,
  prefix = "dead:",
}: DeadLetterStoreOptions & { kv: FromEnv<KVLike, Env> }) {
  if (typeof kv !== "function" && typeof kv?.put !== "function")
    throw new OutboxConfigError("kv: give a KV namespace binding, or a function of env returning one");
  return async (batch: QueueBatchLike, env: Env, _ctx?: unknown): Promise<void> => {
    const store = typeof kv === "function" ? kv(env) : kv;
    await Promise.all(
      batch.messages.map(async (msg) => {
        try {
          const letter = toDeadLetter(msg);
          await store.put(prefix + letter.requestId, JSON.stringify(letter));
          msg.ack();
        } catch {
          msg.retry({ delaySeconds: Math.min(60, 2 ** msg.attempts) });
        }
      }),
    );
  };
}

/**
 * The dead letters kept in `kv`, oldest first (at most `limit`, default 100). KV lists are eventually consistent: a
 * letter stored a moment ago may be missing for up to a minute.
 */
export async function listDeadLetters(
  kv: KVLike,
  { prefix = "dead:", limit = 100 }: DeadLetterStoreOptions & { limit?: number } = {},
): Promise<DeadLetter[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, ...(cursor === undefined ? {} : { cursor }) });
    names.push(...page.keys.map((k) => k.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor !== undefined);
  const letters = await Promise.all(
    names.map(async (name) => JSON.parse((await kv.get(name)) ?? "null") as DeadLetter | null),
  );
  return letters
    .filter((l): l is DeadLetter => l !== null)
    .sort((a, b) => a.at - b.at)
    .slice(0, limit);
}

/**
 * Sends a dead letter's call to `queue` again, as enqueued (same requestId and body; its window still counts from
 * enqueue), then removes the letter. An unreadable message is sent again as received (e.g. once a consumer that
 * reads it is deployed). Resolves to 1, or 0 when there is no such dead letter.
 */
export async function redrive(
  kv: KVLike,
  queue: QueueLike,
  requestId: string,
  { prefix = "dead:" }: DeadLetterStoreOptions = {},
): Promise<number> {
  const text = await kv.get(prefix + requestId);
  if (text === null) return 0;
  const letter = JSON.parse(text) as DeadLetter;
  if (letter.rawTruncated)
    throw new OutboxConfigError(`requestId: ${requestId} was too large to keep whole and cannot be re-driven`);
  try {
    // the retry window counted afresh, as every store does on a re-drive (a new message's attempts start at 1)
    const call = letter.call && { ...letter.call, enqueuedAt: Date.now() };
    await queue.send(call ? toMessage(call) : letter.raw, { contentType: "json" });
  } catch (cause) {
    throw sendFailed("the call was not queued again", cause);
  }
  await kv.delete(prefix + requestId);
  return 1;
}
