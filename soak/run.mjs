#!/usr/bin/env node
// @ts-check
/**
 * npm run soak [-- --short] [--syncs N] [--concurrency N] [--seed N] [--deadline-min N] [--inline] [--json FILE]
 * npm run soak -- --delivery postgres [--short] [--updates N] [--orders M] [--workers N] [--seed N] [--deadline-min N]
 *   [--json FILE]
 *
 * Drives the built packages (run `npm run build` first) against the sandbox on 127.0.0.1 with seeded faults,
 * prints the table and exits 0 only when every invariant held (1 on a violation, 2 on a crash or hard deadline).
 * With --delivery postgres: the outbox soak of soak/delivery.mjs (its JSON report goes to --json FILE, by default
 * a file in the system's temporary directory, named on the last line).
 */
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { FULL, runSoak, SHORT } from "./soak.mjs";

const { values } = parseArgs({
  options: {
    short: { type: "boolean", default: false },
    syncs: { type: "string" },
    concurrency: { type: "string" },
    seed: { type: "string" },
    "deadline-min": { type: "string" },
    inline: { type: "boolean", default: false },
    json: { type: "string" },
    quiet: { type: "boolean", default: false },
    delivery: { type: "string" },
    updates: { type: "string" },
    orders: { type: "string" },
    workers: { type: "string" },
  },
});
const int = (text, name) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer`);
    process.exit(2);
  }
  return n;
};
const delivery = values.delivery !== undefined;
const foreign = delivery ? ["syncs", "concurrency", "inline"] : ["updates", "orders", "workers"];
const misplaced = foreign.find((name) => values[name] !== undefined && values[name] !== false);
if (misplaced) {
  console.error(`--${misplaced} is not a flag of the ${delivery ? "delivery" : "client"} soak`);
  process.exit(2);
}
if (delivery) {
  if (values.delivery !== "postgres") {
    console.error(`--delivery: the delivery soak runs on postgres (got ${JSON.stringify(values.delivery)})`);
    process.exit(2);
  }
  process.exit(await deliverySoak());
}
const base = values.short ? SHORT : FULL;
const options = {
  ...base,
  ...(values.syncs && { syncs: int(values.syncs, "syncs") }),
  ...(values.concurrency && { concurrency: int(values.concurrency, "concurrency") }),
  ...(values.seed && { seed: int(values.seed, "seed") }),
  ...(values["deadline-min"] && { deadlineMs: int(values["deadline-min"], "deadline-min") * 60_000 }),
  ...(values.inline && { host: /** @type {const} */ ("inline") }),
  log: values.quiet ? undefined : (line) => console.error(line),
};

// The hard deadline: whatever happens inside (a hang the soak cannot see), the process ends.
const hard = setTimeout(() => {
  console.error(`soak: hard deadline of ${options.deadlineMs + 60_000} ms reached; exiting`);
  process.exit(2);
}, options.deadlineMs + 60_000);
hard.unref();

try {
  const report = await runSoak(options);
  console.log(report.table);
  if (values.json) writeFileSync(values.json, JSON.stringify({ ...report, table: undefined }, null, 2));
  process.exitCode = report.failures.length ? 1 : 0;
} catch (error) {
  console.error("soak crashed:", error);
  process.exitCode = 2;
}

/** `--delivery postgres`: the outbox soak; returns the exit code. */
async function deliverySoak() {
  const { DELIVERY_FULL, DELIVERY_SHORT, formatDeliveryReport, runDeliverySoak } = await import("./delivery.mjs");
  const options = {
    ...(values.short ? DELIVERY_SHORT : DELIVERY_FULL),
    ...(values.updates && { updates: int(values.updates, "updates") }),
    ...(values.orders && { orders: int(values.orders, "orders") }),
    ...(values.workers && { workers: int(values.workers, "workers") }),
    ...(values.seed && { seed: int(values.seed, "seed") }),
    ...(values["deadline-min"] && { deadlineMs: int(values["deadline-min"], "deadline-min") * 60_000 }),
    log: values.quiet ? undefined : (/** @type {string} */ line) => console.error(line),
  };
  // past its own deadline the soak stops what it started; this one ends the process if even that hangs
  const hard = setTimeout(() => {
    console.error(`soak: hard deadline of ${options.deadlineMs + 60_000} ms reached; exiting`);
    process.exit(2);
  }, options.deadlineMs + 60_000);
  hard.unref();
  try {
    const report = await runDeliverySoak(options);
    const file = values.json ?? join(tmpdir(), `alipayhk-delivery-soak-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify(report, null, 2));
    console.log(formatDeliveryReport(report));
    console.log(`report: ${file}`);
    return report.failures.length ? 1 : 0;
  } catch (error) {
    console.error("delivery soak crashed:", error);
    return 2;
  }
}
