/**
 * The demo's delivery part: order updates through alipayhk-outbox on its embedded store while AlipayHK is down, a worker
 * stopped in the middle of a call, and another worker finishing the job. The sandbox's histories then show no update
 * applied twice, and every order at its newest update.
 */
import { createOrderClient, type OrderClientOptions } from "alipayhk-order";
import { createMemoryStore, createOutbox } from "alipayhk-outbox";
import type { Sandbox } from "alipayhk-sandbox";

export interface DeliveryDemo {
  out(line: string): void;
  sandbox: Sandbox;
  clientOptions: OrderClientOptions;
  /** A new order's identity fields. */
  newOrder(name: string): { merchantBizNo: string; userId: string; orderCreateTime: number };
  /** The demo clock's next minute, for orderModifyTime. */
  nextMinute(): number;
}

const OUTAGE_MS = 3_000;

export async function deliveryThroughOutbox({ out, sandbox, clientOptions, newOrder, nextMinute }: DeliveryDemo) {
  out("durable delivery (alipayhk-outbox on its embedded store):");
  let down = true;
  let holdNext = false; // the first call after the outage reaches AlipayHK, but its answer is held back
  let reached!: () => void;
  const callReached = new Promise<void>((resolve) => (reached = resolve));
  const flaky = async (request: Request) => {
    if (down) throw new TypeError("connection refused (the demo's AlipayHK is down)");
    if (!holdNext) return fetch(request);
    holdNext = false;
    await fetch(request); // applied by AlipayHK...
    reached();
    return new Promise<Response>(() => {}); // ...and the answer never comes: only an abort ends this call
  };
  const store = createMemoryStore();
  const delivery = { store, initialDelayMs: 300, maxDelayMs: 1_000 };
  const first = createOutbox({
    ...delivery,
    client: createOrderClient({ ...clientOptions, fetch: flaky, retry: { maxAttempts: 1 } }),
  });

  const updates: { requestId: string; merchantBizNo: string }[] = [];
  for (const name of ["OUTBOX-1", "OUTBOX-2", "OUTBOX-3"]) {
    const order = { merchantBizType: "MOVIE_TICKET", ...newOrder(name), extInfo: {} };
    for (const orderStatus of ["TICKETED", "USED"]) {
      const { requestId } = await first.enqueue("syncOrder", { ...order, orderStatus, orderModifyTime: nextMinute() });
      updates.push({ requestId, merchantBizNo: order.merchantBizNo });
    }
  }
  out(
    `  AlipayHK is down for ${OUTAGE_MS / 1000} s; ${updates.length} updates of 3 orders enqueued meanwhile (each with its requestId)`,
  );
  const workerA = first.work({ concurrency: 1, pollMs: 50 });
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  const failed = (await first.counts()).pending;
  out(
    `  worker A kept trying with backoff: ${workerA.settled.retried} attempts failed, ${failed} updates still pending`,
  );
  holdNext = true;
  down = false;
  await callReached;
  await workerA.abort();
  out("  AlipayHK is back; worker A is stopped in the middle of a call (AlipayHK applied it, the answer never came)");

  const second = createOutbox({ ...delivery, client: createOrderClient(clientOptions) });
  const workerB = second.work({ concurrency: 4, pollMs: 20 });
  const deadline = Date.now() + 30_000;
  for (
    let counts = await second.counts();
    counts.pending + counts.inFlight > 0 && Date.now() < deadline;
    counts = await second.counts()
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await workerB.stop();
  const counts = await second.counts();
  // An update that arrives after a newer one of its order is answered but not applied (orderModifyTime orders them):
  // what must hold is that none is applied twice and that every order ends at its newest update.
  const applied = updates.map(
    ({ requestId, merchantBizNo }) =>
      sandbox.order(clientOptions.clientId, merchantBizNo)?.history.filter((u) => u.requestId === requestId).length ??
      0,
  );
  const newest = updates
    .filter((_, i) => i % 2 === 1)
    .every(
      ({ requestId, merchantBizNo }) =>
        sandbox.order(clientOptions.clientId, merchantBizNo)?.history.at(-1)?.requestId === requestId,
    );
  const once = applied.every((n) => n <= 1) && newest;
  out(
    `  worker B delivered ${workerB.settled.delivered} (the interrupted call re-sent with its requestId): ${counts.delivered} delivered, ${counts.dead} dead`,
  );
  out(
    once
      ? "  ✓ no update applied twice, and every order ended at its newest update (USED)"
      : `  ✗ applied ${applied.join(", ")} times; newest last: ${newest}`,
  );
  // delivery attempts: failed during the outage, interrupted, delivered
  const attempts =
    workerA.settled.retried +
    workerA.settled.released +
    workerA.settled.delivered +
    workerB.settled.retried +
    workerB.settled.delivered;
  return { delivered: counts.delivered, total: updates.length, attempts, once };
}
