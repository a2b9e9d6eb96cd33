// @ts-check
// What the tooling (scripts/runtimes.mjs, scripts/examples.mjs, scripts/check-packages.mjs, bench/run.mjs) shares:
// running a command, starting a server and waiting for it, and rebuilding the library packages whose dist/ is
// older than what it is built from. Every child is ended by its own pid, never by name.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const BIN = join(ROOT, "node_modules", ".bin");

/** The library packages (web APIs only), in dependency order. The CLI is a Node command, not a library. */
export const LIBRARIES = [
  { dir: "packages/spec", name: "alipayhk-spec" },
  { dir: "packages/signature", name: "alipayhk-signature" },
  { dir: "packages/client", name: "alipayhk-order" },
  { dir: "packages/sandbox", name: "alipayhk-sandbox" },
];

/** The outbox: a library too, whose adapters' engines have suites of their own (not the runtime suite's). */
export const OUTBOX = { dir: "packages/outbox", name: "alipayhk-outbox" };

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** @param {number} ms */
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Children still running, killed (by pid) if this process exits first. */
const children = new Set();
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/**
 * @typedef {{ code: number; signal?: NodeJS.Signals | null; stdout: string; stderr: string }} RunResult
 * @typedef {{
 *   cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; inherit?: boolean;
 *   echoStderr?: boolean; onSpawn?: (pid: number | undefined) => void;
 * }} RunOptions
 */

/**
 * Runs a command to completion (killed after `timeoutMs`), collecting its output. `echoStderr` passes its stderr
 * (progress lines) through as well; `inherit` gives it this process's stdio instead.
 * @param {string} command
 * @param {string[]} argv
 * @param {RunOptions} [options]
 * @returns {Promise<RunResult>}
 */
export function run(
  command,
  argv,
  { cwd = ROOT, env = process.env, timeoutMs = 600_000, inherit = false, echoStderr = false, onSpawn } = {},
) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, { cwd, env, stdio: inherit ? "inherit" : ["ignore", "pipe", "pipe"] });
    children.add(child);
    onSpawn?.(child.pid);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (d) => (stdout += d));
    child.stderr?.on("data", (d) => {
      stderr += d;
      if (echoStderr) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code: 127, stdout, stderr: String(error) });
    });
  });
}

/**
 * Starts a long-running child. `started` resolves with the first match of `ready` in its stdout (at once when
 * there is no `ready`), or rejects when it exits or the time is up; `stop()` ends it (SIGTERM, then SIGKILL).
 * @param {string} command
 * @param {string[]} argv
 * @param {{ env?: Record<string, string>; cwd?: string; ready?: RegExp; timeoutMs?: number; stderr?: "collect" | "inherit" }} [options]
 */
export function startServer(command, argv, { env, cwd = ROOT, ready, timeoutMs = 20_000, stderr = "collect" } = {}) {
  // stdin is a pipe left open: a child that watches it (bench/server.mjs) ends when this process does
  const child = spawn(command, argv, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", stderr === "inherit" ? "inherit" : "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let output = "";
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM"); // only this child, by its pid
    if (await Promise.race([exited.then(() => true), sleep(3000).then(() => false)])) return;
    child.kill("SIGKILL");
    await exited;
  };
  /** @type {Promise<RegExpMatchArray | []>} */
  const started = new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    /** @param {Buffer} d */
    const onData = (d) => {
      output += d;
      const m = ready && output.match(ready);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (d) => (output += d));
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

/** A TCP port on 127.0.0.1 that was free a moment ago (for servers that cannot be told to pick one). */
export async function freePort() {
  const { createServer } = await import("node:net");
  return new Promise((resolvePromise) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
      server.close(() => resolvePromise(port));
    });
  });
}

/**
 * Waits until something answers HTTP at `url` (any status), or `child` exits, or the time is up.
 * @param {string} url
 * @param {import("node:child_process").ChildProcess} child
 */
export async function waitForHttp(url, child, timeoutMs = 15_000) {
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
 * Runs `fn` over `items`, at most `jobs` at a time; results in the items' order.
 * @template T, R
 * @param {T[]} items
 * @param {number} jobs
 * @param {(item: T) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
export async function pool(items, jobs, fn) {
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

/** @param {string} path @returns {number} */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/**
 * Builds the library packages whose dist/ is missing or older than what it is built from (src/, generated/,
 * tsup.config.ts, package.json), in dependency order; a rebuilt package rebuilds its dependents too.
 * @param {{ force?: boolean; log?: (text: string) => void; libraries?: { dir: string; name: string }[] }} [options]
 *   libraries: LIBRARIES by default, in dependency order
 */
export function buildStale({ force = false, log = (text) => process.stdout.write(text), libraries = LIBRARIES } = {}) {
  let stale = false;
  for (const lib of libraries) {
    const dir = join(ROOT, lib.dir);
    const js = join(dir, "dist", "index.js");
    const built = existsSync(js) && existsSync(join(dir, "dist", "index.d.ts")) ? statSync(js).mtimeMs : 0;
    const inputs = Math.max(
      newestMtime(join(dir, "src")),
      newestMtime(join(ROOT, "generated")),
      newestMtime(join(dir, "tsup.config.ts")),
      newestMtime(join(dir, "package.json")),
    );
    stale ||= force || built === 0 || inputs > built;
    if (!stale) continue;
    log(`build ${lib.name} ... `);
    const started = Date.now();
    const result = spawnSync("npm", ["run", "build", "-w", lib.name], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) {
      log("FAILED\n");
      throw new Error(`npm run build -w ${lib.name} failed:\n${result.stdout}${result.stderr}`);
    }
    log(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}
