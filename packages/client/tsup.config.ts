import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/encryption.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  // the generated spec metadata is bundled in; the packages it builds on stay dependencies
  external: ["alipayhk-signature", "openapi-fetch"],
});
