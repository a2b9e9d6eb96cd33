import { defineConfig } from "tsup";

// Entries: the main one; `alipayhk-signature/encryption` on its own; `/internal`, what our packages share (not
// public). Shared modules (keys, errors) land in a common chunk, so every entry sees the same key registry.
export default defineConfig({
  entry: { index: "src/index.ts", encryption: "src/encryption.ts", internal: "src/internal.ts" },
  format: ["esm"],
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entries reach
  dts: { compilerOptions: { composite: false } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  splitting: true,
});
