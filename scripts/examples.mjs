// @ts-check
// The examples (examples/*) run as their users would run them, each against one sandbox served on 127.0.0.1 by
// the CLI's node:http adapter, and checked in the sandbox: every order they synced is there, in the right status.
// Run by scripts/runtimes.mjs after the runtime matrix (`--only=examples`, or a prefix of an example's id).
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { BIN, freePort, pool, ROOT, run, sleep, startServer, waitForHttp } from "./processes.mjs";

const deno = join(BIN, "deno");
const bun = join(BIN, "bun");
const workerd = join(BIN, "workerd");
const vectors = JSON.parse(readFileSync(join(ROOT, "test/conformance/vectors.json"), "utf8"));
const MERCHANT = vectors.keys.merchant;
const ORDER_STATUSES = ["TICKETED", "USED"];

/**
 * @typedef {import("alipayhk-sandbox").Sandbox} Sandbox
 * @typedef {(body: { merchantBizNo: string; orderStatus: string }) => Promise<any>} Post
 * @typedef {{
 *   sandbox: Sandbox; baseUrl: string; alipayPublicKey: string; tmp: string;
 *   bundle: (entry: string, outfile: string, options?: { platform?: import("esbuild").Platform; format?: import("esbuild").Format }) => Promise<string>;
 * }} ExampleContext
 */

/**
 * The check every server example gets: two orders synced by concurrent requests (the first calls, when the
 * keys are imported), then one of them moved on to USED; the sandbox must hold exactly that.
 * @param {string} name @param {Post} post @param {Sandbox} sandbox
 */
async function exerciseServer(name, post, sandbox) {
  const a = `example-${name}-a`;
  const b = `example-${name}-b`;
  const [ra, rb] = await Promise.all([
    post({ merchantBizNo: a, orderStatus: "TICKETED" }),
    post({ merchantBizNo: b, orderStatus: "TICKETED" }),
  ]);
  await sleep(20); // orderModifyTime is Date.now(): the update must be newer
  const ra2 = await post({ merchantBizNo: a, orderStatus: "USED" });
  checkSynced(sandbox, a, ORDER_STATUSES, [ra, ra2]);
  checkSynced(sandbox, b, ["TICKETED"], [rb]);
}

/** @param {Sandbox} sandbox @param {string} merchantBizNo @param {string[]} statuses @param {any[]} answers */
function checkSynced(sandbox, merchantBizNo, statuses, answers) {
  const held = sandbox.order(vectors.clientId, merchantBizNo);
  if (!held) throw new Error(`the sandbox has no order ${merchantBizNo}`);
  const history = held.history.map((h) => h.to).join(",");
  if (history !== statuses.join(","))
    throw new Error(`${merchantBizNo}: sandbox history ${history}, expected ${statuses.join(",")}`);
  for (const answer of answers) {
    if (answer.orderId !== held.orderId)
      throw new Error(
        `${merchantBizNo}: the example answered ${JSON.stringify(answer)}, the sandbox holds ${held.orderId}`,
      );
  }
  if (answers.at(-1).orderStatus !== statuses.at(-1))
    throw new Error(`${merchantBizNo}: last answer ${JSON.stringify(answers.at(-1))}`);
}

/** @param {string} url @returns {Post} */
const postJson = (url) => async (body) => {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
  return JSON.parse(text);
};

/** @param {string} baseUrl @param {string} privateKey */
const exampleEnv = (baseUrl, privateKey) => ({
  ALIPAYHK_CLIENT_ID: vectors.clientId,
  ALIPAYHK_PRIVATE_KEY: privateKey,
  ALIPAYHK_BASE_URL: baseUrl,
});

