// @ts-check
// Reads the multi-file spec in spec/ as one document.
// Small on purpose: the spec uses only relative file refs and JSON pointers.
//   bundleSpec(file, read?)  every ref becomes local: a file registered in the root's `components` becomes a ref to
//                     that component (so generated types keep the component names), any other file is inlined; `read`
//                     (a Set) gains the absolute path of every file the spec refers to
//   deref(bundled, node)  `node` with every ref replaced by its target (for reading facts out of the spec)
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";

/** @param {string} path */
const readYaml = (path) => parse(readFileSync(path, "utf8"));
const pointer = (doc, ptr) =>
  ptr
    .split("/")
    .filter(Boolean)
    .reduce((node, key) => node[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);

/** @param {string} rootFile @param {Set<string>} [read] */
export function bundleSpec(rootFile, read = new Set()) {
  rootFile = resolve(rootFile);
  const root = readYaml(rootFile);
  const load = (/** @type {string} */ file) => (read.add(file), readYaml(file));
  const registered = new Map(); // "<absolute file>#<pointer>" -> local ref of the component defined by it
  for (const [section, entries] of Object.entries(root.components ?? {})) {
    for (const [name, value] of Object.entries(entries)) {
      const local = `#/components/${section}/${name}`;
      registered.set(`${rootFile}#${local.slice(1)}`, local);
      if (typeof value?.$ref === "string" && !value.$ref.startsWith("#")) {
        registered.set(`${resolve(dirname(rootFile), value.$ref)}#`, local);
      }
    }
  }
  const walk = (node, file) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, file));
    if (!node || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      const [filePart, ptr = ""] = node.$ref.split("#");
      const target = filePart ? resolve(dirname(file), filePart) : file;
      const { $ref, ...siblings } = node;
      const local = registered.get(`${target}#${ptr}`);
      if (local) return { $ref: local, ...walk(siblings, file) };
      if (target === rootFile) return { $ref: `#${ptr}`, ...walk(siblings, file) };
      return { ...walk(pointer(load(target), ptr), target), ...walk(siblings, file) };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, file)]));
  };
  const bundled = walk({ ...root, components: undefined }, rootFile);
  bundled.components = {};
  for (const [section, entries] of Object.entries(root.components ?? {})) {
    bundled.components[section] = {};
    for (const [name, value] of Object.entries(entries)) {
      const file =
        typeof value?.$ref === "string" && !value.$ref.startsWith("#") ? resolve(dirname(rootFile), value.$ref) : null;
      bundled.components[section][name] = file ? walk(load(file), file) : walk(value, rootFile);
    }
  }
  return bundled;
}

/** Replaces every ref in `node` (part of `bundled`) by its target. */
export function deref(bundled, node) {
  const walk = (node, seen) => {
    if (Array.isArray(node)) return node.map((n) => walk(n, seen));
    if (!node || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      if (seen.includes(node.$ref)) throw new Error(`spec: circular $ref ${node.$ref}`);
      const { $ref, ...siblings } = node; // OpenAPI 3.1 allows description etc. beside $ref
      return { ...walk(pointer(bundled, $ref.slice(1)), [...seen, $ref]), ...walk(siblings, seen) };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v, seen)]));
  };
  return walk(node, []);
}
