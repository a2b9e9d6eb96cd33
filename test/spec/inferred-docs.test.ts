// Every rule the spec marks x-inferred shows in the JSDoc of each field it touches, in the generated types a user's
// editor shows: what the rule is, that it is this SDK's reading, who refuses it, and why (read from the spec model, so
// a new rule is covered without a new test).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { INFERRED, type InferredConstraint } from "alipayhk-spec";
import { describe, expect, test } from "vitest";

const types = readFileSync(
  fileURLToPath(new URL("../../packages/spec/generated/openapi.d.ts", import.meta.url)),
  "utf8",
);

/** The text of each JSDoc block written right above a declaration of `field`, on one line. */
function docsOf(field: string): string[] {
  const blocks = [...types.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*("?)([\w$]+)\2\??:/g)];
  return blocks.filter((m) => m[3] === field).map((m) => m[1]!.replace(/^\s*\*\s?/gm, " ").replace(/\s+/g, " "));
}

/** The fields a constraint touches: the ones it requires, forbids together or orders, or the field it is on. */
function fieldsOf(c: InferredConstraint): string[] {
  const schema = c.schema as {
    required?: string[];
    not?: { required?: string[] };
    "x-not-before"?: Record<string, string>;
  };
  if (c.keywords.includes("required")) return schema.required ?? [];
  if (c.keywords.includes("not")) return schema.not?.required ?? [];
  if (c.keywords.includes("x-not-before")) return Object.keys(schema["x-not-before"] ?? {});
  return [c.path.split(".").at(-1)!];
}

const name = (c: InferredConstraint) =>
  `${c.operationId}${c.variant ? ` ${c.variant}` : ""} ${c.path || "(body)"} ${c.keywords.join(", ")}`;

describe("inferred rules in the generated types' JSDoc", () => {
  test("the spec marks some, and each touches a field", () => {
    expect(INFERRED.length).toBeGreaterThan(0);
    for (const c of INFERRED) expect(fieldsOf(c), name(c)).not.toEqual([]);
  });

  test.each(INFERRED.map((c) => [name(c), c] as const))("%s", (_, constraint) => {
    const why = constraint.why.trim().replace(/\.$/, "").replace(/\s+/g, " ");
    for (const field of fieldsOf(constraint)) {
      const notes = docsOf(field).filter((doc) => doc.includes(why));
      expect(notes, `${field}: no JSDoc gives the reason "${why}"`).not.toEqual([]);
      expect(notes[0]).toContain("Inferred (this SDK's reading, not AlipayHK's page)");
      expect(notes[0]).toContain("refused by the sandbox unless `strict: false`");
      expect(notes[0]).toContain("by a client with `strict: true`");
    }
  });

  test("languageBusinessInfo (optional in the type, required by the sandbox) says so where it is declared", () => {
    expect(
      docsOf("languageBusinessInfo").some((doc) =>
        /Inferred \(this SDK's reading, not AlipayHK's page\): required;/.test(doc),
      ),
    ).toBe(true);
  });
});
