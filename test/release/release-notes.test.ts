// release:notes on a temp copy made a git repository: the section holds the spec diff's changes and the commits
// since the snapshot was last committed, grouped by package; after release:version it becomes that version's.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { copy, git, requireNewField, run } from "./helpers.js";

let dir = "";
const changelog = () => readFileSync(join(dir, "CHANGELOG.md"), "utf8");

/** Writes `file` under the copy and commits it with `subject`. */
function commit(subject: string, file: string, text: string) {
  mkdirSync(join(dir, file, ".."), { recursive: true });
  writeFileSync(join(dir, file), text);
  git(dir, "add", "--", file);
  git(dir, "commit", "-q", "-m", subject, "--", file);
}

beforeAll(async () => {
  dir = await copy("notes", "0.4.2");
  git(dir, "init", "-q");
  git(dir, "add", ".");
  git(dir, "commit", "-q", "-m", "Release 0.4.2");
  commit("Client: a retry waits for Retry-After", "packages/client/src/retry.ts", "export const retry = 1;\n");
  commit("Soak: one more fault", "soak/faults.mjs", "export {};\n");
  requireNewField(dir);
  git(dir, "commit", "-q", "-am", "Spec: every order carries loyaltyTier");
}, 60_000);

describe("release:notes", { timeout: 60_000 }, () => {
  test("writes an Unreleased section with the spec diff's changes and the commits since the release", async () => {
    const result = await run("release-notes.mjs", dir);
    expect(result.code, result.out).toBe(0);
    const text = changelog();
    expect(text).toMatch(/^# Changelog/);
    const section = text.slice(text.indexOf("## [Unreleased]"));
    expect(section).toMatch(/before 1\.0 the bump below is one part lower, a \*\*minor\*\* raise/);
    expect(section).toMatch(/Semver: \*\*major\*\*/);
    expect(section).toMatch(/### Breaking changes\n\n- .*loyaltyTier/);
    expect(section).toMatch(
      /#### alipayhk-order \(packages\/client\)\n\n- Client: a retry waits for Retry-After \([0-9a-f]+\)/,
    );
    expect(section).toMatch(/#### alipayhk-spec \(packages\/spec\)\n\n- Spec: every order carries loyaltyTier/);
    expect(section).toMatch(/#### Tooling, tests and docs\n\n- Soak: one more fault/);
    expect(section).not.toMatch(/Release 0\.4\.2/);
  });

  test("run again, it replaces its section instead of adding one", async () => {
    await run("release-notes.mjs", dir);
    expect(changelog().match(/^## \[/gm)).toHaveLength(1);
  });

  test("after release:version, the section is the new version's, with the same changes", async () => {
    const bumped = await run("release-version.mjs", dir, "minor");
    expect(bumped.code, bumped.out).toBe(0);
    expect(changelog()).toMatch(/^## \[0\.5\.0\] - \d{4}-\d{2}-\d{2}$/m);
    const notes = await run("release-notes.mjs", dir);
    expect(notes.code, notes.out).toBe(0);
    const text = changelog();
    expect(text.match(/^## \[/gm)).toHaveLength(1);
    expect(text).not.toMatch(/Unreleased/);
    expect(text).toMatch(/## \[0\.5\.0\][\s\S]*Breaking changes[\s\S]*loyaltyTier[\s\S]*Client: a retry waits/);
  });
});
