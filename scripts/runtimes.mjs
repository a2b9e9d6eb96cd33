#!/usr/bin/env node
// @ts-check
// `npm run test:runtimes`: one client, every runtime.
//
// 1. Builds the library packages whose dist/ is missing or older than their sources (scripts/build-stale.mjs;
//    --build forces it), and checks that test/conformance/vectors.json is what scripts/make-vectors.mjs writes.
// 2. Bundles the portable conformance suite (test/conformance/suite.ts) once per runtime with esbuild.
//    `alipayhk-*` resolve through the node_modules workspace links to each package's "exports", i.e.
//    the BUILT dist/ files; the bundle's metafile is checked for that.
// 3. Runs the thin runners (test/runtimes/*): Node, Deno (--allow-net=127.0.0.1 only), Bun, workerd
//    twice (nodejs_compat, and no_nodejs_compat + no_nodejs_compat_v2) and Vercel's edge-runtime.
// 4. Runs the examples (examples/*) against a sandbox served on 127.0.0.1, and checks each one synced.
//
// Prints each runtime's name and version and its `N passed, N failed` line; exits 1 on any failure.
//   node scripts/runtimes.mjs [--build] [--verbose] [--only=node,deno,workerd,edge,examples,...] [--jobs=N]
// --only takes prefixes of the runtime and example names; --jobs (default 2, the cores of our CI machine)
// is how many runtimes run at once.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { buildStale, LIBRARIES } from "./build-stale.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "node_modules", ".bin");
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const VERBOSE = flag("verbose");
const ONLY = option("only")?.split(",");
const JOBS = Number(option("jobs") ?? 2);
const WORKERD_COMPATIBILITY_DATE = "2026-11-17";
const started = Date.now();
const tmp = mkdtempSync(join(tmpdir(), "alipayhk-runtimes-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command to completion (killed after timeoutMs), collecting its output. */
function run(command, argv, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, argv, { cwd: ROOT, stdio: options.inherit ? "inherit" : ["ignore", "pipe", "pipe"], env: options.env ?? process.env });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => (stderr += d));
    const timer = options.timeoutMs && setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      resolvePromise({ code: 127, stdout, stderr: String(error) });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// 2. Bundles

/**
 * Bundles `entry`; fails if an alipayhk-* import was resolved to anything but a package's dist/.
 * @param {string} entry
 * @param {string} outfile
 * @param {{ platform?: import("esbuild").Platform; format?: import("esbuild").Format }} [options]
 */
async function bundle(entry, outfile, { platform = "neutral", format = "esm" } = {}) {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    outfile: join(tmp, outfile),
    bundle: true,
    format,
    platform,
    target: "es2022",
    mainFields: ["module", "main"],
    conditions: platform === "neutral" ? ["worker", "browser"] : [],
    metafile: true,
    // alipayhk-* resolve like a user's install does, through node_modules to each package's dist/ (the
    // "alipayhk-source" condition, which points at src/ for the type checker, is not set here)
    logLevel: "error",
    legalComments: "none",
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const lib of LIBRARIES) {
    const fromDist = inputs.some((p) => p.startsWith(`${lib.dir}/dist/`));
    const fromSrc = inputs.filter((p) => p.startsWith(`${lib.dir}/src/`));
    if (fromSrc.length) throw new Error(`${entry}: ${lib.name} was bundled from its sources (${fromSrc[0]}), not from dist/`);
    if (!fromDist && entry.startsWith("test/runtimes/")) throw new Error(`${entry}: ${lib.name} is not in the bundle`);
  }
  return join(tmp, outfile);
}

