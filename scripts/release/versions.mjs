// @ts-check
// The packages share one version. This module finds every place that version is written, and rewrites them all:
//   package.json (root)            "version"
//   packages/*/package.json        "version", and "dependencies" on a sibling package (pinned exactly)
//   packages/*/deno.json (JSR)     "version", and "imports" of a sibling (jsr:@alipayhk/<name>@^<version>)
//   package-lock.json              the root's and each workspace's "version" and sibling "dependencies" (npm ci
//                                  refuses a lock that disagrees with package.json)
//   VERSIONED_FILES                files that import the packages by version (npm:/jsr: specifiers)
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Files outside the packages that name a version of them; Deno resolves these against the workspace's versions. */
export const VERSIONED_FILES = ["examples/deno/deno.json", "test/dist-types/deno-workspace.mjs"];

/** `npm:alipayhk-order@^0.1.0`, `jsr:@alipayhk/signature@^0.1.0/encryption`: the version is group 2. */
const SPECIFIER = /((?:npm|jsr):@?alipayhk[\w/-]*@\^?)(\d+\.\d+\.\d+)/g;

/**
 * One place a version is written: `where` names the file and the field, `owner` the package it belongs to.
 * @typedef {{ file: string; where: string; owner: string; version: string }} VersionUse
 */

/** @param {string} path */
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
/** Every file here is written by npm or by hand in npm's format (2 spaces, final newline); keep it that way. */
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
const bare = (range) => String(range).replace(/^[\^~=]/, "");

/** The workspace packages: directory, npm name and, for JSR, the deno.json name. @param {string} root */
export function workspaces(root) {
  return /** @type {string[]} */ (readJson(join(root, "package.json")).workspaces ?? []).map((dir) => {
    const manifest = readJson(join(root, dir, "package.json"));
    const deno = existsSync(join(root, dir, "deno.json")) ? readJson(join(root, dir, "deno.json")) : null;
    return {
      dir,
      name: /** @type {string} */ (manifest.name),
      jsrName: /** @type {string | undefined} */ (deno?.name),
    };
  });
}

/**
 * Every place a version of the packages is written, as found. The JSON files are read as JSON and the others
 * are searched for npm:/jsr: specifiers of the packages.
 * @param {string} root
 * @returns {VersionUse[]}
 */
export function versionUses(root) {
  const packages = workspaces(root);
  const npmNames = new Set(packages.map((p) => p.name));
  const jsrNames = new Set(packages.flatMap((p) => (p.jsrName ? [p.jsrName] : [])));
  /** @type {VersionUse[]} */
  const uses = [];
  const siblingDeps = (file, owner, deps, prefix) => {
    for (const [name, range] of Object.entries(deps ?? {})) {
      if (npmNames.has(name)) uses.push({ file, where: `${prefix}["${name}"]`, owner, version: bare(range) });
    }
  };

  const rootManifest = readJson(join(root, "package.json"));
  uses.push({ file: "package.json", where: "version", owner: rootManifest.name, version: rootManifest.version });
  for (const { dir, name } of packages) {
    const file = `${dir}/package.json`;
    const manifest = readJson(join(root, file));
    uses.push({ file, where: "version", owner: name, version: manifest.version });
    siblingDeps(file, name, manifest.dependencies, "dependencies");
    siblingDeps(file, name, manifest.peerDependencies, "peerDependencies");
    const denoFile = `${dir}/deno.json`;
    if (!existsSync(join(root, denoFile))) continue;
    const deno = readJson(join(root, denoFile));
    uses.push({ file: denoFile, where: "version", owner: name, version: deno.version });
    for (const [key, target] of Object.entries(deno.imports ?? {})) {
      const jsr = /^jsr:(@[^@]+\/[^@/]+)@\^?(\d+\.\d+\.\d+)/.exec(String(target));
      if (jsr && jsrNames.has(jsr[1]))
        uses.push({ file: denoFile, where: `imports["${key}"]`, owner: name, version: jsr[2] });
    }
  }

  if (existsSync(join(root, "package-lock.json"))) {
    const lock = readJson(join(root, "package-lock.json"));
    uses.push({ file: "package-lock.json", where: "version", owner: rootManifest.name, version: lock.version });
    for (const { dir, name } of packages) {
      const entry = lock.packages?.[dir];
      if (!entry) continue;
      uses.push({
        file: "package-lock.json",
        where: `packages["${dir}"].version`,
        owner: name,
        version: entry.version,
      });
      siblingDeps("package-lock.json", name, entry.dependencies, `packages["${dir}"].dependencies`);
    }
  }

  for (const file of VERSIONED_FILES) {
    if (!existsSync(join(root, file))) continue;
    for (const match of readFileSync(join(root, file), "utf8").matchAll(SPECIFIER)) {
      uses.push({ file, where: match[0], owner: file, version: match[2] });
    }
  }
  return uses;
}

