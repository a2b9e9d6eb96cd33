// The Deno KV outbox in real Deno (its local KV, in memory) against the shared delivery contract, plus what only KV
// queues have: the caller's atomic operation, a listener that crashes, and messages that are not the outbox's.
// Each harness is one Deno process running deno-kv-host.ts (bundled from the sources), driven over 127.0.0.1.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createKvOutbox, type KvLike } from "alipayhk-outbox/deno-kv";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { serve } from "alipayhk-sandbox/node";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { ALIPAY, CLIENT_ID, MERCHANT } from "../conformance/fixtures.js";
import { type DeliveryHarness, deliveryConformance, FAST, type HarnessSettings, movieOrder } from "./conformance.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DENO = join(ROOT, "node_modules", ".bin", "deno");
const tmp = mkdtempSync(join(tmpdir(), "alipayhk-deno-kv-"));
const running = new Set<ChildProcess>();
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

/** The host and what it imports in one file, from the sources (as the other unit tests), built once. */
let bundled: Promise<string> | undefined;
const hostBundle = () =>
  (bundled ??= build({
    entryPoints: [fileURLToPath(new URL("./deno-kv-host.ts", import.meta.url))],
    outfile: join(tmp, "host.mjs"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: ["alipayhk-source", "worker", "browser"],
    logLevel: "error",
  }).then(() => join(tmp, "host.mjs")));

interface Host {
  sandbox: Sandbox;
  call<T = unknown>(method: "GET" | "POST", path: string, input?: object): Promise<T>;
  close(): Promise<void>;
}

/** A sandbox served here, and a Deno process running the outbox against it; both stopped by close(). */
async function startHost(delivery: HarnessSettings, crashBackoffSchedule?: number[]): Promise<Host> {
  const sandbox = await createSandbox({
    merchants: { [CLIENT_ID]: MERCHANT.spkiPem },
    alipayPrivateKey: ALIPAY.pkcs8Pem,
    seed: 7,
    faults: delivery.faults,
  });
  const server = await serve(sandbox.fetch);
  const file = await hostBundle();
  // loopback only: the control endpoints and the sandbox; the KV is in memory, so nothing to read or write
  const args = ["run", "--unstable-kv", "--allow-net=127.0.0.1", "--no-prompt", "--no-config", "--no-lock", file];
  const child = spawn(DENO, args, {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const stop = async () => {
    child.kill("SIGKILL");
    await exited;
    running.delete(child);
    await server.close();
  };
  // the keys go over stdin, never argv or env
  const keys = { clientId: CLIENT_ID, privateKey: MERCHANT.pkcs8Pem, alipayPublicKey: sandbox.alipayPublicKey };
  child.stdin!.end(JSON.stringify({ sandboxUrl: server.url, ...keys, delivery, crashBackoffSchedule }));
  const port = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    const timer = setTimeout(() => reject(new Error(`the Deno host did not start in 20 s\n${stderr}`)), 20_000);
    child.stdout!.on("data", (d) => {
      stdout += d;
      const match = /^listening (\d+)$/m.exec(stdout);
      if (match) clearTimeout(timer), resolve(match[1]!);
    });
    void exited.then(() => (clearTimeout(timer), reject(new Error(`the Deno host exited\n${stderr}`))));
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  return {
    sandbox,
    async call(method, path, input) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        ...(input && { body: JSON.stringify(input), headers: { "content-type": "application/json" } }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = await response.json();
      if (response.ok) return body;
      throw Object.assign(new Error(body.message), { code: body.code });
    },
    close: stop,
  };
}

interface Counts {
  pending: number;
  inFlight: number;
  delivered: number;
  dead: number;
}

/** Waits until nothing is pending (KV's listener runs on its own); rejects past `timeoutMs`. */
async function drain(host: Host, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await host.call<Counts>("GET", "/counts");
    if (counts.pending + counts.inFlight === 0) return;
    if (Date.now() > deadline) throw new Error(`not drained in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const harness = (host: Host): DeliveryHarness => ({
  sandbox: host.sandbox,
  enqueue: (operationId, body) => host.call("POST", "/enqueue", { operationId, body }),
  drain: (timeoutMs) => drain(host, timeoutMs),
  entry: async (requestId) => (await host.call("GET", `/entry?requestId=${requestId}`)) ?? undefined,
  deadLetters: () => host.call("GET", "/dead"),
  redrive: async (requestId) =>
    (await host.call<{ count: number }>("POST", "/redrive", { requestIds: [requestId] })).count,
  count: async () => Object.values(await host.call<Counts>("GET", "/counts")).reduce((a, b) => a + b, 0),
  addDamaged: async () => void (await host.call("POST", "/damaged", {})),
  close: () => host.close(),
});

deliveryConformance("Deno KV queues", async (settings) => harness(await startHost(settings)));

const applied = (sandbox: Sandbox, merchantBizNo: string) =>
  sandbox.orders.filter((o) => o.merchantBizNo === merchantBizNo).flatMap((o) => o.history.map((u) => u.requestId));

describe("createKvOutbox in Deno", () => {
  it("enqueues through the caller's atomic operation: the call commits with their write, or not at all", async () => {
    const host = await startHost(FAST);
    try {
      const first = movieOrder();
      const paid = await host.call<{ requestId: string; committed: boolean }>("POST", "/enqueue-with", {
        operationId: "syncOrder",
        body: first,
        key: "A",
      });
      expect(paid.committed).toBe(true);
      await drain(host, 20_000);
      expect(await host.call("GET", `/entry?requestId=${paid.requestId}`)).toMatchObject({
        state: "delivered",
        attempts: 1,
      });
      // the business key is already written: their commit fails, and the call with it
      const second = movieOrder();
      const refused = await host.call<{ requestId: string; committed: boolean }>("POST", "/enqueue-with", {
        operationId: "syncOrder",
        body: second,
        key: "A",
      });
      expect(refused.committed).toBe(false);
      expect(await host.call("GET", `/entry?requestId=${refused.requestId}`)).toBeNull();
      expect(await host.call("GET", "/counts")).toEqual({ pending: 0, inFlight: 0, delivered: 1, dead: 0 });
      expect(applied(host.sandbox, first.merchantBizNo)).toEqual([paid.requestId]);
      expect(applied(host.sandbox, second.merchantBizNo)).toEqual([]);
    } finally {
      await host.close();
    }
  }, 40_000);

  it("enqueues a requestId once", async () => {
    const host = await startHost(FAST);
    try {
      const order = { ...movieOrder(), requestId: "00000000000000000000000000000abc" };
      await host.call("POST", "/enqueue", { operationId: "syncOrder", body: order });
      await host.call("POST", "/enqueue", { operationId: "syncOrder", body: order });
      await drain(host, 20_000);
      expect(await host.call("GET", "/counts")).toEqual({ pending: 0, inFlight: 0, delivered: 1, dead: 0 });
      expect(host.sandbox.events.filter((e) => e.merchantBizNo === order.merchantBizNo)).toHaveLength(1);
    } finally {
      await host.close();
    }
  }, 40_000);

  it("a crashing listener: KV retries it; once KV gives up, a dead letter re-driven with its requestId", async () => {
    const host = await startHost(FAST, [20, 20]); // KV tries 3 times
    try {
      await host.call("POST", "/crash", { times: 1 });
      const survived = movieOrder();
      const { requestId: first } = await host.call<{ requestId: string }>("POST", "/enqueue", {
        operationId: "syncOrder",
        body: survived,
      });
      await drain(host, 20_000);
      expect(await host.call("GET", `/entry?requestId=${first}`)).toMatchObject({ state: "delivered" });
      expect(applied(host.sandbox, survived.merchantBizNo)).toEqual([first]);

      await host.call("POST", "/crash", { times: 3 });
      const lost = movieOrder();
      const { requestId } = await host.call<{ requestId: string }>("POST", "/enqueue", {
        operationId: "syncOrder",
        body: lost,
      });
      await drain(host, 20_000);
      expect(await host.call("GET", `/entry?requestId=${requestId}`)).toMatchObject({
        state: "dead",
        deadReason: "undelivered",
      });
      expect(await host.call("GET", "/dead")).toMatchObject([{ requestId, deadReason: "undelivered" }]);
      expect(applied(host.sandbox, lost.merchantBizNo)).toEqual([]);
      expect(await host.call("POST", "/redrive", {})).toEqual({ count: 1 });
      await drain(host, 20_000);
      expect(await host.call("GET", `/entry?requestId=${requestId}`)).toMatchObject({ state: "delivered" });
      expect(applied(host.sandbox, lost.merchantBizNo)).toEqual([requestId]);
      expect(await host.call("GET", "/dead")).toEqual([]);
    } finally {
      await host.close();
    }
  }, 40_000);

  it("leaves messages that are not its own to the caller (handle answers false)", async () => {
    const host = await startHost(FAST);
    try {
      const others = [{ hello: "world" }, { alipayhkOutbox: ["another_prefix"], requestId: "r", token: "t" }];
      for (const message of others) await host.call("POST", "/foreign", { message });
      const deadline = Date.now() + 10_000;
      let seen: unknown[] = [];
      while (seen.length < others.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        seen = await host.call<unknown[]>("GET", "/foreign");
      }
      expect(seen).toEqual(expect.arrayContaining(others));
      expect(await host.call("GET", "/counts")).toEqual({ pending: 0, inFlight: 0, delivered: 0, dead: 0 });
    } finally {
      await host.close();
    }
  }, 40_000);
});

describe("createKvOutbox types", () => {
  it("a Deno.Kv fits the KV types the outbox declares (checked by Deno, with its own types)", async () => {
    const types = pathToFileURL(
      fileURLToPath(new URL("../../packages/outbox/src/deno-kv-types.ts", import.meta.url)),
    ).href;
    const file = join(tmp, "fits.ts");
    writeFileSync(
      file,
      `import type { KvAtomic, KvLike } from ${JSON.stringify(types)};
const kv: KvLike = await Deno.openKv(":memory:");
const atomic: KvAtomic = (await Deno.openKv(":memory:")).atomic().set(["a"], 1);
// @ts-expect-error: the check really runs (an empty object is no KV)
const none: KvLike = {};
console.log(kv, atomic, none);
`,
    );
    const args = ["check", "--unstable-kv", "--no-config", "--no-lock", "--quiet", file];
    const child = spawn(DENO, args, {
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running.add(child);
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    running.delete(child);
    expect(output).toBe("");
    expect(code).toBe(0);
  }, 40_000);
});

describe("createKvOutbox settings", () => {
  // only the checks run: none of these is called
  const unused = () => Promise.reject(new Error("not used"));
  const kv = { get: unused, list: unused, atomic: unused, listenQueue: unused } as unknown as KvLike;

  it("names the setting at fault", () => {
    expect(() => createKvOutbox({} as KvLike, { client: {} })).toThrow(/^kv: /);
    expect(() => createKvOutbox(kv, { client: undefined as unknown as object })).toThrow(/^client: /);
    expect(() => createKvOutbox(kv, { client: {}, prefix: [] })).toThrow(/^prefix: /);
    expect(() => createKvOutbox(kv, { client: {}, crashBackoffSchedule: [1, 2, 3, 4, 5, 6] })).toThrow(
      /^crashBackoffSchedule: /,
    );
    expect(() => createKvOutbox(kv, { client: {}, maxDelayMs: 31 * 24 * 3_600_000 })).toThrow(/^maxDelayMs: /);
    expect(() => createKvOutbox(kv, { client: {}, windowMs: -1 })).toThrow(/^windowMs: /);
  });
});