/** A `workerd test` config running `bundleFile` as a module worker. */
function workerdConfig(name, { bundleFile, flags, bindings = {} }) {
  const file = join(tmp, `${name}.capnp`);
  const bindingList = Object.entries(bindings)
    .map(([key, value]) => `(name = ${JSON.stringify(key)}, text = ${JSON.stringify(value)})`)
    .join(", ");
  writeFileSync(
    file,
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .worker)],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed ${JSON.stringify(relative(tmp, bundleFile))})],
  compatibilityDate = "${WORKERD_COMPATIBILITY_DATE}",
  compatibilityFlags = ${JSON.stringify(flags)},
  bindings = [${bindingList}],
);
`,
  );
  return file;
}

// ---------------------------------------------------------------------------------------------
// 3. Runtimes

const deno = join(BIN, "deno");
const bun = join(BIN, "bun");
const workerd = join(BIN, "workerd");
const firstLine = (text) => text.trim().split("\n")[0];

function workerdRuntime(id, flags, nodeGlobals) {
  const name = `workerd-${nodeGlobals}`;
  return {
    id,
    version: async () =>
      `workerd ${require("workerd/package.json").version} (${firstLine((await run(workerd, ["--version"])).stdout)}), compatibility date ${WORKERD_COMPATIBILITY_DATE}, flags ${JSON.stringify(flags)}`,
    prepare: async () => {
      const file = await bundle("test/runtimes/workerd.ts", `${name}.bundle.mjs`);
      return workerdConfig(name, { bundleFile: file, flags, bindings: { NODE_GLOBALS: nodeGlobals } });
    },
    command: (config) => [workerd, ["test", "--verbose", config]],
    expectedTests: WITH_GLOBALS_CHECK,
  };
}

// How many tests each runtime must run, as README.md says: a runner that lost a registration (its `serve`, the
// NODE_GLOBALS binding) would otherwise pass with fewer. Change these with the suite.
const SHARED_TESTS = 90; // test/conformance/suite.ts, everywhere
const WITH_LOOPBACK = SHARED_TESTS + 4; // Node, Deno, Bun: the loopback HTTP tests
const WITH_GLOBALS_CHECK = SHARED_TESTS + 1; // workerd, edge-runtime: the assertion about Node's globals

const RUNTIMES = [
  {
    id: "node",
    version: async () => `node ${process.version}`,
    prepare: () => bundle("test/runtimes/node.ts", "node.bundle.mjs", { platform: "node" }),
    command: (file) => [process.execPath, [file]],
    expectedTests: WITH_LOOPBACK,
  },
  {
    id: "deno",
    version: async () => firstLine((await run(deno, ["--version"])).stdout),
    prepare: () => bundle("test/runtimes/deno.ts", "deno.bundle.mjs"),
    // Narrowest permissions: loopback network only; nothing to read, write, run or look up in env.
    command: (file) => [deno, ["run", "--allow-net=127.0.0.1", "--no-prompt", "--no-config", "--no-lock", file]],
    expectedTests: WITH_LOOPBACK,
  },
  {
    id: "bun",
    version: async () => `bun ${(await run(bun, ["--version"])).stdout.trim()}`,
    prepare: () => bundle("test/runtimes/bun.ts", "bun.bundle.mjs"),
    command: (file) => [bun, ["run", "--no-install", file]],
    expectedTests: WITH_LOOPBACK,
  },
  // workerd twice. At this compatibility date nodejs_compat is the default, and no_nodejs_compat alone
  // still leaves Buffer and process defined: both no_* flags are needed. The NODE_GLOBALS binding tells
  // the suite which case it is in, and the suite asserts it, so each run proves what it claims.
  workerdRuntime("workerd (nodejs_compat)", ["nodejs_compat"], "present"),
  workerdRuntime("workerd (no_nodejs_compat)", ["no_nodejs_compat", "no_nodejs_compat_v2"], "absent"),
  {
    id: "edge-runtime",
    version: async () => `edge-runtime ${require("edge-runtime/package.json").version} (@edge-runtime/vm ${require("@edge-runtime/vm/package.json").version}, in node ${process.version})`,
    prepare: () => bundle("test/runtimes/edge-runtime.ts", "edge.bundle.js", { format: "iife" }),
    command: (file) => [process.execPath, [join(ROOT, "test/runtimes/edge-host.mjs"), file]],
    expectedTests: WITH_GLOBALS_CHECK,
  },
];

const SUMMARY = /^(\d+) passed, (\d+) failed$/m;

async function runRuntime(runtime) {
  const t = Date.now();
  const result = { id: runtime.id, version: "?", passed: 0, failed: 0, ok: false, output: "", ms: 0 };
  try {
    result.version = await runtime.version();
    const target = await runtime.prepare();
    const [command, argv] = runtime.command(target);
    const { code, stdout, stderr } = await run(command, argv, { timeoutMs: 120_000 });
    result.output = `${stdout}${stderr ? `\n[stderr]\n${stderr}` : ""}`;
    // workerd prefixes console output; take the last summary line wherever it is.
    const lines = stdout.concat("\n", stderr).split("\n").map((l) => l.replace(/^.*?(\d+ passed, \d+ failed)\s*$/, "$1"));
    const summary = lines.filter((l) => SUMMARY.test(l)).pop()?.match(SUMMARY);
    if (summary) {
      result.passed = Number(summary[1]);
      result.failed = Number(summary[2]);
    } else {
      result.failed = Math.max(1, result.failed);
      result.output += "\n(no `N passed, N failed` line: the runner crashed)";
    }
    const complete = result.passed + result.failed === runtime.expectedTests;
    result.ok = code === 0 && summary !== undefined && result.failed === 0 && complete;
    if (code !== 0 && result.failed === 0) result.output += `\n(exit code ${code})`;
    if (summary && !complete) result.output += `\n(ran ${result.passed + result.failed} tests, expected ${runtime.expectedTests})`;
  } catch (error) {
    result.output += `\n${error?.stack ?? error}`;
    result.failed = Math.max(1, result.failed);
  }
  result.ms = Date.now() - t;
  return result;
}

async function pool(items, jobs, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(jobs, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// 4. Examples, each against a sandbox served on 127.0.0.1 by the CLI's node:http adapter

const vectors = JSON.parse(readFileSync(join(ROOT, "test/conformance/vectors.json"), "utf8"));
const MERCHANT = vectors.keys.merchant;
const ORDER_STATUSES = ["TICKETED", "USED"];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a long-running child; resolves with its first stdout match of `ready`, or rejects.
 * @param {string} command
 * @param {string[]} argv
 * @param {{ env?: Record<string, string>; cwd?: string; ready?: RegExp; timeoutMs?: number }} options
 */
function startServer(command, argv, { env, cwd = ROOT, ready, timeoutMs = 20_000 }) {
  const child = spawn(command, argv, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM"); // only this child, by its pid
    if (await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) return;
    child.kill("SIGKILL");
    await exited;
  };
  const started = new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (d) => {
      output += d;
      const m = ready && output.match(ready);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d) => (output += d));
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}`));
    });
    if (!ready) {
      clearTimeout(timer);
      resolvePromise([]);
    }
  });
  return { child, started, stop, output: () => output };
}

