// @ts-check
// The report for people (text for a terminal, markdown for the CHANGELOG and pull requests) and for programs (JSON).
import { LEVELS } from "./report.mjs";

/** @typedef {import("./report.mjs").ReportedChange} ReportedChange @typedef {import("./report.mjs").Bump} Bump */

export const FORMATS = ["text", "json", "markdown"];
const TITLES = { breaking: "Breaking changes", warning: "Warnings", info: "Other changes" };

/** @param {{ bump: Bump; changes: ReportedChange[] }} result @param {string} format one of FORMATS */
export function format(result, format) {
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  return format === "markdown" ? markdown(result) : text(result);
}

/** "1 breaking, 2 warning, 3 info" @param {ReportedChange[]} changes */
const counts = (changes) =>
  LEVELS.map((level) => [level, changes.filter((c) => c.level === level).length])
    .filter(([, n]) => n)
    .map(([level, n]) => `${n} ${level}`)
    .join(", ");

/** @param {{ bump: Bump; changes: ReportedChange[] }} result */
function text({ bump, changes }) {
  if (!changes.length) return "No changes to the API (bump: none).\n";
  const lines = [`Bump: ${bump} (${counts(changes)})`];
  for (const level of LEVELS) {
    const those = changes.filter((c) => c.level === level);
    if (!those.length) continue;
    lines.push("", `${TITLES[level]}:`);
    for (const c of those)
      lines.push(`  ${c.operationId ? `${c.operationId}: ` : ""}${c.message}`, `      ${c.id} at ${c.pointer}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A section body for the CHANGELOG: the caller writes the version heading above it. @param {{ bump: Bump; changes: ReportedChange[] }} result */
function markdown({ bump, changes }) {
  if (!changes.length) return "No changes to the API.\n";
  const lines = [`Semver: **${bump}** (${counts(changes)}).`];
  for (const level of LEVELS) {
    const those = changes.filter((c) => c.level === level);
    if (!those.length) continue;
    lines.push("", `### ${TITLES[level]}`, "");
    for (const c of those)
      lines.push(`- ${c.operationId ? `\`${c.operationId}\`: ` : ""}${c.message.replace(/\n/g, " ")} (\`${c.id}\`)`);
  }
  return `${lines.join("\n")}\n`;
}
