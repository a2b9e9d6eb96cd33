/**
 * `alipayhk demo` (and `npm start`): an embedded sandbox on a loopback port, fresh keys, and a realistic
 * lifecycle for each scenario through the real client over HTTP, plus an encrypted order, a refused transition
 * and a retried UNKNOWN_EXCEPTION. Each part is written for the operations it names, and is skipped when a spec
 * change removed one of them.
 */
import { OrderError, createOrderClient, type OrderClient, type OrderClientOptions } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { generateKeyPairPem } from "alipayhk-signature";
import {
  EXAMPLES,
  OPERATIONS,
  statusMoveProblem,
  VARIANTS,
  type Operation,
  type VariantFacts,
  type Variants,
} from "alipayhk-spec";
import { entryOf } from "alipayhk-spec/internal";
import { deliveryThroughOutbox } from "./demo-delivery.js";
import { EXIT } from "./io.js";
import { serve } from "alipayhk-sandbox/node";
import type { Io } from "./commands.js";

const CLIENT_ID = "DEMO-MERCHANT-001";

/** The spec's example body of each variant of `operationId`; a variant without one stops the demo, naming it. */
function examples(operationId: string): [string, Record<string, unknown>][] {
  return Object.keys(entryOf(VARIANTS, operationId)?.values ?? {}).map((variant) => {
    const example = entryOf(EXAMPLES, operationId)?.find((e) => e.variant === variant);
    if (!example) throw new Error(`the spec has no example body for ${operationId} ${variant}`);
    return [variant, example.body as Record<string, unknown>];
  });
}

/** The member an example carries its call's ID in (the operation's x-idempotency-key): each call gets a fresh one. */
const idempotencyKey = (operationId: string) => entryOf<Operation>(OPERATIONS, operationId)?.idempotencyKey ?? "";

/** The status rules of one variant of an operation the spec has. */
const variantFacts = (operationId: string, variant: string) =>
  entryOf<Variants>(VARIANTS, operationId)!.values[variant]!;

/** A walk through a variant's statuses in their listed order, skipping the moves its rules refuse, up to an end status. */
function lifecycle(variant: string, facts: VariantFacts): string[] {
  const path: string[] = [];
  for (const status of facts.statuses) {
    if (statusMoveProblem(variant, facts, path.at(-1), status) === undefined) path.push(status);
    if (facts.endStatuses.includes(path.at(-1)!)) break;
  }
  return path;
}

interface Row {
  what: string;
  statuses: string;
  orderId: string;
  /** Calls to syncOrder, and the HTTP attempts they made (more when one was retried). */
  syncs: number;
  attempts: number;
  outcome: string;
}

/** What a client method resolves to, as the demo reads it. */
interface Answer {
  result: { resultCode: string };
  orderId?: string;
  attempts: number;
}
/** A method of `client` by operationId, looked up at run time: the demo compiles whatever operations the spec has. */
const method = (client: OrderClient, operationId: string) =>
  (client as unknown as Record<string, (body: object) => Promise<Answer>>)[operationId]!;
const refusal = (call: Promise<unknown>) =>
  call.then(
    () => undefined,
    (error: unknown) => error,
  );

/** What every part of the demo shares. */
interface Demo {
  io: Io;
  sandbox: Sandbox;
  client: OrderClient;
  encrypting: OrderClient;
  rows: Row[];
  /** A new order's identity fields. */
  newOrder(name: string): { merchantBizNo: string; userId: string; orderCreateTime: number };
  /** An order update through `client`, at the next minute of the demo's clock. */
  send(client: OrderClient, base: object, status: string, extras: object): Promise<Answer>;
  /** A performance notification command, at the next minute. */
  notify(base: object, command: "SEND" | "UPDATE", status: string): Promise<Answer>;
  /** The client's settings, for parts that make clients of their own. */
  clientOptions: OrderClientOptions;
  /** The demo clock's next minute. */
  nextMinute(): number;
}

