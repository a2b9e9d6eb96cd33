// Temp copies of what the release scripts read (spec/, the package manifests, the lock and the files that import
// the packages by version), so that the scripts run on a copy through `--root` and the repository is never touched.
import { execFile, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { parse, stringify } from "yaml";

export const repo = fileURLToPath(new URL("../../", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "alipayhk-release-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const COPIED = ["package.json", "package-lock.json", "examples/deno/deno.json", "test/dist-types/deno-workspace.mjs"];
const PACKAGES = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).workspaces as string[]).flatMap(
  (dir) => [`${dir}/package.json`, `${dir}/deno.json`],
);

export type Run = { code: number; stdout: string; stderr: string; out: string };

/** Runs scripts/<script> from this repository on `dir` (asynchronously, so that concurrent tests overlap). */
export function run(script: string, dir: string, ...args: string[]): Promise<Run> {
  const file = join(repo, "scripts", script);
  return new Promise((resolve) => {
    execFile(process.execPath, [file, "--root", dir, ...args], { encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ code, stdout, stderr, out: stdout + stderr });
    });
  });
}

/**
 * The first copy at `version`: its packages all at `version` and its snapshot (spec/released.json) made from its
 * spec as that version, by the first-release path of release:version (no snapshot yet, an explicit version).
 */
async function original(version: string): Promise<string> {
  const dir = join(work, `original-${version}`);
  cpSync(join(repo, "spec"), join(dir, "spec"), { recursive: true });
  rmSync(join(dir, "spec/released.json"), { force: true });
  for (const file of [...COPIED, ...PACKAGES]) {
    if (!existsSync(join(repo, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repo, file), join(dir, file));
  }
  const made = await run("release-version.mjs", dir, version);
  if (made.code !== 0) throw new Error(made.out);
  return dir;
}
const originals = new Map<string, Promise<string>>();

/** A copy under `name`, released as `version` (made once per version, then copied: each run costs a Node start). */
export async function copy(name: string, version: string): Promise<string> {
  if (!originals.has(version)) originals.set(version, original(version));
  const dir = join(work, name);
  cpSync(await originals.get(version)!, dir, { recursive: true });
  return dir;
}

export const readJson = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), "utf8"));

/** Changes a YAML file under `dir`'s spec/. */
export function editSpec(dir: string, file: string, edit: (doc: any) => void) {
  const path = join(dir, "spec", file);
  const doc = parse(readFileSync(path, "utf8"));
  edit(doc);
  writeFileSync(path, stringify(doc));
}

/** Breaking for callers: every order must now carry a field it did not need before. */
export const requireNewField = (dir: string) =>
  editSpec(dir, "schemas/base-order.yaml", (doc) => {
    doc.required.push("loyaltyTier");
    doc.properties.loyaltyTier = { type: "string", maxLength: 16, description: "The user's loyalty tier." };
  });

/** Compatible: a movie ticket may carry one more field. */
export const addOptionalField = (dir: string) =>
  editSpec(dir, "scenarios/movie-ticket.yaml", (doc) => {
    doc.allOf[1].properties.seatMapUrl = { type: "string", maxLength: 256, description: "A picture of the seats." };
  });

/** Writes `version` into every version field of the packages, as a hand edit would (the snapshot stays). */
export function setVersions(dir: string, version: string) {
  const module = join(repo, "scripts/release/versions.mjs");
  const script = `import { setVersion } from ${JSON.stringify(module)}; setVersion(${JSON.stringify(dir)}, ${JSON.stringify(version)});`;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(result.stderr);
}

/** `git` in `dir`, with an identity of its own (the machine's global config is not assumed). */
export function git(dir: string, ...args: string[]) {
  const result = spawnSync(
    "git",
    [
      "-C",
      dir,
      "-c",
      "user.name=Release Test",
      "-c",
      "user.email=release@test.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    { encoding: "utf8" },
  );
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}
