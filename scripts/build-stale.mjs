// @ts-check
// Builds the library packages whose dist/ is missing or older than what it is built from (src/, generated/,
// tsup.config.ts, package.json), in dependency order; a rebuilt package rebuilds its dependents too.
// Shared by scripts/runtimes.mjs and scripts/check-packages.mjs. `node scripts/build-stale.mjs [--build]`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The library packages (web APIs only), in dependency order. The CLI is a Node command, not a library. */
export const LIBRARIES = [
  { dir: "packages/signature", name: "alipayhk-signature" },
  { dir: "packages/client", name: "alipayhk-order" },
  { dir: "packages/sandbox", name: "alipayhk-sandbox" },
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

export function buildStale({ force = false, log = (text) => process.stdout.write(text) } = {}) {
  let stale = false;
  for (const lib of LIBRARIES) {
    const dir = join(ROOT, lib.dir);
    const js = join(dir, "dist", "index.js");
    const built = existsSync(js) && existsSync(join(dir, "dist", "index.d.ts")) ? statSync(js).mtimeMs : 0;
    const inputs = Math.max(
      newestMtime(join(dir, "src")),
      newestMtime(join(ROOT, "generated")),
      newestMtime(join(dir, "tsup.config.ts")),
      newestMtime(join(dir, "package.json")),
    );
    stale ||= force || built === 0 || inputs > built;
    if (!stale) continue;
    log(`build ${lib.name} ... `);
    const started = Date.now();
    const result = spawnSync("npm", ["run", "build", "-w", lib.name], { cwd: ROOT, encoding: "utf8" });
    if (result.status !== 0) {
      log("FAILED\n");
      throw new Error(`npm run build -w ${lib.name} failed:\n${result.stdout}${result.stderr}`);
    }
    log(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildStale({ force: process.argv.includes("--build") });
