// The generic rules, one spec pair each: a copy of spec/ with one change, diffed against the unchanged copy. Requests
// break when they narrow, responses when they widen; in a request, a rule marked x-inferred binds only strict clients.
import { afterAll, describe, expect, test } from "vitest";
import { diffSpecs, type Edits, kinds, own, workspace } from "./helpers.js";

const space = workspace("schema");
afterAll(space.remove);
const diff = space.diff;

const WHY = "a reading of ours, for this test";
const ORDER = "syncOrder";
const NOTIFY = "syncPerformanceNotification";

type Case = [title: string, edits: Edits, id: string, level: string, operationId: string, bump: string];

const REQUEST: Case[] = [
  [
    "an enum value removed",
    { "schemas/performance-notification-base.yaml": (d) => void (d.properties.command.enum = ["SEND"]) },
    "request-property-enum-value-removed",
    "breaking",
    NOTIFY,
    "major",
  ],
  [
    "an enum value added",
    { "schemas/performance-notification-base.yaml": (d) => void d.properties.command.enum.push("CANCEL") },
    "request-property-enum-value-added",
    "info",
    NOTIFY,
    "minor",
  ],
  [
    "a property became required",
    { "schemas/base-order.yaml": (d) => void d.required.push("merchantAccountId") },
    "request-property-became-required",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "a new required property",
    {
      "scenarios/movie-ticket.yaml": (d) =>
        void ((own(d).properties.cinemaId = { type: "string" }), own(d).required.push("cinemaId")),
    },
    "new-required-request-property",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "a new optional property",
    { "scenarios/movie-ticket.yaml": (d) => void (own(d).properties.cinemaId = { type: "string" }) },
    "new-optional-request-property",
    "info",
    ORDER,
    "minor",
  ],
  [
    "a property became optional",
    { "scenarios/movie-ticket.yaml": (d) => void (own(d).required = ["merchantBizType", "orderStatus"]) },
    "request-property-became-optional",
    "info",
    ORDER,
    "minor",
  ],
  [
    "a property removed from an open object",
    { "schemas/base-order.yaml": (d) => void delete d.properties.tinyAppId },
    "request-property-removed",
    "warning",
    ORDER,
    "minor",
  ],
  [
    "a property removed where additionalProperties is false",
    { "schemas/sync-data-info.yaml": (d) => void delete d.properties.languageBusinessInfo.properties.en_US },
    "request-property-removed",
    "breaking",
    NOTIFY,
    "major",
  ],
  [
    "additionalProperties: false added",
    { "schemas/sync-data-info.yaml": (d) => void (d.additionalProperties = false) },
    "request-property-additional-properties-disallowed",
    "breaking",
    NOTIFY,
    "major",
  ],
  [
    "maxLength decreased",
    { "schemas/base-order.yaml": (d) => void (d.properties.merchantAccountId.maxLength = 32) },
    "request-property-max-length-decreased",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "maxLength increased",
    { "schemas/base-order.yaml": (d) => void (d.properties.merchantAccountId.maxLength = 128) },
    "request-property-max-length-increased",
    "info",
    ORDER,
    "minor",
  ],
  [
    "minLength set",
    { "schemas/base-order.yaml": (d) => void (d.properties.tinyAppId.minLength = 3) },
    "request-property-min-length-set",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "maximum set",
    { "schemas/sync-data-info.yaml": (d) => void (d.properties.amount.maximum = 100_000_000) },
    "request-property-max-set",
    "breaking",
    NOTIFY,
    "major",
  ],
  [
    "type changed",
    { "schemas/sync-data-info.yaml": (d) => void (d.properties.amount.type = "string") },
    "request-property-type-changed",
    "breaking",
    NOTIFY,
    "major",
  ],
  [
    "type generalized",
    { "schemas/sync-data-info.yaml": (d) => void (d.properties.amount.type = "number") },
    "request-property-type-generalized",
    "info",
    NOTIFY,
    "minor",
  ],
  // Amount is used at five places of order sync: one change, at the place it is written
  [
    "a pattern added",
    { "schemas/amount.yaml": (d) => void (d.properties.value.pattern = "^[0-9]+$") },
    "request-property-pattern-added",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "a pattern changed",
    { "schemas/amount.yaml": (d) => void (d.properties.currency.pattern = "^(HKD|CNY)$") },
    "request-property-pattern-changed",
    "breaking",
    ORDER,
    "major",
  ],
];

