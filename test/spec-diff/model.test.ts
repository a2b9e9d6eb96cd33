// The project's own rules, one spec pair each: scenarios (variants, statuses, end statuses, transitions), operations
// and servers, and result codes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { diffSpecs, type Edits, kinds, own, repo, workspace } from "./helpers.js";

const space = workspace("model");
afterAll(space.remove);
const diff = space.diff;

const ORDER = "syncOrder";
const NOTIFY = "syncPerformanceNotification";
const NOTIFY_PATH = "/api/open/alipay/intl/promotion/order/contractCardSync";
const movie = (edit: (scenario: any, file: any) => void): Edits => ({
  "scenarios/movie-ticket.yaml": (d) => void edit(own(d), d),
});
const charging = (edit: (scenario: any, file: any) => void): Edits => ({
  "scenarios/charging-pile.yaml": (d) => void edit(own(d), d),
});

type Case = [title: string, edits: Edits, id: string, level: string, operationId: string | undefined, bump: string];

const SCENARIOS: Case[] = [
  [
    "a status removed",
    charging(
      (s) =>
        void ((s.properties.orderStatus.enum = s.properties.orderStatus.enum.filter((v: string) => v !== "FAULT")),
        delete s.properties.orderStatus["x-enum-descriptions"].FAULT),
    ),
    "scenario-status-removed",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "a status added (it reaches the response's orderStatus)",
    movie(
      (s) =>
        void (s.properties.orderStatus.enum.push("EXPIRED"),
        (s.properties.orderStatus["x-enum-descriptions"].EXPIRED = "Expired.")),
    ),
    "scenario-status-added",
    "warning",
    ORDER,
    "minor",
  ],
  [
    "an end status added",
    charging((_, f) => void f["x-end-statuses"].push("COMPLETED")),
    "scenario-end-status-added",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "an end status removed",
    movie((_, f) => void (f["x-end-statuses"] = ["USED"])),
    "scenario-end-status-removed",
    "info",
    ORDER,
    "minor",
  ],
  [
    "transitions became irreversible",
    charging((_, f) => void (f["x-transitions"].reversible = false)),
    "scenario-transitions-became-irreversible",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "transitions became reversible",
    movie((_, f) => void (f["x-transitions"].reversible = true)),
    "scenario-transitions-became-reversible",
    "info",
    ORDER,
    "minor",
  ],
  [
    "a new onlyFrom",
    movie((_, f) => void (f["x-transitions"].onlyFrom = { USED: ["TICKETED"] })),
    "scenario-transition-restricted",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "an onlyTo narrowed",
    {
      "scenarios/self-pick.yaml": (d) =>
        void (d["x-transitions"].onlyTo = { TO_PICK_UP: ["FINISHED"], ORDER_TAKEN: ["TO_PICK_UP"] }),
    },
    "scenario-transition-restricted",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "an onlyFrom widened",
    { "scenarios/line-up.yaml": (d) => void d["x-transitions"].onlyFrom.CANCELLED.push("NUMBER_ARRIVED") },
    "scenario-transition-relaxed",
    "info",
    ORDER,
    "minor",
  ],
  [
    "x-inferred removed from a transition rule",
    { "scenarios/line-up.yaml": (d) => void delete d["x-transitions"]["x-inferred"] },
    "scenario-rule-inferred-removed",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "the order of an irreversible scenario's statuses",
    movie((s) => void (s.properties.orderStatus.enum = ["TICKETED", "USED", "REFUNDED"])),
    "scenario-status-order-changed",
    "breaking",
    ORDER,
    "major",
  ],
];

