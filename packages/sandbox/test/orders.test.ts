/**
 * The order service's rules: scenario lifecycles, status transitions, idempotency and ordering.
 */
import { type MerchantBizType, VARIANTS } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { beforeAll, describe, expect, it } from "vitest";
import { KEY, call, makeMerchant, makeOrder, nextUpdate, signedRequest, type Answer } from "./helpers.js";

const merchant = makeMerchant("2102000000000001");
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 7 });
});

const send = (order: Record<string, unknown>): Promise<Answer> =>
  call(sandbox, signedRequest({ body: JSON.stringify(order), merchant }), merchant.clientId);

const eventsFor = (requestId: unknown) => sandbox.events.filter((e) => e.requestId === requestId);

async function expectCode(order: Record<string, unknown>, code: string, message?: RegExp): Promise<Answer> {
  const answer = await send(order);
  expect(answer.result.resultCode, answer.result.resultMessage).toBe(code);
  if (message) expect(answer.result.resultMessage).toMatch(message);
  return answer;
}

describe("scenario lifecycles", () => {
  // Each scenario's statuses in their listed order, skipping what its rules forbid after a given status.
  const lifecycle = (bizType: MerchantBizType): string[] => {
    const statuses: readonly string[] = VARIANTS.syncOrder.values[bizType].statuses;
    const { endStatuses, onlyFrom, onlyTo } = VARIANTS.syncOrder.values[bizType] as unknown as {
      endStatuses: string[];
      onlyFrom: Record<string, string[]>;
      onlyTo: Record<string, string[]>;
    };
    const path: string[] = [];
    for (const status of statuses) {
      const from = path.at(-1);
      if (from !== undefined && endStatuses.includes(from)) break;
      if (onlyFrom[status] && (from === undefined || !onlyFrom[status]!.includes(from))) continue;
      if (from !== undefined && onlyTo[from] && !onlyTo[from]!.includes(status)) continue;
      path.push(status);
    }
    return path;
  };

  for (const bizType of Object.keys(VARIANTS.syncOrder.values) as MerchantBizType[]) {
    it(`${bizType}: ${lifecycle(bizType).join(" → ")}`, async () => {
      const statuses = lifecycle(bizType);
      let order = makeOrder(bizType, statuses[0]!);
      let orderId: string | undefined;
      for (const [i, status] of statuses.entries()) {
        if (i > 0) order = nextUpdate(order, status);
        const answer = await expectCode(order, "SUCCESS");
        expect(answer.result.resultStatus).toBe("S");
        expect(answer.orderStatus).toBe(status);
        expect(answer.orderId).toMatch(/^[A-Za-z0-9]{16,28}$/);
        orderId ??= answer.orderId;
        expect(answer.orderId).toBe(orderId);
        expect(eventsFor(order[KEY]).map((e) => e.type)).toEqual(["applied"]);
      }
      const state = sandbox.order(merchant.clientId, order.merchantBizNo as string)!;
      expect(state).toMatchObject({
        orderId,
        orderStatus: statuses.at(-1),
        merchantBizType: bizType,
        orderModifyTime: order.orderModifyTime,
      });
      expect(state.history.map((h) => h.to)).toEqual(statuses);
      expect(state.body).toEqual(order);
    });
  }

  it("lists every order with its latest state", () => {
    expect(sandbox.orders.length).toBeGreaterThanOrEqual(Object.keys(VARIANTS.syncOrder.values).length);
    expect(new Set(sandbox.orders.map((o) => o.orderId)).size).toBe(sandbox.orders.length);
  });

  it("re-sending the current status with a newer orderModifyTime is applied (Queue Up re-sends CALL_NUM)", async () => {
    const first = makeOrder("LINE_UP", "CALL_NUM");
    await expectCode(first, "SUCCESS");
    const again = nextUpdate(first, "CALL_NUM", { extInfo: { tablesAhead: 2 } });
    await expectCode(again, "SUCCESS");
    expect(eventsFor(again[KEY]).map((e) => e.type)).toEqual(["applied"]);
    expect(sandbox.order(merchant.clientId, first.merchantBizNo as string)!.body.extInfo).toEqual({ tablesAhead: 2 });
  });

  it("snapshots cannot change the sandbox", async () => {
    const order = makeOrder("PASS_TICKET", "TICKETED");
    await expectCode(order, "SUCCESS");
    const snapshot = sandbox.order(merchant.clientId, order.merchantBizNo as string)!;
    (snapshot.history as unknown[]).length = 0;
    (snapshot.body as Record<string, unknown>).orderStatus = "USED";
    expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)!.history).toHaveLength(1);
    const before = sandbox.events.length;
    (sandbox.events as unknown[]).pop();
    expect(sandbox.events.length).toBe(before);
  });
});