const RESPONSE: Case[] = [
  [
    "a property removed",
    { "schemas/order-sync-response.yaml": (d) => void delete d.properties.orderId },
    "response-property-removed",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "a type changed",
    { "schemas/order-sync-response.yaml": (d) => void (d.properties.orderId.type = "integer") },
    "response-property-type-changed",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "a new optional property",
    { "schemas/order-sync-response.yaml": (d) => void (d.properties.orderUrl = { type: "string" }) },
    "response-optional-property-added",
    "info",
    ORDER,
    "minor",
  ],
  [
    "maxLength decreased (narrower answers are harmless)",
    { "schemas/order-sync-response.yaml": (d) => void (d.properties.orderId.maxLength = 64) },
    "response-property-max-length-decreased",
    "info",
    ORDER,
    "patch",
  ],
];

describe("requests: narrowing breaks, widening is an addition", () => {
  test.each(REQUEST)("%s", async (_, edits, id, level, operationId, bump) => {
    const result = await diff(edits);
    expect(kinds(result)).toEqual([[id, level, operationId]]);
    expect(result.bump).toBe(bump);
  });

  test("of two bounds written for one property, the tighter one counts", async () => {
    // self pick-up's amount adds maxLength 64 to Amount's own
    const amountMax = (n: number): Edits => ({ "schemas/amount.yaml": (d) => void (d.properties.value.maxLength = n) });
    const result = await diffSpecs(space.copy(amountMax(100)), space.copy(amountMax(50)));
    // the scenarios that use Amount under its own bound, and self pick-up under its tighter one; which scenarios use
    // Amount is the spec's business (a new scenario may), so only the bounds are checked
    expect(result.changes.map((c) => c.id)).toEqual([
      "request-property-max-length-decreased",
      "request-property-max-length-decreased",
    ]);
    const messages = result.changes.map((c) => c.message);
    expect(messages.filter((m) => m.endsWith("maxLength decreased from 100 to 50"))).toHaveLength(1);
    expect(messages).toContain(
      "Request property `amount.value` (merchantBizType SELF_PICK): maxLength decreased from 64 to 50",
    );
  });

  test("an anyOf alternative changed in place: its own change, not one removed and one added", async () => {
    const untitled = (maxLength?: number): Edits => ({
      "schemas/user-identity.yaml": (d) => {
        for (const alt of d.anyOf) delete alt.title;
        if (maxLength) d.anyOf[0].properties.userId.maxLength = maxLength;
      },
    });
    const result = await diffSpecs(space.copy(untitled()), space.copy(untitled(64)));
    expect(kinds(result)).toEqual([
      ["request-property-max-length-set", "breaking", ORDER],
      ["request-property-max-length-set", "breaking", NOTIFY],
    ]);
  });

  test("a change reached through one scenario names it; one in the shared base fields does not", async () => {
    const own = await diff({
      "scenarios/movie-ticket.yaml": (d) => void (d.allOf[1].properties.cinemaId = { type: "string" }),
    });
    expect(own.changes[0]?.message).toBe("Request property `cinemaId` (merchantBizType MOVIE_TICKET): added");
    const shared = await diff({
      "schemas/base-order.yaml": (d) => void (d.properties.merchantAccountId.maxLength = 32),
    });
    expect(shared.changes[0]?.message).toBe("Request property `merchantAccountId`: maxLength decreased from 64 to 32");
    expect(shared.changes[0]?.pointer).toBe("/components/schemas/BaseOrder/properties/merchantAccountId/maxLength");
  });
});