async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolvePromise) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolvePromise(port));
    });
  });
}

/** Waits until something answers HTTP at `url` (any status), or `child` exits, or the time is up. */
async function waitForHttp(url, child, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(url, { method: "GET" });
      return;
    } catch (error) {
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ${url} answered`);
      if (Date.now() > until) throw new Error(`${url} did not answer: ${error.message}`);
      await sleep(100);
    }
  }
}

/**
 * The check every server example gets: two orders synced by concurrent requests (the first calls, when the
 * keys are imported), then one of them moved on to USED; the sandbox must hold exactly that.
 */
async function exerciseServer(name, post, sandbox) {
  const a = `example-${name}-a`;
  const b = `example-${name}-b`;
  const [ra, rb] = await Promise.all([post({ merchantBizNo: a, orderStatus: "TICKETED" }), post({ merchantBizNo: b, orderStatus: "TICKETED" })]);
  await sleep(20); // orderModifyTime is Date.now(): the update must be newer
  const ra2 = await post({ merchantBizNo: a, orderStatus: "USED" });
  checkSynced(sandbox, a, ORDER_STATUSES, [ra, ra2]);
  checkSynced(sandbox, b, ["TICKETED"], [rb]);
}

function checkSynced(sandbox, merchantBizNo, statuses, answers) {
  const held = sandbox.order(vectors.clientId, merchantBizNo);
  if (!held) throw new Error(`the sandbox has no order ${merchantBizNo}`);
  const history = held.history.map((h) => h.to).join(",");
  if (history !== statuses.join(",")) throw new Error(`${merchantBizNo}: sandbox history ${history}, expected ${statuses.join(",")}`);
  for (const answer of answers) {
    if (answer.orderId !== held.orderId) throw new Error(`${merchantBizNo}: the example answered ${JSON.stringify(answer)}, the sandbox holds ${held.orderId}`);
  }
  if (answers.at(-1).orderStatus !== statuses.at(-1)) throw new Error(`${merchantBizNo}: last answer ${JSON.stringify(answers.at(-1))}`);
}

const postJson = (url) => async (body) => {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
  return JSON.parse(text);
};

const exampleEnv = (baseUrl, privateKey) => ({
  ALIPAYHK_CLIENT_ID: vectors.clientId,
  ALIPAYHK_PRIVATE_KEY: privateKey,
  ALIPAYHK_BASE_URL: baseUrl,
});

const EXAMPLES = [
  {
    id: "node (examples/node/sync-order.mjs)",
    async run({ sandbox, baseUrl, alipayPublicKey }) {
      const env = { ...process.env, ...exampleEnv(baseUrl, MERCHANT.pkcs8Pem), ALIPAYHK_PUBLIC_KEY: alipayPublicKey };
      const answers = [];
      for (const status of ORDER_STATUSES) {
        const { code, stdout, stderr } = await run(process.execPath, ["examples/node/sync-order.mjs", "example-node", status], { env, timeoutMs: 30_000 });
        if (code !== 0) throw new Error(`exit ${code}: ${stdout}${stderr}`);
        answers.push(JSON.parse(stdout));
        await sleep(20);
      }
      checkSynced(sandbox, "example-node", ORDER_STATUSES, answers);
    },
  },
  {
    id: "deno (examples/deno/server.ts)",
    async run({ sandbox, baseUrl, alipayPublicKey }) {
      const server = startServer(
        deno,
        ["run", "--no-prompt", "--allow-net=127.0.0.1", "--allow-env=ALIPAYHK_CLIENT_ID,ALIPAYHK_PRIVATE_KEY,ALIPAYHK_PUBLIC_KEY,ALIPAYHK_BASE_URL,PORT", "server.ts"],
        { cwd: join(ROOT, "examples/deno"), env: { ...exampleEnv(baseUrl, MERCHANT.pkcs8Base64), ALIPAYHK_PUBLIC_KEY: alipayPublicKey, PORT: "0" }, ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/ },
      );
      try {
        const [, url] = await server.started;
        await exerciseServer("deno", postJson(url), sandbox);
      } finally {
        await server.stop();
      }
    },
  },
  {
    id: "bun (examples/bun/server.ts)",
    async run({ sandbox, baseUrl, alipayPublicKey }) {
      const server = startServer(bun, ["run", "examples/bun/server.ts"], {
        env: { ...exampleEnv(baseUrl, MERCHANT.pkcs1Pem), ALIPAYHK_PUBLIC_KEY: alipayPublicKey, PORT: "0" },
        ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
      });
      try {
        const [, url] = await server.started;
        await exerciseServer("bun", postJson(url), sandbox);
      } finally {
        await server.stop();
      }
    },
  },
  {
    id: "cloudflare worker (examples/cloudflare-worker, workerd serve, no Node compat)",
    async run({ sandbox, baseUrl, alipayPublicKey }) {
      // What `wrangler deploy` would do: bundle the worker. config.capnp embeds dist/worker.js.
      await build({
        entryPoints: [join(ROOT, "examples/cloudflare-worker/worker.ts")],
        outfile: join(ROOT, "examples/cloudflare-worker/dist/worker.js"),
        bundle: true,
        format: "esm",
        platform: "neutral",
        mainFields: ["module", "main"],
        conditions: ["workerd", "worker", "browser"],
        logLevel: "error",
      });
      const port = await freePort();
      const server = startServer(workerd, ["serve", "examples/cloudflare-worker/config.capnp", `--socket-addr=http=127.0.0.1:${port}`], {
        // The PEM as it arrives from a one-line secret: literal \n escapes.
        env: { ...exampleEnv(baseUrl, MERCHANT.pkcs8PemEscaped), ALIPAYHK_PUBLIC_KEY: alipayPublicKey },
      });
      try {
        const url = `http://127.0.0.1:${port}`;
        await waitForHttp(url, server.child);
        await exerciseServer("workerd", postJson(url), sandbox);
      } catch (error) {
        error.message += `\n${server.output()}`;
        throw error;
      } finally {
        await server.stop();
      }
    },
  },
  {
    id: "vercel edge (examples/vercel-edge/api/sync-order.ts, in edge-runtime)",
    async run({ sandbox, baseUrl, alipayPublicKey }) {
      // What Vercel's build does for an edge function: bundle it and register it as the fetch handler.
      const entry = join(tmp, "vercel-entry.ts");
      writeFileSync(
        entry,
        `import handler, { config } from ${JSON.stringify(join(ROOT, "examples/vercel-edge/api/sync-order.ts"))};
if (config.runtime !== "edge") throw new Error("not an edge function");
addEventListener("fetch", (event) => event.respondWith(handler(event.request)));
`,
      );
      const file = await bundle(relative(ROOT, entry), "vercel-edge.js", { format: "iife" });
      const { EdgeRuntime } = await import("edge-runtime");
      // Vercel gives edge functions process.env (and nothing else of process); the JWK goes in as JSON text.
      const env = { ...exampleEnv(baseUrl, JSON.stringify(MERCHANT.privateJwk)), ALIPAYHK_PUBLIC_KEY: alipayPublicKey };
      const runtime = new EdgeRuntime({ initialCode: readFileSync(file, "utf8"), extend: (context) => Object.assign(context, { process: { env } }) });
      const post = async (body) => {
        const response = await runtime.dispatchFetch("https://example.vercel.app/api/sync-order", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        await response.waitUntil();
        const text = await response.text();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
        return JSON.parse(text);
      };
      await exerciseServer("vercel-edge", post, sandbox);
    },
  },
];

