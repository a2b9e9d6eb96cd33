#!/usr/bin/env node
// @ts-check
// `npm run check:version`: the version gate, part of `npm test`.
//  1. Every package (package.json, deno.json, package-lock.json, the files that import them by version) has the
//     same version; a disagreement fails naming the package and the file.
//  2. The spec has no breaking change against the last release (spec/released.json) unless the version was raised
//     past it: a major raise, or before 1.0 a minor one (0.1.x -> 0.2.0).
// When it passes, it prints the bump the spec diff calls for at the next release.
// Usage: node scripts/check-version.mjs [--root DIR]   (DIR: a copy of the repository; default this one)
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { countLevels, describeChange, diffFromSnapshot, readSnapshot, SNAPSHOT } from "./release/snapshot.mjs";
import { checkVersions, raiseBetween, raiseFor, raiseRank, raiseVersion } from "./release/versions.mjs";

const { values } = parseArgs({ options: { root: { type: "string" } } });
const root = resolve(values.root ?? fileURLToPath(new URL("..", import.meta.url)));

/** @param {string[]} lines @returns {never} */
function fail(lines) {
  console.error(`version gate: ${lines.join("\n")}`);
  process.exit(1);
}

const { version, problems } = checkVersions(root);
if (problems.length) {
  fail([
    "the packages' versions disagree:",
    ...problems.map((p) => `  - ${p}`),
    `They are released together: give them all one version (npm run release:version -- <x.y.z> writes it everywhere).`,
  ]);
}

const released = readSnapshot(root);
if (!released) fail([`${SNAPSHOT} is missing or has no info.x-released-version: it is the spec of the last release.`]);
const { version: releasedVersion, doc } = released;
const raised = raiseBetween(releasedVersion, version);
if (raised === "lower")
  fail([`the packages are at ${version}, below the last release ${releasedVersion} (${SNAPSHOT}).`]);

const diff = await diffFromSnapshot(doc, root);
const breaking = diff.changes.filter((c) => c.level === "breaking");
const needed = raiseFor(releasedVersion, breaking.length ? "major" : "none");
const diffCommand = `npm run spec:diff -- --base ${relative(process.cwd(), resolve(root, SNAPSHOT)) || SNAPSHOT}`;

if (raiseRank(raised) < raiseRank(needed)) {
  const target = raiseVersion(releasedVersion, /** @type {import("./release/versions.mjs").Raise} */ (needed));
  fail([
    `the spec has ${breaking.length} breaking change${breaking.length === 1 ? "" : "s"} since release ${releasedVersion} (${SNAPSHOT}), and the packages are at ${version}:`,
    ...breaking.map((c) => `  - ${describeChange(c)}`),
    `A breaking change needs a ${needed} raise${releasedVersion.startsWith("0.") ? " before 1.0" : ""} (${releasedVersion} -> ${target}). Either undo it, or raise the version:`,
    `  npm run release:version -- ${needed}    then    npm run release:notes`,
    `(${diffCommand} shows every change.)`,
  ]);
}

const called = raiseFor(releasedVersion, diff.bump);
console.log(`version gate: ok. The packages are at ${version}; last release ${releasedVersion} (${SNAPSHOT}).`);
if (diff.bump === "none") console.log("The spec has not changed since that release: the spec diff calls for no bump.");
else {
  console.log(
    `The spec diff since that release calls for a ${diff.bump} bump (${countLevels(diff.changes)}): ${called === diff.bump ? "" : `before 1.0, `}a ${called} raise.`,
  );
  if (raiseRank(raised) < raiseRank(called))
    console.log(`At the next release: npm run release:version -- ${called}   (${diffCommand} for the details)`);
}
