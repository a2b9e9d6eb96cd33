import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/encryption.ts"],
  format: ["esm"],
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entries reach
  // (and rootDir src, which the generated spec files imported from ../../generated are not under)
  dts: { compilerOptions: { composite: false, rootDir: "../.." } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  // the generated spec metadata is bundled in; the packages it builds on stay dependencies
  external: ["alipayhk-signature", "openapi-fetch"],
});
