// @ts-check
// What a bundle pays per operation (issue 24): createClient of alipayhk-order/operations with the operations it is
// passed. Measured as the other size entries are (esbuild --minify, platform neutral, ESM; gzip -9):
//   syncOrderOnlyGzip           bench/entries/sync-order-only.mjs from the built packages (dist/): syncOrder alone,
//                               validated in full
//   perOperationGzip.<id>       a bundle calling that one operation minus one with createClient and no operation
//   unusedOperationsGrowthGzip  what 10 more operations in the spec add to the syncOrder-only bundle: a scratch copy of
//                               spec/ with 10 operations (each with its own request schema) and an unchanged copy,
//                               each regenerated with scripts/generate.mjs, the entry bundled from the packages'
//                               sources with alipayhk-spec resolved to the copy's generated/ (as
//                               test/spec/spec-copy.ts's runtimeFor does)
// Used by bench/size.mjs, which prints the numbers against their budgets and writes them to bench/results.json.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { parse, stringify } from "yaml";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const ENTRY = "bench/entries/sync-order-only.mjs";
/** Gzipped bytes. */
export const OPERATION_BUDGETS = { syncOrderOnlyGzip: 12_288, unusedOperationsGrowthGzip: 200 };
/** How many operations the scratch spec gains. */
const EXTRA_OPERATIONS = 10;

/** @type {import("esbuild").BuildOptions & { write: false }} */
const BASE = {
  bundle: true,
  minify: true,
  treeShaking: true,
  format: "esm",
  platform: "neutral",
  write: false,
  logLevel: "silent",
  absWorkingDir: ROOT,
};
/** @param {import("esbuild").BuildResult & { outputFiles: import("esbuild").OutputFile[] }} result */
const gzipOf = (result) => gzipSync(result.outputFiles[0].contents, { level: 9 }).length;

/** An entry's text bundled like an install (the packages' dist/). @param {string} contents */
const fromText = async (contents) => build({ ...BASE, stdin: { contents, resolveDir: ROOT, loader: "js" } });

/**
 * The numbers, and what the syncOrder-only bundle must not hold (another operation's path or request schema).
 * @returns {Promise<{ syncOrderOnlyGzip: number; perOperationGzip: Record<string, number>; unusedOperationsGrowthGzip: number; contentProblems: string[] }>}
 */
export async function measureOperationSizes() {
  const { OPERATIONS } = /** @type {{ OPERATIONS: Record<string, { path: string; schema: string }> }} */ (
    await import("alipayhk-spec")
  );
  const only = await build({ ...BASE, entryPoints: [ENTRY] });
  const code = only.outputFiles[0].text;
  const contentProblems = Object.entries(OPERATIONS)
    .filter(([id]) => id !== "syncOrder")
    .flatMap(([id, op]) =>
      [op.path, op.schema].filter((text) => code.includes(text)).map((text) => `holds ${id}'s ${JSON.stringify(text)}`),
    );

  const none = gzipOf(
    await fromText(
      'import { createClient } from "alipayhk-order/operations";\nexport const make = (options, operations) => createClient({ ...options, operations });\n',
    ),
  );
  /** @type {Record<string, number>} */
  const perOperationGzip = {};
  for (const id of Object.keys(OPERATIONS)) {
    const one = await fromText(
      `import { createClient, ${id} } from "alipayhk-order/operations";\nexport const call = (options, body) => createClient({ ...options, operations: { ${id} } }).${id}(body);\n`,
    );
    perOperationGzip[id] = gzipOf(one) - none;
  }
  return {
    syncOrderOnlyGzip: gzipOf(only),
    perOperationGzip,
    unusedOperationsGrowthGzip: await unusedOperationsGrowth(),
    contentProblems,
  };
}

/** The syncOrder-only bundle from a spec with EXTRA_OPERATIONS more operations, minus the same from the spec as it is. */
async function unusedOperationsGrowth() {
  const work = mkdtempSync(join(tmpdir(), "alipayhk-operations-"));
  try {
    const [unchanged, grown] = [join(work, "unchanged"), join(work, "grown")];
    for (const dir of [unchanged, grown]) cpSync(join(ROOT, "spec"), dir, { recursive: true });
    addOperations(join(grown, "openapi.yaml"));
    const sizes = [];
    for (const dir of [unchanged, grown]) {
      const run = spawnSync(
        process.execPath,
        [join(ROOT, "scripts/generate.mjs"), "--spec", join(dir, "openapi.yaml"), "--out", join(dir, "generated")],
        { encoding: "utf8" },
      );
      if (run.status !== 0) throw new Error(`generating ${dir} failed:\n${run.stderr}`);
      const bundle = await build({
        ...BASE,
        entryPoints: [ENTRY],
        conditions: ["alipayhk-source"],
        alias: {
          "alipayhk-spec/operations": join(dir, "generated/operations.ts"),
          "alipayhk-spec/internal": join(dir, "generated/internal.ts"),
          "alipayhk-spec": join(dir, "generated/index.ts"),
        },
      });
      sizes.push(gzipOf(bundle));
    }
    return sizes[1] - sizes[0];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Adds EXTRA_OPERATIONS POST operations to a spec's root file, each with a request schema of its own. @param {string} file */
function addOperations(file) {
  const doc = parse(readFileSync(file, "utf8"));
  for (let i = 1; i <= EXTRA_OPERATIONS; i++) {
    const name = `ExtraOperation${i}Request`;
    doc.components.schemas[name] = {
      type: "object",
      required: ["requestId", "merchantBizNo", `field${i}`],
      properties: {
        requestId: { type: "string", maxLength: 32 },
        merchantBizNo: { type: "string", minLength: 1, maxLength: 64 },
        [`field${i}`]: { type: "string", maxLength: 128, description: `What operation ${i} is about.` },
        [`count${i}`]: { type: "integer", minimum: 0 },
        [`items${i}`]: {
          type: "array",
          items: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
        },
      },
    };
    doc.paths[`/api/open/alipay/v1/merchant/extra/operation${i}`] = {
      post: {
        operationId: `extraOperation${i}`,
        "x-idempotency-key": "requestId",
        requestBody: {
          required: true,
          content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } },
        },
        // an answer component the spec has already (the notification's: a result and nothing else)
        responses: {
          200: {
            description: "ok",
            content: {
              "application/json": { schema: { $ref: "#/components/schemas/PerformanceNotificationResponse" } },
            },
          },
        },
      },
    };
  }
  writeFileSync(file, stringify(doc));
}
