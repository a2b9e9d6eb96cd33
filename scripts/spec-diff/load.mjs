// @ts-check
// Where the two specs come from, and how a node of a bundled spec is read together with the place it is written at
// (so that every change can name a JSON pointer, whatever the $ref layout).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";

/** A mistake in how the tool was called: the CLI prints it and exits 2. */
export class UsageError extends Error {}

/**
 * A spec named on the command line. A path that exists wins: a root spec file, or a directory holding openapi.yaml
 * (or spec/openapi.yaml). Otherwise a git ref of the repository at `repo`, whose spec/ is extracted to a temp dir
 * that `cleanup` removes.
 * @param {string} arg @param {string} flag the flag it came from, for messages @param {string} repo
 * @returns {{ file: string; cleanup: () => void }}
 */
export function openSpec(arg, flag, repo) {
  const path = resolve(arg);
  if (existsSync(path)) {
    const root = statSync(path).isDirectory()
      ? ["openapi.yaml", "spec/openapi.yaml"].map((f) => join(path, f)).find((f) => existsSync(f))
      : path;
    if (!root) throw new UsageError(`${flag}: the directory ${arg} holds no openapi.yaml`);
    let doc;
    try {
      doc = parse(readFileSync(root, "utf8"));
    } catch (error) {
      throw new UsageError(`${flag}: ${arg} cannot be read as YAML or JSON (${error.message.split("\n")[0]})`);
    }
    if (typeof doc?.openapi !== "string")
      throw new UsageError(`${flag}: ${arg} is not an OpenAPI document (no openapi version)`);
    return { file: root, cleanup: () => {} };
  }
  const commit = spawnSync("git", ["rev-parse", "--verify", "--quiet", `${arg}^{commit}`], {
    cwd: repo,
    encoding: "utf8",
  });
  if (commit.status !== 0) throw new UsageError(`${flag}: ${arg} is neither a spec file nor a git ref`);
  const archive = spawnSync("git", ["archive", "--format=tar", commit.stdout.trim(), "spec"], {
    cwd: repo,
    maxBuffer: 1 << 28,
  });
  if (archive.status !== 0)
    throw new UsageError(`${flag}: ${arg} has no spec/ directory (${String(archive.stderr).trim()})`);
  const dir = mkdtempSync(join(tmpdir(), "spec-diff-base-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const tar = spawnSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  if (tar.status !== 0) {
    cleanup();
    throw new Error(`spec-diff: could not extract ${arg}'s spec/: ${String(tar.stderr).trim()}`);
  }
  return { file: join(dir, "spec/openapi.yaml"), cleanup };
}

/** `base` extended by `keys`, each escaped as a JSON pointer token. @param {string} base @param {...(string | number)} keys */
export const ptr = (base, ...keys) =>
  base + keys.map((k) => `/${String(k).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

/** The node a JSON pointer names. @param {any} doc @param {string} pointer */
export const at = (doc, pointer) =>
  pointer
    .split("/")
    .slice(1)
    .reduce((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);

export const isObject = (/** @type {unknown} */ v) => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The members of `node` (written at `pointer`), its local $ref followed: the target's members, then the ref's siblings
 * over them (OpenAPI 3.1 reads them that way), each with the pointer of the object it is written in. `refs` are the refs
 * followed on the way here: a ref back into them is a cycle, and stays a plain `$ref` member.
 * @param {any} doc @param {any} node @param {string} pointer @param {string[]} [refs]
 * @returns {{ members: Map<string, { value: any; owner: string }>; refs: string[] }}
 */
export function members(doc, node, pointer, refs = []) {
  /** @type {Map<string, { value: any; owner: string }>} */
  const found = new Map();
  if (!isObject(node)) return { members: found, refs };
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#") && !refs.includes(ref)) {
    const target = members(doc, at(doc, ref.slice(1)), ref.slice(1), [...refs, ref]);
    for (const [key, member] of target.members) found.set(key, member);
    for (const [key, value] of Object.entries(node)) if (key !== "$ref") found.set(key, { value, owner: pointer });
    return { members: found, refs: target.refs };
  }
  for (const [key, value] of Object.entries(node)) found.set(key, { value, owner: pointer });
  return { members: found, refs };
}

/** `node` with its $ref followed (siblings over the target), as a plain object. @param {any} doc @param {any} node */
export const follow = (doc, node) =>
  Object.fromEntries([...members(doc, node, "").members].map(([k, m]) => [k, m.value]));

/** The pointer `node` (found at `pointer`) resolves to: its $ref target when it is a bare ref. @param {any} node @param {string} pointer */
export const home = (node, pointer) =>
  typeof node?.$ref === "string" && node.$ref.startsWith("#") && Object.keys(node).length === 1
    ? node.$ref.slice(1)
    : pointer;
