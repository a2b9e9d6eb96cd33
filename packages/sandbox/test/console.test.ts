/**
 * The console without a browser: the signature diagnosis (checked against node:crypto), the console's routes and
 * controls, sandbox.reset(), and the state the page renders.
 */
import { createHash, createPublicKey, createSign } from "node:crypto";
import { OPERATIONS } from "alipayhk-order";
import { importPublicKey } from "alipayhk-signature";
import { createSandbox, type Sandbox, type SandboxEvent } from "alipayhk-sandbox";
import { beforeEach, describe, expect, it } from "vitest";
import { openSignature, rsaNumbers } from "../src/diagnose.js";
import type { ConsoleState } from "../src/console/state.js";
import { BASE_URL, KEY, content, makeMerchant, makeOrder, nextUpdate, signatureHeader } from "./helpers.js";

const merchant = makeMerchant("2102000000000777");
const stranger = makeMerchant(merchant.clientId);
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
const jwkOf = (pem: string) => createPublicKey(pem).export({ format: "jwk" });
const bigint = (b64url: string) => BigInt(`0x${Buffer.from(b64url, "base64url").toString("hex")}`);

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 11 });
});

interface Sent {
  body: string;
  signedBody?: string;
  path?: string;
  signedPath?: string;
  time?: string;
  signedTime?: string;
  signer?: typeof merchant;
  clientId?: string;
  signature?: string | null;
}

/** A request whose signature covers what `signed*` say (by default what is sent), made with node:crypto. */
function post(sent: Sent): Request {
  const path = sent.path ?? OPERATIONS.syncOrder.path;
  const time = sent.time ?? "2026-01-02T03:04:05Z";
  const clientId = sent.clientId ?? merchant.clientId;
  const signed = content(sent.signedPath ?? path, clientId, sent.signedTime ?? time, sent.signedBody ?? sent.body);
  const signature =
    sent.signature === undefined ? signatureHeader(signed, (sent.signer ?? merchant).privateKey) : sent.signature;
  const headers = new Headers({ "Content-Type": "application/json", "Client-Id": clientId, "Request-Time": time });
  if (signature !== null) headers.set("Signature", signature);
  return new Request(BASE_URL + path, { method: "POST", headers, body: sent.body });
}

/** Sends the request and returns the event it left. */
async function refusal(sent: Sent): Promise<SandboxEvent> {
  await sandbox.fetch(post(sent));
  return sandbox.events.at(-1)!;
}

const body = () => JSON.stringify(makeOrder("PASS_TICKET", "TICKETED"));

describe("openSignature", () => {
  it("recovers the SHA-256 digest a node:crypto signature covers, with the signer's public numbers only", () => {
    const signer = createSign("RSA-SHA256").update("some content", "utf8");
    const signature = signer.sign(merchant.privateKey);
    const { n, e } = jwkOf(merchant.publicKey);
    expect(openSignature(signature, { n: bigint(n!), e: bigint(e!) })).toBe(sha256("some content"));
    const other = jwkOf(stranger.publicKey);
    expect(openSignature(signature, { n: bigint(other.n!), e: bigint(other.e!) })).toBeUndefined();
    expect(openSignature(signature.subarray(1), { n: bigint(n!), e: bigint(e!) })).toBeUndefined();
  });
});

describe("rsaNumbers", () => {
  const expected = jwkOf(merchant.publicKey);
  const pkcs1 = createPublicKey(merchant.publicKey).export({ type: "pkcs1", format: "pem" }) as string;
  const der = createPublicKey(merchant.publicKey).export({ type: "spki", format: "der" });
  it.each([
    ["SPKI PEM", () => merchant.publicKey],
    ["PKCS#1 PEM", () => pkcs1],
    ["base64 DER", () => der.toString("base64")],
    ["DER bytes", () => new Uint8Array(der)],
    ["JWK", () => expected],
    ["JWK text", () => JSON.stringify(expected)],
    [
      "CryptoKey",
      () => crypto.subtle.importKey("jwk", expected, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, true, ["verify"]),
    ],
  ])("reads n and e from a key imported from %s", async (_, input) => {
    const numbers = await rsaNumbers(await importPublicKey((await input()) as never));
    expect(numbers).toEqual({ n: bigint(expected.n!), e: 65537n });
  });
  it("cannot read a CryptoKey that is not extractable, and says nothing rather than guess", async () => {
    const rsassa = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    const sealed = await crypto.subtle.importKey("jwk", expected, rsassa, false, ["verify"]);
    expect(await rsaNumbers(await importPublicKey(sealed))).toBeUndefined();
    expect(await rsaNumbers("not a key" as never)).toBeUndefined();
  });
});

