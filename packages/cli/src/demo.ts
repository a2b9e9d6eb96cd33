/**
 * `alipayhk demo` (and `npm start`): an embedded sandbox on a loopback port, fresh keys, and a realistic
 * lifecycle for each scenario through the real client over HTTP, plus an encrypted order, a refused transition
 * and a retried UNKNOWN_EXCEPTION.
 */
import { OrderError, createOrderClient, type OrderClient, type OrderInput } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { EXIT } from "./io.js";
import { generateKeyPair } from "./keys.js";
import { serve } from "./serve.js";
import type { Io } from "./commands.js";

const CLIENT_ID = "DEMO-MERCHANT-001";
const hkd = (cents: number) => ({ value: String(cents), currency: "HKD" });

/** Each scenario's extras (those its schema requires, and a few realistic ones) and a lifecycle. */
const LIFECYCLES: { bizType: OrderInput["merchantBizType"]; statuses: string[]; extras: Record<string, unknown> }[] = [
  { bizType: "MOVIE_TICKET", statuses: ["TICKETED", "USED"], extras: { payAmount: hkd(16000), extInfo: { seats: ["G12", "G13"] } } },
  { bizType: "PASS_TICKET", statuses: ["TICKETED", "USED"], extras: { amount: hkd(28000), extInfo: {} } },
  { bizType: "TRAIN_TICKET", statuses: ["TICKETED", "REFUNDED"], extras: { tradeNo: "2026112622000001", extInfo: {} } },
  { bizType: "CHARGING_PILE", statuses: ["SERVING", "PAUSED", "SERVING", "COMPLETED", "FINISHED"], extras: { extInfo: { amount: hkd(7350) } } },
  {
    bizType: "LINE_UP",
    statuses: ["CALL_NUM", "CALL_NUM", "NUMBER_ARRIVED", "FINISHED"],
    extras: { shopInfo: { extInfo: { multiLang: { en_US: {}, zh_HK: {} } } }, extInfo: {} },
  },
  {
    bizType: "SELF_PICK",
    statuses: ["PENDING", "ORDER_TAKEN", "TO_PICK_UP", "FINISHED"],
    extras: { amount: hkd(8800), itemOrderList: [{}], shopInfo: {}, extInfo: {} },
  },
  { bizType: "RIDE_HAILING", statuses: ["PENDING", "ORDER_TAKEN", "TO_BOARD", "SERVING", "WAIT_PAY", "FINISHED"], extras: { extInfo: {} } },
  { bizType: "ALIPAY_COUPON", statuses: ["TICKETED"], extras: { payAmount: hkd(5000), extInfo: {} } },
  { bizType: "GIFT_CARD_COUPON", statuses: ["TICKETED", "USED"], extras: { amount: hkd(20000), extInfo: {} } },
];

interface Row {
  what: string;
  statuses: string;
  orderId: string;
  /** Calls to syncOrder, and the HTTP attempts they made (more when one was retried). */
  syncs: number;
  attempts: number;
  outcome: string;
}