async function runExamples() {
  const t = Date.now();
  const { createSandbox } = await import("alipayhk-sandbox"); // the built package, as Node resolves it
  const { serve } = await import(pathToFileURL(await bundle("packages/cli/src/serve.ts", "serve.mjs", { platform: "node" })).href);
  const sandbox = await createSandbox({ merchants: { [vectors.clientId]: MERCHANT.spkiPem } });
  const server = await serve(sandbox.fetch, { port: 0, hostname: "127.0.0.1" });
  const context = { sandbox, baseUrl: server.url, alipayPublicKey: sandbox.alipayPublicKey };
  const results = [];
  try {
    const selected = EXAMPLES.filter((e) => !ONLY || ONLY.includes("examples") || ONLY.some((o) => e.id.startsWith(o)));
    for (const result of await pool(selected, JOBS, async (example) => {
      const t0 = Date.now();
      try {
        await example.run(context);
        return { id: example.id, ok: true, ms: Date.now() - t0 };
      } catch (error) {
        return { id: example.id, ok: false, ms: Date.now() - t0, error: String(error?.stack ?? error) };
      }
    })) {
      results.push(result);
    }
  } finally {
    await server.close();
  }
  return { results, ms: Date.now() - t, sandboxUrl: server.url };
}

// ---------------------------------------------------------------------------------------------
// Main

