#!/usr/bin/env node
// @ts-check
// npm run spec:diff -- --base <git ref | spec file> [--head <spec file>] [--format text|json|markdown]
//                      [--fail-on breaking|warning]
// What changed in the spec between --base and --head (default: the working tree's spec/openapi.yaml), by level, and
// the semver bump it calls for. Exit 0; 1 when --fail-on is met; 2 on a usage error.
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { diffSpecs, format, FORMATS, openSpec, UsageError } from "./spec-diff/index.mjs";

const repo = fileURLToPath(new URL("..", import.meta.url));
const FAIL_ON = { breaking: ["breaking"], warning: ["breaking", "warning"] };
const USAGE =
  "usage: npm run spec:diff -- --base <git ref | spec file> [--head <spec file>] [--format text|json|markdown] [--fail-on breaking|warning]";

/** @param {string[]} argv */
function options(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        base: { type: "string" },
        head: { type: "string" },
        format: { type: "string" },
        "fail-on": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error.message); // names the flag: "Unknown option '--x'", "Option '--base <value>' argument missing"
  }
  const { values } = parsed;
  if (values.help) return undefined;
  if (values.base === undefined)
    throw new UsageError("--base is required: a git ref (e.g. HEAD, v1.2.0) or a spec file");
  const output = values.format ?? "text";
  if (!FORMATS.includes(output)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got ${output})`);
  const failOn = values["fail-on"];
  if (failOn !== undefined && !(failOn in FAIL_ON))
    throw new UsageError(`--fail-on must be breaking or warning (got ${failOn})`);
  return {
    base: values.base,
    head: values.head,
    output,
    failOn: /** @type {keyof typeof FAIL_ON | undefined} */ (failOn),
  };
}

async function main() {
  const opts = options(process.argv.slice(2));
  if (!opts) return void console.log(USAGE);
  const head = openSpec(opts.head ?? `${repo}spec/openapi.yaml`, "--head", repo);
  try {
    const base = openSpec(opts.base, "--base", repo);
    try {
      const result = await diffSpecs(base.file, head.file);
      process.stdout.write(format(result, opts.output));
      const failing = opts.failOn ? FAIL_ON[opts.failOn] : [];
      if (result.changes.some((c) => failing.includes(c.level))) process.exitCode = 1;
    } finally {
      base.cleanup();
    }
  } finally {
    head.cleanup();
  }
}

main().catch((error) => {
  if (error instanceof UsageError) {
    console.error(`spec:diff: ${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(`spec:diff: ${error?.stack ?? error}`);
    process.exitCode = 1; // not 0: a failed comparison must not pass a gate
  }
});
