import { defineConfig } from "tsup";
import { addSelfTypes } from "../../scripts/self-types.mjs";

export default defineConfig({
  // The package's entries are generated: the spec's facts (generated/model.ts) and this package's src/, which reads
  // them; one descriptor per operation (generated/operations.ts), each with only its own schemas; and what our own
  // packages share (generated/internal.ts), not public.
  entry: { index: "generated/index.ts", operations: "generated/operations.ts", internal: "generated/internal.ts" },
  format: ["esm"],
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entry reaches
  dts: { compilerOptions: { composite: false } },
  // JSR (deno.json) publishes dist/: the file names its declarations, so that Deno and JSR see typed exports
  onSuccess: async () => addSelfTypes(["index", "operations", "internal"]),
});
