/**
 * What the sandbox keeps under load: the retention limits (the oldest dropped first, and counted), and idempotency
 * that holds after the log dropped a request's events, or the answer itself.
 */
import {
  createSandbox,
  DEFAULT_RETENTION,
  SandboxConfigError,
  type RetentionOptions,
  type Sandbox,
} from "alipayhk-sandbox";
import { describe, expect, it } from "vitest";
import { call, makeMerchant, makeOrder, newRequestId, nextUpdate, sendUpdates, signedRequest } from "./helpers.js";

const merchant = makeMerchant("2102000000000555");

const sandboxWith = (retention?: RetentionOptions) =>
  createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 5, ...(retention && { retention }) });
const send = (sandbox: Sandbox, order: Record<string, unknown>) =>
  call(sandbox, signedRequest({ body: JSON.stringify(order), merchant }), merchant.clientId);
const updates = (sandbox: Sandbox, count: number, merchantBizNo = "kept-1") =>
  sendUpdates(sandbox, merchant, count, merchantBizNo);

describe("retention", () => {
  it("keeps the newest events, history entries and answers, drops the oldest and counts them", async () => {
    const sandbox = await sandboxWith({ events: 5, historyPerOrder: 3, answers: 4 });
    const sent = await updates(sandbox, 8);
    expect(sandbox.events.map((e) => e.seq)).toEqual([4, 5, 6, 7, 8]);
    expect(sandbox.events.map((e) => e.requestId)).toEqual(sent.slice(3).map((o) => o.requestId));
    const order = sandbox.order(merchant.clientId, "kept-1")!;
    expect(order.history.map((h) => h.requestId)).toEqual(sent.slice(5).map((o) => o.requestId));
    expect(order.orderModifyTime).toBe(sent.at(-1)!.orderModifyTime);
    expect(sandbox.stats.dropped).toEqual({ events: 3, history: 5, answers: 4 });
    // what is kept reads as before: the status before each update, when it was applied (ISO-8601)
    expect(order.history[0]).toEqual({
      requestId: sent[5]!.requestId,
      from: "TICKETED",
      to: "TICKETED",
      orderModifyTime: sent[5]!.orderModifyTime,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
  });

  it("keeps the newest history entries of a performance notification too", async () => {
    const sandbox = await sandboxWith({ historyPerOrder: 2 });
    const notice = {
      requestId: newRequestId(),
      command: "SEND",
      productTemplateCode: "MOVIE_TICKET_DEFAULT",
      merchantBizNo: "notice-1",
      orderStatus: "AWAIT_SCREENING",
      bizDate: 1_767_000_000_000,
      userId: "2160120000000001",
      syncDataInfo: { languageBusinessInfo: { en_US: "{}" } },
    };
    const path = "/api/open/alipay/intl/promotion/order/contractCardSync";
    for (let i = 0; i < 4; i++) {
      const body =
        i === 0 ? notice : { ...notice, requestId: newRequestId(), command: "UPDATE", bizDate: notice.bizDate + i };
      const response = await sandbox.fetch(signedRequest({ body: JSON.stringify(body), merchant, path }));
      expect(await response.text()).toContain('"SUCCESS"');
    }
    expect(sandbox.notification(merchant.clientId, "notice-1")!.history.map((h) => h.bizDate)).toEqual([
      notice.bizDate + 2,
      notice.bizDate + 3,
    ]);
    expect(sandbox.stats.dropped.history).toBe(2);
  });

  it("keeps everything with Infinity, and has defaults that hold a soak's worth", async () => {
    const sandbox = await sandboxWith({ events: Infinity, historyPerOrder: Infinity, answers: Infinity });
    await updates(sandbox, 3);
    expect(sandbox.stats.dropped).toEqual({ events: 0, history: 0, answers: 0 });
    expect(DEFAULT_RETENTION.events).toBeGreaterThanOrEqual(20_000); // npm run soak records about 19,000 events
  });
});

describe("idempotency after retention dropped things", () => {
  it("still replays a retried requestId (not applied twice) once the log has dropped its events", async () => {
    const sandbox = await sandboxWith({ events: 2 });
    const first = makeOrder("PASS_TICKET", "TICKETED", { merchantBizNo: "retried-1" });
    const answer = await send(sandbox, first);
    await send(sandbox, nextUpdate(first, "USED"));
    await updates(sandbox, 3, "other-1"); // pushes the first request's events out of the log
    expect(sandbox.events.some((e) => e.requestId === first.requestId)).toBe(false);

    const retry = await send(sandbox, first);
    expect(retry).toEqual(answer); // the first answer (TICKETED), not the order's current status (USED)
    expect(sandbox.events.at(-1)).toMatchObject({ type: "replayed", requestId: first.requestId });
    expect(sandbox.order(merchant.clientId, "retried-1")!.history.map((h) => h.to)).toEqual(["TICKETED", "USED"]);
    // a different body under that requestId is still refused
    const reused = await send(sandbox, { ...first, orderModifyTime: (first.orderModifyTime as number) + 5 });
    expect(reused.result.resultCode).toBe("PARAM_ILLEGAL");
    expect(reused.result.resultMessage).toMatch(/reused with a different body/);
  });

  it("processes a retry whose answer was forgotten again without applying it twice: stale, as any old update", async () => {
    const sandbox = await sandboxWith({ answers: 2 });
    const sent = await updates(sandbox, 3, "forgotten-1");
    expect(sandbox.stats.dropped.answers).toBe(1);
    const retry = await send(sandbox, sent[0]!);
    expect(retry.result.resultCode).toBe("SUCCESS");
    expect(sandbox.events.at(-1)).toMatchObject({ type: "stale", requestId: sent[0]!.requestId });
    expect(sandbox.order(merchant.clientId, "forgotten-1")!.history).toHaveLength(3);
    // the two newest are still replayed
    await send(sandbox, sent[2]!);
    expect(sandbox.events.at(-1)).toMatchObject({ type: "replayed", requestId: sent[2]!.requestId });
  });
});

describe("the retention option", () => {
  it.each([
    [{ events: 0 }, "retention.events", /positive integer or Infinity \(got 0\)/],
    [{ historyPerOrder: 1.5 }, "retention.historyPerOrder", /got 1\.5/],
    [{ answers: "10" }, "retention.answers", /got "10"/],
    [{ events: -1 }, "retention.events", /got -1/],
    [{ events: NaN }, "retention.events", /got NaN/],
    [{ evnts: 10 }, "retention.evnts", /not a retention setting; they are events, historyPerOrder, answers/],
    [5, "retention", /must be an object/],
    [null, "retention", /must be an object/],
  ])("refuses %j with a SandboxConfigError naming %s", async (retention, option, message) => {
    const made = createSandbox({ retention: retention as never });
    await expect(made).rejects.toBeInstanceOf(SandboxConfigError);
    await expect(made).rejects.toMatchObject({ name: "SandboxConfigError", code: "ERR_SANDBOX_CONFIG", option });
    await expect(made).rejects.toThrow(message);
  });
});
