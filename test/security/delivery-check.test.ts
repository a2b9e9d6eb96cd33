// The delivery soak's checker (soak/delivery-check.mjs; `npm run soak -- --delivery postgres` runs the soak): it
// passes a run that kept every invariant, and fails each kind of violation, naming it.
import { describe, expect, it } from "vitest";
import { checkDelivery, type DeliveryEntry, type DeliveryUpdate } from "../../soak/delivery-check.mjs";

const T = 1_764_115_200_000;
const update = (merchantBizNo: string, n: number, status: string, refused = false): DeliveryUpdate => ({
  order: 0,
  n,
  merchantBizNo,
  status,
  orderModifyTime: T + 1_000 * (n + 1),
  refused,
  body: {},
  requestId: `${merchantBizNo}-${n}`,
});

/** A run that kept every invariant: A's two updates delivered (the newest is A's state), R's one refused, dead. */
function goodRun() {
  const updates = [update("A", 0, "TICKETED"), update("A", 1, "USED"), update("R", 0, "CANCELLED", true)];
  const entries = new Map<string, DeliveryEntry | undefined>([
    ["A-0", { requestId: "A-0", state: "delivered" }],
    ["A-1", { requestId: "A-1", state: "delivered" }],
    [
      "R-0",
      {
        requestId: "R-0",
        state: "dead",
        deadReason: "definite_failure",
        lastFailure: { resultCode: "ORDER_STATUS_INVALID", resultStatus: "F" },
      },
    ],
  ]);
  const events: Record<string, any>[] = [
    { type: "applied", requestId: "A-1", resultCode: "SUCCESS" },
    { type: "stale", requestId: "A-0", resultCode: "SUCCESS" },
    { type: "rejected", requestId: "R-0", resultCode: "ORDER_STATUS_INVALID" },
  ];
  const orders: Record<string, any>[] = [
    { merchantBizNo: "A", orderStatus: "USED", orderModifyTime: T + 2_000, history: [{ requestId: "A-1" }] },
  ];
  return { updates, entries, events, orders };
}

const failing = (result: ReturnType<typeof checkDelivery>) =>
  Object.entries(result)
    .filter(([, v]) => !v.ok)
    .map(([name, v]) => `${name}: ${v.examples[0]}`);

describe("delivery soak checker", () => {
  it("passes a run that kept every invariant, having checked each update", () => {
    const result = checkDelivery(goodRun());
    expect(failing(result)).toEqual([]);
    expect(result.everyUpdateSettled.checked).toBe(3);
    expect(result.finalStateIsNewestUpdate.checked).toBe(1); // R, refused, has no state to check
  });

  it("fails an update left pending, or delivered without a SUCCESS answer", () => {
    const run = goodRun();
    run.entries.set("A-0", { requestId: "A-0", state: "pending" });
    run.events.splice(0, 1, { type: "fault", requestId: "A-1", resultCode: "SUCCESS" }); // its answer never arrived
    const result = checkDelivery(run);
    expect(result.everyUpdateSettled.examples).toEqual([
      "A-0 ended pending",
      "A-1 is delivered, but the sandbox never answered it SUCCESS",
    ]);
    expect(failing(result)).toHaveLength(1);
  });

  it("fails a requestId applied twice, in the log or in an order's history", () => {
    const run = goodRun();
    run.events.push({ type: "applied", requestId: "A-1", resultCode: "SUCCESS" });
    expect(failing(checkDelivery(run))).toEqual(["noRequestIdAppliedTwice: A-1 (A #1) was applied 2 times"]);
    const history = goodRun();
    history.orders[0]!.history.push({ requestId: "A-1" });
    expect(failing(checkDelivery(history))).toEqual(["noRequestIdAppliedTwice: A-1 (A #1) was applied 2 times"]);
  });

  it("fails an order left at an older update; allows it only when the newest expired unknown", () => {
    const run = goodRun();
    run.orders[0] = {
      merchantBizNo: "A",
      orderStatus: "TICKETED",
      orderModifyTime: T + 1_000,
      history: [{ requestId: "A-0" }],
    };
    expect(failing(checkDelivery(run))).toEqual([
      `finalStateIsNewestUpdate: A: TICKETED at ${T + 1_000}, not its newest update USED at ${T + 2_000}`,
    ]);
    run.entries.set("A-1", {
      requestId: "A-1",
      state: "dead",
      deadReason: "window_expired",
      lastFailure: { code: "ERR_TIMEOUT" },
    });
    run.events.splice(0, 1);
    expect(failing(checkDelivery(run))).toEqual([]);
  });

  it("fails a dead letter that is neither a planned definite failure nor an expired window", () => {
    const unknown = goodRun();
    unknown.entries.set("R-0", {
      requestId: "R-0",
      state: "dead",
      deadReason: "definite_failure",
      lastFailure: { code: "ERR_UNKNOWN_RESULT", resultStatus: "U" },
    });
    expect(failing(checkDelivery(unknown))).toEqual([
      expect.stringMatching(
        /^deadLettersDefiniteOrExpired: R-0 \(R #0\) dead as definite_failure without a definite failure/,
      ),
    ]);

    const accepted = goodRun(); // AlipayHK accepts A's updates: one dead-lettered as refused is a wrong verdict
    accepted.entries.set("A-0", {
      requestId: "A-0",
      state: "dead",
      deadReason: "definite_failure",
      lastFailure: { resultCode: "PARAM_ILLEGAL", resultStatus: "F" },
    });
    expect(failing(checkDelivery(accepted))).toEqual([
      expect.stringMatching(/PARAM_ILLEGAL, for an update AlipayHK accepts/),
    ]);

    const delivered = goodRun(); // the refused update must not end delivered
    delivered.entries.set("R-0", { requestId: "R-0", state: "delivered" });
    expect(failing(checkDelivery(delivered))).toContain(
      "deadLettersDefiniteOrExpired: R-0, which AlipayHK refuses, ended delivered ",
    );
  });
});