describe("the signature diagnosis on refused requests", () => {
  it("says 'another key' for a signature by another key, with the expected content and the keyVersion seen", async () => {
    const text = body();
    const event = await refusal({ body: text, signer: stranger });
    const expectedContent = content(OPERATIONS.syncOrder.path, merchant.clientId, "2026-01-02T03:04:05Z", text);
    expect(event.resultCode).toBe("INVALID_SIGNATURE");
    expect(event.diagnosis).toMatchObject({
      cause: "otherKey",
      expectedContent,
      expectedDigest: sha256(expectedContent),
      keyVersion: "1",
      algorithm: "RSA256",
      requestId: JSON.parse(text)[KEY],
    });
    expect(event.diagnosis?.signedDigest).toBeUndefined();
  });

  it.each([
    [
      "compact JSON sent indented",
      (t: string) => ({ body: JSON.stringify(JSON.parse(t), null, 2), signedBody: t }),
      "bodyChanged",
      /compact JSON/,
    ],
    [
      "indented JSON sent compact",
      (t: string) => ({ body: t, signedBody: JSON.stringify(JSON.parse(t), null, 2) }),
      "bodyChanged",
      /indented by 2 spaces/,
    ],
    [
      "a trailing newline dropped",
      (t: string) => ({ body: t, signedBody: `${t}\n` }),
      "bodyChanged",
      /trailing newline/,
    ],
    [
      "a query added to the path",
      (t: string) => ({ body: t, path: `${OPERATIONS.syncOrder.path}?trace=1`, signedPath: OPERATIONS.syncOrder.path }),
      "pathChanged",
      new RegExp(`without its query \\(${OPERATIONS.syncOrder.path}\\)`),
    ],
    [
      "Request-Time written another way",
      (t: string) => ({ body: t, signedTime: "2026-01-02T03:04:05+00:00" }),
      "timeChanged",
      /signed as 2026-01-02T03:04:05\+00:00/,
    ],
    ["another body altogether", (t: string) => ({ body: t, signedBody: body() }), "contentChanged", /other content/],
  ] as const)("names the change when the right key signed other content: %s", async (_, make, cause, explanation) => {
    const sent = make(body()) as Sent;
    const event = await refusal(sent);
    const signed = content(
      sent.signedPath ?? OPERATIONS.syncOrder.path,
      merchant.clientId,
      sent.signedTime ?? "2026-01-02T03:04:05Z",
      sent.signedBody ?? sent.body,
    );
    expect(event.resultCode).toBe("INVALID_SIGNATURE");
    expect(event.diagnosis?.cause).toBe(cause);
    expect(event.diagnosis?.explanation).toMatch(explanation);
    expect(event.diagnosis?.signedDigest).toBe(sha256(signed));
  });

  it("says there is no merchant key for an unknown Client-Id, naming those registered", async () => {
    const event = await refusal({ body: body(), clientId: "NOBODY" });
    expect(event.resultCode).toBe("INVALID_CLIENT");
    expect(event.diagnosis).toMatchObject({ cause: "noMerchantKey" });
    expect(event.diagnosis?.explanation).toContain(`Client-Id NOBODY (registered: ${merchant.clientId})`);
  });

  it("says why a header cannot be read", async () => {
    const missing = await refusal({ body: body(), signature: null });
    expect(missing.diagnosis).toMatchObject({ cause: "unreadableHeader" });
    expect(missing.diagnosis?.explanation).toMatch(/Signature header.*missing/);
    const ecc = await refusal({ body: body(), signature: "algorithm=ECC224,keyVersion=1,signature=AAAA" });
    expect(ecc.diagnosis).toMatchObject({ cause: "unreadableHeader", algorithm: "ECC224", keyVersion: "1" });
  });

  it("never carries the signature itself", async () => {
    const request = post({ body: body(), signer: stranger });
    const value = decodeURIComponent(/signature=([^,]+)/.exec(request.headers.get("Signature")!)![1]!);
    await sandbox.fetch(request);
    expect(JSON.stringify(sandbox.events)).not.toContain(value.slice(0, 24));
  });
});

/** A console request. */
const consoleCall = (method: string, path: string, init: { body?: string; type?: string } = {}) =>
  sandbox.fetch(
    new Request(BASE_URL + path, {
      method,
      ...(init.body !== undefined && { body: init.body }),
      headers: init.type ? { "Content-Type": init.type } : {},
    }),
  );
