/**
 * The Deno KV outbox, run in Deno for deno-kv.test.ts: a KV in memory, a listener delivering to the sandbox the test
 * serves, and control endpoints on 127.0.0.1 that the test drives. Its settings, keys included, come as one JSON line
 * on stdin (never argv, never printed); it prints `listening <port>` once ready.
 * Run bundled: `deno run --unstable-kv --allow-net=127.0.0.1 --no-prompt host.mjs` (nothing to read, write or look up).
 */
import { createOrderClient } from "alipayhk-order";
import { createKvOutbox, type KvLike } from "alipayhk-outbox/deno-kv";

declare const Deno: {
  openKv(path: string): Promise<KvLike & { enqueue(message: unknown): Promise<unknown> }>;
  serve(
    options: { port: number; hostname: string; onListen?: () => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { addr: { port: number } };
  stdin: { readable: ReadableStream<Uint8Array> };
};

interface HostSettings {
  sandboxUrl: string;
  clientId: string;
  privateKey: string;
  alipayPublicKey: string;
  delivery: { windowMs: number; initialDelayMs: number; maxDelayMs: number };
  crashBackoffSchedule?: number[];
}

const settings = JSON.parse(await new Response(Deno.stdin.readable).text()) as HostSettings;
const PREFIX = ["alipayhk_outbox"];
const kv = await Deno.openKv(":memory:");
const client = createOrderClient({
  clientId: settings.clientId,
  privateKey: settings.privateKey,
  alipayPublicKey: settings.alipayPublicKey,
  baseUrl: settings.sandboxUrl,
  retry: { maxAttempts: 1 }, // the outbox's retries are under test
});
const outbox = createKvOutbox(kv, {
  client,
  prefix: PREFIX,
  ...settings.delivery,
  ...(settings.crashBackoffSchedule && { crashBackoffSchedule: settings.crashBackoffSchedule }),
});

let crashes = 0; // the listener throws for this many messages: a process dying before it records a verdict
const foreign: unknown[] = [];
void kv.listenQueue(async (message) => {
  if (crashes > 0) {
    crashes--;
    throw new Error("listener crash (test)");
  }
  if (!(await outbox.handle(message))) foreign.push(message);
});

const json = (value: unknown, status = 200) => Response.json(value ?? null, { status });
const routes: Record<string, (input: Record<string, unknown>, url: URL) => Promise<Response>> = {
  "POST /enqueue": async ({ operationId, body }) => json(await outbox.enqueue(String(operationId), body as object)),
  // the call with a business write of the caller's, in one commit; `key` already written makes that commit fail
  "POST /enqueue-with": async ({ operationId, body, key }) => {
    const businessKey = ["shop", String(key)];
    const atomic = kv.atomic().check({ key: businessKey, versionstamp: null }).set(businessKey, "paid");
    const { requestId } = await outbox.enqueue(String(operationId), body as object, { atomic });
    return json({ requestId, committed: (await atomic.commit()).ok });
  },
  "GET /entry": async (_, url) => json(await outbox.get(url.searchParams.get("requestId") ?? "")),
  "GET /dead": async () => json(await outbox.deadLetters()),
  "GET /counts": async () => json(await outbox.counts()),
  "POST /redrive": async ({ requestIds }) => json({ count: await outbox.redrive(requestIds as string[] | undefined) }),
  // a record whose body is not JSON, and its message, written around enqueue's checks
  "POST /damaged": async () => {
    const record = {
      operationId: "syncOrder",
      requestId: "damaged",
      body: "{not json",
      enqueuedAt: Date.now(),
      state: "pending",
      attempts: 0,
      updatedAt: Date.now(),
      token: "t-damaged",
    };
    const message = { alipayhkOutbox: PREFIX, requestId: "damaged", token: "t-damaged" };
    await kv
      .atomic()
      .set([...PREFIX, "calls", "damaged"], record)
      .enqueue(message)
      .commit();
    return json({});
  },
  "POST /crash": async ({ times }) => ((crashes = Number(times)), json({})),
  "POST /foreign": async ({ message }) => (await kv.enqueue(message), json({})),
  "GET /foreign": async () => json(foreign),
};

const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen: () => {} }, async (request) => {
  const url = new URL(request.url);
  const route = routes[`${request.method} ${url.pathname}`];
  if (!route) return json({ message: "no such route" }, 404);
  try {
    return await route(request.method === "POST" ? await request.json() : {}, url);
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return json({ code, message }, 400);
  }
});
console.log(`listening ${server.addr.port}`);
