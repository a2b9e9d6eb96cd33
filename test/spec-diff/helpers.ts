// Spec pairs for `npm run spec:diff`: copies of spec/ (taken once per workspace, so that edits others make to spec/
// during a run do not leak in), each changed by a few edits to its parsed YAML.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse, stringify } from "yaml";

export type Level = "breaking" | "warning" | "info";
export type Change = { id: string; level: Level; operationId?: string; pointer: string; message: string };
export type Result = { bump: "major" | "minor" | "patch" | "none"; changes: Change[] };
/** file under spec/ -> its edit (the parsed YAML, undefined for a new file; return a value, or YAML text, to replace it) */
export type Edits = Record<string, (doc: any) => unknown>;

export const repo = fileURLToPath(new URL("../../", import.meta.url));

type Tools = {
  diffSpecs: (base: string, head: string) => Promise<Result>;
  diffBundled: (base: unknown, head: unknown) => Result;
  bundleSpec: (root: string) => unknown;
};
/** The code under test and the spec reader, loaded as the CLI loads them (JavaScript modules of the tooling). */
const tools = async (): Promise<Tools> => ({
  ...(await import(pathToFileURL(join(repo, "scripts/spec-diff/index.mjs")).href)),
  ...(await import(pathToFileURL(join(repo, "scripts/spec.mjs")).href)),
});

export const diffSpecs = async (base: string, head: string) => (await tools()).diffSpecs(base, head);

/** A temp dir with one snapshot of spec/, and copies of it, each changed by `edits`. */
export function workspace(name: string) {
  const dir = mkdtempSync(join(tmpdir(), `spec-diff-test-${name}-`));
  const pristine = join(dir, "pristine");
  cpSync(join(repo, "spec"), pristine, { recursive: true });
  let count = 0;
  /** A changed copy; returns its root file. */
  const copy = (edits: Edits = {}): string => {
    const root = join(dir, `copy-${count++}`);
    cpSync(pristine, root, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const path = join(root, file);
      const doc = existsSync(path) ? parse(readFileSync(path, "utf8")) : undefined;
      const result = edit(doc);
      writeFileSync(path, typeof result === "string" ? result : stringify(result === undefined ? doc : result));
    }
    return join(root, "openapi.yaml");
  };
  const base = copy();
  let bundledBase: unknown;
  /** The unchanged copy against one changed by `edits` (the unchanged one read once: most tests diff against it). */
  const diff = async (edits: Edits) => {
    const { bundleSpec, diffBundled } = await tools();
    bundledBase ??= bundleSpec(base);
    return diffBundled(bundledBase, bundleSpec(copy(edits)));
  };
  return { dir, pristine, copy, base, diff, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a test compares: the kind, level and operation of each change, in the report's order. */
export const kinds = (result: Result) => result.changes.map((c) => [c.id, c.level, c.operationId]);

/** `npm run spec:diff -- ...args`, run as a process. */
export function cli(args: string[], cwd = repo) {
  const run = spawnSync(process.execPath, [join(repo, "scripts/spec-diff.mjs"), ...args], { cwd, encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The scenario part of a variant schema (its second allOf member), where statuses and fields are. */
export const own = (doc: any) => doc.allOf[1];
