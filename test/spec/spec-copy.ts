// Trying a spec change as a team would make it: a copy of spec/ changed by edits to its YAML files, regenerated into
// the copy; the client and the sandbox bundled from their sources against that model; or, for what must also
// type-check and run as shipped, a copy of the whole repository.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parse, stringify } from "yaml";

export const repo = fileURLToPath(new URL("../../", import.meta.url));

/** Edits of spec files: file under spec/ -> a change to its parsed YAML, or the text of a new file (null deletes it). */
export type SpecEdits = Record<string, ((doc: any) => void) | string | null>;

/** Applies `edits` to the spec under `dir`/spec. */
export function editSpec(dir: string, edits: SpecEdits): void {
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, "spec", file);
    if (edit === null) rmSync(path);
    else if (typeof edit === "string") writeFileSync(path, edit);
    else {
      const doc = parse(readFileSync(path, "utf8"));
      edit(doc);
      writeFileSync(path, stringify(doc));
    }
  }
}

/** A fresh copy of spec/ in `dir`, changed by `edits`. */
export function specCopy(dir: string, edits: SpecEdits): string {
  cpSync(join(repo, "spec"), join(dir, "spec"), { recursive: true });
  editSpec(dir, edits);
  return dir;
}

/** `npm run generate` for the spec of `dir`, into `dir`/generated. */
export const generate = (dir: string) =>
  spawnSync(
    process.execPath,
    [join(repo, "scripts/generate.mjs"), "--spec", join(dir, "spec/openapi.yaml"), "--out", join(dir, "generated")],
    { encoding: "utf8" },
  );

/** The client and the sandbox, bundled from their sources with `alipayhk-spec` resolved to `dir`'s regenerated model. */
export async function runtimeFor(dir: string) {
  const src = (path: string) => join(repo, "packages", path);
  const entry = join(dir, "entry.ts");
  writeFileSync(
    entry,
    `export * from ${JSON.stringify(src("client/src/index.ts"))};\nexport { createApiClient } from ${JSON.stringify(src("client/src/api.ts"))};\nexport { createSandbox } from ${JSON.stringify(src("sandbox/src/index.ts"))};\n`,
  );
  const out = join(dir, "runtime.mjs");
  await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "neutral",
    outfile: out,
    alias: {
      "alipayhk-spec/internal": join(dir, "generated/internal.ts"),
      "alipayhk-spec": join(dir, "generated/index.ts"),
      "alipayhk-signature/encryption": src("signature/src/encryption.ts"),
      "alipayhk-signature/internal": src("signature/src/internal.ts"),
      "alipayhk-signature": src("signature/src/index.ts"),
    },
    nodePaths: [join(repo, "node_modules")],
    logLevel: "silent",
  });
  return (await import(out)) as typeof import("alipayhk-order/api") &
    typeof import("alipayhk-order") &
    typeof import("alipayhk-sandbox");
}

/**
 * A copy of the repository in `dir` as a fresh clone would hold it with this working tree's changes, and a
 * node_modules whose entries link to the real one's, except the workspace packages, which link to the copy's own
 * packages/: so `tsc -b`, the generator and a bundle of any package in the copy see the copy's spec and nothing else.
 */
export function repositoryCopy(dir: string): string {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repo,
    encoding: "utf8",
  });
  for (const file of listed.split("\0").filter((f) => f && existsSync(join(repo, f)))) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(repo, file), join(dir, file), { verbatimSymlinks: true });
  }
  const workspaces = new Map<string, string>();
  for (const path of JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).workspaces as string[]) {
    workspaces.set(JSON.parse(readFileSync(join(repo, path, "package.json"), "utf8")).name, path);
  }
  mkdirSync(join(dir, "node_modules"));
  for (const name of readdirSync(join(repo, "node_modules"))) {
    const own = workspaces.get(name);
    symlinkSync(own ? join(dir, own) : join(repo, "node_modules", name), join(dir, "node_modules", name));
  }
  return dir;
}

/** Parses YAML text, for edits that build on another file of the spec. */
export const yaml = { parse, stringify };