const state = async () => (await (await consoleCall("GET", "/console/state")).json()) as ConsoleState;

describe("the console's routes", () => {
  it("serves the page at GET / with a policy that allows its own inline code only, without counting it as a request", async () => {
    const response = await consoleCall("GET", "/");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/html; charset=UTF-8");
    const html = await response.text();
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    expect(response.headers.get("Content-Security-Policy")).toContain(
      `script-src 'sha256-${createHash("sha256").update(script).digest("base64")}'`,
    );
    expect(sandbox.stats.requests).toBe(0);
    expect(sandbox.events).toHaveLength(0);
  });

  it("keeps POST / and unknown paths what they were: the sandbox's 404", async () => {
    expect((await consoleCall("POST", "/", { body: "{}" })).status).toBe(404);
    expect(sandbox.events.at(-1)).toMatchObject({ type: "rejected", httpStatus: 404 });
    expect((await consoleCall("GET", "/console/nothing")).status).toBe(404);
  });

  it("queues a fault for the next request, refusing a bad kind, a bad flag and a body no page elsewhere could send", async () => {
    const plain = await consoleCall("POST", "/console/fault", { body: '{"kind":"http503"}', type: "text/plain" });
    expect(plain.status).toBe(415);
    expect(
      (
        await (
          await consoleCall("POST", "/console/fault", { body: '{"kind":"boom"}', type: "application/json" })
        ).json()
      ).error,
    ).toMatch(/^kind must be one of unknownException, /);
    expect(
      (
        await (
          await consoleCall("POST", "/console/fault", {
            body: '{"kind":"drop","processed":"yes"}',
            type: "application/json",
          })
        ).json()
      ).error,
    ).toMatch(/^processed /);
    expect((await state()).queuedFaults).toEqual([]);
    const queued = await consoleCall("POST", "/console/fault", {
      body: '{"kind":"http503","processed":false}',
      type: "application/json",
    });
    expect(await queued.json()).toEqual({ queued: ["http503"] });
    expect((await sandbox.fetch(post({ body: body() }))).status).toBe(503);
    expect((await sandbox.fetch(post({ body: body() }))).status).toBe(200);
    expect((await state()).requests.map((r) => r.fault)).toEqual([undefined, "http503"]);
    // a fault on a processed request is part of that request's entry
    sandbox.faultNext("http500", { processed: true });
    await sandbox.fetch(post({ body: body() }));
    sandbox.faultNext("http502", { processed: true });
    await sandbox.fetch(post({ body: body(), signer: stranger }));
    const [refused, applied] = (await state()).requests;
    expect(applied).toMatchObject({ outcome: "applied", resultCode: "SUCCESS", fault: "http500", httpStatus: 500 });
    expect(refused).toMatchObject({
      outcome: "rejected",
      resultCode: "INVALID_SIGNATURE",
      fault: "http502",
      httpStatus: 502,
    });
    expect((await state()).requests).toHaveLength(4);
  });

  it("resets: no orders, events, counters or queued faults, and the fault PRNG back at its seed", async () => {
    const faulty = await createSandbox({
      merchants: { [merchant.clientId]: merchant.publicKey },
      seed: 3,
      faults: { http503: 0.5 },
    });
    const statuses = async () => {
      const out = [];
      for (let i = 0; i < 12; i++) out.push((await faulty.fetch(post({ body: body() }))).status);
      return out;
    };
    const first = await statuses();
    expect(first).toContain(503);
    faulty.faultNext("http500");
    faulty.reset();
    expect([faulty.orders, faulty.events, faulty.stats.requests]).toEqual([[], [], 0]);
    expect(await statuses()).toEqual(first);

    await sandbox.fetch(post({ body: body() }));
    expect((await consoleCall("POST", "/console/reset", { body: "{}", type: "text/plain" })).status).toBe(415);
    expect(sandbox.orders).toHaveLength(1);
    expect((await consoleCall("POST", "/console/reset", { body: "", type: "application/json" })).status).toBe(200);
    expect(sandbox.orders).toHaveLength(0);
  });
});