/** @type {{ id: string; run: (context: ExampleContext) => Promise<void> }[]} */
export const EXAMPLES = [
  {
    id: "node (examples/node/sync-order.mjs)",
    async run({ sandbox, baseUrl, alipayPublicKey }) {
      const env = {
        ...process.env,
        ...exampleEnv(baseUrl, MERCHANT.pkcs8Pem),
        ALIPAYHK_ALIPAY_PUBLIC_KEY: alipayPublicKey,
      };
      const answers = [];
      for (const status of ORDER_STATUSES) {
        const { code, stdout, stderr } = await run(
          process.execPath,
          ["examples/node/sync-order.mjs", "example-node", status],
          { env, timeoutMs: 30_000 },
        );
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
        [
          "run",
          "--no-prompt",
          "--allow-net=127.0.0.1",
          "--allow-env=ALIPAYHK_CLIENT_ID,ALIPAYHK_PRIVATE_KEY,ALIPAYHK_PRIVATE_KEY_FILE,ALIPAYHK_ALIPAY_PUBLIC_KEY,ALIPAYHK_ALIPAY_PUBLIC_KEY_FILE,ALIPAYHK_BASE_URL,PORT",
          "server.ts",
        ],
        {
          cwd: join(ROOT, "examples/deno"),
          env: { ...exampleEnv(baseUrl, MERCHANT.pkcs8Base64), ALIPAYHK_ALIPAY_PUBLIC_KEY: alipayPublicKey, PORT: "0" },
          ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/,
        },
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
        env: { ...exampleEnv(baseUrl, MERCHANT.pkcs1Pem), ALIPAYHK_ALIPAY_PUBLIC_KEY: alipayPublicKey, PORT: "0" },
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
      const server = startServer(
        workerd,
        ["serve", "examples/cloudflare-worker/config.capnp", `--socket-addr=http=127.0.0.1:${port}`],
        {
          // The PEM as it arrives from a one-line secret: literal \n escapes.
          env: { ...exampleEnv(baseUrl, MERCHANT.pkcs8PemEscaped), ALIPAYHK_ALIPAY_PUBLIC_KEY: alipayPublicKey },
        },
      );
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
    async run({ sandbox, baseUrl, alipayPublicKey, bundle, tmp }) {
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
      const env = {
        ...exampleEnv(baseUrl, JSON.stringify(MERCHANT.privateJwk)),
        ALIPAYHK_ALIPAY_PUBLIC_KEY: alipayPublicKey,
      };
      const runtime = new EdgeRuntime({
        initialCode: readFileSync(file, "utf8"),
        extend: (context) => Object.assign(context, { process: { env } }),
      });
      /** @type {Post} */
      const post = async (body) => {
        const response = await runtime.dispatchFetch("https://example.vercel.app/api/sync-order", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        await response.waitUntil();
        const text = await response.text();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
        return JSON.parse(text);
      };
      await exerciseServer("vercel-edge", post, sandbox);
    },
  },
];

/**
 * Runs the examples (those whose id starts with one of `only`, or all), `jobs` at a time, against one sandbox.
 * @param {{ bundle: (entry: string, outfile: string, options?: { platform?: import("esbuild").Platform; format?: import("esbuild").Format }) => Promise<string>; tmp: string; only?: string[]; jobs: number }} options
 */
export async function runExamples({ bundle, tmp, only, jobs }) {
  const t = Date.now();
  const { createSandbox } = await import("alipayhk-sandbox"); // the built package, as Node resolves it
  const { serve } = await import("alipayhk-sandbox/node");
  const sandbox = await createSandbox({ merchants: { [vectors.clientId]: MERCHANT.spkiPem } });
  const server = await serve(sandbox.fetch, { port: 0, host: "127.0.0.1" });
  const context = { sandbox, baseUrl: server.url, alipayPublicKey: sandbox.alipayPublicKey, bundle, tmp };
  const results = [];
  try {
    const selected = EXAMPLES.filter((e) => !only || only.includes("examples") || only.some((o) => e.id.startsWith(o)));
    for (const result of await pool(selected, jobs, async (example) => {
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