describe("status rules → ORDER_STATUS_INVALID", () => {
  it("a reversal (SELF_PICK ORDER_TAKEN → PENDING)", async () => {
    const selfPick = makeOrder("SELF_PICK", "ORDER_TAKEN");
    const taken = await expectCode(selfPick, "SUCCESS");
    const back = await expectCode(
      nextUpdate(selfPick, "PENDING"),
      "ORDER_STATUS_INVALID",
      /cannot go back from ORDER_TAKEN to PENDING/,
    );
    expect(back.result.resultStatus).toBe("F");
    expect(back.orderId).toBe(taken.orderId);
    expect(back.orderStatus).toBe("ORDER_TAKEN");
    expect(sandbox.order(merchant.clientId, selfPick.merchantBizNo as string)!.orderStatus).toBe("ORDER_TAKEN");
  });

  it("a move out of an end status", async () => {
    const order = makeOrder("MOVIE_TICKET", "TICKETED");
    await expectCode(order, "SUCCESS");
    const used = nextUpdate(order, "USED");
    await expectCode(used, "SUCCESS");
    const refunded = nextUpdate(used, "REFUNDED");
    await expectCode(refunded, "ORDER_STATUS_INVALID", /USED is an end status/);
    const events = eventsFor(refunded[KEY]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "rejected",
      from: "USED",
      to: "REFUNDED",
      resultCode: "ORDER_STATUS_INVALID",
    });
  });

  it("Queue Up CANCELLED only from CALL_NUM", async () => {
    const order = makeOrder("LINE_UP", "CALL_NUM");
    await expectCode(order, "SUCCESS");
    const arrived = nextUpdate(order, "NUMBER_ARRIVED");
    await expectCode(arrived, "SUCCESS");
    await expectCode(
      nextUpdate(arrived, "CANCELLED"),
      "ORDER_STATUS_INVALID",
      /CANCELLED is only allowed after CALL_NUM/,
    );

    const other = makeOrder("LINE_UP", "CALL_NUM");
    await expectCode(other, "SUCCESS");
    await expectCode(nextUpdate(other, "CANCELLED"), "SUCCESS");
  });

  it("Queue Up cannot start as CANCELLED", async () => {
    const order = makeOrder("LINE_UP", "CANCELLED");
    const answer = await expectCode(order, "ORDER_STATUS_INVALID", /cannot start as CANCELLED/);
    expect(answer.orderId).toBeUndefined();
    expect(answer.orderStatus).toBeUndefined();
    expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)).toBeUndefined();
  });

  it("Self Pick TO_PICK_UP → CLOSED (only FINISHED may follow)", async () => {
    const order = makeOrder("SELF_PICK", "TO_PICK_UP");
    await expectCode(order, "SUCCESS");
    await expectCode(nextUpdate(order, "CLOSED"), "ORDER_STATUS_INVALID", /next SELF_PICK status must be FINISHED/);
    await expectCode(nextUpdate(order, "FINISHED"), "SUCCESS");
  });

  it("a status of another scenario is ORDER_STATUS_INVALID, not PARAM_ILLEGAL (new and existing orders)", async () => {
    await expectCode(
      makeOrder("PASS_TICKET", "CALL_NUM"),
      "ORDER_STATUS_INVALID",
      /CALL_NUM is not a PASS_TICKET status/,
    );
    const order = makeOrder("RIDE_HAILING", "PENDING");
    const first = await expectCode(order, "SUCCESS");
    const foreign = await expectCode(
      nextUpdate(order, "TICKETED"),
      "ORDER_STATUS_INVALID",
      /TICKETED is not a RIDE_HAILING status/,
    );
    expect(foreign.orderId).toBe(first.orderId);
    expect(foreign.orderStatus).toBe("PENDING");
  });

  it("an ill-formed status is PARAM_ILLEGAL naming orderStatus; an empty one is just not a status of the scenario", async () => {
    await expectCode(makeOrder("PASS_TICKET", "X".repeat(40)), "PARAM_ILLEGAL", /orderStatus must be/);
    await expectCode(makeOrder("PASS_TICKET", 3 as never), "PARAM_ILLEGAL", /orderStatus must be a string/);
    await expectCode(makeOrder("PASS_TICKET", ""), "ORDER_STATUS_INVALID", / is not a PASS_TICKET status/);
  });

  it("a foreign status with another field at fault is PARAM_ILLEGAL", async () => {
    const order = makeOrder("PASS_TICKET", "CALL_NUM");
    delete order.extInfo;
    await expectCode(order, "PARAM_ILLEGAL", /extInfo is required/);
  });

  it("reversible scenarios may go back (EV charging PAUSED → SERVING)", async () => {
    const order = makeOrder("CHARGING_PILE", "PAUSED");
    await expectCode(order, "SUCCESS");
    await expectCode(nextUpdate(order, "SERVING"), "SUCCESS");
  });
});

