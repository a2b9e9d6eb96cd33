/**
 * The console in a real browser: Debian's headless Chromium, driven by playwright-core (nothing downloaded), against
 * the sandbox served over HTTP on 127.0.0.1. Orders go through the real client; two requests are refused (signed
 * with another key; body changed after signing). Screenshots land in test-output/console/ (git-ignored).
 */
import { createPrivateKey, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createOrderClient, OPERATIONS } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { content, makeMerchant, newRequestId, signatureHeader } from "./helpers.js";
import { serve, type Server } from "alipayhk-sandbox/node";

const OUTPUT = fileURLToPath(new URL("../../../test-output/console/", import.meta.url));
// $CHROMIUM_PATH when set (and then only it), else Debian's (or Ubuntu's) package
const CHROMIUM = (
  process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
).find((path) => existsSync(path));

const merchant = makeMerchant("2102000000001234");
const stranger = makeMerchant(merchant.clientId); // same Client-Id, another key
const alipay = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let sandbox: Sandbox;
let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** A PASS_TICKET order body (as text), for requests sent by hand. */
const ticket = (merchantBizNo: string, orderStatus = "TICKETED") =>
  JSON.stringify({
    requestId: newRequestId(),
    merchantBizNo,
    merchantBizType: "PASS_TICKET",
    orderStatus,
    userId: "2088000000000001",
    orderCreateTime: 1_767_000_000_000,
    orderModifyTime: 1_767_000_100_000,
    extInfo: {},
  });

/** POSTs `body` to the sync path over HTTP, signed by `signer` over `signedBody` (default: the body itself). */
function send(body: string, signer = merchant, signedBody = body): Promise<Response> {
  const time = new Date().toISOString();
  return fetch(server.url + OPERATIONS.syncOrder.path, {
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=UTF-8",
      "Client-Id": merchant.clientId,
      "Request-Time": time,
      Signature: signatureHeader(
        content(OPERATIONS.syncOrder.path, merchant.clientId, time, signedBody),
        signer.privateKey,
      ),
    },
    body,
  });
}

/** Waits until the request log lists `count` requests. */
const logLength = (count: number) =>
  page.waitForFunction((n) => document.querySelectorAll("#log > li").length >= n, count, { timeout: 5000 });