async function everyScenario({ io, client, rows, newOrder, send }: Demo): Promise<void> {
  io.out("order sync, every scenario of the spec:");
  for (const [bizType, example] of examples("syncOrder")) {
    const {
      [idempotencyKey("syncOrder")]: _,
      merchantBizNo: __,
      orderStatus: ___,
      orderCreateTime: ____,
      orderModifyTime: _____,
      ...extras
    } = example;
    const statuses = lifecycle(bizType, variantFacts("syncOrder", bizType));
    const base = { ...newOrder(bizType), merchantBizType: bizType };
    let orderId = "";
    let attempts = 0;
    for (const status of statuses) {
      const result = await send(client, base, status, extras);
      orderId = result.orderId ?? "";
      attempts += result.attempts;
      io.out(`  ✓ ${bizType.padEnd(16)} ${status.padEnd(14)} ${result.result.resultCode}`);
    }
    rows.push({
      what: bizType,
      statuses: statuses.join(" → "),
      orderId,
      syncs: statuses.length,
      attempts,
      outcome: "SUCCESS",
    });
  }
}

async function everyTemplate({ io, rows, notify }: Demo): Promise<void> {
  io.out("performance notifications, every template of the spec:");
  for (const [template, example] of examples("syncPerformanceNotification")) {
    const {
      [idempotencyKey("syncPerformanceNotification")]: _,
      merchantBizNo: __,
      orderStatus: ___,
      command: ____,
      bizDate: _____,
      ...rest
    } = example;
    const statuses = lifecycle(template, variantFacts("syncPerformanceNotification", template));
    const base = { ...rest, merchantBizNo: `DEMO-${template}` };
    let attempts = 0;
    for (const [i, status] of statuses.entries()) {
      const result = await notify(base, i === 0 ? "SEND" : "UPDATE", status);
      attempts += result.attempts;
      io.out(
        `  ✓ ${template.padEnd(22)} ${`${i === 0 ? "SEND" : "UPDATE"} ${status}`.padEnd(27)} ${result.result.resultCode}`,
      );
    }
    rows.push({
      what: template,
      statuses: statuses.join(" → "),
      orderId: "",
      syncs: statuses.length,
      attempts,
      outcome: "SUCCESS",
    });
  }
}

/** A movie ticket as the app shows it: the order in the card wallet, and its notification two hours before the show. */
async function ticketAndNotification({ io, client, rows, newOrder, send, notify }: Demo): Promise<void> {
  io.out("a movie ticket's order and its performance notification, side by side:");
  const [, movieExample] = examples("syncOrder").find(([bizType]) => bizType === "MOVIE_TICKET")!;
  const [, noticeExample] = examples("syncPerformanceNotification").find(
    ([template]) => template === "MOVIE_TICKET_DEFAULT",
  )!;
  const ticket = { ...newOrder("SHOW-0001"), merchantBizType: "MOVIE_TICKET", extInfo: movieExample.extInfo };
  const notice = {
    ...noticeExample,
    [idempotencyKey("syncPerformanceNotification")]: undefined,
    merchantBizNo: "DEMO-SHOW-0001",
  };
  const steps: [string, () => Promise<Answer>][] = [
    ["order TICKETED", () => send(client, ticket, "TICKETED", {})],
    ["notification SEND AWAIT_SCREENING", () => notify(notice, "SEND", "AWAIT_SCREENING")],
    ["order USED", () => send(client, ticket, "USED", {})],
    ["notification UPDATE CLOSED", () => notify(notice, "UPDATE", "CLOSED")],
  ];
  for (const [what, step] of steps) io.out(`  ✓ ${what.padEnd(38)} ${(await step()).result.resultCode}`);
  const second = { ...notice, merchantBizNo: "DEMO-SHOW-0002" };
  const again = await refusal(
    notify(second, "SEND", "AWAIT_SCREENING").then(() => notify(second, "SEND", "AWAIT_SCREENING")),
  );
  if (!(again instanceof OrderError) || again.resultCode !== "UN_SUPPORT_BUSINESS")
    throw new Error("the sandbox accepted a second SEND");
  io.out(`  ✓ ${"a second SEND while one is valid".padEnd(38)} refused: ${again.resultCode}`);
  rows.push({
    what: "movie ticket + notification",
    statuses: "TICKETED, SEND → USED, UPDATE CLOSED",
    orderId: "",
    syncs: 4,
    attempts: 4,
    outcome: "SUCCESS",
  });
}