const OPERATIONS: Case[] = [
  [
    "a path removed",
    { "openapi.yaml": (d) => void delete d.paths[NOTIFY_PATH] },
    "api-path-removed",
    "breaking",
    NOTIFY,
    "major",
  ],
  [
    "an operationId renamed (the client's method name)",
    { "paths/order-sync.yaml": (d) => void (d.post.operationId = "syncOrders") },
    "api-operation-id-changed",
    "breaking",
    "syncOrders",
    "major",
  ],
  [
    "a method changed",
    { "paths/order-sync.yaml": (d) => ({ put: d.post }) },
    "api-method-changed",
    "breaking",
    ORDER,
    "major",
  ],
  [
    "a server removed",
    { "openapi.yaml": (d) => void (d.servers = d.servers.filter((s: any) => s["x-environment"] !== "testing")) },
    "server-removed",
    "breaking",
    undefined,
    "major",
  ],
  [
    "an environment's URL changed",
    { "openapi.yaml": (d) => void (d.servers[0].url = "https://open-global.alipay.hk") },
    "server-url-changed",
    "breaking",
    undefined,
    "major",
  ],
  [
    "a server added",
    {
      "openapi.yaml": (d) => void d.servers.push({ url: "https://open-sandbox.alipay.hk", "x-environment": "sandbox" }),
    },
    "server-added",
    "info",
    undefined,
    "minor",
  ],
];

const setCode = (code: string, facts: object | undefined): Edits => ({
  "schemas/result-code.yaml": (d) => {
    if (facts) d.enum.includes(code) || d.enum.push(code), (d["x-result-codes"][code] = facts);
    else (d.enum = d.enum.filter((c: string) => c !== code)), delete d["x-result-codes"][code];
  },
});
const CODES: Case[] = [
  [
    "a result code added",
    setCode("ORDER_EXPIRED", { status: "F", retryable: false, source: "order-service" }),
    "result-code-added",
    "warning",
    undefined,
    "minor",
  ],
  [
    "a result code removed (its ERR_ code goes)",
    setCode("ORDER_NOT_FOUND", undefined),
    "result-code-removed",
    "breaking",
    undefined,
    "major",
  ],
  [
    "a code's retryability changed",
    setCode("PROCESS_FAIL", { status: "F", retryable: true, source: "gateway" }),
    "result-code-retryable-changed",
    "breaking",
    undefined,
    "major",
  ],
  [
    "a code's status changed",
    setCode("ORDER_NOT_FOUND", { status: "U", retryable: false, source: "performance-notification" }),
    "result-code-status-changed",
    "breaking",
    undefined,
    "major",
  ],
  [
    "a code's source changed",
    setCode("PROCESS_FAIL", { status: "F", retryable: false, source: "order-service" }),
    "result-code-source-changed",
    "info",
    undefined,
    "patch",
  ],
];

const expectOne = async (
  edits: Edits,
  [id, level, operationId, bump]: [string, string, string | undefined, string],
) => {
  const result = await diff(edits);
  expect(kinds(result)).toEqual([[id, level, operationId]]);
  expect(result.bump).toBe(bump);
  return result;
};

describe("scenarios: each discriminated variant's statuses and rules", () => {
  test.each(SCENARIOS)(
    "%s",
    async (_, edits, id, level, operationId, bump) => void (await expectOne(edits, [id, level, operationId, bump])),
  );

  test("a scenario removed: one change, not one per enum it is listed in", async () => {
    const result = await expectOne(
      {
        "openapi.yaml": (d) => {
          const request = d.components.schemas.OrderSyncRequest;
          request.oneOf = request.oneOf.filter((alt: any) => !alt.$ref.endsWith("/MovieTicketOrder"));
          delete request.discriminator.mapping.MOVIE_TICKET;
        },
        "schemas/base-order.yaml": (d) => {
          d.properties.merchantBizType.enum = d.properties.merchantBizType.enum.filter(
            (v: string) => v !== "MOVIE_TICKET",
          );
          delete d.properties.merchantBizType["x-enum-descriptions"].MOVIE_TICKET;
        },
      },
      ["scenario-removed", "breaking", ORDER, "major"],
    );
    expect(result.changes[0]?.pointer).toBe("/components/schemas/MovieTicketOrder");
  });

  test("a notification template added", async () => {
    const template = readFileSync(join(repo, "spec/templates/movie-ticket.yaml"), "utf8").replaceAll(
      "MOVIE_TICKET_DEFAULT",
      "BUS_TICKET_DEFAULT",
    );
    const result = await expectOne(
      {
        "templates/bus-ticket.yaml": () => template,
        "openapi.yaml": (d) => {
          const request = d.components.schemas.PerformanceNotificationRequest;
          request.oneOf.push({ $ref: "#/components/schemas/BusTicketNotification" });
          request.discriminator.mapping.BUS_TICKET_DEFAULT = "#/components/schemas/BusTicketNotification";
          d.components.schemas.BusTicketNotification = { $ref: "templates/bus-ticket.yaml" };
        },
        "schemas/performance-notification-base.yaml": (d) =>
          void d.properties.productTemplateCode.enum.push("BUS_TICKET_DEFAULT"),
      },
      ["scenario-added", "info", NOTIFY, "minor"],
    );
    expect(result.changes[0]?.message).toBe("productTemplateCode BUS_TICKET_DEFAULT added");
  });

  test("a scenario left without an example body", async () => {
    const result = await diff(movie((_, f) => void delete f.examples));
    expect(kinds(result)).toEqual([
      ["documentation-changed", "info", ORDER],
      ["scenario-example-removed", "info", ORDER],
    ]);
    expect(result.bump).toBe("patch");
  });

  test("a reversible scenario's statuses reordered: no change", async () => {
    expect(await diff(charging((s) => void s.properties.orderStatus.enum.reverse()))).toEqual({
      bump: "none",
      changes: [],
    });
  });
});

