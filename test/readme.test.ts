// The README's first example, run exactly as it is written there (from the built packages, as a user's install
// resolves them): a user pasting it must see it work.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

test("README: the first example of 'Using it' runs as pasted, against the in-process sandbox", () => {
  const readme = readFileSync(`${root}README.md`, "utf8");
  const section = readme.slice(readme.indexOf("## Using it"));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code).toContain('from "alipayhk-sandbox"');
  // run from the repository root, so that the packages resolve through node_modules to their dist/
  const res = spawnSync(process.execPath, ["--input-type=module", "-e", code!], { cwd: root, encoding: "utf8", timeout: 60_000 });
  expect(res.stderr).toBe("");
  expect(res.status).toBe(0);
  expect(res.stdout).toMatch(/^\S+ TICKETED [0-9a-f]{32}\n$/);
});
