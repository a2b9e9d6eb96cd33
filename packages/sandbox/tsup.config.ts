import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/node.ts", "src/internal.ts"],
  format: ["esm"],
  // src/node.ts (the alipayhk-sandbox/node adapter) is the one Node-only module: its declarations need Node's types;
  // composite (for tsc -b) needs every file listed, while tsup compiles only what the entries reach
  dts: { compilerOptions: { types: ["node"], composite: false } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  // node:* stays external for src/node.ts, the Node adapter
  external: ["alipayhk-signature", "alipayhk-spec", /^node:/],
});