describe("validation → PARAM_ILLEGAL naming the fields", () => {
  it("missing and malformed fields", async () => {
    const order = makeOrder("SELF_PICK", "PENDING", { orderCreateTime: "yesterday" });
    delete order.itemOrderList;
    delete order.userId;
    const answer = await expectCode(order, "PARAM_ILLEGAL");
    expect(answer.result.resultStatus).toBe("F");
    for (const text of [
      "itemOrderList is required",
      "orderCreateTime must be a number",
      "userId or openId is required",
    ]) {
      expect(answer.result.resultMessage).toContain(text);
    }
  });

  it("an unknown merchantBizType", async () => {
    await expectCode(
      makeOrder("PASS_TICKET", "TICKETED", { merchantBizType: "PARKING" }),
      "PARAM_ILLEGAL",
      /merchantBizType must be one of/,
    );
  });

  it("a requestId longer than the spec allows", async () => {
    await expectCode(
      makeOrder("PASS_TICKET", "TICKETED", { [KEY]: "r".repeat(33) }),
      "PARAM_ILLEGAL",
      new RegExp(`${KEY} must be at most 32`),
    );
  });
});

describe("idempotency by (Client-Id, requestId)", () => {
  it("the same requestId and body replays the first answer, applying nothing twice", async () => {
    const order = makeOrder("TRAIN_TICKET", "TICKETED");
    const body = JSON.stringify(order);
    const first = await call(sandbox, signedRequest({ body, merchant }), merchant.clientId);
    // The order moves on in between: the replay still says what the first call said.
    await expectCode(nextUpdate(order, "USED"), "SUCCESS");
    const second = await call(
      sandbox,
      signedRequest({ body, merchant, time: new Date(Date.now() + 1000).toISOString() }),
      merchant.clientId,
    );
    expect(second).toEqual(first);
    expect(second.orderStatus).toBe("TICKETED");
    expect(eventsFor(order[KEY]).map((e) => e.type)).toEqual(["applied", "replayed"]);
    expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)!.history).toHaveLength(2);
  });

  it("failures are replayed too", async () => {
    const order = makeOrder("LINE_UP", "CANCELLED");
    const body = JSON.stringify(order);
    const first = await call(sandbox, signedRequest({ body, merchant }), merchant.clientId);
    const second = await call(sandbox, signedRequest({ body, merchant }), merchant.clientId);
    expect(first.result.resultCode).toBe("ORDER_STATUS_INVALID");
    expect(second).toEqual(first);
    expect(eventsFor(order[KEY]).map((e) => e.type)).toEqual(["rejected", "replayed"]);
  });

  it("the same requestId with a different body is PARAM_ILLEGAL and changes nothing", async () => {
    const order = makeOrder("GIFT_CARD_COUPON", "TICKETED");
    const first = await expectCode(order, "SUCCESS");
    const reuse = await expectCode(
      { ...order, orderStatus: "USED", orderModifyTime: (order.orderModifyTime as number) + 1 },
      "PARAM_ILLEGAL",
      new RegExp(`${KEY} .* reused with a different body`),
    );
    expect(reuse.orderId).toBeUndefined(); // refused before order sync looks at the order
    expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)!.orderStatus).toBe("TICKETED");
    // The first answer is still the remembered one.
    expect(await send(order)).toEqual(first);
  });

  it("requestIds are per Client-Id", async () => {
    const other = makeMerchant("2102000000000002");
    await sandbox.addMerchant(other.clientId, other.publicKey);
    const order = makeOrder("PASS_TICKET", "TICKETED");
    const mine = await expectCode(order, "SUCCESS");
    const theirs = await call(sandbox, signedRequest({ body: JSON.stringify(order), merchant: other }), other.clientId);
    expect(theirs.result.resultCode).toBe("SUCCESS");
    expect(theirs.orderId).not.toBe(mine.orderId);
    expect(sandbox.order(other.clientId, order.merchantBizNo as string)).toBeDefined();
  });
});

