import { defineConfig } from "tsup";

export default defineConfig({
  entry: { alipayhk: "src/alipayhk.ts" },
  format: ["esm"],
  clean: true,
  target: "node20",
  platform: "node",
  sourcemap: false,
  // the command runs the published packages it depends on
  external: ["alipayhk-signature", "alipayhk-order", "alipayhk-sandbox", "alipayhk-sandbox/node"],
});
