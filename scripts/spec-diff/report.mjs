// @ts-check
// From the changes the rules found to the report: one entry per change and place (a shared schema reached through
// nine scenarios is one entry, not nine), a message for people, and the semver bump the changes call for.

/** @typedef {"breaking" | "warning" | "info"} Level */
/** @typedef {"major" | "minor" | "patch" | "none"} Bump */
/**
 * @typedef {{
 *   root: string; direction: string; path: string;
 *   variant?: string; variants?: number; discriminator?: string; status?: string;
 * }} Subject  where in a body a schema change is: what the schema is, the property path, the scenario, the response
 * @typedef {{ id: string; level: Level; minor?: boolean; operationId?: string; pointer: string; text: string; subject?: Subject }} Change
 *   `minor`: an info-level addition, which calls for a minor version (other info is a patch)
 * @typedef {{ id: string; level: Level; operationId?: string; pointer: string; message: string }} ReportedChange
 */

export const LEVELS = /** @type {const} */ (["breaking", "warning", "info"]);

/** @param {Change[]} changes @returns {{ bump: Bump; changes: ReportedChange[] }} */
export function report(changes) {
  /** @type {Map<string, Change[]>} */
  const groups = new Map();
  for (const change of changes) {
    const key = [change.id, change.level, change.operationId, change.pointer, change.text].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  const merged = [...groups.values()].map((same) => ({
    id: same[0].id,
    level: same[0].level,
    ...(same[0].operationId !== undefined && { operationId: same[0].operationId }),
    pointer: same[0].pointer,
    message: message(same),
  }));
  const rank = (/** @type {ReportedChange} */ c) => [
    LEVELS.indexOf(c.level),
    c.operationId ?? "",
    c.pointer,
    c.id,
    c.message,
  ];
  merged.sort((x, y) => {
    const [a, b] = [rank(x), rank(y)];
    const i = a.findIndex((v, n) => v !== b[n]);
    return i < 0 ? 0 : a[i] < b[i] ? -1 : 1;
  });
  return { bump: bumpOf(changes), changes: merged };
}

/** @param {Change[]} changes @returns {Bump} */
export function bumpOf(changes) {
  if (changes.some((c) => c.level === "breaking")) return "major";
  if (changes.some((c) => c.level === "warning" || c.minor)) return "minor";
  return changes.length ? "patch" : "none";
}

/** One message for a change found at one or more places of the bodies. @param {Change[]} same */
function message(same) {
  const { text, subject } = same[0];
  if (!subject) return /^[a-z]+[ :]/.test(text) ? capital(text) : text; // "header parameter ...", not "merchantBizType ..."

  const list = (/** @type {string[]} */ items) =>
    items.length > 3 ? `${items.slice(0, 3).join(", ")} and ${items.length - 3} more` : items.join(", ");
  const distinct = (/** @type {(s: Subject) => string | undefined} */ get) => [
    ...new Set(same.map((c) => get(/** @type {Subject} */ (c.subject)))),
  ];
  const paths = distinct((s) => s.path);
  const what = paths.some((p) => !p)
    ? subject.root
    : `${subject.direction} ${paths.length > 1 ? "properties" : "property"} ${list(paths.map((p) => `\`${p}\``))}`;
  const scope = [];
  const variants = distinct((s) => s.variant);
  // a change every variant shares (the base fields) is not the variants' own
  if (!variants.includes(undefined) && variants.length < (subject.variants ?? 0))
    scope.push(`${subject.discriminator} ${list(/** @type {string[]} */ (variants))}`);
  const statuses = distinct((s) => s.status).filter(Boolean);
  if (statuses.length) scope.push(`${statuses.length > 1 ? "responses" : "response"} ${statuses.join(", ")}`);
  return capital(`${what}${scope.length ? ` (${scope.join("; ")})` : ""}: ${text}`);
}

const capital = (/** @type {string} */ s) => s.charAt(0).toUpperCase() + s.slice(1);
