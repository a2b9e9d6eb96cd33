#!/usr/bin/env node
// @ts-check
// `npm run release:notes`: writes the next section of CHANGELOG.md from
//   - the spec diff from the last release's spec to spec/ (each change under its level: breaking, to review, other),
//   - the commits since the commit that last changed the snapshot (spec/released.json), under the packages they touch.
// The last release is the snapshot as committed: after `npm run release:version` (which rewrites the snapshot but
// commits nothing) the section is that version's, before it `## [Unreleased]`. Run again, it replaces its section.
// Usage: node scripts/release-notes.mjs [--root DIR] [--dry-run]
//   --root DIR  a copy of the repository (default this one)   --dry-run  prints the section, writes nothing
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  CHANGELOG,
  commitsByPackage,
  isRepoTop,
  lastRelease,
  putSection,
  section,
  UNRELEASED,
} from "./release/changelog.mjs";
import { countLevels, diffFromSnapshot, parseSnapshot, readSnapshot, SNAPSHOT } from "./release/snapshot.mjs";
import { raiseFor, workspaces } from "./release/versions.mjs";

const { values } = parseArgs({ options: { root: { type: "string" }, "dry-run": { type: "boolean" } } });
const root = resolve(values.root ?? fileURLToPath(new URL("..", import.meta.url)));

const git = isRepoTop(root);
const committed = git ? lastRelease(root) : null;
const current = readSnapshot(root);
const base = committed ? parseSnapshot(committed.snapshot) : current;
if (!base || !current) {
  console.error(
    `release:notes: ${SNAPSHOT} is missing or has no info.x-released-version: it is the spec of the last release.`,
  );
  process.exit(1);
}
// A snapshot newer than the committed one is a release in progress: the notes are that version's.
const version = current.version !== base.version ? current.version : UNRELEASED;

const diff = await diffFromSnapshot(base.doc, root);
const commits = git ? commitsByPackage(root, committed?.commit ?? null, workspaces(root)) : null;
const text = section({
  version,
  releasedVersion: base.version,
  raise: raiseFor(base.version, diff.bump),
  diff,
  commits,
});

if (values["dry-run"]) {
  process.stdout.write(text);
} else {
  const file = join(root, CHANGELOG);
  writeFileSync(file, putSection(existsSync(file) ? readFileSync(file, "utf8") : "", version, text));
  const commitCount = new Set([...(commits?.values() ?? [])].flat()).size;
  console.log(
    `${CHANGELOG}: wrote the ${version} section (spec: ${diff.bump} bump, ${countLevels(diff.changes)}; ${commitCount} commit${commitCount === 1 ? "" : "s"} since ${base.version}).`,
  );
  if (version === UNRELEASED)
    console.log(
      `Release: npm run release:version -- <major|minor|patch|x.y.z> names it (the gate says which raise the spec needs).`,
    );
}
