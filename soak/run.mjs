#!/usr/bin/env node
// @ts-check
/**
 * npm run soak [-- --short] [--syncs N] [--concurrency N] [--seed N] [--deadline-min N] [--inline] [--json FILE]
 *
 * Drives the built packages (run `npm run build` first) against the sandbox on 127.0.0.1 with seeded faults,
 * prints the table and exits 0 only when every invariant held (1 on a violation, 2 on a crash or hard deadline).
 */
import { writeFileSync } from "node:fs";
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
  },
});
const base = values.short ? SHORT : FULL;
const int = (text, name) => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer`);
    process.exit(2);
  }
  return n;
};
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