describe("responses: widening breaks, narrowing is harmless", () => {
  test.each(RESPONSE)("%s", async (_, edits, id, level, operationId, bump) => {
    const result = await diff(edits);
    expect(kinds(result)).toEqual([[id, level, operationId]]);
    expect(result.bump).toBe(bump);
  });

  test("a property of the shared result object became optional: once per operation", async () => {
    const result = await diff({ "schemas/result.yaml": (d) => void (d.required = ["resultCode"]) });
    expect(kinds(result)).toEqual([
      ["response-property-became-optional", "breaking", ORDER],
      ["response-property-became-optional", "breaking", NOTIFY],
    ]);
    expect(result.changes[0]?.message).toBe(
      "Response property `result.resultStatus` (responses 200, default): became optional: callers that read it may find it missing",
    );
  });

  test("a new enum value: a warning", async () => {
    const result = await diff({ "schemas/result-status.yaml": (d) => void d.enum.push("P") });
    expect(kinds(result)).toEqual([
      ["response-property-enum-value-added", "warning", ORDER],
      ["response-property-enum-value-added", "warning", NOTIFY],
    ]);
    expect(result.bump).toBe("minor");
  });
});

describe("certainty: what the default client (not strict) refuses", () => {
  test("x-inferred removed from a rule: breaking, and the message says why", async () => {
    const result = await diff({
      "schemas/base-order.yaml": (d) => void delete d.properties.requestId.allOf[0]["x-inferred"],
    });
    expect(kinds(result)).toEqual([["request-constraint-inferred-removed", "breaking", ORDER]]);
    expect(result.changes[0]?.message).toMatch(/no longer x-inferred.*without strict: true now refuses/);
    expect(result.changes[0]?.pointer).toBe("/components/schemas/BaseOrder/properties/requestId/allOf/0/minLength");
    expect(result.bump).toBe("major");
  });

  test("x-inferred removed from a required member: breaking", async () => {
    const result = await diff({ "scenarios/pass-ticket.yaml": (d) => void delete d.allOf[2]["x-inferred"] });
    expect(kinds(result)).toEqual([["request-constraint-inferred-removed", "breaking", ORDER]]);
    expect(result.changes[0]?.message).toMatch(
      /^Request property `extInfo` \(merchantBizType PASS_TICKET\): became required for the default client/,
    );
  });

  test("x-inferred added to a rule: a warning (only strict clients still refuse)", async () => {
    const result = await diff({
      "scenarios/self-pick.yaml": (d) => void (d.allOf[1].properties.amount.allOf[1]["x-inferred"] = WHY),
    });
    expect(kinds(result)).toEqual([["request-constraint-inferred-added", "warning", ORDER]]);
    expect(result.changes[0]?.message).toMatch(/refused only with strict: true/);
  });

  test("a new rule marked x-inferred: a warning, refused only with strict: true", async () => {
    const result = await diff({
      "scenarios/movie-ticket.yaml": (d) =>
        void (own(d).properties.extInfo.allOf = [{ minProperties: 1, "x-inferred": WHY }]),
    });
    expect(kinds(result)).toEqual([["request-property-min-properties-set", "warning", ORDER]]);
    expect(result.changes[0]?.message).toMatch(/refused only with strict: true/);
    expect(result.bump).toBe("minor");
  });

  test("the same rule without x-inferred: breaking", async () => {
    const result = await diff({
      "scenarios/movie-ticket.yaml": (d) => void (own(d).properties.extInfo.minProperties = 1),
    });
    expect(kinds(result)).toEqual([["request-property-min-properties-set", "breaking", ORDER]]);
    expect(result.changes[0]?.message).not.toMatch(/strict/);
  });

  test("an x-inferred rule tightened: a warning", async () => {
    const result = await diff({
      "schemas/base-order.yaml": (d) => void (d.properties.orderCreateTime.allOf[0].minimum = 1),
    });
    expect(kinds(result)).toEqual([["request-property-min-increased", "warning", ORDER]]);
  });
});
