/**
 * A SUCCESS the client refused is never shown as a plain SUCCESS: the sandbox cannot see the client refuse an answer,
 * but a re-send of the same requestId (and body) after a SUCCESS that reached it whole says so. Reproduced with the
 * real client given a wrong alipayPublicKey, as a merchant whose secrets are mixed up would be.
 */
import { createOrderClient, type OrderInput } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { beforeEach, describe, expect, it } from "vitest";
import type { ConsoleState, RequestEntry } from "../src/console/state.js";
import { makeMerchant, makeOrder } from "./helpers.js";

const merchant = makeMerchant("2102000000000888");
const somebodyElse = makeMerchant("2102000000000999"); // its public key is not the sandbox's

const REFUSED =
  /^answered SUCCESS, but the client re-sent the same requestId: it likely refused the answer \(e\.g\. a wrong alipayPublicKey\)/;
const RESENT =
  /^re-sent after a SUCCESS answer: the client likely refused that answer \(e\.g\. a wrong alipayPublicKey\)/;

let sandbox: Sandbox;
beforeEach(async () => {
  sandbox = await createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, seed: 3 });
});

/** The real client, signing with `privateKey` and verifying answers with `alipayPublicKey`. */
const clientWith = (alipayPublicKey: string, privateKey = merchant.privateKey) =>
  createOrderClient({
    clientId: merchant.clientId,
    privateKey,
    alipayPublicKey,
    baseUrl: "https://sandbox.local",
    fetch: sandbox.fetch,
  });

async function state(query = ""): Promise<ConsoleState> {
  return (await sandbox.fetch(new Request(`https://sandbox.local/console/state${query}`))).json();
}

/** The request log, oldest first. */
const log = async () => [...(await state()).requests].reverse();

/** An order body with its own requestId: sending it again is a re-send of the same call. */
const order = () => makeOrder("PASS_TICKET", "TICKETED") as OrderInput & { requestId: string };

describe("a SUCCESS followed by a re-send of its requestId", () => {
  it("is noted when the client's alipayPublicKey is wrong: the answer and the re-send both say so", async () => {
    const wrong = clientWith(somebodyElse.publicKey);
    const body = order();
    for (let run = 0; run < 2; run++) {
      const refusal = { code: "ERR_RESPONSE_SIGNATURE", requestId: body.requestId };
      await expect(wrong.syncOrder(body)).rejects.toMatchObject(refusal);
    }
    const [first, second] = (await log()) as [RequestEntry, RequestEntry];
    expect(first).toMatchObject({ outcome: "applied", resultCode: "SUCCESS", requestId: body.requestId, attempt: 1 });
    expect(first.note).toMatch(REFUSED);
    expect(second).toMatchObject({ outcome: "replayed", resultCode: "SUCCESS", requestId: body.requestId, attempt: 2 });
    expect(second.note).toMatch(RESENT);
    // applied once: the note is about what the client made of the answer, not about the order
    expect(sandbox.order(merchant.clientId, body.merchantBizNo as string)!.history).toHaveLength(1);
  });

  it("moves the note along as re-sends come: each SUCCESS re-sent is noted as refused, the last as a re-send", async () => {
    const wrong = clientWith(somebodyElse.publicKey);
    const body = order();
    for (let run = 0; run < 3; run++) await wrong.syncOrder(body).catch(() => {});
    const notes = (await log()).map((r) => r.note);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(REFUSED);
    expect(notes[1]).toMatch(REFUSED);
    expect(notes[2]).toMatch(RESENT);
  });

  it("is not noted when the client took the answer, nor for a retry after a refusal", async () => {
    const right = clientWith(sandbox.alipayPublicKey);
    await right.syncOrder(order());
    // the same requestId, first signed with another key (refused), then with the right one
    const body = order();
    const stranger = clientWith(sandbox.alipayPublicKey, somebodyElse.privateKey);
    await expect(stranger.syncOrder(body)).rejects.toMatchObject({ code: "ERR_INVALID_SIGNATURE" });
    await right.syncOrder(body);
    const requests = await log();
    expect(requests.map((r) => [r.outcome, r.resultCode])).toEqual([
      ["applied", "SUCCESS"],
      ["rejected", "INVALID_SIGNATURE"],
      ["applied", "SUCCESS"],
    ]);
    expect(requests.map((r) => r.note)).toEqual([undefined, undefined, undefined]);
  });

  it("is not noted when a fault spoilt the SUCCESS on its way: the client was right to send it again", async () => {
    const right = clientWith(sandbox.alipayPublicKey);
    const body = order();
    sandbox.faultNext("forgeSignature", { processed: true });
    await expect(right.syncOrder(body)).rejects.toMatchObject({ code: "ERR_RESPONSE_SIGNATURE" });
    await expect(right.syncOrder(body)).resolves.toMatchObject({ result: { resultCode: "SUCCESS" } });
    const requests = await log();
    expect(requests.map((r) => [r.outcome, r.fault])).toEqual([
      ["applied", "forgeSignature"],
      ["replayed", undefined],
    ]);
    expect(requests.map((r) => r.note)).toEqual([undefined, undefined]);
  });

  it("reaches a page that polls: the re-send comes with the earlier request, now noted, to replace", async () => {
    const wrong = clientWith(somebodyElse.publicKey);
    const body = order();
    await wrong.syncOrder(body).catch(() => {});
    const before = await state();
    expect(before.requests[0]!.note).toBeUndefined(); // nothing tells yet
    await wrong.syncOrder(body).catch(() => {});
    const changes = await state(`?since=${before.seq}&epoch=${before.epoch}`);
    expect(changes.full).toBe(false);
    expect(changes.requests).toHaveLength(1);
    expect(changes.requests[0]!.note).toMatch(RESENT);
    expect(changes.updatedRequests).toHaveLength(1);
    const earlier = before.requests[0]!;
    expect(changes.updatedRequests![0]).toMatchObject({
      seq: earlier.seq,
      outcome: "applied",
      requestId: body.requestId,
    });
    expect(changes.updatedRequests![0]!.note).toMatch(REFUSED);
    // a poll with nothing new updates nothing
    expect((await state(`?since=${changes.seq}&epoch=${changes.epoch}`)).updatedRequests).toBeUndefined();
  });
});

describe("request rows", () => {
  it("carry the merchantBizNo and the status sent", async () => {
    const body = order();
    await clientWith(sandbox.alipayPublicKey).syncOrder(body);
    const [entry] = await log();
    expect(entry).toMatchObject({ merchantBizNo: body.merchantBizNo, status: "TICKETED" });
  });
});