async function encryptionRefusalRetry({ io, sandbox, client, encrypting, rows, newOrder, send }: Demo): Promise<void> {
  io.out("encryption, a refused move and a retry:");
  // RSA_AES: the body travels as ciphertext, the answer comes back encrypted for the merchant
  const secret = { ...newOrder("ENCRYPTED"), merchantBizType: "MOVIE_TICKET" };
  const encrypted = await send(encrypting, secret, "TICKETED", { extInfo: {} });
  io.out(
    `  ✓ ${"MOVIE_TICKET".padEnd(16)} ${"TICKETED".padEnd(14)} ${encrypted.result.resultCode} (RSA_AES encrypted both ways)`,
  );
  rows.push({
    what: "encrypted order",
    statuses: "TICKETED",
    orderId: encrypted.orderId ?? "",
    syncs: 1,
    attempts: encrypted.attempts,
    outcome: "SUCCESS",
  });

  // a used ticket cannot be issued again
  const movie = { ...newOrder("REISSUE"), merchantBizType: "MOVIE_TICKET" };
  const used = await send(client, movie, "USED", { extInfo: {} });
  const refused = await refusal(send(client, movie, "TICKETED", { extInfo: {} }));
  if (!(refused instanceof OrderError) || refused.resultCode !== "ORDER_STATUS_INVALID")
    throw new Error("the sandbox accepted USED → TICKETED");
  io.out(`  ✓ ${"MOVIE_TICKET".padEnd(16)} ${"USED → TICKETED".padEnd(14)} refused: ${refused.resultCode}`);
  io.out(`    (${refused.resultMessage})`);
  const attempts = used.attempts + refused.attempts;
  rows.push({
    what: "illegal transition",
    statuses: "USED → TICKETED",
    orderId: used.orderId ?? "",
    syncs: 2,
    attempts,
    outcome: refused.resultCode!,
  });

  // AlipayHK answers UNKNOWN_EXCEPTION once; the client retries with the same requestId
  sandbox.faultNext("unknownException");
  const retried = await send(client, { ...newOrder("RETRIED"), merchantBizType: "GIFT_CARD_COUPON" }, "TICKETED", {
    extInfo: {},
  });
  io.out(
    `  ✓ ${"GIFT_CARD_COUPON".padEnd(16)} ${"TICKETED".padEnd(14)} ${retried.result.resultCode} after UNKNOWN_EXCEPTION, ${retried.attempts} attempts`,
  );
  rows.push({
    what: "UNKNOWN_EXCEPTION retried",
    statuses: "TICKETED",
    orderId: retried.orderId ?? "",
    syncs: 1,
    attempts: retried.attempts,
    outcome: "SUCCESS",
  });
}

/** Durable delivery through the outbox, across an outage and a worker stopped mid-call (demo-delivery.ts). */
async function outboxDelivery({ io, sandbox, rows, newOrder, clientOptions, nextMinute }: Demo): Promise<void> {
  const { delivered, total, attempts, once } = await deliveryThroughOutbox({
    out: (line) => io.out(line),
    sandbox,
    clientOptions,
    newOrder,
    nextMinute,
  });
  rows.push({
    what: "outbox: outage, handover",
    statuses: "TICKETED → USED ×3",
    orderId: "",
    syncs: total,
    attempts,
    outcome: once && delivered === total ? "all delivered" : "NOT ALL DELIVERED",
  });
}

/** The parts, in order, with the operations each is written for. */
const PARTS: [operations: string[], part: (demo: Demo) => Promise<void>][] = [
  [["syncOrder"], everyScenario],
  [["syncPerformanceNotification"], everyTemplate],
  [["syncOrder", "syncPerformanceNotification"], ticketAndNotification],
  [["syncOrder"], encryptionRefusalRetry],
  [["syncOrder"], outboxDelivery],
];

