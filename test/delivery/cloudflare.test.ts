// The Cloudflare Queues adapter against the shared delivery contract, in a real workerd run by Miniflare: a module
// Worker (cloudflare-worker.ts, bundled here) with a main queue, a dead-letter queue and a KV namespace, whose client
// sends to a sandbox served on 127.0.0.1 from this process. Plus what only this adapter has.
import { fileURLToPath } from "node:url";
import { OutboxConfigError } from "alipayhk-outbox";
import {
  createDeadLetterConsumer,
  createQueueConsumer,
  createQueueProducer,
  type DeadLetter,
  type KVLike,
  MAX_MESSAGE_BYTES,
  type QueueLike,
} from "alipayhk-outbox/cloudflare";
import { createSandbox } from "alipayhk-sandbox";
import { serve } from "alipayhk-sandbox/node";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, describe, expect, it } from "vitest";
import { ALIPAY, CLIENT_ID, MERCHANT } from "../conformance/fixtures.js";
import { type DeliveryHarness, deliveryConformance, FAST, type HarnessSettings, movieOrder } from "./conformance.js";

let script: Promise<string> | undefined;
/** The test Worker and everything it imports (the packages' sources), as one ES module. */
function workerScript() {
  script ??= build({
    entryPoints: [fileURLToPath(new URL("./cloudflare-worker.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["alipayhk-source"],
    logLevel: "silent",
  }).then((result) => result.outputFiles[0]!.text);
  return script;
}

const running = new Set<Miniflare>();
afterAll(async () => {
  await Promise.all([...running].map((mf) => mf.dispose()));
});

interface WorkerSettings {
  /** The main queue's max_retries (Queues' own limit). Default 100, as the consumer's documentation asks. */
  queueMaxRetries?: number;
  /** The consumer's own `maxRetries` option (what it assumes the queue's is). Default: the consumer's default. */
  consumerMaxRetries?: number;
}

type CloudflareHarness = DeliveryHarness & {
  deadLetterRecords(): Promise<DeadLetter[]>;
  enqueueWith(operationId: string, body: object, options?: { delaySeconds?: number }): Promise<{ requestId: string }>;
};

async function cloudflareHarness(settings: HarnessSettings, worker: WorkerSettings = {}): Promise<CloudflareHarness> {
  const sandbox = await createSandbox({
    merchants: { [CLIENT_ID]: MERCHANT.spkiPem },
    alipayPrivateKey: ALIPAY.pkcs8Pem,
    seed: 7,
    faults: settings.faults,
  });
  const server = await serve(sandbox.fetch);
  const mf = new Miniflare({
    modules: true,
    script: await workerScript(),
    compatibilityDate: "2025-07-01",
    kvNamespaces: ["KV"],
    queueProducers: { OUTBOX: "outbox-main", DEAD: "outbox-dead" },
    queueConsumers: {
      // batches after 50 ms rather than Queues' default seconds, so that the cases run in seconds
      "outbox-main": {
        maxBatchTimeout: 0.05,
        maxRetries: worker.queueMaxRetries ?? 100,
        deadLetterQueue: "outbox-dead",
      },
      "outbox-dead": { maxBatchTimeout: 0.05 },
    },
    bindings: {
      CLIENT_ID,
      PRIVATE_KEY: MERCHANT.pkcs8Pem,
      ALIPAY_PUBLIC_KEY: sandbox.alipayPublicKey,
      BASE_URL: server.url, // workerd fetches 127.0.0.1 directly
      DELIVERY: JSON.stringify({ ...settings, maxRetries: worker.consumerMaxRetries }),
    },
  });
  running.add(mf);
  await mf.ready;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const init = body === undefined ? { method } : { method, body: JSON.stringify(body) };
    const response = await mf.dispatchFetch(`http://outbox.test${path}`, init);
    const text = await response.text();
    const answer = (response.headers.get("content-type")?.startsWith("application/json") ? JSON.parse(text) : {}) as {
      error?: object;
    };
    // the Worker's own refusal (a ValidationError's code and message), or whatever else went wrong in it
    if (answer.error) throw Object.assign(new Error(), answer.error);
    if (!response.ok)
      throw new Error(`${method} ${path}: the Worker answered ${response.status}: ${text.slice(0, 500)}`);
    return answer as T;
  }
  const counts = () => call<{ stored: number; unsettled: number }>("GET", "/count");
  const deadLetterRecords = () => call<DeadLetter[]>("GET", "/dead");

  return {
    sandbox,
    enqueue: (operationId, body) => call("POST", "/enqueue", { operationId, body }),
    enqueueWith: (operationId, body, options) => call("POST", "/enqueue", { operationId, body, options }),
    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const now = await counts();
        if (now.unsettled === 0) return;
        if (Date.now() > deadline) throw new Error(`not drained in ${timeoutMs} ms: ${JSON.stringify(now)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    entry: async (requestId) =>
      (await call<{ entry: never }>("GET", `/entry/${encodeURIComponent(requestId)}`)).entry ?? undefined,
    deadLetterRecords,
    deadLetters: async () => (await deadLetterRecords()).map((d) => ({ requestId: d.requestId, deadReason: d.reason })),
    redrive: async (requestId) =>
      (await call<{ count: number }>("POST", `/redrive/${encodeURIComponent(requestId)}`)).count,
    count: async () => (await counts()).stored,
    addDamaged: async () => void (await call("POST", "/damaged")),
    async close() {
      running.delete(mf);
      await mf.dispose();
      await server.close();
    },
  };
}

deliveryConformance("Cloudflare Queues (Miniflare)", (settings) => cloudflareHarness(settings));

describe("alipayhk-outbox/cloudflare", () => {
  const withHarness =
    (worker: WorkerSettings, body: (h: CloudflareHarness) => Promise<void>, settings: Partial<HarnessSettings> = {}) =>
    async () => {
      const h = await cloudflareHarness({ ...FAST, ...settings }, worker);
      try {
        await body(h);
      } finally {
        await h.close();
      }
    };

  it(
    "dead-letters a call itself, as retries_exhausted with its last failure, when the queue's max_retries is reached",
    withHarness({ queueMaxRetries: 2, consumerMaxRetries: 2 }, async (h) => {
      for (let i = 0; i < 20; i++) h.sandbox.faultNext("http503", { processed: false });
      const { requestId } = await h.enqueue("syncOrder", movieOrder());
      await h.drain(20_000);
      expect(await h.entry(requestId)).toMatchObject({
        state: "dead",
        deadReason: "retries_exhausted",
        lastFailure: { code: "ERR_HTTP" },
      });
      const [letter] = await h.deadLetterRecords();
      expect(letter).toMatchObject({ requestId, attempts: 3, call: { requestId, operationId: "syncOrder" } });
      // three attempts (max_retries 2), each sent once (the client's own retries are off), all with one requestId
      expect(h.sandbox.events.filter((e) => e.requestId === requestId)).toHaveLength(3);
      // what is kept: the call and AlipayHK's answer, never the merchant's key or a signature
      const kept = JSON.stringify(letter);
      expect(kept).not.toContain(MERCHANT.pkcs8Pem.split("\n")[1]!);
      expect(kept.toLowerCase()).not.toContain("signature=");
    }),
  );

  it(
    "keeps a call that Queues itself gave up on (its max_retries below the consumer's), and re-drives it",
    withHarness({ queueMaxRetries: 1 }, async (h) => {
      for (let i = 0; i < 2; i++) h.sandbox.faultNext("http503", { processed: false });
      const order = movieOrder();
      const { requestId } = await h.enqueue("syncOrder", order);
      await h.drain(20_000);
      const [letter] = await h.deadLetterRecords();
      expect(letter).toMatchObject({
        requestId,
        reason: "retries_exhausted",
        failure: { code: "ERR_OUTBOX_RETRIES_EXHAUSTED" },
      });
      expect(letter?.call?.body).toMatchObject({ merchantBizNo: order.merchantBizNo, requestId });
      expect(await h.redrive(requestId)).toBe(1);
      expect(await h.redrive(requestId)).toBe(0); // gone from the dead letters once re-sent
      await h.drain(20_000);
      expect((await h.entry(requestId))?.state).toBe("delivered");
      expect(
        h.sandbox.orders.find((o) => o.merchantBizNo === order.merchantBizNo)?.history.map((u) => u.requestId),
      ).toEqual([requestId]);
    }),
  );

  it(
    "refuses at enqueue a call over 128 KB or a delay Queues cannot take, and sends nothing",
    withHarness({}, async (h) => {
      const refusal = (operationId: string, body: object, options?: object) =>
        h.enqueueWith(operationId, body, options).then(
          () => undefined,
          (error: { code?: string; message?: string }) => error,
        );
      const big = await refusal("syncOrder", { ...movieOrder(), extInfo: { note: "x".repeat(MAX_MESSAGE_BYTES) } });
      expect(big?.code).toBe("ERR_VALIDATION");
      expect(big?.message).toMatch(/bytes as a queue message; Cloudflare Queues take at most 128000/);
      for (const delaySeconds of [-1, 1.5, 43_201]) {
        expect(await refusal("syncOrder", movieOrder(), { delaySeconds })).toMatchObject({
          code: "ERR_OUTBOX_CONFIG",
          message: expect.stringMatching(/^delaySeconds: /),
        });
      }
      expect(await h.count()).toBe(0);
      const { requestId } = await h.enqueueWith("syncOrder", movieOrder(), { delaySeconds: 1 });
      await h.drain(20_000);
      expect(h.sandbox.stats.requests).toBe(1);
      expect(h.sandbox.events.map((e) => e.requestId)).toEqual([requestId]);
    }),
  );

  it("names the setting at fault", () => {
    const client = {};
    expect(() => createQueueProducer({} as QueueLike)).toThrow(/^queue: /);
    expect(() => createQueueConsumer({ client })).toThrow(/^deadLetterQueue: /);
    expect(() => createQueueConsumer({ client: null as never, onDeadLetter: () => {} })).toThrow(/^client: /);
    expect(() => createQueueConsumer({ client, onDeadLetter: () => {}, maxRetries: 101 })).toThrow(/^maxRetries: /);
    expect(() => createQueueConsumer({ client, onDeadLetter: () => {}, windowMs: -1 })).toThrow(OutboxConfigError);
    expect(() => createDeadLetterConsumer({ kv: {} as KVLike })).toThrow(/^kv: /);
  });
});