describe("operations, servers and idempotency", () => {
  test.each(OPERATIONS)(
    "%s",
    async (_, edits, id, level, operationId, bump) => void (await expectOne(edits, [id, level, operationId, bump])),
  );

  test("an operation added", async () => {
    const copy = readFileSync(join(repo, "spec/paths/performance-notification.yaml"), "utf8").replace(
      "operationId: syncPerformanceNotification",
      "operationId: syncPerformanceNotificationV2",
    );
    await expectOne(
      {
        "paths/notification-v2.yaml": () => copy,
        "openapi.yaml": (d) => void (d.paths[`${NOTIFY_PATH}V2`] = { $ref: "paths/notification-v2.yaml" }),
      },
      ["api-path-added", "info", "syncPerformanceNotificationV2", "minor"],
    );
  });

  // both sides declare a key first, whatever the working tree's spec does
  const withKey = (key: string | undefined): Edits => ({
    "paths/order-sync.yaml": (d) =>
      void (key === undefined ? delete d.post["x-idempotency-key"] : (d.post["x-idempotency-key"] = key)),
  });
  test.each([
    ["removed", undefined, "idempotency-key-removed", "breaking", "major"],
    ["renamed", "merchantBizNo", "idempotency-key-changed", "breaking", "major"],
  ])("an idempotency key %s", async (_, key, id, level, bump) => {
    const result = await diffSpecs(space.copy(withKey("requestId")), space.copy(withKey(key)));
    expect(kinds(result)).toEqual([[id, level, ORDER]]);
    expect(result.bump).toBe(bump);
  });
});

describe("result codes: reached from the responses, or anywhere while no response refers to them", () => {
  test.each(CODES)(
    "%s",
    async (_, edits, id, level, operationId, bump) => void (await expectOne(edits, [id, level, operationId, bump])),
  );

  // the two ways result.yaml may write resultCode: a plain string, or anyOf the codes and a string
  const plain: Edits = {
    "schemas/result.yaml": (d) =>
      void ((d.properties.resultCode = { type: "string", description: "A code." }), undefined),
  };
  const linked: Edits = {
    "schemas/result.yaml": (d) =>
      void (d.properties.resultCode = {
        description: "A code.",
        anyOf: [{ $ref: "result-code.yaml" }, { type: "string" }],
      }),
  };
  test.each([
    ["not referred to", plain],
    ["referred to", linked],
  ])("a code added while %s", async (_, layout) => {
    const added = setCode("ORDER_EXPIRED", { status: "F", retryable: false, source: "order-service" })[
      "schemas/result-code.yaml"
    ]!;
    const result = await diffSpecs(space.copy(layout), space.copy({ ...layout, "schemas/result-code.yaml": added }));
    expect(kinds(result)).toEqual([["result-code-added", "warning", undefined]]);
    expect(result.changes[0]?.pointer).toBe("/components/schemas/ResultCode/x-result-codes/ORDER_EXPIRED");
  });

  test("resultCode linked to the codes, or not: the same strings, so no change", async () => {
    expect(await diffSpecs(space.copy(plain), space.copy(linked))).toEqual({ bump: "none", changes: [] });
  });
});
