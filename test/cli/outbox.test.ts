// `alipayhk outbox`, built, against a throwaway PostgreSQL cluster and a sandbox served on 127.0.0.1 by this process.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { type Server, serve } from "alipayhk-sandbox/node";
import { generateKeyPairPem } from "alipayhk-signature";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type PostgresCluster, startPostgres } from "../../scripts/postgres.mjs";

const bin = fileURLToPath(new URL("../../packages/cli/dist/alipayhk.js", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "alipayhk-cli-outbox-"));
const WAIT_MS = 30_000; // a bound on every wait for a child, so a hang fails instead of blocking the run

let cluster: PostgresCluster;
let sandbox: Sandbox;
let server: Server;
let clientEnv: Record<string, string>;
/** When set, the next request to the sandbox waits here until released (a call held in flight). */
let gate: { arrived: () => void; released: Promise<void> } | undefined;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error("build the CLI first: npm run build");
  cluster = await startPostgres();
  const merchant = await generateKeyPairPem();
  sandbox = await createSandbox({ merchants: { "CLI-OUTBOX": merchant.publicKey } });
  server = await serve(async (request) => {
    const held = gate;
    gate = undefined;
    if (held) {
      held.arrived();
      await held.released;
    }
    return sandbox.fetch(request);
  });
  writeFileSync(join(work, "merchant.pem"), merchant.privateKey);
  writeFileSync(join(work, "alipay.pem"), sandbox.alipayPublicKey);
  clientEnv = {
    ALIPAYHK_BASE_URL: server.url,
    ALIPAYHK_CLIENT_ID: "CLI-OUTBOX",
    ALIPAYHK_PRIVATE_KEY_FILE: join(work, "merchant.pem"),
    ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE: join(work, "alipay.pem"),
  };
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await server?.close();
  await cluster?.stop();
  rmSync(work, { recursive: true, force: true });
});

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI (never spawnSync: the sandbox answering the worker lives in this process). */
function start(env: Record<string, string>, args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { cwd: work, env: { PATH: process.env.PATH!, ...env } });
  children.add(child);
  const out = { stdout: "", stderr: "" };
  child.stdout!.on("data", (d) => (out.stdout += d));
  child.stderr!.on("data", (d) => (out.stderr += d));
  const exited = new Promise<Result>((resolve) => {
    child.once("close", (status) => {
      children.delete(child);
      resolve({ status, ...out });
    });
  });
  /** Resolves once the output matches `pattern`; rejects if the child exits first or WAIT_MS passes. */
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${pattern} within ${WAIT_MS} ms:\n${out.stdout}${out.stderr}`)),
        WAIT_MS,
      );
      const check = () => {
        if (!pattern.test(out.stdout + out.stderr)) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout!.on("data", check);
      child.stderr!.on("data", check);
      void exited.then(() => {
        clearTimeout(timer);
        if (pattern.test(out.stdout + out.stderr)) resolve();
        else reject(new Error(`exited before ${pattern}:\n${out.stdout}${out.stderr}`));
      });
      check();
    });
  return { child, out, exited, waitFor };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
function closedPort() {
  return new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const cli = (env: Record<string, string>, ...args: string[]) => start(env, args).exited;
/** `alipayhk outbox ...args`, which must succeed. */
async function ok(env: Record<string, string>, ...args: string[]) {
  const res = await cli(env, "outbox", ...args);
  expect(res.status, `outbox ${args.join(" ")}: ${res.stderr}`).toBe(0);
  return res;
}

/** A fresh database per test, and the settings naming it. */
async function outboxEnv(name: string) {
  return { ALIPAYHK_OUTBOX_URL: await cluster.createDatabase(name) };
}

const T0 = 1_764_115_200_000;
function body(file: string, fields: Record<string, unknown>) {
  const order = {
    merchantBizType: "MOVIE_TICKET",
    orderStatus: "TICKETED",
    userId: "2160120000000001",
    orderCreateTime: T0,
    orderModifyTime: T0 + 60_000,
    extInfo: {},
  };
  writeFileSync(join(work, file), JSON.stringify({ ...order, ...fields }));
  return file;
}
const LINE_UP = { merchantBizType: "LINE_UP", shopInfo: { extInfo: { multiLang: { en_US: {}, zh_HK: {} } } } };

const requestIds = (stdout: string) => [...stdout.matchAll(/^(\S+)\t/gm)].map((m) => m[1]!);
async function statusJson(env: Record<string, string>) {
  return JSON.parse((await ok(env, "status", "--json")).stdout) as {
    counts: Record<string, number>;
    deadLetters: Record<string, any>[];
  };
}
const history = (merchantBizNo: string) =>
  sandbox.orders.find((o) => o.merchantBizNo === merchantBizNo)?.history.map((h) => h.requestId);

// each test runs several CLI processes (about half a second each, more on a busy machine)
describe("alipayhk outbox", { timeout: 120_000 }, () => {
  test("alipayhk --help lists it; alipayhk outbox --help documents each subcommand and the setting", async () => {
    const help = await cli({}, "--help");
    expect(help.stdout).toMatch(/^ {2}outbox +\S/m);
    const own = await cli({}, "outbox", "--help");
    expect(own.status).toBe(0);
    for (const text of [
      "outbox enqueue FILE",
      "outbox work [--concurrency",
      "outbox status [--json]",
      "outbox retry REQUEST_ID",
      "--all-dead",
      "ALIPAYHK_OUTBOX_URL",
    ]) {
      expect(own.stdout).toContain(text);
    }
  });

  test("missing or bad ALIPAYHK_OUTBOX_URL: named, exit 2; an unreachable database: exit 1, no password", async () => {
    for (const args of [["status"], ["enqueue", body("m.json", { merchantBizNo: "M-1" })], ["retry", "--all-dead"]]) {
      const res = await cli({}, "outbox", ...args);
      expect(res.status, `${args.join(" ")}: ${res.stderr}`).toBe(2);
      expect(res.stderr).toContain("ALIPAYHK_OUTBOX_URL is required");
    }
    const mysql = await cli({ ALIPAYHK_OUTBOX_URL: "mysql://me:Hunter2pw@127.0.0.1/db" }, "outbox", "status");
    expect(mysql.status).toBe(2);
    expect(mysql.stderr).toContain("ALIPAYHK_OUTBOX_URL: not a postgres:// URL");
    expect(mysql.stderr).not.toContain("Hunter2pw");
    const closed = await closedPort();
    const down = await cli(
      { ALIPAYHK_OUTBOX_URL: `postgres://me:Hunter2pw@127.0.0.1:${closed}/db` },
      "outbox",
      "status",
    );
    expect(down.status).toBe(1);
    expect(down.stderr).toContain(`cannot open the outbox at postgres://me:***@127.0.0.1:${closed}/db`);
    expect(down.stdout + down.stderr).not.toContain("Hunter2pw");
  });

  test("usage errors: unknown subcommand, another subcommand's flag, work without client settings", async () => {
    const env = await outboxEnv("usage");
    const cases: [string[], RegExp][] = [
      [[], /a subcommand is missing: one of enqueue, work, status, retry/],
      [["send"], /unknown subcommand "send"/],
      [["status", "--all-dead"], /--all-dead is not a flag of outbox status/],
      [["work", "--concurrency", "0"], /--concurrency: must be a whole number from 1/],
      [["retry"], /give the requestId of a dead letter/],
      [["retry", "X", "--all-dead"], /not both/],
      [["enqueue"], /give at least one body file/],
      [["work"], /no AlipayHK settings.*ALIPAYHK_CLIENT_ID/],
      [["work", "--sandbox", "--client-id", "C"], /--sandbox sends to an embedded sandbox/],
    ];
    for (const [args, message] of cases) {
      const res = await cli(env, "outbox", ...args);
      expect(res.status, `${args.join(" ")}: ${res.stderr}`).toBe(2);
      expect(res.stderr, args.join(" ")).toMatch(message);
    }
  });

  test("enqueue stores every file or none; two files: two requestIds, 2 pending; work delivers them", async () => {
    const env = await outboxEnv("deliver");
    const a = body("a.json", { merchantBizNo: "OUTBOX-A" });
    const b = body("b.json", { merchantBizNo: "OUTBOX-B", orderStatus: "USED" });
    body("bad.json", { merchantBizNo: "OUTBOX-BAD", orderStatus: "LOST" });

    const refused = await cli(env, "outbox", "enqueue", a, "bad.json");
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain("bad.json: syncOrder was not sent: orderStatus must be one of");
    expect((await ok(env, "status")).stdout).toBe("pending 0, in flight 0, delivered 0, dead 0\n");

    const enqueued = await ok(env, "enqueue", a, b);
    const ids = requestIds(enqueued.stdout);
    expect(ids).toHaveLength(2);
    expect(enqueued.stdout).toBe(`${ids[0]}\ta.json\n${ids[1]}\tb.json\n`);
    expect((await ok(env, "status")).stdout).toBe("pending 2, in flight 0, delivered 0, dead 0\n");
    expect((await statusJson(env)).counts).toEqual({ pending: 2, inFlight: 0, delivered: 0, dead: 0, superseded: 0 });

    const worker = start({ ...env, ...clientEnv }, ["outbox", "work", "--concurrency", "2"]);
    await worker.waitFor(
      new RegExp(`delivered ${ids[0]}[\\s\\S]*delivered ${ids[1]}|delivered ${ids[1]}[\\s\\S]*delivered ${ids[0]}`),
    );
    worker.child.kill("SIGTERM");
    const ended = await worker.exited;
    expect(ended.status, ended.stderr).toBe(0);
    expect(ended.stderr).toContain("outbox worker stopped: 2 delivered");
    expect(history("OUTBOX-A")).toEqual([ids[0]]);
    expect(history("OUTBOX-B")).toEqual([ids[1]]);
    expect(sandbox.orders.find((o) => o.merchantBizNo === "OUTBOX-B")?.orderStatus).toBe("USED");
    expect((await statusJson(env)).counts).toEqual({ pending: 0, inFlight: 0, delivered: 2, dead: 0, superseded: 0 });
  });

  test("SIGTERM with a call in flight: the worker claims nothing more, finishes that call, exits 0", async () => {
    const env = await outboxEnv("sigterm");
    const enqueued = await ok(
      env,
      "enqueue",
      body("c.json", { merchantBizNo: "OUTBOX-C" }),
      body("d.json", { merchantBizNo: "OUTBOX-D" }),
    );
    const [first, second] = requestIds(enqueued.stdout);
    let arrived!: () => void;
    let release!: () => void;
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    gate = { arrived, released: new Promise<void>((resolve) => (release = resolve)) };

    const worker = start({ ...env, ...clientEnv }, ["outbox", "work", "--concurrency", "1"]);
    try {
      await arrival; // the first call is at the sandbox, held there
      worker.child.kill("SIGTERM");
      await worker.waitFor(/stopping once the calls in flight are settled/);
      expect(worker.child.exitCode).toBe(null); // still waiting for its call
      expect((await statusJson(env)).counts).toEqual({ pending: 1, inFlight: 1, delivered: 0, dead: 0, superseded: 0 });
    } finally {
      release();
    }
    const ended = await worker.exited;
    expect(ended.status, ended.stderr).toBe(0);
    expect(ended.stdout).toBe(`delivered ${first}\n`);
    expect(history("OUTBOX-C")).toEqual([first]);
    expect(history("OUTBOX-D")).toBe(undefined); // never sent: claimed by no one
    expect((await statusJson(env)).counts).toEqual({ pending: 1, inFlight: 0, delivered: 1, dead: 0, superseded: 0 });
    expect(second).toMatch(/^\w+$/);
  });

  test("dead letters show AlipayHK's result in status; retry re-sends one with its requestId once fixed", async () => {
    const env = await outboxEnv("dead");
    const workOnce = async (expected: RegExp, keyFile = clientEnv.ALIPAYHK_PRIVATE_KEY_FILE!) => {
      const worker = start({ ...env, ...clientEnv, ALIPAYHK_PRIVATE_KEY_FILE: keyFile }, ["outbox", "work"]);
      await worker.waitFor(expected);
      worker.child.kill("SIGTERM");
      expect((await worker.exited).status).toBe(0);
    };
    // a LINE_UP order may not start as CANCELLED (the sandbox is strict): ORDER_STATUS_INVALID, F, for good
    const cancel = body("cancel.json", { ...LINE_UP, merchantBizNo: "OUTBOX-Q", orderStatus: "CANCELLED" });
    const [refusedId] = requestIds((await ok(env, "enqueue", cancel)).stdout);
    await workOnce(new RegExp(`dead ${refusedId} definite_failure: ORDER_STATUS_INVALID`));
    // a worker started with the wrong private key: INVALID_SIGNATURE, F, until an operator fixes the key and re-drives
    writeFileSync(join(work, "wrong.pem"), (await generateKeyPairPem()).privateKey);
    const [signedId] = requestIds((await ok(env, "enqueue", body("e.json", { merchantBizNo: "OUTBOX-E" }))).stdout);
    await workOnce(new RegExp(`dead ${signedId} definite_failure: INVALID_SIGNATURE`), join(work, "wrong.pem"));

    const shown = await ok(env, "status");
    expect(shown.stdout).toMatch(/^pending 0, in flight 0, delivered 0, dead 2\n/);
    expect(shown.stdout).toMatch(
      new RegExp(
        `^ {2}${refusedId} {2}syncOrder {2}definite_failure: ORDER_STATUS_INVALID \\(F\\): ` +
          "a new LINE_UP .+\\(1 attempt",
        "m",
      ),
    );
    expect(shown.stdout).toMatch(
      new RegExp(`^ {2}${signedId} {2}syncOrder {2}definite_failure: INVALID_SIGNATURE \\(F\\): .+\\(1 attempt, `, "m"),
    );
    expect((await statusJson(env)).deadLetters).toMatchObject([
      {
        requestId: refusedId,
        state: "dead",
        deadReason: "definite_failure",
        lastFailure: { resultCode: "ORDER_STATUS_INVALID", resultStatus: "F" },
      },
      {
        requestId: signedId,
        state: "dead",
        deadReason: "definite_failure",
        lastFailure: { resultCode: "INVALID_SIGNATURE", resultStatus: "F" },
      },
    ]);
    expect(history("OUTBOX-Q")).toBe(undefined);
    expect(history("OUTBOX-E")).toBe(undefined);

    expect(await cli(env, "outbox", "retry", "no-such-id")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('no call with requestId "no-such-id"'),
    });
    expect((await ok(env, "retry", signedId!)).stdout).toBe(`${signedId} sent back to be delivered\n`);
    expect((await statusJson(env)).counts).toEqual({ pending: 1, inFlight: 0, delivered: 0, dead: 1, superseded: 0 });
    await workOnce(new RegExp(`delivered ${signedId}`));
    expect(history("OUTBOX-E")).toEqual([signedId]);
    expect(await cli(env, "outbox", "retry", signedId!)).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(`${signedId} is delivered, not a dead letter`),
    });

    expect((await ok(env, "retry", "--all-dead")).stdout).toBe("1 dead letter sent back to be delivered\n");
    expect((await statusJson(env)).counts).toEqual({ pending: 1, inFlight: 0, delivered: 1, dead: 0, superseded: 0 });
  });
});
