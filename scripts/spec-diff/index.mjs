// @ts-check
// `diffSpecs(base, head)`: what changed between two versions of the spec, as callers of the client feel it, and the
// semver bump that calls for. Both are read with bundleSpec, so formatting, key order and $ref layout do not count.
//   load.mjs       where a spec comes from (a file, or a git ref's spec/), and reading nodes with their pointers
//   shape.mjs      a schema flattened into conditions, each with its place and certainty (x-inferred)
//   keywords.mjs   one keyword's effective value and how it moved: narrower or wider
//   schema.mjs     the generic, direction-aware comparison of two schemas
//   operations.mjs servers, security, operations; messages.mjs their parameters, bodies and responses
//   model.mjs      the project's own facts: scenarios (statuses, end statuses, transitions) and result codes
//   report.mjs     one entry per change and place, messages, the bump; format.mjs text, markdown and JSON
import { resolve } from "node:path";
import { bundleSpec } from "../spec.mjs";
import { diffResultCodes } from "./model.mjs";
import { diffDocument } from "./operations.mjs";
import { report } from "./report.mjs";

export { openSpec, UsageError } from "./load.mjs";
export { format, FORMATS } from "./format.mjs";

/** @typedef {import("./report.mjs").ReportedChange} ReportedChange @typedef {import("./report.mjs").Bump} Bump */

/**
 * @param {string} baseRootFile the older spec's root file @param {string} headRootFile the newer one's
 * @returns {Promise<{ bump: Bump; changes: ReportedChange[] }>}
 */
export async function diffSpecs(baseRootFile, headRootFile) {
  return diffBundled(bundleSpec(resolve(baseRootFile)), bundleSpec(resolve(headRootFile)));
}

/**
 * The same for specs already read with bundleSpec (which this only reads, never changes).
 * @param {any} base @param {any} head @returns {{ bump: Bump; changes: ReportedChange[] }}
 */
export function diffBundled(base, head) {
  /** @type {import("./report.mjs").Change[]} */
  const changes = [];
  const emit = (/** @type {import("./report.mjs").Change} */ change) => void changes.push(change);
  diffDocument(base, head, emit);
  diffResultCodes(base, head, emit);
  return report(changes);
}
