#!/usr/bin/env node
// @ts-check
// `npm run docs`: the API reference (TypeDoc, from the JSDoc) of every public entry of every package, into docs/api/
// (generated, not committed). The entries are read from each package.json's "exports" (their "alipayhk-source" file),
// less the internal ones, so a new entry is documented without a change here. Each module is named as a user imports it
// (`alipayhk-order/api`). Exit 1 on any TypeDoc warning: a public type that no entry exports, a broken {@link}, an
// @param that names no parameter.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { Application, Converter, ReflectionKind } from "typedoc";
import ts from "typescript";
import { ROOT } from "./processes.mjs";

const OUT = join(ROOT, "docs/api");
const readJson = (/** @type {string} */ path) => JSON.parse(readFileSync(join(ROOT, path), "utf8"));

/** @type {Map<string, string>} source file -> the specifier that imports it */
const entries = new Map();
for (const dir of readJson("package.json").workspaces) {
  const { name, exports } = readJson(join(dir, "package.json"));
  for (const [subpath, target] of Object.entries(exports ?? {})) {
    // not public: the entries the packages share with one another
    if (typeof target !== "object" || /(^|\/)internal$/.test(subpath)) continue;
    entries.set(join(ROOT, dir, target["alipayhk-source"]), subpath === "." ? name : `${name}${subpath.slice(1)}`);
  }
}

const app = await Application.bootstrap({
  entryPoints: [...entries.keys()],
  entryPointStrategy: "resolve",
  out: OUT,
  name: "alipayhk-order SDK",
  readme: "none",
  excludeInternal: true,
  excludePrivate: true,
  disableSources: true,
  validation: { notExported: true, invalidLink: true, notDocumented: false },
  logLevel: "Warn",
});

// One program over every entry's sources: the packages import one another by name, which the "alipayhk-source"
// condition resolves to their sources (tsconfig.base.json), so that a type re-exported by another package is the same
// symbol here. (The project references of tsconfig.json would give each package the others' emitted .d.ts instead.)
const base = ts.getParsedCommandLineOfConfigFile(
  join(ROOT, "tsconfig.base.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  },
);
if (!base) throw new Error("tsconfig.base.json: unreadable");
const options = { ...base.options, composite: false, declaration: false, emitDeclarationOnly: false, noEmit: true };
app.options.setCompilerOptions([...entries.keys()], { ...options, types: ["node"] }, undefined);

// each entry's module named by its specifier rather than its path (`client/src/api`)
app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context, reflection) => {
  if (!reflection.kindOf(ReflectionKind.Module)) return;
  const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName;
  reflection.name = (file && entries.get(file)) ?? reflection.name;
});
const project = await app.convert();
if (!project) process.exit(1);
app.validate(project);
rmSync(OUT, { recursive: true, force: true });
await app.generateDocs(project, OUT);

const warnings = app.logger.warningCount + app.logger.errorCount;
console.log(`${entries.size} entries documented in docs/api/index.html${warnings ? `; ${warnings} warnings` : ""}`);
process.exit(warnings ? 1 : 0);
