// The validator on small schema tables: each keyword it enforces, with the message a user reads.
import { describe, expect, test } from "vitest";
import { validate, type Schema, type SchemaTable } from "../src/index.js";
import { encodeJsonText } from "../src/internal.js";
import * as checks from "../src/keywords.js";

// every check of keywords.ts, by keyword (a generated table lists only those its schemas use)
const { KEYWORDS: _, withKeywordChecks, xNotBefore, ...named } = checks;
const ALL_CHECKS = { ...named, "x-not-before": xNotBefore };
const one = (schema: Schema, value: unknown, table: SchemaTable = {}) =>
  validate(withKeywordChecks(ALL_CHECKS, { ...table, Root: schema }), "Root", value);

describe("each keyword", () => {
  test.each<[string, Schema, unknown, unknown, string]>([
    ["type", { type: "integer" }, 3, 3.5, "must be an integer"],
    ["type (a list)", { type: ["string", "null"] }, null, 1, "must be a string or null"],
    ["enum", { enum: ["A", "B"] }, "A", "C", "must be one of A, B (got C)"],
    ["const", { const: "X" }, "X", "Y", "must be X"],
    ["multipleOf", { multipleOf: 0.1 }, 0.3, 0.35, "must be a multiple of 0.1"],
    ["maximum", { maximum: 10 }, 10, 11, "must be at most 10"],
    ["exclusiveMaximum", { exclusiveMaximum: 10 }, 9, 10, "must be less than 10"],
    ["minimum", { minimum: 0 }, 0, -1, "must be at least 0"],
    ["exclusiveMinimum", { exclusiveMinimum: 0 }, 1, 0, "must be greater than 0"],
    ["maxLength (code points)", { maxLength: 2 }, "🎬🎬", "abc", "must be at most 2 characters (got 3)"],
    ["minLength", { minLength: 2 }, "ab", "a", "must be at least 2 characters (got 1)"],
    ["pattern", { pattern: "^[A-Z]{3}$" }, "HKD", "hkd", "must match the pattern ^[A-Z]{3}$"],
    ["maxItems", { maxItems: 1 }, [1], [1, 2], "must have at most 1 item (got 2)"],
    ["minItems", { minItems: 2 }, [1, 2], [1], "must have at least 2 items"],
    [
      "uniqueItems",
      { uniqueItems: true },
      [{ a: 1 }, { a: 2 }],
      [{ a: 1 }, { a: 1 }],
      "must not repeat an item (items 0 and 1 are equal)",
    ],
    [
      "contains/minContains",
      { contains: { type: "string" }, minContains: 2 },
      ["a", "b", 1],
      ["a", 1],
      "must have at least 2 items of the required shape (got 1)",
    ],
    [
      "maxContains",
      { contains: { type: "string" }, maxContains: 1 },
      ["a", 1],
      ["a", "b"],
      "must have at most 1 items of that shape (got 2)",
    ],
    ["maxProperties", { maxProperties: 1 }, { a: 1 }, { a: 1, b: 2 }, "must have at most 1 members (got 2)"],
    ["minProperties", { minProperties: 1 }, { a: 1 }, {}, "must have at least 1 member"],
    ["false", { properties: { a: false } }, {}, { a: 1 }, "is not allowed"],
    ["format int32", { type: "integer", format: "int32" }, 2 ** 31 - 1, 2 ** 31, "must fit in 32 bits"],
  ])("%s", (_, schema, good, bad, message) => {
    expect(one(schema, good)).toEqual([]);
    expect(one(schema, bad).map((p) => p.message)).toContain(message);
  });

  test("required and dependentRequired name the missing member; an undefined member counts as absent (JSON drops it)", () => {
    const schema: Schema = { type: "object", required: ["a"], dependentRequired: { b: ["c"] } };
    expect(one(schema, { a: 1, b: 1, c: 1 })).toEqual([]);
    expect(one(schema, { a: undefined, b: 1 })).toEqual([
      { path: "a", message: "is required", keyword: "required" },
      { path: "c", message: "is required when b is given", keyword: "dependentRequired" },
    ]);
  });

  test("additionalProperties: false names the member and what is allowed; a schema applies to the others", () => {
    expect(one({ properties: { zh_HK: true, en_US: true }, additionalProperties: false }, { fr_FR: "x" })).toEqual([
      { path: "fr_FR", message: "is not allowed (allowed: zh_HK, en_US)", keyword: "additionalProperties" },
    ]);
    expect(one({ additionalProperties: { type: "string" } }, { a: "x", b: 2 })).toEqual([
      { path: "b", message: "must be a string", keyword: "type" },
    ]);
  });

  test("paths name nested members and items", () => {
    const schema: Schema = { properties: { list: { items: { properties: { n: { type: "string" } } } } } };
    expect(one(schema, { list: [{ n: "a" }, { n: 1 }] })).toEqual([
      { path: "list[1].n", message: "must be a string", keyword: "type" },
    ]);
  });
});

