// The vocabulary is the one list of keywords: every check it names is a function of keywords.ts, and keywords.ts
// checks nothing the vocabulary does not list (a check nobody can reach would be dead code in every bundle that has it).
import { describe, expect, test } from "vitest";
import * as keywords from "../src/keywords.js";
import { VOCABULARY } from "../src/vocabulary.js";

const named = Object.entries(VOCABULARY).flatMap(([keyword, facts]) =>
  "check" in facts ? [[keyword, facts.check] as const] : [],
);
const exportedChecks = Object.keys(keywords).filter((name) => !["KEYWORDS", "withKeywordChecks"].includes(name));

describe("the keyword vocabulary", () => {
  test.each(named)("%s is checked by keywords.ts's %s", (_, check) => {
    expect(typeof (keywords as Record<string, unknown>)[check]).toBe("function");
  });

  test("every check of keywords.ts belongs to a keyword of the vocabulary", () => {
    expect(exportedChecks.sort()).toEqual(named.map(([, check]) => check).sort());
  });

  test("only the keywords the checks read are `by` another keyword", () => {
    const readBy = Object.entries(VOCABULARY).filter(
      ([, facts]) => !["core", "check", "annotation"].includes(facts.by),
    );
    expect(readBy.map(([keyword, facts]) => [keyword, facts.by])).toEqual([
      ["maxContains", "contains"],
      ["minContains", "contains"],
      ["contentSchema", "contentMediaType"],
    ]);
  });
});
