/**
 * Coalescing and purging, for the stores that have them (memory, PostgreSQL): one set of cases, each store's test
 * gives an outbox on a fresh store and a real sandbox. What was sent is read from the sandbox's events.
 */
import type { Outbox, OutboxWorker } from "alipayhk-outbox";
import type { Sandbox } from "alipayhk-sandbox";
import { EXAMPLES } from "alipayhk-spec";
import { describe, expect, it } from "vitest";
import { movieOrder, notificationBody } from "./conformance.js";

type AnyOutbox = Outbox<any>;

export interface CoalescingHarness {
  readonly sandbox: Sandbox;
  readonly outbox: AnyOutbox;
  close(): Promise<void>;
}

/** Opens an outbox on a fresh store (with the conformance suite's FAST delivery settings), `coalesce` as given. */
export type OpenCoalescing = (options: { coalesce?: boolean }) => Promise<CoalescingHarness>;

/** Runs one worker until nothing is pending or in flight; its tally. */
export async function drainOutbox(outbox: AnyOutbox, { concurrency = 4, timeoutMs = 20_000 } = {}) {
  const worker: OutboxWorker = outbox.work({ concurrency, pollMs: 10 });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const counts = await outbox.counts();
      if (counts.pending + counts.inFlight === 0) return worker.settled;
      if (Date.now() > deadline) throw new Error(`not drained in ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await worker.stop();
  }
}

/** The requestIds the sandbox received for `merchantBizNo` (each request once, whatever it did). */
const received = (sandbox: Sandbox, merchantBizNo: string) =>
  new Set(sandbox.events.filter((e) => e.merchantBizNo === merchantBizNo && e.requestId).map((e) => e.requestId));

export function coalescingCases(name: string, open: OpenCoalescing) {
  describe(`coalescing and purge: ${name}`, () => {
    const test = (title: string, options: { coalesce?: boolean }, body: (h: CoalescingHarness) => Promise<void>) =>
      it(title, async () => {
        const harness = await open(options);
        try {
          await body(harness);
        } finally {
          await harness.close();
        }
      }, 40_000);

    /** Three updates of one order: two TICKETED (the second a data change), then USED. */
    const threeUpdates = async (outbox: AnyOutbox, order = movieOrder()) => {
      const at = order.orderModifyTime;
      const ids: string[] = [];
      for (const [i, orderStatus] of ["TICKETED", "TICKETED", "USED"].entries()) {
        ids.push((await outbox.enqueue("syncOrder", { ...order, orderStatus, orderModifyTime: at + i })).requestId);
      }
      return { order, ids };
    };

    test("off by default: every update is sent, and the order ends at its newest", {}, async ({ sandbox, outbox }) => {
      const { order, ids } = await threeUpdates(outbox);
      const settled = await drainOutbox(outbox);
      expect(settled).toMatchObject({ delivered: 3, superseded: 0 });
      for (const id of ids) expect((await outbox.get(id))?.state).toBe("delivered");
      expect(received(sandbox, order.merchantBizNo)).toEqual(new Set(ids));
      expect(sandbox.orders.find((o) => o.merchantBizNo === order.merchantBizNo)?.orderStatus).toBe("USED");
      expect(await outbox.counts()).toMatchObject({ delivered: 3, superseded: 0 });
    });

    test("on: of 3 pending updates of an order only the newest is sent; other orders are not affected", {
      coalesce: true,
    }, async ({ sandbox, outbox }) => {
      const { order, ids } = await threeUpdates(outbox);
      const [older, old, newest] = ids as [string, string, string];
      const other = movieOrder();
      const { requestId: otherId } = await outbox.enqueue("syncOrder", other);
      // the same merchantBizNo for another merchant account (an ISV's): another order
      const isv = { ...order, merchantAccountId: "2188120000000042", orderModifyTime: order.orderModifyTime - 1 };
      const { requestId: isvId } = await outbox.enqueue("syncOrder", isv);
      const settled = await drainOutbox(outbox);

      expect(settled).toMatchObject({ delivered: 3, superseded: 2, dead: 0 });
      expect(received(sandbox, order.merchantBizNo)).toEqual(new Set([newest, isvId]));
      expect(received(sandbox, other.merchantBizNo)).toEqual(new Set([otherId]));
      for (const id of [older, old]) {
        expect(await outbox.get(id)).toMatchObject({ state: "superseded", supersededBy: newest, attempts: 0 });
      }
      for (const id of [newest, otherId, isvId]) expect((await outbox.get(id))?.state).toBe("delivered");
      expect(await outbox.counts()).toEqual({ pending: 0, inFlight: 0, delivered: 3, dead: 0, superseded: 2 });
      const clientId = sandbox.orders[0]!.clientId;
      expect(sandbox.order(clientId, order.merchantBizNo)).toMatchObject({ orderStatus: "USED" });
      expect(sandbox.order(clientId, order.merchantBizNo)?.history.map((u) => u.requestId)).toEqual([newest]);
      expect(
        sandbox.order(clientId, order.merchantBizNo, isv.merchantAccountId)?.history.map((u) => u.requestId),
      ).toEqual([isvId]);
    });

    test("on: the same update enqueued twice (two requestIds) is sent twice, neither superseded", {
      coalesce: true,
    }, async ({ sandbox, outbox }) => {
      const order = movieOrder();
      const { requestId: first } = await outbox.enqueue("syncOrder", order);
      const { requestId: second } = await outbox.enqueue("syncOrder", order);
      await drainOutbox(outbox);
      expect(first).not.toBe(second);
      for (const id of [first, second]) expect((await outbox.get(id))?.state).toBe("delivered");
      expect(received(sandbox, order.merchantBizNo)).toEqual(new Set([first, second]));
    });

    test("on: when the newer update is dead-lettered, the older one is sent after all", {
      coalesce: true,
    }, async ({ sandbox, outbox }) => {
      const order = movieOrder();
      const { requestId: older } = await outbox.enqueue("syncOrder", order);
      // both userId and openId: the (strict) sandbox refuses it, a definite failure
      const refused = { ...order, openId: "open-1", orderModifyTime: order.orderModifyTime + 1 };
      const { requestId: newer } = await outbox.enqueue("syncOrder", refused);
      await drainOutbox(outbox);
      expect(await outbox.get(newer)).toMatchObject({ state: "dead", deadReason: "definite_failure" });
      expect((await outbox.get(older))?.state).toBe("delivered");
      const final = sandbox.orders.find((o) => o.merchantBizNo === order.merchantBizNo);
      expect(final?.history.map((u) => u.requestId)).toEqual([older]);
    });

    test("on: an update the scenario's rules need is sent (LINE_UP's CANCELLED only after CALL_NUM)", {
      coalesce: true,
    }, async ({ sandbox, outbox }) => {
      const example = EXAMPLES.syncOrder.find((e) => e.variant === "LINE_UP")!.body;
      const { requestId: _, ...order } = { ...example, merchantBizNo: `LU-${Date.now()}` } as Record<string, unknown>;
      const at = Date.now();
      const { requestId: called } = await outbox.enqueue("syncOrder", { ...order, orderModifyTime: at });
      const { requestId: cancelled } = await outbox.enqueue("syncOrder", {
        ...order,
        orderStatus: "CANCELLED",
        orderModifyTime: at + 1,
      });
      await drainOutbox(outbox, { concurrency: 1 }); // one at a time, oldest first: CALL_NUM reaches AlipayHK first
      for (const id of [called, cancelled]) expect((await outbox.get(id))?.state).toBe("delivered");
      const final = sandbox.orders.find((o) => o.merchantBizNo === order.merchantBizNo);
      expect(final?.orderStatus).toBe("CANCELLED");
      expect(final?.history.map((u) => u.requestId)).toEqual([called, cancelled]);
    });

    // written for syncPerformanceNotification: registered while the spec has it
    if (notificationBody("probe"))
      test("on: performance notifications are never coalesced (an UPDATE needs its SEND)", {
        coalesce: true,
      }, async ({ sandbox, outbox }) => {
        const send = notificationBody(`PN-${Date.now()}`)!;
        const update = { ...send, command: "UPDATE", bizDate: (send.bizDate as number) + 1 };
        const { requestId: sent } = await outbox.enqueue("syncPerformanceNotification", send);
        const { requestId: updated } = await outbox.enqueue("syncPerformanceNotification", update);
        await drainOutbox(outbox, { concurrency: 1 });
        for (const id of [sent, updated]) expect((await outbox.get(id))?.state).toBe("delivered");
        const applied = sandbox.notifications.find((n) => n.merchantBizNo === send.merchantBizNo);
        expect(applied?.history.map((u) => u.requestId)).toEqual([sent, updated]);
      });

    test("purge deletes delivered and superseded calls older than the age, never pending or dead ones", {
      coalesce: true,
    }, async ({ outbox }) => {
      const { ids } = await threeUpdates(outbox);
      const order = movieOrder();
      const { requestId: dead } = await outbox.enqueue("syncOrder", { ...order, openId: "open-1" });
      await drainOutbox(outbox);
      const { requestId: pending } = await outbox.enqueue("syncOrder", movieOrder()); // no worker runs any more
      expect(await outbox.purge()).toBe(0); // the default age, 7 days: all of them are newer
      await new Promise((resolve) => setTimeout(resolve, 20)); // so that every settled call is older than 0 ms
      expect(await outbox.purge({ olderThanMs: 0 })).toBe(3);
      for (const id of ids) expect(await outbox.get(id)).toBeUndefined();
      expect((await outbox.get(dead))?.state).toBe("dead");
      expect((await outbox.get(pending))?.state).toBe("pending");
      expect(await outbox.counts()).toEqual({ pending: 1, inFlight: 0, delivered: 0, dead: 1, superseded: 0 });
      await expect(outbox.purge({ olderThanMs: -1 })).rejects.toThrow(/^olderThanMs: /);
    });
  });
}
