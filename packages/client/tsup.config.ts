import { defineConfig } from "tsup";
import { addSelfTypes } from "../../scripts/self-types.mjs";

export default defineConfig({
  entry: { index: "src/index.ts", encryption: "src/encryption.ts", api: "src/api.ts", operations: "src/operations.ts" },
  format: ["esm"],
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entries reach
  dts: { compilerOptions: { composite: false } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  external: ["alipayhk-signature", "alipayhk-spec", "openapi-fetch"],
  // JSR (deno.json) publishes dist/: each file names its declarations, so that Deno and JSR see typed exports
  onSuccess: async () => addSelfTypes(["index", "encryption", "api", "operations"]),
});
