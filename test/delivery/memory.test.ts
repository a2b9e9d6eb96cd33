// The outbox on its embedded store, against the shared delivery contract, plus what only a store-based outbox has.
import { createOrderClient } from "alipayhk-order";
import { createMemoryStore, createOutbox, type MemoryStore, OutboxConfigError } from "alipayhk-outbox";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { describe, expect, it } from "vitest";
import { ALIPAY, CLIENT_ID, clientFor, MERCHANT } from "../conformance/fixtures.js";
import { coalescingCases, drainOutbox } from "./coalescing.js";
import { type DeliveryHarness, deliveryConformance, FAST, type HarnessSettings, movieOrder } from "./conformance.js";

// the shared fixture's client, on the base URL these tests have always used
const clientOf = (sandbox: Sandbox) => clientFor(sandbox, { baseUrl: "https://sandbox.invalid", fetch: sandbox.fetch });

async function memoryOutbox(settings: HarnessSettings & { coalesce?: boolean }) {
  const sandbox = await createSandbox({
    merchants: { [CLIENT_ID]: MERCHANT.spkiPem },
    alipayPrivateKey: ALIPAY.pkcs8Pem,
    seed: 7,
    faults: settings.faults,
  });
  const store = createMemoryStore();
  const outbox = createOutbox({ client: clientOf(sandbox), store, ...settings });
  return { sandbox, store, outbox };
}

deliveryConformance("memory store", async (settings): Promise<DeliveryHarness> => {
  const { sandbox, store, outbox } = await memoryOutbox(settings);
  return {
    sandbox,
    enqueue: (operationId, body) => outbox.enqueue(operationId, body),
    drain: async (timeoutMs) => void (await drainOutbox(outbox, { timeoutMs })),
    entry: (requestId) => outbox.get(requestId),
    deadLetters: () => outbox.deadLetters(),
    redrive: (requestId) => outbox.redrive([requestId]),
    count: async () => Object.values(await outbox.counts()).reduce((a, b) => a + b, 0),
    addDamaged: async () =>
      (store as MemoryStore).addRaw({
        operationId: "syncOrder",
        requestId: "damaged",
        body: "{not json",
        enqueuedAt: Date.now(),
      }),
    close: async () => store.close(),
  };
});

coalescingCases("memory store", async ({ coalesce }) => {
  const { sandbox, store, outbox } = await memoryOutbox({ ...FAST, coalesce });
  return { sandbox, outbox, close: () => store.close() };
});

describe("createOutbox", () => {
  it("refuses an operation the spec does not have, naming it", async () => {
    const { outbox } = await memoryOutbox({ windowMs: 1000, initialDelayMs: 10, maxDelayMs: 10 });
    await expect(outbox.enqueue("cancelOrder", movieOrder())).rejects.toThrow(OutboxConfigError);
    await expect(outbox.enqueue("cancelOrder", movieOrder())).rejects.toThrow(/cancelOrder/);
  });

  it("names a setting that is not a duration", async () => {
    const { store } = await memoryOutbox({ windowMs: 1000, initialDelayMs: 10, maxDelayMs: 10 });
    expect(() => createOutbox({ client: {}, store, windowMs: -1 })).toThrow(/windowMs/);
    expect(() => createOutbox({ client: {}, store: {} as MemoryStore })).toThrow(/store/);
    // a store without these capabilities (one written before them): coalescing is refused, purge says it cannot
    const { coalesces: _, purge: __, ...plain } = store;
    expect(() => createOutbox({ client: {}, store: plain, coalesce: true })).toThrow(/^coalesce: this store cannot/);
    await expect(createOutbox({ client: {}, store: plain }).purge()).rejects.toThrow(/^purge: this store cannot/);
    expect(() => createOutbox({ client: {}, store, coalesce: "yes" as unknown as boolean })).toThrow(/^coalesce: /);
  });

  it("purge goes by the store's clock: at the default age, settled 8 days ago goes, 6 days ago stays", async () => {
    const { sandbox } = await memoryOutbox(FAST);
    let clock = Date.now();
    const store = createMemoryStore({ now: () => clock });
    const outbox = createOutbox({ client: clientOf(sandbox), store });
    const { requestId: old } = await outbox.enqueue("syncOrder", movieOrder());
    await drainOutbox(outbox, { timeoutMs: 10_000 });
    clock += 2 * 86_400_000;
    const { requestId: recent } = await outbox.enqueue("syncOrder", movieOrder());
    await drainOutbox(outbox, { timeoutMs: 10_000 });
    clock += 6 * 86_400_000;
    expect(await outbox.purge()).toBe(1);
    expect(await outbox.get(old)).toBeUndefined();
    expect((await outbox.get(recent))?.state).toBe("delivered");
  });

  it("stores a copy: changing the caller's body after enqueue changes nothing sent", async () => {
    const { sandbox, outbox } = await memoryOutbox({ windowMs: 5000, initialDelayMs: 10, maxDelayMs: 10 });
    const order = movieOrder();
    await outbox.enqueue("syncOrder", order);
    order.orderStatus = "REFUNDED";
    await drainOutbox(outbox, { timeoutMs: 10_000 });
    expect(sandbox.orders[0]?.orderStatus).toBe("TICKETED");
  });

  it("abort() puts a call in flight back, and another worker delivers it with the same requestId", async () => {
    const { sandbox } = await memoryOutbox({ windowMs: 10_000, initialDelayMs: 10, maxDelayMs: 10 });
    const order = movieOrder();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const hanging = createOrderClient({
      clientId: CLIENT_ID,
      privateKey: MERCHANT.pkcs8Pem,
      alipayPublicKey: sandbox.alipayPublicKey,
      baseUrl: "https://sandbox.invalid",
      // the request reaches AlipayHK and is applied; the answer never comes back
      fetch: async (request) => (await sandbox.fetch(request), await held, new Response(null, { status: 599 })),
      retry: { maxAttempts: 1 },
    });
    const store = createMemoryStore();
    const first = createOutbox({ client: hanging, store, initialDelayMs: 10 });
    const { requestId } = await first.enqueue("syncOrder", order);
    const worker = first.work({ pollMs: 5 });
    while (sandbox.orders.length === 0) await new Promise((r) => setTimeout(r, 5));
    await worker.abort();
    release();
    expect(worker.settled.released).toBe(1);
    expect((await first.get(requestId))?.state).toBe("pending");
    const answering = createOrderClient({
      clientId: CLIENT_ID,
      privateKey: MERCHANT.pkcs8Pem,
      alipayPublicKey: sandbox.alipayPublicKey,
      baseUrl: "https://sandbox.invalid",
      fetch: sandbox.fetch,
    });
    const second = createOutbox({ client: answering, store });
    await drainOutbox(second, { timeoutMs: 10_000 });
    expect((await second.get(requestId))?.state).toBe("delivered");
    expect(sandbox.orders[0]?.history.map((u) => u.requestId)).toEqual([requestId]);
  });
});
