/**
 * The sandbox in-process behind the real client: `fetch: sandbox.fetch`, plain and encrypted, with faults.
 */
import { createOrderClient } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { beforeAll, describe, expect, it } from "vitest";
import { makeMerchant } from "./helpers.js";

const merchant = makeMerchant("2102000000000031");
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await createSandbox({
    merchants: { [merchant.clientId]: merchant.publicKey },
    faults: { unknownException: 0.2, http503: 0.2 },
    seed: 5,
  });
});

const clientFor = (encrypt: boolean) =>
  createOrderClient({
    clientId: merchant.clientId,
    privateKey: merchant.privateKey,
    alipayPublicKey: sandbox.alipayPublicKey,
    baseUrl: "https://sandbox.local",
    fetch: sandbox.fetch,
    encrypt: encrypt ? rsaAes() : undefined,
    retry: { maxAttempts: 20, initialDelayMs: 1, maxDelayMs: 2 },
  });

describe.each([false, true])("createOrderClient({ fetch: sandbox.fetch, encrypt: %s })", (encrypt) => {
  it("syncs a Queue Up order through its lifecycle despite faults, and gets ORDER_STATUS_INVALID for a forbidden move", async () => {
    const client = clientFor(encrypt);
    const base = {
      merchantBizNo: `q-${encrypt}`,
      merchantBizType: "LINE_UP" as const,
      openId: "open-1",
      orderCreateTime: 1_700_000_000_000,
      shopInfo: { extInfo: {} },
      extInfo: {},
    };
    const first = await client.syncOrder({ ...base, orderStatus: "CALL_NUM", orderModifyTime: 1_700_000_000_001 });
    const second = await client.syncOrder({
      ...base,
      orderStatus: "NUMBER_ARRIVED",
      orderModifyTime: 1_700_000_000_002,
    });
    expect(second.orderId).toBe(first.orderId);
    expect(second.orderStatus).toBe("NUMBER_ARRIVED");
    await expect(
      client.syncOrder({ ...base, orderStatus: "CANCELLED", orderModifyTime: 1_700_000_000_003 }),
    ).rejects.toMatchObject({ name: "ResultError", resultCode: "ORDER_STATUS_INVALID" });
    expect(sandbox.order(merchant.clientId, base.merchantBizNo)?.history.map((h) => h.to)).toEqual([
      "CALL_NUM",
      "NUMBER_ARRIVED",
    ]);
  });
});

it("faults were injected along the way (and the client retried through them)", () => {
  const { faults } = sandbox.stats;
  expect((faults.unknownException ?? 0) + (faults.http503 ?? 0)).toBeGreaterThan(0);
});
