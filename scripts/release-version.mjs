#!/usr/bin/env node
// @ts-check
// `npm run release:version -- <major|minor|patch|x.y.z>`: raises every package to one new version (package.json,
// deno.json, package-lock.json, the files that import them by version), rewrites the snapshot of the released spec
// (spec/released.json) from spec/ as that version, and names CHANGELOG.md's Unreleased section after it.
// It refuses a raise too small for the spec's breaking changes: once the snapshot is rewritten, the gate
// (npm run check:version) no longer sees them. A release is: this, `npm run release:notes`, a commit.
// Usage: node scripts/release-version.mjs [--root DIR] <major|minor|patch|x.y.z>
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { CHANGELOG, releaseUnreleased } from "./release/changelog.mjs";
import { describeChange, diffFromSnapshot, readSnapshot, SNAPSHOT, writeSnapshot } from "./release/snapshot.mjs";
import {
  checkVersions,
  parseVersion,
  raiseBetween,
  raiseFor,
  raiseRank,
  raiseVersion,
  RAISES,
  setVersion,
  versionUses,
} from "./release/versions.mjs";

const { values, positionals } = parseArgs({ options: { root: { type: "string" } }, allowPositionals: true });
const root = resolve(values.root ?? fileURLToPath(new URL("..", import.meta.url)));

/** @param {string} message @returns {never} */
function fail(message) {
  console.error(`release:version: ${message}`);
  process.exit(1);
}

const [arg] = positionals;
const raise = /** @type {import("./release/versions.mjs").Raise | undefined} */ (RAISES.find((r) => r === arg));
if (positionals.length !== 1 || (!raise && !parseVersion(arg)))
  fail("usage: npm run release:version -- <major|minor|patch|x.y.z>");

const { version: current, problems } = checkVersions(root);
// With an explicit version the disagreement is what gets fixed; a relative raise needs one version to start from.
if (raise && problems.length)
  fail(
    `the versions disagree, so "${raise}" has no starting point; give the version itself:\n  - ${problems.join("\n  - ")}`,
  );
const next = raise ? raiseVersion(current, raise) : arg;

const released = readSnapshot(root);
if (released) {
  if (raiseRank(raiseBetween(released.version, next)) < 1)
    fail(`${next} is not above the last release, ${released.version} (${SNAPSHOT}).`);
  const breaking = (await diffFromSnapshot(released.doc, root)).changes.filter((c) => c.level === "breaking");
  const needed = raiseFor(released.version, breaking.length ? "major" : "none");
  if (raiseRank(raiseBetween(released.version, next)) < raiseRank(needed)) {
    fail(
      [
        `${released.version} -> ${next} is too small a raise: the spec has ${breaking.length} breaking change(s) since ${released.version}, which need a ${needed} raise (${raiseVersion(released.version, /** @type {import("./release/versions.mjs").Raise} */ (needed))}):`,
        ...breaking.map((c) => `  - ${describeChange(c)}`),
      ].join("\n"),
    );
  }
}

const files = [...new Set(versionUses(root).map((u) => u.file))];
setVersion(root, next);
writeSnapshot(root, next);
const changelog = join(root, CHANGELOG);
if (existsSync(changelog)) writeFileSync(changelog, releaseUnreleased(readFileSync(changelog, "utf8"), next));

console.log(
  `${current} -> ${next}: ${files.length} files with the version, ${SNAPSHOT} rewritten from spec/ as ${next}.`,
);
console.log(`Next: npm run release:notes (writes the ${next} section of ${CHANGELOG}), review it, then commit:`);
console.log(`  git commit -m "Release ${next}" -- ${[...files, SNAPSHOT, CHANGELOG].join(" ")}`);