export async function demo(io: Io): Promise<number> {
  const started = Date.now();
  io.out("AlipayHK order sync demo: no credentials, nothing leaves this machine.");
  const merchant = await generateKeyPairPem();
  const sandbox = await createSandbox({ merchants: { [CLIENT_ID]: merchant.publicKey }, seed: 2026 });
  const server = await serve(sandbox.fetch);
  io.out(`• local AlipayHK sandbox on ${server.url} (fresh RSA-2048 keys for the merchant and for "AlipayHK")`);
  const options = {
    clientId: CLIENT_ID,
    privateKey: merchant.privateKey,
    alipayPublicKey: sandbox.alipayPublicKey,
    baseUrl: server.url,
  };
  const client = createOrderClient({ ...options, retry: { initialDelayMs: 100 } });
  let clock = Date.parse("2026-11-26T10:00:00+08:00");
  const context: Demo = {
    io,
    sandbox,
    client,
    encrypting: createOrderClient({ ...options, encrypt: rsaAes() }),
    rows: [],
    newOrder: (name) => ({ merchantBizNo: `DEMO-${name}`, userId: "2160120000000001", orderCreateTime: clock }),
    send: (c, base, status, extras) =>
      method(c, "syncOrder")({ ...base, orderStatus: status, orderModifyTime: (clock += 60_000), ...extras }),
    notify: (base, command, status) =>
      method(
        client,
        "syncPerformanceNotification",
      )({ ...base, command, orderStatus: status, bizDate: (clock += 60_000) }),
    clientOptions: options,
    nextMinute: () => (clock += 60_000),
  };
  try {
    for (const [operations, part] of PARTS) {
      const missing = operations.filter((id) => !entryOf(OPERATIONS, id));
      if (missing.length) io.out(`(skipped ${part.name}: the spec has no ${missing.join(", ")})`);
      else await part(context);
    }
  } finally {
    await server.close();
  }

  io.out("");
  printTable(io, context.rows);
  io.out("");
  io.out(
    `${context.rows.length} orders, ${appliedCount(sandbox)} status changes applied by the sandbox, ${Date.now() - started} ms.`,
  );
  return EXIT.ok;
}

function appliedCount(sandbox: Sandbox): number {
  return sandbox.events.filter((e) => e.type === "applied").length;
}

/** The widest line the demo prints (a terminal's usual width is 80 to 120 columns). */
const DEMO_COLUMNS = 120;

/** `a → b → c` in lines of at most `width` characters, broken after an arrow (a single longer status stays whole). */
function wrapStatuses(statuses: string, width: number): string[] {
  const lines: string[] = [];
  const parts = statuses.split(" → ");
  parts.forEach((status, i) => {
    const arrow = i < parts.length - 1 ? " →" : ""; // a line broken after this status ends with its arrow
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]} ${status}${arrow}`.length <= width) lines[last] += ` ${status}${arrow}`;
    else lines.push(`${status}${arrow}`);
  });
  return lines;
}

/** The summary: one row per order, the statuses column taking what the others leave of DEMO_COLUMNS. */
function printTable(io: Io, rows: Row[]): void {
  const header = ["scenario", "statuses", "orderId", "syncs", "attempts", "outcome"];
  const cells = (r: Row) => [r.what, r.statuses, r.orderId || "-", String(r.syncs), String(r.attempts), r.outcome];
  const all = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const others = widths.reduce((sum, w, i) => (i === 1 ? sum : sum + w + 2), 0);
  widths[1] = Math.min(widths[1]!, DEMO_COLUMNS - others);
  const line = (c: string[]) =>
    c
      .map((text, i) => text.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  io.out(line(header));
  io.out(line(widths.map((w) => "─".repeat(w))));
  for (const c of all.slice(1)) {
    const [first, ...more] = wrapStatuses(c[1]!, widths[1]!);
    io.out(line([c[0]!, first!, ...c.slice(2)]));
    for (const statuses of more) io.out(line(["", statuses]));
  }
}
