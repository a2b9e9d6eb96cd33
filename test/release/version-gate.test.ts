// The version gate (scripts/check-version.mjs, in `npm test`) and release:version, on temp copies: a breaking spec
// change fails the gate until the version is raised enough, a compatible one passes, and versions that disagree
// fail naming the package. Each script run is a Node start with a spec diff: the cases share runs where they can.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { addOptionalField, copy, readJson, requireNewField, run, setVersions } from "./helpers.js";

const gate = (dir: string) => run("check-version.mjs", dir);

describe.concurrent("the spec against the last release", { timeout: 60_000 }, () => {
  test("unchanged: the gate passes and says no bump is needed", async () => {
    const dir = await copy("unchanged", "0.4.2");
    const result = await gate(dir);
    expect(result.code, result.out).toBe(0);
    expect(result.stdout).toMatch(/last release 0\.4\.2/);
    expect(result.stdout).toMatch(/calls for no bump/);
  });

  test("a breaking change fails the gate, naming it and the raise; before 1.0 a patch raise fails and a minor one passes", async () => {
    const dir = await copy("pre-1.0", "0.4.2");
    requireNewField(dir);
    const unraised = await gate(dir);
    expect(unraised.code, unraised.out).toBe(1);
    expect(unraised.stderr).toMatch(
      /1 breaking change since release 0\.4\.2 \(spec\/released\.json\), and the packages are at 0\.4\.2/,
    );
    expect(unraised.stderr).toMatch(/^ {2}- syncOrder: .*loyaltyTier/m);
    expect(unraised.stderr).toMatch(/minor raise before 1\.0 \(0\.4\.2 -> 0\.5\.0\)/);
    expect(unraised.stderr).toMatch(/npm run release:version -- minor/);
    setVersions(dir, "0.4.3");
    expect((await gate(dir)).code).toBe(1);
    setVersions(dir, "0.5.0");
    const raised = await gate(dir);
    expect(raised.code, raised.out).toBe(0);
    expect(raised.stdout).toMatch(/major bump .*before 1\.0, a minor raise/);
  });

  test("from 1.0 a breaking change needs a major raise: a minor raise fails, 2.0.0 passes", async () => {
    const dir = await copy("post-1.0", "1.2.3");
    requireNewField(dir);
    setVersions(dir, "1.3.0");
    const minor = await gate(dir);
    expect(minor.code).toBe(1);
    expect(minor.stderr).toMatch(/needs a major raise \(1\.2\.3 -> 2\.0\.0\)/);
    expect(minor.stderr).toMatch(/release:version -- major/);
    setVersions(dir, "2.0.0");
    expect((await gate(dir)).code).toBe(0);
  });

  test("a compatible change passes and prints the bump it calls for", async () => {
    const dir = await copy("compatible", "0.4.2");
    addOptionalField(dir);
    const result = await gate(dir);
    expect(result.code, result.out).toBe(0);
    expect(result.stdout).toMatch(
      /calls for a minor bump \(0 breaking, 0 warning, 1 info\): before 1\.0, a patch raise/,
    );
    expect(result.stdout).toMatch(/release:version -- patch/);
  });

  test("a version lower than the release fails", async () => {
    const dir = await copy("lower", "0.4.2");
    setVersions(dir, "0.4.1");
    const result = await gate(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/0\.4\.1, below the last release 0\.4\.2/);
  });
});

describe.concurrent("release:version", { timeout: 60_000 }, () => {
  test("refuses a raise too small for a breaking change, and leaves everything as it was", async () => {
    const dir = await copy("refused", "0.4.2");
    requireNewField(dir);
    const before = readFileSync(join(dir, "spec/released.json"), "utf8");
    const result = await run("release-version.mjs", dir, "patch");
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/too small a raise.*need a minor raise \(0\.5\.0\)/);
    expect(result.stderr).toMatch(/loyaltyTier/);
    expect(readJson(dir, "packages/client/package.json").version).toBe("0.4.2");
    expect(readFileSync(join(dir, "spec/released.json"), "utf8")).toBe(before);
  });

  test("raises every version together and rewrites the snapshot: the gate passes, with no bump left", async () => {
    const dir = await copy("released", "0.4.2");
    requireNewField(dir);
    const result = await run("release-version.mjs", dir, "minor");
    expect(result.code, result.out).toBe(0);
    for (const pkg of ["spec", "signature", "client", "sandbox", "cli"])
      expect(readJson(dir, `packages/${pkg}/package.json`).version).toBe("0.5.0");
    expect(readJson(dir, "packages/cli/package.json").dependencies["alipayhk-order"]).toBe("0.5.0");
    expect(readJson(dir, "packages/client/deno.json").imports["alipayhk-signature"]).toBe(
      "jsr:@alipayhk/signature@^0.5.0",
    );
    expect(readJson(dir, "package-lock.json").packages["packages/sandbox"].dependencies["alipayhk-spec"]).toBe("0.5.0");
    expect(readFileSync(join(dir, "examples/deno/deno.json"), "utf8")).toMatch(/npm:alipayhk-order@\^0\.5\.0/);
    expect(readJson(dir, "spec/released.json").info["x-released-version"]).toBe("0.5.0");
    expect(readFileSync(join(dir, "spec/released.json"), "utf8")).toMatch(/loyaltyTier/);
    const after = await gate(dir);
    expect(after.code, after.out).toBe(0);
    expect(after.stdout).toMatch(/calls for no bump/);
  });
});

test("versions that disagree fail, each named with its package and file", { timeout: 60_000 }, async () => {
  const dir = await copy("disagree", "0.4.2");
  const edit = (file: string, change: (json: any) => void) => {
    const json = readJson(dir, file);
    change(json);
    writeFileSync(join(dir, file), JSON.stringify(json, null, 2));
  };
  edit("packages/client/package.json", (m) => (m.version = "0.5.0"));
  edit("packages/cli/package.json", (m) => (m.dependencies["alipayhk-sandbox"] = "0.4.1"));
  edit("packages/signature/deno.json", (d) => (d.version = "0.4.0"));
  edit("packages/sandbox/deno.json", (d) => (d.imports["alipayhk-spec"] = "jsr:@alipayhk/spec@^0.3.0"));
  const result = await gate(dir);
  expect(result.code).toBe(1);
  const listed = result.stderr.split("\n").filter((line) => line.startsWith("  - "));
  expect(listed).toEqual([
    "  - alipayhk-signature: packages/signature/deno.json version is 0.4.0, the others 0.4.2",
    "  - alipayhk-order: packages/client/package.json version is 0.5.0, the others 0.4.2",
    '  - alipayhk-sandbox: packages/sandbox/deno.json imports["alipayhk-spec"] is 0.3.0, the others 0.4.2',
    '  - alipayhk: packages/cli/package.json dependencies["alipayhk-sandbox"] is 0.4.1, the others 0.4.2',
  ]);
});
