// @ts-check
// Section 4 of bench/profile.mjs: validateOrder timed between real HTTP calls (client.syncOrder to the sandbox served
// by bench/server.mjs in its own process on 127.0.0.1), beside the same order validated again at once. Between calls
// the network code has run and the validator's code and data are cold: that, not the warm loop, is what a call pays.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { P, message, median, orderMaker, pem, pkcs8, row, spki } from "./setup.mjs";

const CALLS = 2_000;
const MAX_MS = 20_000;

export async function profileBetweenCalls() {
  const server = spawn(
    process.execPath,
    [
      fileURLToPath(new URL("../server.mjs", import.meta.url)),
      JSON.stringify({ merchants: { [message.clientId]: pem("PUBLIC KEY", spki) } }),
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  try {
    const first = await new Promise((resolve) => createInterface({ input: server.stdout }).once("line", resolve));
    const { url, alipayPublicKey } = JSON.parse(first);
    const client = P.createOrderClient({
      clientId: message.clientId,
      privateKey: pem("PRIVATE KEY", pkcs8),
      alipayPublicKey,
      baseUrl: url,
      retry: { maxAttempts: 1 },
    });
    const tag = crypto.randomUUID().slice(0, 8);
    const order = orderMaker(`p${tag}`, `profile-${tag}`);
    const cold = [];
    const warm = [];
    const start = performance.now();
    for (let i = 0; i < CALLS && performance.now() - start < MAX_MS; i++) {
      const next = order();
      const t0 = performance.now();
      const problems = P.validateOrder(next);
      const t1 = performance.now();
      P.validateOrder(next);
      const t2 = performance.now();
      if (problems.length) throw new Error(`profile order is invalid: ${JSON.stringify(problems)}`);
      if (i >= 100) cold.push((t1 - t0) * 1000), warm.push((t2 - t1) * 1000); // after a warm-up
      await client.syncOrder(next);
    }
    row("syncOrder", "validateOrder timed between real HTTP calls to the sandbox", median(cold));
    row("syncOrder", "  the same order validated again at once", median(warm));
  } finally {
    server.stdin.end();
    server.kill();
  }
}
