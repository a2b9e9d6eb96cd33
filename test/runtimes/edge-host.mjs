// @ts-check
// Host for the edge-runtime run (the old jose tap/.edge-runtime.mjs, awaiting instead of polling):
// evaluates the bundled suite in Vercel's EdgeRuntime VM and reports its result.
//   node test/runtimes/edge-host.mjs <bundle.js>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { EdgeRuntime } from "edge-runtime";

const version = createRequire(import.meta.url)("edge-runtime/package.json").version;
console.log(`# runtime edge-runtime ${version} (host node ${process.version})`);

const runtime = new EdgeRuntime({ initialCode: readFileSync(process.argv[2], "utf8") });
const result = await runtime.context.__conformance;
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exitCode = result.failed === 0 ? 0 : 1;
