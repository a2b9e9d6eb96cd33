// @ts-check
/**
 * The delivery soak's worker processes (`alipayhk outbox work` from the built CLI): started, SIGKILLed at random and
 * restarted, then stopped with SIGTERM; and the timing helpers the soak shares with them.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../packages/cli/dist/alipayhk.js", import.meta.url));

/** Waits `ms`, or less when `signal` fires. */
export const sleep = (/** @type {number} */ ms, /** @type {AbortSignal | undefined} */ signal) =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve(undefined);
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
/** Resolves with `promise`'s value, or with `fallback` after `ms`. */
export const within = (/** @type {Promise<any>} */ promise, /** @type {number} */ ms, fallback = undefined) =>
  Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(fallback), ms).unref())]);

/**
 * The worker processes: started, SIGKILLed and restarted by `chaos`, stopped with SIGTERM by `stopAll`.
 * @param {typeof import("./delivery-plan.mjs").DELIVERY_FULL} o
 * @param {Record<string, string>} env
 * @param {() => number} random
 */
export function workerPool(o, env, random) {
  const uniform = (/** @type {number[]} */ [min, max]) => min + random() * (max - min);
  const args = ["outbox", "work", "--concurrency", String(o.concurrency), "--lease", String(o.leaseSeconds)];
  const stats = { starts: 0, kills: 0, deliveredLines: 0, deadLines: 0, unexpectedExits: /** @type {string[]} */ ([]) };
  /**
   * @typedef {{ child: import("node:child_process").ChildProcess; ready: Promise<boolean>; expected: boolean;
   *   exit: Promise<{ code: number | null; signal: string | null }> }} Run
   */
  /** @type {(Run | undefined)[]} */
  const slots = Array.from({ length: o.workers }, () => undefined);
  let stopping = false;

  function start(/** @type {number} */ i) {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    stats.starts++;
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => {
      const lines = (out + d).split("\n");
      out = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("delivered ")) stats.deliveredLines++;
        else if (line.startsWith("dead ")) stats.deadLines++;
      }
    });
    /** @type {Run} */
    const run = {
      child,
      expected: false,
      ready: new Promise((resolve) => {
        child.stderr?.on("data", (d) => {
          err = (err + d).slice(-2_000);
          if (err.includes("delivering from")) resolve(true);
        });
        child.once("exit", () => resolve(false));
      }),
      exit: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
    };
    void run.exit.then(({ code, signal }) => {
      if (run.expected) return;
      // a worker that ended on its own: recorded (it is a failure), and replaced
      stats.unexpectedExits.push(
        `worker ${i} exited with ${signal ?? code}: ${err.trim().split("\n").slice(-3).join(" | ")}`,
      );
      if (!stopping) setTimeout(() => !stopping && slots[i] === run && (slots[i] = start(i)), 1_000);
    });
    return run;
  }

  return {
    stats,
    startAll() {
      for (const i of slots.keys()) slots[i] = start(i);
    },
    /** Kills worker `i` at random moments and restarts it, until `signal` fires. */
    async chaos(/** @type {number} */ i, /** @type {AbortSignal} */ signal) {
      while (!signal.aborted) {
        await sleep(uniform(o.killEveryMs), signal);
        const run = slots[i];
        if (signal.aborted || !run) return;
        run.expected = true;
        run.child.kill("SIGKILL");
        stats.kills++;
        await run.exit;
        await sleep(uniform(o.restartAfterMs), undefined); // even when stopping: stopAll must find a worker to stop
        slots[i] = start(i);
      }
    },
    /** SIGTERM to each worker once it is running; each must exit 0 after its calls in flight. */
    async stopAll() {
      stopping = true;
      return Promise.all(
        slots.map(async (run, i) => {
          if (!run) return `worker ${i}: none`;
          await within(run.ready, 30_000);
          run.expected = true;
          run.child.kill("SIGTERM");
          const exit = await within(run.exit, 30_000);
          if (exit) return exit.code === 0 ? "exit 0" : `worker ${i}: exit ${exit.signal ?? exit.code}`;
          run.child.kill("SIGKILL");
          return `worker ${i}: still running 30 s after SIGTERM (killed)`;
        }),
      );
    },
    /** For an exit handler: every worker still running is killed. */
    killAll() {
      for (const run of slots) run?.child.kill("SIGKILL");
    },
  };
}
