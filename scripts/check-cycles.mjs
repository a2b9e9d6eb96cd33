#!/usr/bin/env node
// @ts-check
// `npm run lint` (part): no import cycles inside a package. Reads every .ts file of packages/*/src and
// packages/*/generated, follows the relative imports and re-exports (`import type` included: a cycle of types is
// still two modules that cannot be understood apart), and prints each cycle with its files. Exit 1 when there is one.
//   node scripts/check-cycles.mjs [--root DIR]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";

const { values } = parseArgs({ options: { root: { type: "string" } } });
const root = resolve(values.root ?? fileURLToPath(new URL("..", import.meta.url)));

/** @param {string} dir @returns {string[]} */
const tsFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return /\.m?ts$/.test(entry.name) ? [path] : [];
  });

const packages = join(root, "packages");
const files = readdirSync(packages)
  .flatMap((name) => ["src", "generated"].map((sub) => join(packages, name, sub)))
  .filter((dir) => existsSync(dir) && statSync(dir).isDirectory())
  .flatMap(tsFiles)
  .sort();

/** `./x.js` as TypeScript resolves it under moduleResolution bundler: x.ts, x.d.ts, x/index.ts. */
function resolveImport(/** @type {string} */ from, /** @type {string} */ specifier) {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m?js|m?ts)$/, "");
  const ext = base.endsWith(".mjs") ? ".mts" : ".ts";
  return [`${stem}${ext}`, `${stem}.d${ext}`, base, join(base, "index.ts")].find((path) => files.includes(path));
}

/** @typedef {{ to: string; typeOnly: boolean }} Edge */

/** The relative imports of one file: import and export declarations, and import("...") calls. */
function importsOf(/** @type {string} */ file) {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  /** @type {Edge[]} */
  const edges = [];
  const add = (/** @type {ts.Node | undefined} */ specifier, /** @type {boolean} */ typeOnly) => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith(".")) return;
    const to = resolveImport(file, specifier.text);
    if (to) edges.push({ to, typeOnly });
  };
  const visit = (/** @type {ts.Node} */ node) => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node.arguments[0], false);
    else if (ts.isImportTypeNode(node))
      add(ts.isLiteralTypeNode(node.argument) ? node.argument.literal : undefined, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** @type {Map<string, Edge[]>} */
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function components() {
  let next = 0;
  /** @type {Map<string, { index: number; low: number }>} */
  const seen = new Map();
  /** @type {string[]} */
  const stack = [];
  /** @type {string[][]} */
  const found = [];
  const connect = (/** @type {string} */ file) => {
    const node = { index: next, low: next++ };
    seen.set(file, node);
    stack.push(file);
    for (const { to } of graph.get(file) ?? []) {
      const other = seen.get(to);
      if (!other) {
        connect(to);
        node.low = Math.min(node.low, /** @type {{ low: number }} */ (seen.get(to)).low);
      } else if (stack.includes(to)) node.low = Math.min(node.low, other.index);
    }
    if (node.low !== node.index) return;
    /** @type {string[]} */
    const component = [];
    let member;
    do {
      member = /** @type {string} */ (stack.pop());
      component.push(member);
    } while (member !== file);
    const selfImport = graph.get(file)?.some((edge) => edge.to === file);
    if (component.length > 1 || selfImport) found.push(component.sort());
  };
  for (const file of files) if (!seen.has(file)) connect(file);
  return found;
}

/** The shortest way back to `start` inside its component (breadth first), as the files in import order. */
function shortestCycle(/** @type {string} */ start, /** @type {Set<string>} */ within) {
  /** @type {Map<string, string>} */
  const cameFrom = new Map();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i];
    for (const { to } of graph.get(file) ?? []) {
      if (!within.has(to)) continue;
      if (to === start) {
        const path = [file];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0]) ?? start);
        return path;
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, file);
        queue.push(to);
      }
    }
  }
  return [start];
}

const show = (/** @type {string} */ file) => relative(root, file);
const cycles = components();
for (const component of cycles) {
  const within = new Set(component);
  const cycle = shortestCycle(component[0], within);
  const steps = cycle.map((file, i) => {
    const to = cycle[(i + 1) % cycle.length];
    const edge = graph.get(file)?.find((e) => e.to === to);
    return `${show(file)} ${edge?.typeOnly ? "-(types)->" : "->"}`;
  });
  console.error(`import cycle: ${steps.join(" ")} ${show(cycle[0])}`);
  if (component.length > cycle.length)
    console.error(`  the cycles here join ${component.length} files: ${component.map(show).join(", ")}`);
}
if (cycles.length) {
  console.error(
    `${cycles.length} import cycle${cycles.length === 1 ? "" : "s"}: move what both sides need into a module of its own`,
  );
  process.exit(1);
}
console.log(`no import cycles (${files.length} files under packages/*/src and packages/*/generated)`);
