#!/usr/bin/env node
// `npm start`: builds the packages quietly (their logs are shown only when the build fails), then runs the demo.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

process.stderr.write("building the packages (a few seconds)...\n");
const build = spawnSync("npm", ["run", "build", "--silent"], {
  cwd: ROOT,
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout}${build.stderr}\nthe build failed (its output is above)\n`);
  process.exit(build.status ?? 1);
}
const demo = spawnSync(process.execPath, ["packages/cli/dist/alipayhk.js", "demo"], { cwd: ROOT, stdio: "inherit" });
process.exit(demo.status ?? 1);
