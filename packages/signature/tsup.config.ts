import { defineConfig } from "tsup";

// Two entries so that `alipayhk-signature/encryption` exists on its own; shared modules (keys,
// errors) land in a common chunk, so both entries see the same key registry.
export default defineConfig({
  entry: { index: "src/index.ts", encryption: "src/encryption.ts" },
  format: ["esm"],
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entries reach
  dts: { compilerOptions: { composite: false } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  splitting: true,
});
