// What does not count (formatting, key order, $ref layout), and the command line: formats, exit codes, git refs.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { cli, diffSpecs, type Edits, type Result, own, repo, workspace } from "./helpers.js";

const space = workspace("cli");
afterAll(space.remove);

const NONE = { bump: "none", changes: [] };
const reverseKeys = (node: any): any =>
  Array.isArray(node)
    ? node.map(reverseKeys)
    : node && typeof node === "object"
      ? Object.fromEntries(
          Object.entries(node)
            .reverse()
            .map(([k, v]) => [k, reverseKeys(v)]),
        )
      : node;
const filesOf = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"));

describe("what does not count", () => {
  test("identical specs: bump none, no changes", async () => {
    expect(await diffSpecs(space.base, space.copy())).toEqual(NONE);
  });

  test("a pure refactor: schemas moved inline, out to a file, into a component; keys and alternatives reordered; YAML rewritten as JSON", async () => {
    const amount = parse(readFileSync(join(space.pristine, "schemas/amount.yaml"), "utf8"));
    const refactor: Edits = {
      // inline: the file's content where the $ref was, its sibling description kept
      "scenarios/movie-ticket.yaml": (d) =>
        void (own(d).properties.amount = { ...amount, description: own(d).properties.amount.description }),
      // out to a file of its own
      "schemas/line-up-ext-info.yaml": () =>
        own(parse(readFileSync(join(space.pristine, "scenarios/line-up.yaml"), "utf8"))).properties.extInfo,
      "scenarios/line-up.yaml": (d) => void (own(d).properties.extInfo = { $ref: "../schemas/line-up-ext-info.yaml" }),
      // into a component
      "schemas/self-pick-shop.yaml": () =>
        own(parse(readFileSync(join(space.pristine, "scenarios/self-pick.yaml"), "utf8"))).properties.shopInfo,
      "scenarios/self-pick.yaml": (d) => void (own(d).properties.shopInfo = { $ref: "../schemas/self-pick-shop.yaml" }),
      "openapi.yaml": (d) => {
        d.components.schemas.SelfPickShop = { $ref: "schemas/self-pick-shop.yaml" };
        d.components.schemas.OrderSyncRequest.oneOf.reverse();
      },
      "schemas/base-order.yaml": (d) => void d.allOf.reverse(),
      "scenarios/pass-ticket.yaml": (d) => void d.allOf.reverse(),
    };
    const root = space.copy(refactor);
    // every object's keys in reverse order, written as JSON (which is YAML too)
    for (const file of filesOf(dirname(root))) {
      const path = join(dirname(root), file);
      writeFileSync(path, JSON.stringify(reverseKeys(parse(readFileSync(path, "utf8"))), null, 1));
    }
    expect(await diffSpecs(space.base, root)).toEqual(NONE);
  });

  test("a base given as one self-contained JSON file", async () => {
    const { bundleSpec } = (await import(join(repo, "scripts/spec.mjs"))) as { bundleSpec: (root: string) => unknown };
    const single = join(space.dir, "single.json");
    writeFileSync(single, JSON.stringify(bundleSpec(space.base)));
    expect(await diffSpecs(single, space.base)).toEqual(NONE);
  });
});

const breaking = space.copy({
  "schemas/performance-notification-base.yaml": (d) => void (d.properties.command.enum = ["SEND"]),
});
const warning = space.copy({ "schemas/base-order.yaml": (d) => void delete d.properties.tinyAppId });

describe("the command line", () => {
  test("--format json: the bump and each change's id, level, operationId, pointer and message", async () => {
    const run = cli(["--base", space.base, "--head", breaking, "--format", "json"]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as Result;
    expect(result).toEqual({
      bump: "major",
      changes: [
        {
          id: "request-property-enum-value-removed",
          level: "breaking",
          operationId: "syncPerformanceNotification",
          pointer: "/components/schemas/PerformanceNotificationBase/properties/command/enum",
          message: "Request property `command`: enum value UPDATE removed",
        },
      ],
    });
  });

  test("text and markdown: grouped by level", async () => {
    const { format } = (await import(join(repo, "scripts/spec-diff/index.mjs"))) as {
      format: (result: Result, format: string) => string;
    };
    const text = format(await diffSpecs(space.base, breaking), "text");
    expect(text).toBe(
      "Bump: major (1 breaking)\n\nBreaking changes:\n  syncPerformanceNotification: Request property `command`: enum value UPDATE removed\n" +
        "      request-property-enum-value-removed at /components/schemas/PerformanceNotificationBase/properties/command/enum\n",
    );
    const markdown = format(await diffSpecs(space.base, warning), "markdown");
    expect(markdown).toBe(
      "Semver: **minor** (1 warning).\n\n### Warnings\n\n" +
        "- `syncOrder`: Request property `tinyAppId`: removed: code that sets it no longer type-checks, and AlipayHK may ignore or refuse it (`request-property-removed`)\n",
    );
    expect(format(await diffSpecs(space.base, space.base), "markdown")).toBe("No changes to the API.\n");
  });

  test.each([
    ["breaking", "a breaking change", 1, breaking],
    ["breaking", "only a warning", 0, warning],
    ["warning", "only a warning", 1, warning],
  ])("--fail-on %s with %s: exit %i", (level, _, status, head) => {
    const run = cli(["--base", space.base, "--head", head, "--fail-on", level]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(status);
  });

  test.each([
    [["--base", "HEAD", "--bogus"], "--bogus"],
    [["--format", "json"], "--base"],
    [["--base"], "--base"],
    [["--base", "HEAD", "--format", "xml"], "--format"],
    [["--base", "HEAD", "--fail-on", "error"], "--fail-on"],
    [["--base", "no-such-file-or-ref-1f2e3d"], "--base"],
    [["--base", "HEAD", "--head", join(space.dir, "missing.yaml")], "--head"],
    [["--base", join(repo, "package.json")], "--base"],
  ])("usage error %j: exit 2, naming %s", (args, flag) => {
    const run = cli(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(flag);
    expect(run.stdout).toBe("");
  });
});

describe("--base <git ref>", () => {
  const extracted = () =>
    readdirSync(tmpdir())
      .filter((f) => f.startsWith("spec-diff-base-"))
      .sort();

  test("HEAD against HEAD's own spec: no changes, and the extracted copy is removed", () => {
    const before = extracted();
    const headSpec = join(space.dir, "head-archive");
    mkdirSync(headSpec);
    const archive = spawnSync("git", ["archive", "HEAD", "spec"], { cwd: repo });
    expect(spawnSync("tar", ["-x", "-C", headSpec], { input: archive.stdout }).status).toBe(0);
    const run = cli(["--base", "HEAD", "--head", join(headSpec, "spec/openapi.yaml"), "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual(NONE);
    expect(extracted()).toEqual(before);
  });

  test("HEAD against the working tree (the default --head)", () => {
    const run = cli(["--base", "HEAD", "--format", "json"]);
    expect(run.status).toBe(0);
    expect(["major", "minor", "patch", "none"]).toContain((JSON.parse(run.stdout) as Result).bump);
  });

  test("a path that exists wins over a ref of the same name", () => {
    const cwd = join(space.dir, "cwd");
    cpSync(dirname(breaking), join(cwd, "HEAD"), { recursive: true });
    const run = cli(["--base", "HEAD", "--head", space.base, "--format", "json"], cwd);
    // read as the directory: the copy without UPDATE, so the working copy adds it back
    expect((JSON.parse(run.stdout) as Result).changes.map((c) => c.id)).toEqual(["request-property-enum-value-added"]);
  });
});