try {
  buildStale({ force: flag("build") });
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
{
  const { code, stdout, stderr } = await run(process.execPath, ["scripts/make-vectors.mjs", "--check"]);
  if (code !== 0) {
    console.error(stdout + stderr);
    process.exit(1);
  }
}
const selected = RUNTIMES.filter((r) => !ONLY || ONLY.some((o) => r.id.startsWith(o)));
const results = await pool(selected, JOBS, async (runtime) => {
  const result = await runRuntime(runtime);
  process.stdout.write(`  ${result.ok ? "ok  " : "FAIL"} ${runtime.id} (${seconds(result.ms)})\n`);
  return result;
});
const examples = !ONLY || ONLY.includes("examples") || EXAMPLES.some((e) => ONLY.some((o) => e.id.startsWith(o))) ? await runExamples() : undefined;

console.log("");
let failed = false;
for (const r of results) {
  failed ||= !r.ok;
  console.log(`${r.ok ? "✔" : "✘"} ${r.id}: ${r.version} (${seconds(r.ms)})`);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  if (!r.ok || VERBOSE) {
    const shown = VERBOSE ? r.output : r.output.split("\n").filter((l) => !/^ok \d+ - |^# runtime|^\d+ passed|\] main|^$/.test(l)).slice(0, 80).join("\n");
    console.log(shown.replace(/^/gm, "    "));
  }
}
if (examples) {
  const passed = examples.results.filter((e) => e.ok).length;
  failed ||= passed !== examples.results.length || examples.results.length === 0;
  console.log(`${passed === examples.results.length ? "✔" : "✘"} examples, against a sandbox at ${examples.sandboxUrl} (${seconds(examples.ms)})`);
  for (const e of examples.results) {
    console.log(`    ${e.ok ? "ok  " : "FAIL"} ${e.id} (${seconds(e.ms)})`);
    if (!e.ok) console.log(e.error.replace(/^/gm, "        "));
  }
  console.log(`${passed} passed, ${examples.results.length - passed} failed`);
}
console.log(`\n${failed ? "FAILED" : "all runtimes passed"} in ${seconds(Date.now() - started)}`);
process.exit(failed ? 1 : 0);
