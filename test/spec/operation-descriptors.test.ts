// generated/operations.ts (alipayhk-spec/operations): one descriptor per operation, named by its operationId, holding
// OPERATIONS' facts and only the schemas its request reaches; an operationId that cannot name a const fails generation.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { OPERATIONS, SCHEMAS, type OperationDescriptor, type SchemaTable } from "alipayhk-spec";
import { entryOf, KEYWORDS } from "alipayhk-spec/internal";
import * as descriptors from "alipayhk-spec/operations";
import { generate, specCopy } from "./spec-copy.js";

describe("operation descriptors", () => {
  test("one per operation: its OPERATIONS facts, a table of SCHEMAS' own entries, and the checks of SCHEMAS it needs", () => {
    const all = SCHEMAS as SchemaTable;
    expect(Object.keys(descriptors).sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const [operationId, op] of Object.entries(OPERATIONS)) {
      const { schemas, ...facts }: OperationDescriptor = entryOf<OperationDescriptor>(descriptors, operationId)!;
      expect(facts).toEqual({ operationId, ...op });
      expect(Object.keys(schemas)).toContain(op.schema);
      // the same objects as SCHEMAS holds, not copies
      for (const name of Object.keys(schemas)) expect(schemas[name]).toBe(all[name]);
      for (const [keyword, check] of Object.entries(schemas[KEYWORDS]!)) expect(check).toBe(all[KEYWORDS]![keyword]);
    }
  });

  test("each table holds only what its request reaches: order sync's no notification template, and the reverse", () => {
    const order = entryOf<OperationDescriptor>(descriptors, "syncOrder");
    const notification = entryOf<OperationDescriptor>(descriptors, "syncPerformanceNotification");
    if (!order || !notification) return; // the spec has dropped one of them
    expect(Object.keys(order.schemas)).not.toContain("PerformanceNotificationBase");
    expect(Object.keys(notification.schemas)).not.toContain("BaseOrder");
    expect(Object.keys(notification.schemas[KEYWORDS]!)).not.toContain("x-not-before");
  });

  const work = mkdtempSync(join(tmpdir(), "operation-names-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  test.each([
    ["sync-order", "is not a JavaScript identifier"],
    ["default", "is a reserved word"],
    ["createClient", "is a name alipayhk-order/operations exports already"],
  ])("operationId %s fails generation, naming it", { timeout: 30_000 }, (name, why) => {
    const dir = specCopy(join(work, name), { "paths/order-sync.yaml": (doc) => void (doc.post.operationId = name) });
    const result = generate(dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`operationId "${name}" ${why}`);
  });
});
