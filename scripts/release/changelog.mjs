// @ts-check
// CHANGELOG.md (Keep a Changelog's layout: a preamble, then one `## [version] - date` section per release, newest
// first, `## [Unreleased]` on top while a release is being prepared), and what a section is made of: the spec
// diff since the last release and the commits since the commit that last changed the snapshot.
import { spawnSync } from "node:child_process";
import { format } from "../spec-diff/index.mjs";
import { SNAPSHOT } from "./snapshot.mjs";

export const CHANGELOG = "CHANGELOG.md";
export const UNRELEASED = "Unreleased";

export const PREAMBLE = `# Changelog

Every package of this repository (alipayhk-spec, alipayhk-signature, alipayhk-order, alipayhk-sandbox, alipayhk and
their JSR builds) is released together, under one version. The format follows
[Keep a Changelog](https://keepachangelog.com/en/1.1.0/) and versions follow [Semantic Versioning](https://semver.org/),
where before 1.0 a breaking change raises the minor version. Sections are written by \`npm run release:notes\`
(see CONTRIBUTING.md).
`;

/** @param {Date} [now] */
export const today = (now = new Date()) => now.toISOString().slice(0, 10);

/** `## [0.2.0] - 2026-01-31`, or `## [Unreleased]`. @param {string} version @param {string} [date] */
export const heading = (version, date) =>
  version === UNRELEASED ? `## [${UNRELEASED}]` : `## [${version}] - ${date ?? today()}`;

/** The sections of a changelog: where each starts and ends, by version. @param {string[]} lines */
function sections(lines) {
  const starts = lines.flatMap((line, i) => (/^## \[/.test(line) ? [i] : []));
  return starts.map((start, k) => ({
    version: /^## \[([^\]]+)\]/.exec(lines[start])?.[1] ?? "",
    start,
    end: starts[k + 1] ?? lines.length,
  }));
}

/**
 * `text` with `section` (which starts with its heading) in place: it replaces the section of the same version,
 * else the Unreleased one (the notes it held are now the release's), else it goes on top.
 * @param {string} text @param {string} version @param {string} section
 */
export function putSection(text, version, section) {
  const lines = (text || PREAMBLE).split("\n");
  const all = sections(lines);
  const old = all.find((s) => s.version === version) ?? all.find((s) => s.version === UNRELEASED);
  const body = section.trimEnd().split("\n").concat("");
  if (old) lines.splice(old.start, old.end - old.start, ...body);
  else lines.splice(all[0]?.start ?? lines.length, 0, ...(all.length ? body : ["", ...body]));
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/\n*$/, "\n");
}

/** The Unreleased heading renamed to the release's (what `release:version` does). @param {string} text @param {string} version */
export const releaseUnreleased = (text, version) => text.replace(/^## \[Unreleased\][^\n]*$/m, heading(version));

// ---------------------------------------------------------------------------------------------
// git

/** @param {string} root @param {string[]} args */
function git(root, args) {
  const run = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  return run.status === 0 ? run.stdout : null;
}

/** Whether `root` is the top of a git work tree (a copy inside another repository is not). @param {string} root */
export const isRepoTop = (root) => git(root, ["rev-parse", "--show-prefix"])?.trim() === "";

/**
 * The last release as git knows it: the commit that last changed the snapshot, and the snapshot's text there.
 * Null when the snapshot was never committed.
 * @param {string} root
 */
export function lastRelease(root) {
  const commit = git(root, ["log", "-n1", "--format=%H", "--", SNAPSHOT])?.trim();
  if (!commit) return null;
  return { commit, snapshot: /** @type {string} */ (git(root, ["show", `${commit}:${SNAPSHOT}`])) };
}

/**
 * The commits after `since` (all of them without it), each under the packages whose files it changed, the
 * others under "Tooling, tests and docs". spec/ goes with alipayhk-spec, whose generated code it is.
 * @param {string} root
 * @param {string | null} since
 * @param {{ dir: string; name: string }[]} packages
 * @returns {Map<string, string[]>} group title -> "subject (hash)" lines, in the order of `packages`
 */
export function commitsByPackage(root, since, packages) {
  const log =
    git(root, ["log", "--no-merges", "--format=%x1e%h%x1f%s", "--name-only", ...(since ? [`${since}..HEAD`] : [])]) ??
    "";
  const other = "Tooling, tests and docs";
  const owners = [
    ...packages.map((p) => ({ prefix: `${p.dir}/`, title: `${p.name} (${p.dir})` })),
    { prefix: "spec/", title: "" },
  ];
  const specTitle = owners.find((o) => o.prefix === "packages/spec/")?.title ?? other;
  /** @type {Map<string, string[]>} */
  const groups = new Map();
  for (const title of [...owners.map((o) => o.title).filter(Boolean), other]) groups.set(title, []);
  for (const entry of log.split("\x1e").filter((e) => e.trim())) {
    const [head, ...files] = entry.split("\n").filter(Boolean);
    const [hash, subject] = head.split("\x1f");
    const titles = new Set(
      files.map((file) => {
        const owner = owners.find((o) => file.startsWith(o.prefix));
        return owner ? owner.title || specTitle : other;
      }),
    );
    for (const title of titles) groups.get(title)?.push(`${subject} (${hash})`);
  }
  for (const [title, lines] of groups) if (!lines.length) groups.delete(title);
  return groups;
}

// ---------------------------------------------------------------------------------------------
// A section

/**
 * The section: its heading, the spec diff as spec:diff's markdown prints it for a CHANGELOG, then the commits.
 * @param {{
 *   version: string; date?: string; releasedVersion: string; raise: string;
 *   diff: import("./snapshot.mjs").SpecDiff; commits: Map<string, string[]> | null;
 * }} notes
 */
export function section({ version, date, releasedVersion, raise, diff, commits }) {
  const out = [heading(version, date), ""];
  if (diff.bump === "none") out.push(`The spec has not changed since ${releasedVersion}.`, "");
  else {
    const pre = raise === diff.bump ? "" : `; before 1.0 the bump below is one part lower, a **${raise}** raise`;
    out.push(
      `Spec changes since ${releasedVersion} (\`npm run spec:diff -- --base ${SNAPSHOT}\` before the release)${pre}.`,
      "",
    );
    out.push(format(diff, "markdown").trimEnd(), "");
  }
  out.push("### Code changes", "");
  if (!commits) out.push("(No git history here: the commits could not be listed.)", "");
  else if (!commits.size) out.push(`No commits since ${releasedVersion}.`, "");
  for (const [title, lines] of commits ?? []) out.push(`#### ${title}`, "", ...lines.map((l) => `- ${l}`), "");
  return out.join("\n");
}