describe("the console's state", () => {
  it("shows a performance notification as a card beside the order of the same number: the template's words, bizDate on its timeline", async () => {
    const notice = {
      requestId: "n".repeat(32),
      command: "SEND",
      productTemplateCode: "MOVIE_TICKET_DEFAULT",
      merchantBizNo: "card-2",
      orderStatus: "AWAIT_SCREENING",
      bizDate: 1_767_000_000_000,
      userId: "2160120000000001",
      syncDataInfo: { languageBusinessInfo: { en_US: "{}" }, amount: 12800 },
    };
    const path = "/api/open/alipay/intl/promotion/order/contractCardSync";
    await sandbox.fetch(
      post({ body: JSON.stringify(makeOrder("MOVIE_TICKET", "TICKETED", { merchantBizNo: "card-2" })) }),
    );
    await sandbox.fetch(post({ path, body: JSON.stringify(notice) }));
    await sandbox.fetch(
      post({
        path,
        body: JSON.stringify({
          ...notice,
          requestId: "m".repeat(32),
          command: "UPDATE",
          orderStatus: "CLOSED",
          bizDate: notice.bizDate + 1,
        }),
      }),
    );
    const cards = (await state()).merchants[0]!.cards;
    expect(cards.map((c) => [c.kind, c.title, c.status])).toEqual([
      ["order", "card-2", "TICKETED"],
      ["notification", "card-2", "CLOSED"],
    ]);
    const card = cards[1]!;
    expect(card).toMatchObject({
      scenario: "MOVIE_TICKET_DEFAULT",
      scenarioText: "Movie ticket notification",
      statusText: "The notification disappears from both.",
      amount: "128.00",
    });
    expect(card.timeline.map((t) => [t.outcome, t.to, t.moment?.label])).toEqual([
      ["applied", "AWAIT_SCREENING", "SEND bizDate"],
      ["applied", "CLOSED", "UPDATE bizDate"],
    ]);
  });

  it("shows an order as a card: the spec's words for its status, its amount, and every update with its outcome", async () => {
    const created = makeOrder("PASS_TICKET", "TICKETED", {
      merchantBizNo: "card-1",
      amount: { value: "5", currency: "HKD" },
      payAmount: { value: "12800", currency: "HKD" },
    });
    const used = nextUpdate(created, "USED");
    const late = { ...nextUpdate(created, "REFUNDED"), orderModifyTime: (created.orderModifyTime as number) - 1 };
    const refused = nextUpdate(used, "REFUNDED");
    for (const order of [created, used, late, refused]) await sandbox.fetch(post({ body: JSON.stringify(order) }));
    await sandbox.fetch(post({ body: JSON.stringify(used) })); // a retry: replayed

    const { merchants, requests } = await state();
    expect(merchants).toHaveLength(1);
    const [card] = merchants[0]!.cards;
    expect(card).toMatchObject({
      kind: "order",
      clientId: merchant.clientId,
      title: "card-1",
      scenario: "PASS_TICKET",
      scenarioText: "Admission tickets.",
      status: "USED",
      statusText: "Ticket used (end status).",
      amount: "HKD 0.05",
    });
    expect(card!.facts).toContainEqual({ label: "paid", value: "HKD 128.00" });
    expect(card!.timeline.map((t) => [t.outcome, t.to, t.resultCode])).toEqual([
      ["applied", "TICKETED", "SUCCESS"],
      ["applied", "USED", "SUCCESS"],
      ["stale", "REFUNDED", "SUCCESS"],
      ["refused", "REFUNDED", "ORDER_STATUS_INVALID"],
      ["replayed", "USED", "SUCCESS"],
    ]);
    expect(card!.timeline[1]!.moment).toEqual({
      label: "orderModifyTime",
      text: `${new Date(used.orderModifyTime as number).toISOString()} (${used.orderModifyTime})`,
    });
    expect(requests.map((r) => [r.outcome, r.attempt])).toEqual([
      ["replayed", 2],
      ["rejected", 1],
      ["stale", 1],
      ["applied", 1],
      ["applied", 1],
    ]);
    expect(requests[1]!.diagnosis).toEqual({
      kind: "status",
      rule: "USED is an end status of PASS_TICKET: no move out of it",
    });
  });

  it("lists the validation problems of a PARAM_ILLEGAL request", async () => {
    const { extInfo, orderCreateTime, ...order } = makeOrder("PASS_TICKET", "TICKETED");
    await sandbox.fetch(post({ body: JSON.stringify(order) }));
    const [request] = (await state()).requests;
    expect(request!.diagnosis).toEqual({
      kind: "params",
      problems: [
        "orderCreateTime is required",
        expect.stringMatching(/^extInfo is required \(inferred: .*createSandbox\(\{ strict: false \}\) accepts it\)$/),
      ],
    });
  });
});