export async function demo(io: Io): Promise<number> {
  const started = Date.now();
  io.out("AlipayHK order sync demo: no credentials, nothing leaves this machine.");
  const merchant = await generateKeyPair();
  const sandbox = await createSandbox({ merchants: { [CLIENT_ID]: merchant.publicKey }, seed: 2026 });
  const server = await serve(sandbox.fetch);
  io.out(`• local AlipayHK sandbox on ${server.url} (fresh RSA-2048 keys for the merchant and for "AlipayHK")`);
  const options = { clientId: CLIENT_ID, privateKey: merchant.privateKey, alipayPublicKey: sandbox.alipayPublicKey, baseUrl: server.url };
  const client = createOrderClient({ ...options, retry: { initialDelayMs: 100 } });
  const encrypting = createOrderClient({ ...options, encrypt: rsaAes() });

  const rows: Row[] = [];
  let clock = Date.parse("2026-11-26T10:00:00+08:00");
  const newOrder = (name: string) => ({ merchantBizNo: `DEMO-${name}`, userId: "2160120000000001", orderCreateTime: clock });
  const send = (c: OrderClient, base: object, status: string, extras: object) =>
    c.syncOrder({ ...base, orderStatus: status, orderModifyTime: (clock += 60_000), ...extras } as OrderInput);

  try {
    for (const { bizType, statuses, extras } of LIFECYCLES) {
      const base = { ...newOrder(bizType), merchantBizType: bizType };
      let orderId = "";
      let attempts = 0;
      for (const status of statuses) {
        const result = await send(client, base, status, extras);
        orderId = result.orderId ?? "";
        attempts += result.attempts;
        io.out(`  ✓ ${bizType.padEnd(16)} ${status.padEnd(14)} ${result.result.resultCode}`);
      }
      rows.push({ what: bizType, statuses: statuses.join(" → "), orderId, syncs: statuses.length, attempts, outcome: "SUCCESS" });
    }

    // RSA_AES: the body travels as ciphertext, the answer comes back encrypted for the merchant
    const secret = { ...newOrder("ENCRYPTED"), merchantBizType: "MOVIE_TICKET" };
    const encrypted = await send(encrypting, secret, "TICKETED", { extInfo: {} });
    io.out(`  ✓ ${"MOVIE_TICKET".padEnd(16)} ${"TICKETED".padEnd(14)} ${encrypted.result.resultCode} (RSA_AES encrypted both ways)`);
    rows.push({ what: "encrypted order", statuses: "TICKETED", orderId: encrypted.orderId ?? "", syncs: 1, attempts: encrypted.attempts, outcome: "SUCCESS" });

    // a used ticket cannot be issued again
    const movie = { ...newOrder("REISSUE"), merchantBizType: "MOVIE_TICKET" };
    const used = await send(client, movie, "USED", { extInfo: {} });
    const refused = await send(client, movie, "TICKETED", { extInfo: {} }).then(
      () => undefined,
      (error: unknown) => error,
    );
    if (!(refused instanceof OrderError) || refused.resultCode !== "ORDER_STATUS_INVALID") throw new Error("the sandbox accepted USED → TICKETED");
    io.out(`  ✓ ${"MOVIE_TICKET".padEnd(16)} ${"USED → TICKETED".padEnd(14)} refused: ${refused.resultCode} (${refused.resultMessage})`);
    rows.push({
      what: "illegal transition",
      statuses: "USED → TICKETED",
      orderId: used.orderId ?? "",
      syncs: 2,
      attempts: used.attempts + refused.attempts,
      outcome: refused.resultCode!,
    });

    // AlipayHK answers UNKNOWN_EXCEPTION once; the client retries with the same requestId
    sandbox.faultNext("unknownException");
    const retried = await send(client, { ...newOrder("RETRIED"), merchantBizType: "GIFT_CARD_COUPON" }, "TICKETED", { extInfo: {} });
    io.out(`  ✓ ${"GIFT_CARD_COUPON".padEnd(16)} ${"TICKETED".padEnd(14)} ${retried.result.resultCode} after UNKNOWN_EXCEPTION, ${retried.attempts} attempts`);
    rows.push({ what: "UNKNOWN_EXCEPTION retried", statuses: "TICKETED", orderId: retried.orderId ?? "", syncs: 1, attempts: retried.attempts, outcome: "SUCCESS" });
  } finally {
    await server.close();
  }

  io.out("");
  printTable(io, rows);
  io.out("");
  io.out(`${rows.length} orders, ${appliedCount(sandbox)} status changes applied by the sandbox, ${Date.now() - started} ms.`);
  return EXIT.ok;
}

function appliedCount(sandbox: Sandbox): number {
  return sandbox.events.filter((e) => e.type === "applied").length;
}

function printTable(io: Io, rows: Row[]): void {
  const header: Row = { what: "scenario", statuses: "statuses", orderId: "orderId", syncs: 0, attempts: 0, outcome: "outcome" };
  const cells = (r: Row) =>
    r === header
      ? [r.what, r.statuses, r.orderId, "syncs", "attempts", r.outcome]
      : [r.what, r.statuses, r.orderId || "-", String(r.syncs), String(r.attempts), r.outcome];
  const widths = cells(header).map((_, i) => Math.max(...[header, ...rows].map((r) => cells(r)[i]!.length)));
  const line = (r: Row) => cells(r).map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  io.out(line(header));
  io.out(widths.map((w) => "─".repeat(w)).join("  "));
  for (const row of rows) io.out(line(row));
}
