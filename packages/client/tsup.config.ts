import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/encryption.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  external: ["alipayhk-signature", "alipayhk-spec", "openapi-fetch"],
});