describe("ordering and identity", () => {
  it("an update with an older orderModifyTime is answered SUCCESS but not applied", async () => {
    const order = makeOrder("SELF_PICK", "PENDING");
    await expectCode(order, "SUCCESS");
    const taken = nextUpdate(order, "TO_PICK_UP");
    await expectCode(taken, "SUCCESS");
    const late = nextUpdate(order, "ORDER_TAKEN", { orderModifyTime: (taken.orderModifyTime as number) - 500 });
    const answer = await expectCode(late, "SUCCESS", /ignored as stale/);
    expect(answer.orderStatus).toBe("TO_PICK_UP");
    expect(eventsFor(late[KEY])).toEqual([
      expect.objectContaining({ type: "stale", from: "TO_PICK_UP", to: "ORDER_TAKEN", resultCode: "SUCCESS" }),
    ]);
    const state = sandbox.order(merchant.clientId, order.merchantBizNo as string)!;
    expect(state.orderStatus).toBe("TO_PICK_UP");
    expect(state.orderModifyTime).toBe(taken.orderModifyTime);
  });

  it("an equal orderModifyTime is stale as well", async () => {
    const order = makeOrder("RIDE_HAILING", "PENDING");
    await expectCode(order, "SUCCESS");
    const same = nextUpdate(order, "BOOKED", { orderModifyTime: order.orderModifyTime });
    const answer = await expectCode(same, "SUCCESS", /ignored as stale/);
    expect(answer.orderStatus).toBe("PENDING");
  });

  it("a changed orderCreateTime is PARAM_ILLEGAL naming it", async () => {
    const order = makeOrder("MOVIE_TICKET", "TICKETED");
    await expectCode(order, "SUCCESS");
    await expectCode(
      nextUpdate(order, "USED", { orderCreateTime: (order.orderCreateTime as number) + 1 }),
      "PARAM_ILLEGAL",
      /^orderCreateTime must stay/,
    );
    expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)!.orderStatus).toBe("TICKETED");
  });

  it("a changed merchantBizType is PARAM_ILLEGAL naming it", async () => {
    const order = makeOrder("PASS_TICKET", "TICKETED");
    await expectCode(order, "SUCCESS");
    await expectCode(
      nextUpdate(order, "TICKETED", { merchantBizType: "TRAIN_TICKET" }),
      "PARAM_ILLEGAL",
      /^merchantBizType must stay PASS_TICKET/,
    );
  });
});
