// scripts/check-cycles.mjs on small packages written here (through --root), and on this repository.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "alipayhk-cycles-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The checker's exit code and output (asynchronously, so that the tests overlap). */
const run = (...args: string[]) =>
  new Promise<{ code: number; out: string }>((resolve) => {
    const script = join(repo, "scripts/check-cycles.mjs");
    execFile(process.execPath, [script, ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, out: stdout + stderr });
    });
  });

/** The checker on a root with packages/<path> for each entry. */
function check(name: string, files: Record<string, string>) {
  const root = join(work, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, "packages", path)), { recursive: true });
    writeFileSync(join(root, "packages", path), text);
  }
  return run("--root", root);
}

// Each test spawns node with TypeScript loaded (about a second; more on a busy machine): hence the timeouts.
// Imports that form no cycle: a re-export, `import type` of a leaf, another package by name.
const ACYCLIC = {
  "ok/src/index.ts": 'export { b } from "./b.js";\nexport type { T } from "./types.js";\n',
  "ok/src/b.ts": 'import type { T } from "./types.js";\nimport "alipayhk-x";\nexport const b = (t: T) => t;\n',
  "ok/src/types.ts": "export type T = string;\n",
};

describe.concurrent("check-cycles", () => {
  test("each cycle is reported with its files in import order, type-only steps marked, and fails", async () => {
    const { code, out } = await check("cycles", {
      ...ACYCLIC,
      // at runtime
      "a/src/index.ts": 'export { b } from "./b.js";\n',
      "a/src/b.ts": 'import { c } from "./c.js";\nexport const b = () => c;\n',
      "a/src/c.ts": 'import { b } from "./b.js";\nexport const c = () => b;\n',
      // through `import type` and a dynamic import
      "t/src/row.ts": 'export type Row = { id: string };\nexport const load = () => import("./store.js");\n',
      "t/src/store.ts": 'import type { Row } from "./row.js";\nexport const rows: Row[] = [];\n',
      // between the generated code and the sources
      "g/generated/model.ts": 'import { rule } from "../src/rules.js";\nexport const MODEL = [rule];\n',
      "g/src/rules.ts": 'import { MODEL } from "../generated/model.js";\nexport const rule = () => MODEL;\n',
    });
    expect(code).toBe(1);
    expect(out).toContain("import cycle: packages/a/src/b.ts -> packages/a/src/c.ts -> packages/a/src/b.ts");
    expect(out).toContain(
      "import cycle: packages/t/src/row.ts -> packages/t/src/store.ts -(types)-> packages/t/src/row.ts",
    );
    expect(out).toContain(
      "import cycle: packages/g/generated/model.ts -> packages/g/src/rules.ts -> packages/g/generated/model.ts",
    );
    expect(out).toContain("3 import cycles:");
    expect(out).not.toContain("packages/ok/");
  }, 60_000);

  test("imports that form no cycle pass", async () => {
    const { code, out } = await check("acyclic", ACYCLIC);
    expect(out).toContain("no import cycles (3 files");
    expect(code).toBe(0);
  }, 60_000);

  test("this repository has none", async () => {
    const { code, out } = await run();
    expect(out).toMatch(/^no import cycles/);
    expect(code).toBe(0);
  }, 60_000);
});
