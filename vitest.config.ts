import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Unit tests run against the TypeScript sources; the runtime suite tests the built packages.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^alipayhk-spec$/, replacement: src("./generated/index.ts") },
      { find: /^alipayhk-signature\/encryption$/, replacement: src("./packages/signature/src/encryption.ts") },
      { find: /^alipayhk-signature$/, replacement: src("./packages/signature/src/index.ts") },
      { find: /^alipayhk-order\/encryption$/, replacement: src("./packages/client/src/encryption.ts") },
      { find: /^alipayhk-order$/, replacement: src("./packages/client/src/index.ts") },
      { find: /^alipayhk-sandbox\/node$/, replacement: src("./packages/sandbox/src/node.ts") },
      { find: /^alipayhk-sandbox$/, replacement: src("./packages/sandbox/src/index.ts") },
    ],
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 20_000,
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "test/tsconfig.json",
    },
  },
});
