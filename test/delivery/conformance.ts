/**
 * The delivery contract, one suite for every adapter (the memory and PostgreSQL stores, Cloudflare Queues, Deno KV
 * queues). Each adapter's test gives a harness: its own enqueue and delivery, driven from here, delivering to a real
 * sandbox in this process (directly, or served on 127.0.0.1). What a case checks is read from the sandbox: which
 * requestIds it applied, and how often.
 */
import type { FaultOptions, Sandbox } from "alipayhk-sandbox";
import { EXAMPLES, OPERATIONS } from "alipayhk-spec";
import { entryOf } from "alipayhk-spec/internal";
import { describe, expect, it } from "vitest";

/** A call's state as the adapter reports it. */
export interface HarnessEntry {
  state: "pending" | "in_flight" | "delivered" | "dead" | "superseded";
  deadReason?: string | undefined;
  lastFailure?: { code: string; resultCode?: string | undefined } | undefined;
}

export interface DeliveryHarness {
  /** The sandbox the adapter's client sends to. */
  readonly sandbox: Sandbox;
  /** Enqueues through the adapter; rejects with the adapter's own error (its `code` and message). */
  enqueue(operationId: string, body: object): Promise<{ requestId: string }>;
  /** Delivers until nothing is pending or in flight; rejects past `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  entry(requestId: string): Promise<HarnessEntry | undefined>;
  deadLetters(): Promise<{ requestId: string; deadReason?: string | undefined }[]>;
  redrive(requestId: string): Promise<number>;
  /** Calls stored, in any state. */
  count(): Promise<number>;
  /** Stores a call that cannot be read back (its body is not JSON), around the adapter's checks. */
  addDamaged(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Settings every harness applies, so that the cases run in seconds: the adapter's client makes one HTTP attempt per
 * delivery attempt (the adapter's retries are what is tested), delivery retries start at `initialDelayMs`.
 */
export interface HarnessSettings {
  windowMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Faults the harness's sandbox injects at random (seeded); none unless a case asks. */
  faults?: FaultOptions;
}

/** The soak's mix of faults, at a rate a small run still meets each of: outages, dropped connections, 5xx, U results. */
export const SOAK_FAULTS: FaultOptions = {
  unknownException: 0.08,
  http500: 0.04,
  http502: 0.04,
  http503: 0.04,
  http429: 0.03,
  drop: 0.08,
  truncate: 0.02,
  forgeSignature: 0.02,
};
export const FAST: HarnessSettings = { windowMs: 20_000, initialDelayMs: 50, maxDelayMs: 400 };

/**
 * A body of the notification operation (its MOVIE_TICKET_DEFAULT example, without its requestId), or undefined once
 * a spec change removed the operation: the cases written for it are then not registered.
 */
export function notificationBody(merchantBizNo: string): Record<string, unknown> | undefined {
  if (!entryOf(OPERATIONS, "syncPerformanceNotification")) return undefined;
  const examples = entryOf<readonly { variant: string; body: object }[]>(EXAMPLES, "syncPerformanceNotification");
  const example = examples?.find((e) => e.variant === "MOVIE_TICKET_DEFAULT")?.body;
  if (!example) throw new Error("the spec has no MOVIE_TICKET_DEFAULT example of syncPerformanceNotification");
  const { requestId: _, ...body } = { ...example, merchantBizNo } as Record<string, unknown>;
  return body;
}

let sequence = 0;
/** A new order of the MOVIE_TICKET scenario; `at` is its orderModifyTime. */
export function movieOrder(
  merchantBizNo = `OB-${Date.now()}-${++sequence}`,
  orderStatus = "TICKETED",
  at = Date.now(),
) {
  return {
    merchantBizType: "MOVIE_TICKET",
    merchantBizNo,
    orderStatus,
    userId: "2160120000000001",
    orderCreateTime: 1_767_225_600_000,
    orderModifyTime: at,
    extInfo: {},
  };
}

/** How often the sandbox applied each requestId to `merchantBizNo`'s order. */
function appliedCounts(sandbox: Sandbox, merchantBizNo: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const order of sandbox.orders.filter((o) => o.merchantBizNo === merchantBizNo)) {
    for (const update of order.history) counts.set(update.requestId, (counts.get(update.requestId) ?? 0) + 1);
  }
  return counts;
}

/** Registers the suite; `open` makes a fresh harness (its own store and sandbox) for each case. */
export function deliveryConformance(
  name: string,
  open: (settings: HarnessSettings) => Promise<DeliveryHarness>,
  { timeoutMs = 30_000 } = {},
) {
  describe(`delivery contract: ${name}`, () => {
    const withHarness =
      (settings: Partial<HarnessSettings>, body: (h: DeliveryHarness) => Promise<void>) => async () => {
        const harness = await open({ ...FAST, ...settings });
        try {
          await body(harness);
        } finally {
          await harness.close();
        }
      };
    const test = (
      title: string,
      body: (h: DeliveryHarness) => Promise<void>,
      settings: Partial<HarnessSettings> = {},
    ) => it(title, withHarness(settings, body), timeoutMs + 10_000);

    test("delivers a call once, with the requestId fixed at enqueue", async (h) => {
      const order = movieOrder();
      const { requestId } = await h.enqueue("syncOrder", order);
      expect(requestId).toMatch(/^[0-9a-f]{32}$/);
      await h.drain(timeoutMs);
      expect(await h.entry(requestId)).toMatchObject({ state: "delivered" });
      expect([...appliedCounts(h.sandbox, order.merchantBizNo)]).toEqual([[requestId, 1]]);
      expect(h.sandbox.order(h.sandbox.orders[0]!.clientId, order.merchantBizNo)?.orderStatus).toBe("TICKETED");
    });

    test("keeps a requestId the caller gave", async (h) => {
      const requestId = "0123456789abcdef0123456789abcdef";
      expect(await h.enqueue("syncOrder", { ...movieOrder(), requestId })).toEqual({ requestId });
      await h.drain(timeoutMs);
      expect((await h.entry(requestId))?.state).toBe("delivered");
    });

    test("refuses an invalid body at enqueue, naming the field, and stores nothing", async (h) => {
      const before = await h.count();
      const { orderStatus: _, ...noStatus } = movieOrder();
      const refused = await h.enqueue("syncOrder", noStatus).then(
        () => undefined,
        (error: unknown) => error as { code?: string; message?: string },
      );
      expect(refused?.code).toBe("ERR_VALIDATION");
      expect(refused?.message).toContain("orderStatus");
      expect(await h.count()).toBe(before);
      expect(h.sandbox.stats.requests).toBe(0);
    });

    test("retries an unknown outcome with the same requestId until it is delivered, applied once", async (h) => {
      const order = movieOrder();
      // processed and then hidden: AlipayHK applied it, the worker cannot know; then answers lost or refused
      h.sandbox.faultNext("unknownException", { processed: true });
      h.sandbox.faultNext("drop", { processed: true });
      h.sandbox.faultNext("http503", { processed: false });
      const { requestId } = await h.enqueue("syncOrder", order);
      await h.drain(timeoutMs);
      expect((await h.entry(requestId))?.state).toBe("delivered");
      expect([...appliedCounts(h.sandbox, order.merchantBizNo)]).toEqual([[requestId, 1]]);
      const sent = h.sandbox.events.filter((e) => e.merchantBizNo === order.merchantBizNo);
      expect(sent.length).toBeGreaterThanOrEqual(4);
      expect(new Set(sent.map((e) => e.requestId))).toEqual(new Set([requestId]));
    });

    test("dead-letters a definite failure with AlipayHK's result, without retrying it", async (h) => {
      // both userId and openId: a rule of this SDK's reading, so the client sends it and the (strict) sandbox refuses it
      const order = { ...movieOrder(), openId: "open-1" };
      const { requestId } = await h.enqueue("syncOrder", order);
      await h.drain(timeoutMs);
      const entry = await h.entry(requestId);
      expect(entry).toMatchObject({
        state: "dead",
        deadReason: "definite_failure",
        lastFailure: { resultCode: "PARAM_ILLEGAL" },
      });
      expect(h.sandbox.events.filter((e) => e.requestId === requestId)).toHaveLength(1);
      expect((await h.deadLetters()).map((d) => d.requestId)).toEqual([requestId]);
    });

    test(
      "dead-letters an outcome still unknown when the window ends, and re-drives it with its requestId",
      async (h) => {
        const order = movieOrder();
        for (let i = 0; i < 200; i++) h.sandbox.faultNext("http503", { processed: false });
        const { requestId } = await h.enqueue("syncOrder", order);
        await h.drain(timeoutMs);
        expect(await h.entry(requestId)).toMatchObject({
          state: "dead",
          deadReason: "window_expired",
          lastFailure: { code: "ERR_HTTP" },
        });
        expect(appliedCounts(h.sandbox, order.merchantBizNo).size).toBe(0);
        h.sandbox.reset(); // AlipayHK is back, after one more failure: the re-driven call has a window of its own
        h.sandbox.faultNext("http503", { processed: false });
        expect(await h.redrive(requestId)).toBe(1);
        await h.drain(timeoutMs);
        expect((await h.entry(requestId))?.state).toBe("delivered");
        expect([...appliedCounts(h.sandbox, order.merchantBizNo)]).toEqual([[requestId, 1]]);
      },
      { windowMs: 1_500 },
    );

    test("dead-letters a call that cannot be read, and goes on delivering the others", async (h) => {
      await h.addDamaged();
      const order = movieOrder();
      const { requestId } = await h.enqueue("syncOrder", order);
      await h.drain(timeoutMs);
      expect((await h.entry(requestId))?.state).toBe("delivered");
      const dead = await h.deadLetters();
      expect(dead).toHaveLength(1);
      expect(dead[0]?.deadReason).toBe("unreadable");
    });

    test("an outage: updates enqueued while AlipayHK is down all arrive, each once, each order at its newest", async (h) => {
      for (let i = 0; i < 40; i++) h.sandbox.faultNext(i % 2 ? "drop" : "http502", { processed: false });
      const base = Date.now();
      const orders = [movieOrder(), movieOrder(), movieOrder()];
      const ids: string[] = [];
      for (const [i, order] of orders.entries()) {
        ids.push((await h.enqueue("syncOrder", { ...order, orderModifyTime: base + i })).requestId);
        ids.push(
          (await h.enqueue("syncOrder", { ...order, orderStatus: "USED", orderModifyTime: base + 1_000 + i }))
            .requestId,
        );
      }
      await h.drain(timeoutMs);
      for (const id of ids) expect((await h.entry(id))?.state).toBe("delivered");
      for (const order of orders) {
        const applied = appliedCounts(h.sandbox, order.merchantBizNo);
        expect([...applied.values()].every((n) => n === 1)).toBe(true);
        const final = h.sandbox.orders.find((o) => o.merchantBizNo === order.merchantBizNo);
        expect(final?.orderStatus).toBe("USED");
      }
    });

    test(
      "under random faults, 30 updates of 6 orders: each ends delivered (or dead with a reason), none applied twice, each order at its newest",
      async (h) => {
        const base = Date.now();
        const orders = Array.from({ length: 6 }, () => movieOrder());
        const sent: { requestId: string; merchantBizNo: string; at: number }[] = [];
        for (let step = 0; step < 5; step++) {
          for (const order of orders) {
            const at = base + step * 1_000;
            const update = { ...order, orderStatus: step === 4 ? "USED" : "TICKETED", orderModifyTime: at };
            sent.push({ ...(await h.enqueue("syncOrder", update)), merchantBizNo: order.merchantBizNo, at });
          }
        }
        await h.drain(timeoutMs);
        const faults = Object.values(h.sandbox.stats.faults).reduce((a, b) => a + (b ?? 0), 0);
        expect(faults).toBeGreaterThan(0); // the run did meet faults
        for (const { requestId } of sent) {
          const entry = await h.entry(requestId);
          expect(
            entry?.state === "delivered" ||
              (entry?.state === "dead" && ["definite_failure", "window_expired"].includes(entry.deadReason ?? "")),
          ).toBe(true);
          // delivered means AlipayHK processed it and answered SUCCESS at least once (a fault's lost answer is not one)
          const answered = h.sandbox.events.some(
            (e) => e.requestId === requestId && e.type !== "fault" && e.resultCode === "SUCCESS",
          );
          if (entry?.state === "delivered")
            expect(answered, `${requestId} is delivered without a SUCCESS answer`).toBe(true);
        }
        for (const order of orders) {
          const applied = appliedCounts(h.sandbox, order.merchantBizNo);
          expect([...applied.values()].every((n) => n === 1)).toBe(true);
          const delivered = [];
          for (const s of sent.filter((s) => s.merchantBizNo === order.merchantBizNo)) {
            if ((await h.entry(s.requestId))?.state === "delivered") delivered.push(s.at);
          }
          const final = h.sandbox.orders.find((o) => o.merchantBizNo === order.merchantBizNo);
          expect(final?.orderModifyTime).toBe(Math.max(...delivered));
        }
      },
      { faults: SOAK_FAULTS },
    );

    // written for syncPerformanceNotification: registered while the spec has it
    if (notificationBody("probe"))
      test("delivers the other operations of the spec too (a performance notification)", async (h) => {
        const body = notificationBody(`PN-${Date.now()}-${++sequence}`)!;
        const { requestId } = await h.enqueue("syncPerformanceNotification", body);
        await h.drain(timeoutMs);
        expect((await h.entry(requestId))?.state).toBe("delivered");
        const applied = h.sandbox.notifications
          .find((n) => n.merchantBizNo === body.merchantBizNo)
          ?.history.map((u) => u.requestId);
        expect(applied).toEqual([requestId]);
      });
  });
}
