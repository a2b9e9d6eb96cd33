import { defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";

// Unit tests run against the TypeScript sources (each package's "alipayhk-source" export condition); the runtime
// suite tests the built packages.
export default defineConfig({
  ssr: { resolve: { conditions: ["alipayhk-source", ...defaultServerConditions] } },
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
