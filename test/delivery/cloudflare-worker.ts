/**
 * The Worker of cloudflare.test.ts, bundled with esbuild and run by Miniflare: a producer behind control endpoints,
 * the main queue's consumer, and the dead-letter queue's. The per-requestId ledger (sent, delivered, last failure) is
 * this test's own, kept in KV beside the dead letters, so that the harness can tell when everything is settled.
 */
import { createOrderClient } from "alipayhk-order";
import {
  createDeadLetterConsumer,
  createQueueConsumer,
  createQueueProducer,
  type KVLike,
  listDeadLetters,
  type QueueBatchLike,
  type QueueLike,
  redrive,
} from "alipayhk-outbox/cloudflare";

interface Env {
  OUTBOX: QueueLike;
  DEAD: QueueLike;
  KV: KVLike;
  CLIENT_ID: string;
  PRIVATE_KEY: string;
  ALIPAY_PUBLIC_KEY: string;
  BASE_URL: string;
  /** The consumer's options from the test, as JSON ({ windowMs, initialDelayMs, maxDelayMs, maxRetries? }). */
  DELIVERY: string;
}

let consumer: ReturnType<typeof createQueueConsumer<Env>> | undefined;
const deadLetters = createDeadLetterConsumer<Env>({ kv: (env) => env.KV });

function mainConsumer(env: Env) {
  consumer ??= createQueueConsumer<Env>({
    client: (e) =>
      createOrderClient({
        clientId: e.CLIENT_ID,
        privateKey: e.PRIVATE_KEY,
        alipayPublicKey: e.ALIPAY_PUBLIC_KEY,
        baseUrl: e.BASE_URL,
        retry: { maxAttempts: 1 }, // one HTTP attempt per delivery: the queue's retries are what is tested
      }),
    deadLetterQueue: (e) => e.DEAD,
    ...JSON.parse(env.DELIVERY),
    onDelivered: ({ call }, e) => e.KV.put(`done:${call.requestId}`, "1"),
    onRetry: ({ call, failure }, e) => e.KV.put(`fail:${call.requestId}`, JSON.stringify(failure)),
  });
  return consumer;
}

const json = (value: unknown, status = 200) => Response.json(value, { status });

async function keys(kv: KVLike, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, ...(cursor === undefined ? {} : { cursor }) });
    names.push(...page.keys.map((k) => k.name.slice(prefix.length)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor !== undefined);
  return names;
}

async function entry(env: Env, requestId: string) {
  const dead = await env.KV.get(`dead:${requestId}`);
  if (dead !== null) {
    const letter = JSON.parse(dead);
    return { state: "dead", deadReason: letter.reason, lastFailure: letter.failure };
  }
  if ((await env.KV.get(`done:${requestId}`)) !== null) return { state: "delivered" };
  if ((await env.KV.get(`sent:${requestId}`)) === null) return undefined;
  const failure = await env.KV.get(`fail:${requestId}`);
  return { state: "pending", lastFailure: failure === null ? undefined : JSON.parse(failure) };
}

async function control(request: Request, env: Env): Promise<Response> {
  const { pathname } = new URL(request.url);
  const [, action, id = ""] = pathname.split("/");
  if (request.method === "POST" && action === "enqueue") {
    const { operationId, body, options } = (await request.json()) as {
      operationId: string;
      body: object;
      options?: object;
    };
    try {
      const { requestId } = await createQueueProducer(env.OUTBOX).enqueue(operationId, body, options);
      await env.KV.put(`sent:${requestId}`, "1");
      return json({ requestId });
    } catch (error) {
      const { name, code, message } = error as { name?: string; code?: string; message?: string };
      return json({ error: { name, code, message } }, 400);
    }
  }
  if (request.method === "POST" && action === "damaged") {
    // an outbox message whose body is not JSON: past the producer's checks, as a damaged or foreign message would be
    await env.OUTBOX.send(
      { version: 1, operationId: "syncOrder", requestId: "damaged", body: "{not json", enqueuedAt: Date.now() },
      { contentType: "json" },
    );
    await env.KV.put(`damaged:${crypto.randomUUID()}`, "1");
    return json({});
  }
  if (request.method === "POST" && action === "redrive")
    return json({ count: await redrive(env.KV, env.OUTBOX, decodeURIComponent(id)) });
  if (request.method === "GET" && action === "entry")
    return json({ entry: (await entry(env, decodeURIComponent(id))) ?? null });
  if (request.method === "GET" && action === "dead") return json(await listDeadLetters(env.KV));
  if (request.method === "GET" && action === "count") {
    const [sent, done, dead, damaged] = await Promise.all(
      ["sent:", "done:", "dead:", "damaged:"].map((p) => keys(env.KV, p)),
    );
    const settled = new Set([...done!, ...dead!]);
    const unreadable = dead!.filter((d) => d.startsWith("unreadable:")).length;
    const unsettled = sent!.filter((id) => !settled.has(id)).length + damaged!.length - unreadable;
    return json({ stored: sent!.length + damaged!.length, unsettled });
  }
  return json({ error: { message: `no route ${request.method} ${pathname}` } }, 404);
}

export default {
  fetch: control,
  async queue(batch: QueueBatchLike, env: Env) {
    await (batch.queue === "outbox-dead" ? deadLetters(batch, env) : mainConsumer(env)(batch, env));
  },
};
