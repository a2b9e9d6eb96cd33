import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

// `npm run test:quick`: the unit tests that run in-process on the sources. Left to the full `npm test`: the tests on
// temp copies of the repository (spec changes, spec diffs, releases), the ones that run built packages, other runtimes,
// a browser or PostgreSQL, the soak, and the compiler-message checks; the type tests are type-checked by `tsc -b`.
export const SLOW = [
  "test/spec/mutation.test.ts",
  "test/spec/spec-changes.test.ts",
  "test/spec/spec.test.ts",
  "test/spec/operation-descriptors.test.ts",
  "test/spec-diff/**",
  "test/release/**",
  "test/types/**",
  "test/readme.test.ts",
  "test/security/soak.test.ts",
  "test/delivery/**",
  "packages/cli/test/cli.test.ts",
  "test/cli/outbox.test.ts",
  "packages/sandbox/test/console.browser.test.ts",
];

// Worker threads that keep their modules between files: each file does not import and transform the packages again
// (about half the time). The full run keeps vitest's defaults (a process per worker, each file isolated).
export default mergeConfig(
  base,
  defineConfig({ test: { exclude: SLOW, typecheck: { enabled: false }, pool: "threads", isolate: false } }),
);