beforeAll(async () => {
  if (!CHROMIUM) {
    const looked = process.env.CHROMIUM_PATH
      ? `$CHROMIUM_PATH (${process.env.CHROMIUM_PATH})`
      : "/usr/bin/chromium and /usr/bin/chromium-browser";
    throw new Error(
      `Chromium not found at ${looked}: the console's browser test needs it. Install Debian's package (apt-get install -y chromium; .ci/run does when it runs as root) or set CHROMIUM_PATH`,
    );
  }
  mkdirSync(OUTPUT, { recursive: true });
  sandbox = await createSandbox({
    merchants: { [merchant.clientId]: merchant.publicKey },
    alipayPrivateKey: alipay.privateKey,
    seed: 7,
  });
  server = await serve(sandbox.fetch);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // script errors and Content-Security-Policy refusals show up here
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("console", (message) => message.type() === "error" && pageErrors.push(message.text()));

  const client = createOrderClient({
    clientId: merchant.clientId,
    privateKey: merchant.privateKey,
    alipayPublicKey: sandbox.alipayPublicKey,
    baseUrl: server.url,
  });
  const order = {
    merchantBizNo: "ticket-1001",
    merchantBizType: "PASS_TICKET" as const,
    userId: "2088000000000001",
    orderCreateTime: 1_767_000_000_000,
    amount: { value: "12800", currency: "HKD" },
    extInfo: {},
  };
  expect(
    (await client.syncOrder({ ...order, orderStatus: "TICKETED", orderModifyTime: 1_767_000_000_000 })).orderStatus,
  ).toBe("TICKETED");
  expect(
    (await client.syncOrder({ ...order, orderStatus: "USED", orderModifyTime: 1_767_000_060_000 })).orderStatus,
  ).toBe("USED");
  // a late update (ignored as stale) and a move out of an end status (refused)
  expect(
    (await client.syncOrder({ ...order, orderStatus: "TICKETED", orderModifyTime: 1_767_000_030_000 })).orderStatus,
  ).toBe("USED");
  await expect(
    client.syncOrder({ ...order, orderStatus: "REFUNDED", orderModifyTime: 1_767_000_090_000 }),
  ).rejects.toMatchObject({ name: "ResultError", resultCode: "ORDER_STATUS_INVALID" });

  const mistaken = ticket("ticket-2002");
  expect(await (await send(mistaken, stranger)).text()).toContain("INVALID_SIGNATURE");
  expect(await (await send(mistaken)).text()).toContain("SUCCESS"); // the same requestId, signed with the right key
  const compact = ticket("ticket-3003");
  expect(await (await send(JSON.stringify(JSON.parse(compact), null, 2), merchant, compact)).text()).toContain(
    "INVALID_SIGNATURE",
  );
  const { extInfo, ...incomplete } = JSON.parse(ticket("ticket-6006"));
  expect(await (await send(JSON.stringify(incomplete))).text()).toContain("PARAM_ILLEGAL");

  await page.goto(`${server.url}/`);
  await logLength(8);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the sandbox console in Chromium", () => {
  it("shows the order as a card under its Client-Id, with the spec's words for its status and a timeline of both updates", async () => {
    const merchantSection = page.getByRole("region", { name: `Merchant ${merchant.clientId}` });
    await expect
      .poll(() => merchantSection.getByRole("heading", { level: 3 }).innerText())
      .toBe(`Client-Id ${merchant.clientId}`);
    const card = merchantSection.getByRole("article", { name: "ticket-1001" });
    const text = await card.innerText();
    expect(text).toContain("PASS_TICKET");
    expect(text).toContain("Ticket used (end status)."); // the spec's x-enum-descriptions for USED
    expect(text).toContain("HKD 128.00");
    const steps = await card.locator(".timeline > li").allTextContents();
    expect(steps).toHaveLength(4);
    expect(steps[0]).toMatch(/^applied TICKETED · SUCCESS.*orderModifyTime 2025-12-29T09:20:00.000Z \(1767000000000\)/);
    expect(steps[1]).toMatch(/^applied TICKETED → USED · SUCCESS.*orderModifyTime 2025-12-29T09:21:00.000Z/);
    expect(steps[2]).toMatch(/^ignored as stale TICKETED · SUCCESS.*orderModifyTime 2025-12-29T09:20:30.000Z/);
    expect(steps[3]).toMatch(/^refused REFUNDED · ORDER_STATUS_INVALID.*orderModifyTime 2025-12-29T09:21:30.000Z/);
    await page.screenshot({ path: `${OUTPUT}laptop.png`, fullPage: true });
  });

  it("diagnoses the request signed with another key and the one whose body changed after signing", async () => {
    const entries = page.locator("#log > li");
    const texts = await entries.allTextContents();
    // newest first: PARAM_ILLEGAL, body changed, the retry, another key, then the client's four calls
    expect(texts.map((t) => /INVALID_SIGNATURE|PARAM_ILLEGAL|ORDER_STATUS_INVALID|SUCCESS/.exec(t)?.[0])).toEqual([
      "PARAM_ILLEGAL",
      "INVALID_SIGNATURE",
      "SUCCESS",
      "INVALID_SIGNATURE",
      "ORDER_STATUS_INVALID",
      "SUCCESS",
      "SUCCESS",
      "SUCCESS",
    ]);
    const [params, bodyChanged, retry, otherKey, refusedMove] = texts as [string, string, string, string, string];
    expect(otherKey).toContain("Signed by another key");
    expect(otherKey).toContain("keyVersion: 1");
    expect(bodyChanged).toContain("The body changed after signing: it was signed as compact JSON");
    const expected = await entries.nth(3).locator("pre.expected").innerText();
    expect(expected.startsWith(`POST ${OPERATIONS.syncOrder.path}\n${merchant.clientId}.`)).toBe(true);
    expect(expected).toContain('"merchantBizNo":"ticket-2002"');
    // the retry of the same requestId, with the right key, is its second attempt
    const requestId = /requestId ([0-9a-f]{32})/.exec(otherKey)![1];
    expect(retry).toContain(`requestId ${requestId}`);
    expect(retry).toContain("attempt 2");
    expect(otherKey).not.toContain("attempt");
    expect(params).toContain("Validation problems:extInfo is required");
    expect(refusedMove).toMatch(/Refused by the rule: .*USED/);
    expect(texts[7]).toMatch(new RegExp(`syncOrder.*Client-Id ${merchant.clientId}.*requestId [0-9a-f]{32}.*SUCCESS`));
  });

  it("queues a fault from the keyboard, and the next request meets it", async () => {
    await page.getByRole("combobox", { name: "Fault for the next request" }).selectOption("http503");
    await page.getByRole("combobox", { name: "Processed before the fault?" }).selectOption("no");
    await page.getByRole("button", { name: "Queue fault" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#queued").innerText()).toContain("http503");
    const hit = await send(ticket("ticket-4004"));
    expect(hit.status).toBe(503);
    const after = await send(ticket("ticket-5005"));
    expect(after.status).toBe(200);
    await logLength(10);
    expect(await page.locator("#log > li").nth(1).textContent()).toContain("fault http503");
    expect(await page.locator("#queued").innerText()).toBe("No fault queued.");
  });

  it("polls for what changed since its last poll only, and merges it", async () => {
    const poll = await page.waitForRequest((request) => request.url().includes("/console/state?since="), {
      timeout: 5000,
    });
    const query = new URL(poll.url()).searchParams;
    expect(Number(query.get("since"))).toBe(sandbox.events.at(-1)!.seq);
    expect(await (await poll.response())!.json()).toMatchObject({ full: false, requests: [], merchants: [] });
    await send(ticket("ticket-7007"));
    await logLength(11);
    expect(await page.locator("#log > li").first().textContent()).toContain("SUCCESS");
    expect(await page.getByRole("article", { name: "ticket-7007" }).count()).toBe(1);
    expect(await page.getByRole("article", { name: "ticket-1001" }).count()).toBe(1); // kept from the earlier polls
  });

  it("shows each request's merchantBizNo, the status it sent, and its time in UTC and Hong Kong's", async () => {
    const row = await page.locator("#log > li").first().innerText();
    expect(row).toContain("merchantBizNo ticket-7007");
    expect(row).toContain("status sent TICKETED");
    const at = new Date(sandbox.events.at(-1)!.at);
    const two = (n: number) => String(n).padStart(2, "0");
    const utc = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())} UTC`;
    const hk = new Date(at.getTime() + 8 * 60 * 60 * 1000); // Hong Kong keeps UTC+8 all year
    const hkDate = hk.getUTCDate() === at.getUTCDate() ? "" : `${two(hk.getUTCMonth() + 1)}-${two(hk.getUTCDate())} `;
    const hkTime = `${two(hk.getUTCHours())}:${two(hk.getUTCMinutes())}:${two(hk.getUTCSeconds())}`;
    expect(row).toContain(`${utc} · ${hkDate}${hkTime} HKT`);
  });

  it("notes a SUCCESS the client refused (wrong alipayPublicKey) once it re-sends the requestId, as it polls", async () => {
    const { clientId, privateKey } = merchant;
    const wrong = createOrderClient({ clientId, privateKey, alipayPublicKey: stranger.publicKey, baseUrl: server.url });
    const body = JSON.parse(ticket("ticket-9009"));
    await expect(wrong.syncOrder(body)).rejects.toMatchObject({ code: "ERR_RESPONSE_SIGNATURE" });
    await logLength(12);
    expect(await page.locator("#log > li").first().innerText()).not.toContain("Note:");
    await expect(wrong.syncOrder(body)).rejects.toMatchObject({ code: "ERR_RESPONSE_SIGNATURE" });
    await logLength(13);
    const rows = page.locator("#log > li");
    const refused = "Note: answered SUCCESS, but the client re-sent the same requestId: it likely refused";
    await expect.poll(() => rows.nth(1).innerText()).toContain(refused);
    expect(await rows.first().innerText()).toContain("Note: re-sent after a SUCCESS answer");
    expect(await rows.nth(1).locator(".tag.doubt").innerText()).toMatch(/^SUCCESS$/i);
    expect(await rows.nth(1).locator(".tag.ok").count()).toBe(0); // not shown as a plain SUCCESS
    await page.screenshot({ path: `${OUTPUT}refused-success.png`, fullPage: true });
  });

  it("says what retention dropped", async () => {
    const small = await createSandbox({
      merchants: { [merchant.clientId]: merchant.publicKey },
      seed: 8,
      retention: { events: 3, historyPerOrder: 2 },
    });
    const smallServer = await serve(small.fetch);
    const other = await browser.newPage();
    try {
      const client = createOrderClient({
        clientId: merchant.clientId,
        privateKey: merchant.privateKey,
        alipayPublicKey: small.alipayPublicKey,
        baseUrl: smallServer.url,
      });
      const order = {
        merchantBizNo: "ticket-8008",
        merchantBizType: "PASS_TICKET" as const,
        orderStatus: "TICKETED" as const,
        userId: "2088000000000001",
        orderCreateTime: 1_767_000_000_000,
        extInfo: {},
      };
      for (let i = 0; i < 5; i++) await client.syncOrder({ ...order, orderModifyTime: 1_767_000_000_000 + i });
      await other.goto(`${smallServer.url}/`);
      await expect
        .poll(() => other.locator("#dropped").innerText())
        .toContain("Dropped so far, oldest first: 2 events, 3 history entries, 0 remembered answers");
      expect(await other.getByRole("article", { name: "ticket-8008" }).innerText()).toContain(
        "(3 earlier updates not kept)",
      );
    } finally {
      await other.close();
      await smallServer.close();
    }
  });

  it("has no private key text anywhere on the page or in its data", async () => {
    const sources = [
      await page.content(),
      await page.evaluate(() => document.body.innerText),
      await (await fetch(`${server.url}/console/state`)).text(),
    ];
    const secrets = [merchant.privateKey, stranger.privateKey, alipay.privateKey].flatMap((pem) => {
      const base64 = pem.replace(/-----[^-]+-----|\s/g, "");
      const jwk = createPrivateKey(pem).export({ format: "jwk" });
      return [base64, ...base64.match(/.{64}/g)!, jwk.d!, jwk.p!, jwk.q!];
    });
    for (const source of sources) {
      expect(source).not.toContain("PRIVATE KEY");
      for (const secret of secrets) expect(source.includes(secret)).toBe(false);
    }
    expect(sources[0]).toContain("BEGIN PUBLIC KEY"); // the sandbox's public half is there, for copying
  });

  it("reads on a phone: one column, nothing wider than the screen", async () => {
    await page.setViewportSize({ width: 1100, height: 860 });
    await page.screenshot({ path: `${OUTPUT}first-screen.png` }); // what packages/sandbox/README.md shows
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: `${OUTPUT}phone.png` });
    await page.screenshot({ path: `${OUTPUT}phone-full.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("has text in sufficient contrast (WCAG AA, 4.5:1) everywhere, and a label on every control", async () => {
    const low = await page.evaluate(() => {
      const rgb = (color: string) => color.match(/[\d.]+/g)!.map(Number);
      const luminance = ([r, g, b]: number[]) => {
        const [R, G, B] = [r!, g!, b!].map((c) =>
          c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4,
        );
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      const background = (element: Element | null): number[] => {
        for (; element; element = element.parentElement) {
          const color = rgb(getComputedStyle(element).backgroundColor);
          if (color.length < 4 || color[3]! > 0) return color;
        }
        return [255, 255, 255];
      };
      const out: string[] = [];
      for (const element of document.querySelectorAll("body *")) {
        const own = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
        if (!own || !(element as HTMLElement).offsetParent) continue;
        const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background(element))];
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        if (ratio < 4.5)
          out.push(`${element.tagName}.${element.className} ${ratio.toFixed(2)}: ${element.textContent!.slice(0, 40)}`);
      }
      return out;
    });
    expect(low).toEqual([]);
    const unlabelled = await page.evaluate(
      () =>
        [...document.querySelectorAll("select, button, input")].filter(
          (e) => !(e as HTMLSelectElement).labels?.length && !e.textContent!.trim(),
        ).length,
    );
    expect(unlabelled).toBe(0);
  });

  it("is usable from the keyboard: a skip link first, then every control in order", async () => {
    await page.reload();
    await logLength(10);
    const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    await page.keyboard.press("Tab");
    expect(await focused()).toBe("Skip to orders");
    const order = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused());
    }
    expect(order).toEqual([
      "kind",
      "processed",
      "Queue fault",
      "reset",
      "The sandbox's public key (the client's alipayPublicKey)",
    ]);
    await page.getByRole("link", { name: "Skip to orders" }).focus();
    await page.keyboard.press("Enter");
    expect(await focused()).toBe("orders");
  });

  it("resets the sandbox from its button", async () => {
    await page.getByRole("button", { name: "Reset sandbox" }).click();
    await expect.poll(() => page.locator("#merchants").innerText()).toContain("No orders yet");
    expect(sandbox.orders).toHaveLength(0);
    expect(sandbox.events).toHaveLength(0);
    expect(await page.locator("#log > li").count()).toBe(0);
  });

  it("weighs little, and allows only its own inline style and script", async () => {
    const response = await fetch(`${server.url}/`);
    const bytes = (await response.arrayBuffer()).byteLength;
    console.log(`console page: ${bytes} bytes`);
    expect(bytes).toBeLessThan(16_000); // 11.3 KB today: growth past this needs a reason
    expect(response.headers.get("Content-Security-Policy")).toMatch(
      /default-src 'none'; style-src 'sha256-[^']+'; script-src 'sha256-[^']+'/,
    );
    expect(pageErrors).toEqual([]);
  });
});
