// @ts-check
// For the packages' tsup builds (onSuccess), run in the package's folder: starts each named dist/<name>.js with a
// `@ts-self-types` comment naming its declarations, so that Deno and JSR, which publish dist/, see typed exports.
import { readFileSync, writeFileSync } from "node:fs";

/** @param {string[]} names entry names, e.g. ["index", "encryption"] */
export function addSelfTypes(names) {
  for (const name of names) {
    const file = `dist/${name}.js`;
    writeFileSync(file, `/* @ts-self-types="./${name}.d.ts" */\n${readFileSync(file, "utf8")}`);
  }
}