describe("applicators", () => {
  const table: SchemaTable = {
    A: {
      type: "object",
      required: ["kind", "status"],
      properties: { kind: { const: "A" }, status: { enum: ["ON", "OFF"] } },
    },
    B: { type: "object", required: ["kind"], properties: { kind: { const: "B" } } },
  };
  const union: Schema = {
    type: "object",
    oneOf: [{ $ref: "A" }, { $ref: "B" }],
    discriminator: { propertyName: "kind", mapping: { A: "A", B: "B" } },
  };

  test("a discriminator checks the mapped variant only, and names it in a missed list", () => {
    expect(one(union, { kind: "A", status: "ON" }, table)).toEqual([]);
    expect(one(union, { kind: "A", status: "UP" }, table)).toEqual([
      { path: "status", message: "must be one of ON, OFF for kind A (got UP)", keyword: "enum" },
    ]);
    expect(one(union, { kind: "C" }, table)).toEqual([
      { path: "kind", message: "must be one of A, B (got C)", keyword: "discriminator" },
    ]);
    expect(one(union, {}, table)).toEqual([{ path: "kind", message: "is required", keyword: "required" }]);
  });

  test("oneOf without a discriminator: none or several matches", () => {
    const schema: Schema = { oneOf: [{ type: "integer" }, { type: "number", minimum: 5 }] };
    expect(one(schema, 3)).toEqual([]);
    expect(one(schema, "x")[0]?.message).toBe("does not match any of the 2 allowed shapes");
    expect(one(schema, 6)[0]?.message).toBe("matches 2 of the 2 allowed shapes; it must match exactly one");
  });

  test("anyOf and not over required members read as plain sentences; x-inferred marks the rule as ours", () => {
    const identity: Schema = {
      anyOf: [{ required: ["userId"] }, { required: ["openId"] }],
      not: { required: ["userId", "openId"], "x-inferred": "our reading" },
    };
    expect(one(identity, { userId: "u" })).toEqual([]);
    expect(one(identity, {})).toEqual([{ path: "", message: "userId or openId is required", keyword: "anyOf" }]);
    expect(one(identity, { userId: "u", openId: "o" })).toEqual([
      { path: "", message: "userId and openId must not both be given", keyword: "not", inferred: "our reading" },
    ]);
  });

  test("x-inferred marks every problem under the schema that carries it, and nothing else", () => {
    const schema: Schema = { properties: { a: { maxLength: 1, "x-inferred": "why" }, b: { maxLength: 1 } } };
    expect(one(schema, { a: "xx", b: "yy" })).toEqual([
      { path: "a", message: "must be at most 1 characters (got 2)", keyword: "maxLength", inferred: "why" },
      { path: "b", message: "must be at most 1 characters (got 2)", keyword: "maxLength" },
    ]);
  });

  test("the same problem said by two allOf parts is reported once", () => {
    expect(one({ allOf: [{ type: "string" }, { type: "string" }] }, 1)).toHaveLength(1);
  });

  test("a JSON-text string: its text must parse, and its content must match contentSchema", () => {
    const schema: Schema = { type: "string", contentMediaType: "application/json", contentSchema: { type: "object" } };
    expect(one(schema, '{"a":1}')).toEqual([]);
    expect(one(schema, "{")[0]?.message).toBe("must be JSON text");
    expect(one(schema, "[1]")[0]?.message).toBe("holds JSON whose value must be an object");
  });
});

describe("encodeJsonText", () => {
  const table: SchemaTable = {
    Root: { properties: { info: { additionalProperties: { $ref: "Json" } }, other: { type: "object" } } },
    Json: { type: "string", contentMediaType: "application/json" },
  };
  test("a JSON-text field given as a value becomes its text; the rest, and the caller's object, are untouched", () => {
    const body = { info: { en_US: { a: "電影" }, zh_HK: '{"b":1}' }, other: { c: 1 } };
    const encoded = encodeJsonText(table, "Root", body) as typeof body;
    expect(encoded).toEqual({ info: { en_US: '{"a":"電影"}', zh_HK: '{"b":1}' }, other: { c: 1 } });
    expect(encoded.other).toBe(body.other);
    expect(body.info.en_US).toEqual({ a: "電影" });
  });
  test("a body with nothing to encode is returned as it is", () => {
    const body = { info: { en_US: "{}" } };
    expect(encodeJsonText(table, "Root", body)).toBe(body);
  });
});
