import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/node.ts"],
  format: ["esm"],
  // src/node.ts (the alipayhk-sandbox/node adapter) is the one Node-only module: its declarations need Node's types
  dts: { compilerOptions: { types: ["node"] } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  // the generated spec metadata is bundled in; the packages it builds on stay dependencies (node:* included)
  external: ["alipayhk-signature", "alipayhk-order", /^node:/],
});