/**
 * The version the packages agree on, or the disagreement: the most common version is taken as the packages'
 * one, and every place with another is listed, naming its package.
 * @param {string} root
 * @returns {{ version: string; problems: string[] }}
 */
export function checkVersions(root) {
  const uses = versionUses(root);
  const counts = new Map();
  for (const use of uses) counts.set(use.version, (counts.get(use.version) ?? 0) + 1);
  const version = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  const problems = uses
    .filter((use) => use.version !== version)
    .map(
      (use) =>
        `${use.owner === use.file ? use.file : `${use.owner}: ${use.file}`} ${use.where} is ${use.version || "missing"}, the others ${version}`,
    );
  if (!parseVersion(version)) problems.unshift(`the packages' version "${version}" is not x.y.z`);
  return { version, problems };
}

/**
 * Writes `next` everywhere `versionUses` looks, keeping each range's operator (`^` in deno.json imports).
 * @param {string} root
 * @param {string} next
 */
export function setVersion(root, next) {
  const packages = workspaces(root);
  const npmNames = new Set(packages.map((p) => p.name));
  const jsrNames = new Set(packages.flatMap((p) => (p.jsrName ? [p.jsrName] : [])));
  const pinSiblings = (deps) => {
    for (const name of Object.keys(deps ?? {}))
      if (npmNames.has(name)) deps[name] = deps[name].replace(/\d+\.\d+\.\d+/, next);
  };

  const edit = (file, change) => {
    const path = join(root, file);
    if (!existsSync(path)) return;
    const value = readJson(path);
    change(value);
    writeJson(path, value);
  };
  edit("package.json", (manifest) => (manifest.version = next));
  for (const { dir } of packages) {
    edit(`${dir}/package.json`, (manifest) => {
      manifest.version = next;
      pinSiblings(manifest.dependencies);
      pinSiblings(manifest.peerDependencies);
    });
    edit(`${dir}/deno.json`, (deno) => {
      deno.version = next;
      for (const [key, target] of Object.entries(deno.imports ?? {})) {
        const jsr = /^jsr:(@[^@]+\/[^@/]+)@/.exec(String(target));
        if (jsr && jsrNames.has(jsr[1])) deno.imports[key] = String(target).replace(/\d+\.\d+\.\d+/, next);
      }
    });
  }
  edit("package-lock.json", (lock) => {
    lock.version = next;
    if (lock.packages?.[""]) lock.packages[""].version = next;
    for (const { dir } of packages) {
      const entry = lock.packages?.[dir];
      if (!entry) continue;
      entry.version = next;
      pinSiblings(entry.dependencies);
    }
  });
  for (const file of VERSIONED_FILES) {
    const path = join(root, file);
    if (existsSync(path))
      writeFileSync(
        path,
        readFileSync(path, "utf8").replace(SPECIFIER, (_, head) => `${head}${next}`),
      );
  }
}

// ---------------------------------------------------------------------------------------------
// Versions: plain x.y.z (no pre-releases: nothing here publishes one).

/** @typedef {"major" | "minor" | "patch"} Raise */
export const RAISES = /** @type {const} */ (["patch", "minor", "major"]);

/** @param {string} text @returns {[number, number, number] | null} */
export function parseVersion(text) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(text));
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : null;
}

/** @param {string} version @param {Raise} raise */
export function raiseVersion(version, raise) {
  const [major, minor, patch] = parseVersion(version) ?? [0, 0, 0];
  if (raise === "major") return `${major + 1}.0.0`;
  if (raise === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/**
 * How far `to` is raised above `from`: the highest part that grew, "none" when equal, "lower" when it went down.
 * @param {string} from @param {string} to
 * @returns {Raise | "none" | "lower"}
 */
export function raiseBetween(from, to) {
  const [a, b] = [parseVersion(from) ?? [0, 0, 0], parseVersion(to) ?? [0, 0, 0]];
  for (let i = 0; i < 3; i++) {
    if (b[i] > a[i]) return /** @type {Raise} */ (["major", "minor", "patch"][i]);
    if (b[i] < a[i]) return "lower";
  }
  return "none";
}

/**
 * The raise a spec diff's bump asks of `released`. Semver gives 0.x no stability, so this project follows Cargo's
 * rule: before 1.0 each level moves one part down (a breaking change raises the minor, anything else the patch).
 * @param {string} released
 * @param {"major" | "minor" | "patch" | "none"} bump
 * @returns {Raise | "none"}
 */
export function raiseFor(released, bump) {
  if (bump === "none" || (parseVersion(released) ?? [0])[0] > 0) return bump;
  return bump === "major" ? "minor" : "patch";
}

/** @param {Raise | "none" | "lower"} raise */
export const raiseRank = (raise) => ["lower", "none", ...RAISES].indexOf(raise) - 1;
