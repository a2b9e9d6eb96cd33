import { readFileSync, writeFileSync } from "node:fs";
import { defineConfig } from "tsup";

const entries = { index: "src/index.ts", encryption: "src/encryption.ts" };

export default defineConfig({
  entry: entries,
  format: ["esm"],
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entries reach
  // (and rootDir src, which the generated spec files imported from ../../generated are not under)
  dts: { compilerOptions: { composite: false, rootDir: "../.." } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  external: ["alipayhk-signature", "alipayhk-spec", "openapi-fetch"],
  // JSR (deno.json) publishes dist/: each file names its declarations, so that Deno and JSR see typed exports
  async onSuccess() {
    for (const name of Object.keys(entries)) {
      const file = `dist/${name}.js`;
      writeFileSync(file, `/* @ts-self-types="./${name}.d.ts" */\n${readFileSync(file, "utf8")}`);
    }
  },
});
