import { defineConfig } from "tsup";
import { addSelfTypes } from "../../scripts/self-types.mjs";

export default defineConfig({
  // The package's entry is generated: the spec's facts (generated/model.ts) and this package's src/, which reads them.
  entry: { index: "generated/index.ts" },
  format: ["esm"],
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entry reaches
  dts: { compilerOptions: { composite: false } },
  // JSR (deno.json) publishes dist/: the file names its declarations, so that Deno and JSR see typed exports
  onSuccess: async () => addSelfTypes(["index"]),
});
