/**
 * The console's state under load: incremental (`?since=`), paged (cursors for cards and requests), and what
 * retention dropped.
 */
import { createSandbox, type RetentionOptions, type Sandbox } from "alipayhk-sandbox";
import { describe, expect, it } from "vitest";
import type { ConsoleState } from "../src/console/state.js";
import { BASE_URL, call, makeMerchant, makeOrder, nextUpdate, sendUpdates, signedRequest } from "./helpers.js";

const merchant = makeMerchant("2102000000000556");

const sandboxWith = (retention?: RetentionOptions) =>
  createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 6, ...(retention && { retention }) });
const send = (sandbox: Sandbox, order: Record<string, unknown>) =>
  call(sandbox, signedRequest({ body: JSON.stringify(order), merchant }), merchant.clientId);
const updates = (sandbox: Sandbox, count: number, merchantBizNo: string) =>
  sendUpdates(sandbox, merchant, count, merchantBizNo);
const state = async (sandbox: Sandbox, query = "") => {
  const response = await sandbox.fetch(new Request(`${BASE_URL}/console/state${query}`));
  expect(response.status).toBe(200);
  return (await response.json()) as ConsoleState;
};
const titles = (s: ConsoleState) => s.merchants.flatMap((m) => m.cards.map((c) => c.title));

describe("what retention dropped, on the console", () => {
  it("says what was dropped, and each card keeps its newest updates and counts the others", async () => {
    const sandbox = await sandboxWith({ events: 5, historyPerOrder: 3, answers: 4 });
    const sent = await updates(sandbox, 8, "kept-1");
    const { retention, merchants } = await state(sandbox);
    expect(retention).toEqual({
      limits: { events: 5, historyPerOrder: 3, answers: 4 },
      dropped: { events: 3, history: 5, answers: 4 },
    });
    const [card] = merchants[0]!.cards;
    expect(card!.timeline.map((t) => t.requestId)).toEqual(sent.slice(5).map((o) => o.requestId));
    expect(card!.earlier).toBe(5);
  });

  it("drops a card known only from refused requests with its last event, and keeps an order's card", async () => {
    const sandbox = await sandboxWith({ events: 2 });
    await updates(sandbox, 1, "order-1");
    const { orderCreateTime, ...refused } = makeOrder("PASS_TICKET", "TICKETED", { merchantBizNo: "refused-1" });
    expect((await send(sandbox, refused)).result.resultCode).toBe("PARAM_ILLEGAL");
    expect(titles(await state(sandbox))).toEqual(["order-1", "refused-1"]);
    await updates(sandbox, 2, "order-2");
    expect(titles(await state(sandbox))).toEqual(["order-1", "order-2"]);
    expect(sandbox.stats.dropped.events).toBe(2);
  });
});

describe("the console's incremental and paged state", () => {
  it("pages the cards and the requests with cursors", async () => {
    const sandbox = await sandboxWith();
    for (const name of ["page-a", "page-b", "page-c"]) await updates(sandbox, 1, name);
    const first = await state(sandbox, "?cards=2&requests=2");
    expect(first).toMatchObject({ full: true, cardCount: 3, requestTotal: 3, olderRequests: 1 });
    expect(titles(first)).toEqual(["page-a", "page-b"]);
    expect(first.requests.map((r) => r.seq)).toEqual([3, 2]);
    const next = await state(
      sandbox,
      `?cards=2&requests=2&cardsAfter=${first.nextCards}&requestsBefore=${first.nextRequests}`,
    );
    expect(titles(next)).toEqual(["page-c"]);
    expect(next.nextCards).toBeUndefined();
    expect(next.requests.map((r) => r.seq)).toEqual([1]);
    expect(next).toMatchObject({ olderRequests: 0 });
    expect(next.nextRequests).toBeUndefined();
  });

  it("answers ?since=<seq> with only the cards and requests that changed after it", async () => {
    const sandbox = await sandboxWith();
    const [a] = await updates(sandbox, 1, "since-a");
    await updates(sandbox, 1, "since-b");
    const before = await state(sandbox);
    const since = `?since=${before.seq}&epoch=${before.epoch}`;

    const quiet = await state(sandbox, since);
    expect(quiet).toMatchObject({
      full: false,
      seq: before.seq,
      requests: [],
      merchants: [],
      olderRequests: 0,
      cardCount: 2,
    });

    await send(sandbox, nextUpdate(a!, "USED"));
    await updates(sandbox, 1, "since-c");
    const changes = await state(sandbox, since);
    expect(changes.full).toBe(false);
    expect(titles(changes)).toEqual(["since-a", "since-c"]);
    expect(changes.merchants[0]!.cards[0]!.status).toBe("USED");
    expect(changes.requests.map((r) => r.seq)).toEqual([before.seq + 2, before.seq + 1]);
    expect(changes.seq).toBe(before.seq + 2);

    // only the cards the page shows (up to cardsUpTo), and a page of requests, newest first
    const shown = await state(sandbox, `${since}&cardsUpTo=${before.merchants[0]!.cards[0]!.id}&requests=1`);
    expect(titles(shown)).toEqual(["since-a"]);
    expect(shown.requests.map((r) => r.seq)).toEqual([before.seq + 2]);
    expect(shown.olderRequests).toBe(1);
  });

  it("answers in full when the changes cannot be told: another epoch (a reset), or events dropped since", async () => {
    const sandbox = await sandboxWith({ events: 3 });
    await updates(sandbox, 1, "full-a");
    const before = await state(sandbox);
    await updates(sandbox, 4, "full-b"); // the log keeps seqs 3 to 5: seq 2, the first after `since`, is gone
    expect(await state(sandbox, `?since=${before.seq}&epoch=${before.epoch}`)).toMatchObject({ full: true });
    sandbox.reset();
    await updates(sandbox, 2, "full-c");
    const after = await state(sandbox, `?since=1&epoch=${before.epoch}`);
    expect(after.full).toBe(true);
    expect(after.epoch).not.toBe(before.epoch);
    expect(titles(after)).toEqual(["full-c"]);
  });

  it("refuses a bad query, naming the parameter", async () => {
    const sandbox = await sandboxWith();
    for (const [query, name] of [
      ["?since=-1", "since"],
      ["?cards=0", "cards"],
      ["?requests=5000", "requests"],
      ["?cardsAfter=x", "cardsAfter"],
      ["?requestsBefore=1.5", "requestsBefore"],
    ]) {
      const response = await sandbox.fetch(new Request(`${BASE_URL}/console/state${query}`));
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(new RegExp(`^${name} must be an integer`));
    }
  });
});
