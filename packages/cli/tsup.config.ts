import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

const manifestText = readFileSync(new URL("package.json", import.meta.url), "utf8");
const manifest: { dependencies: Record<string, string> } = JSON.parse(manifestText);

export default defineConfig({
  entry: { alipayhk: "src/alipayhk.ts" },
  format: ["esm"],
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: false,
  // The command runs the packages it depends on, as installed: each one it declares (and their subpaths) stays an
  // import, so that dist bundles none of them (not a second copy of the spec's examples and rules, say).
  external: Object.keys(manifest.dependencies).flatMap((name) => [name, new RegExp(`^${name}/`)]),
});
