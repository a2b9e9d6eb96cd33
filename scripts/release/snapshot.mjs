// @ts-check
// The spec as last released: spec/released.json, the bundled spec (every $ref local, so a standalone OpenAPI file)
// with the version it was released as in `info.x-released-version`. It is committed, so the release's spec travels
// with the repository (a tag would not), and `npm run release:version` rewrites it.
// JSON, not YAML: the generator reads only the YAML that spec/openapi.yaml references.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { diffSpecs } from "../spec-diff/index.mjs";
import { bundleSpec } from "../spec.mjs";

export const SNAPSHOT = "spec/released.json";
export const SPEC = "spec/openapi.yaml";
const VERSION_KEY = "x-released-version";

/** @typedef {Awaited<ReturnType<typeof diffSpecs>>} SpecDiff */

/**
 * The snapshot of `text` (the file's contents), or null when it is not one.
 * @param {string} text
 * @returns {{ version: string; doc: any } | null}
 */
export function parseSnapshot(text) {
  const doc = JSON.parse(text);
  const version = doc?.info?.[VERSION_KEY];
  return typeof version === "string" ? { version, doc } : null;
}

/** The snapshot under `root`, or null when there is none. @param {string} root */
export function readSnapshot(root) {
  const path = join(root, SNAPSHOT);
  return existsSync(path) ? parseSnapshot(readFileSync(path, "utf8")) : null;
}

/**
 * Writes the snapshot of the spec under `root` as released as `version`.
 * @param {string} root @param {string} version
 */
export function writeSnapshot(root, version) {
  const doc = bundleSpec(resolve(root, SPEC));
  // Right after info.version (the API's own date version), so that a reader sees both together.
  const info = {};
  for (const [key, value] of Object.entries(doc.info ?? {})) {
    info[key] = value;
    if (key === "version") info[VERSION_KEY] = version;
  }
  info[VERSION_KEY] = version;
  doc.info = info;
  writeFileSync(join(root, SNAPSHOT), `${JSON.stringify(doc, null, 2)}\n`);
}

/**
 * The spec diff from a snapshot to the spec under `root`. The release's version is taken out first: it is a fact
 * about our packages, not a change of AlipayHK's API.
 * @param {any} snapshotDoc
 * @param {string} root
 * @returns {Promise<SpecDiff>}
 */
export async function diffFromSnapshot(snapshotDoc, root) {
  const dir = mkdtempSync(join(tmpdir(), "alipayhk-released-"));
  try {
    const { [VERSION_KEY]: _, ...info } = snapshotDoc.info ?? {};
    const base = join(dir, "released.json");
    writeFileSync(base, JSON.stringify({ ...snapshotDoc, info }));
    return await diffSpecs(base, resolve(root, SPEC));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** "2 breaking, 1 warning, 3 info" @param {SpecDiff["changes"]} changes */
export function countLevels(changes) {
  const count = (level) => changes.filter((c) => c.level === level).length;
  return `${count("breaking")} breaking, ${count("warning")} warning, ${count("info")} info`;
}

/** One change on one line, as spec:diff prints it: "syncOrder: message (id at pointer)". @param {SpecDiff["changes"][number]} change */
export const describeChange = (change) =>
  `${change.operationId ? `${change.operationId}: ` : ""}${change.message.replace(/\n/g, " ")} (${change.id} at ${change.pointer})`;
