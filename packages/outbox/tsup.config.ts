import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    postgres: "src/postgres.ts",
    cloudflare: "src/cloudflare.ts",
    "deno-kv": "src/deno-kv.ts",
  },
  format: ["esm"],
  // src/postgres.ts (alipayhk-outbox/postgres) is the one Node-only module: its declarations need Node's types (pg's);
  // composite (for tsc -b) needs every file listed; tsup compiles only what the entries reach
  dts: { compilerOptions: { types: ["node"], composite: false } },
  clean: true,
  target: "es2022",
  platform: "neutral",
  sourcemap: false,
  // the other entries import the main one by name: one OutboxConfigError for all (instanceof holds)
  external: ["alipayhk-order", "alipayhk-signature", "alipayhk-outbox", "pg"],
});
