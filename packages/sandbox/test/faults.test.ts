/**
 * Fault injection: rates, reproducibility with a seed, each kind's shape, latency and aborts.
 */
import { createSandbox, FAULT_KINDS, SandboxDropError, type FaultOptions, type Sandbox } from "alipayhk-sandbox";
import { mulberry32 } from "alipayhk-sandbox/internal";
import { describe, expect, it } from "vitest";
import { KEY, makeMerchant, makeOrder, nextUpdate, signedRequest, verifyResponse } from "./helpers.js";

const merchant = makeMerchant("2102000000000021");

// One shared key for the sandboxes below: generating an RSA key per sandbox would dominate the run time.
const alipayPrivateKey = (await import("node:crypto"))
  .generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs8", format: "pem" }) as string;

const make = (faults: FaultOptions, seed = 1) =>
  createSandbox({ merchants: { [merchant.clientId]: merchant.publicKey }, alipayPrivateKey, faults, seed });

/** A short description of a response (or a thrown error), comparable between runs. */
async function outcome(sandbox: Sandbox, request: Request): Promise<string> {
  try {
    const response = await sandbox.fetch(request);
    const text = await response.text();
    if (!response.headers.get("Signature")) return `${response.status} unsigned`;
    if (!verifyResponse(text, response, sandbox, merchant.clientId)) return `${response.status} bad-signature`;
    return `${response.status} ${JSON.parse(text).result.resultCode}`;
  } catch (error) {
    return (error as Error).name;
  }
}

/** `n` requests: new orders, so that every real answer is SUCCESS. Signed once up front (signing is the slow part). */
function requests(n: number): Request[] {
  return Array.from({ length: n }, () =>
    signedRequest({ body: JSON.stringify(makeOrder("ALIPAY_COUPON", "TICKETED")), merchant }),
  );
}

describe("seeded fault injection", () => {
  it("1,000 requests with unknownException 0.2: the count is within a sane band, and agrees with stats and events", async () => {
    const sandbox = await make({ unknownException: 0.2 }, 2024);
    const outcomes = [];
    for (const request of requests(1000)) outcomes.push(await outcome(sandbox, request));
    const unknown = outcomes.filter((o) => o === "200 UNKNOWN_EXCEPTION").length;
    // Binomial(1000, 0.2): mean 200, sd 12.6; ±60 is more than 4.7 sd.
    expect(unknown).toBeGreaterThan(140);
    expect(unknown).toBeLessThan(260);
    expect(outcomes.filter((o) => o === "200 SUCCESS").length).toBe(1000 - unknown);
    expect(sandbox.stats).toMatchObject({
      requests: 1000,
      faults: { unknownException: unknown },
      results: { UNKNOWN_EXCEPTION: unknown, SUCCESS: 1000 - unknown },
    });

    const faults = sandbox.events.filter((e) => e.type === "fault");
    expect(faults).toHaveLength(unknown);
    // About half of the faulted requests were applied before the fault hid the answer.
    const applied = faults.filter((e) => e.applied).length;
    expect(applied).toBeGreaterThan(unknown * 0.3);
    expect(applied).toBeLessThan(unknown * 0.7);
    expect(sandbox.events.filter((e) => e.type === "applied")).toHaveLength(1000 - unknown + applied);
    expect(sandbox.orders).toHaveLength(1000 - unknown + applied);
    for (const event of faults) {
      expect(event).toMatchObject({ fault: "unknownException", clientId: merchant.clientId, httpStatus: 200 });
      expect(event.requestId).toMatch(/^\w{32}$/);
      expect(event.processed).toBe(event.applied);
    }
  });

  it("the same seed and the same requests give the same outcomes; another seed does not", async () => {
    const faults: FaultOptions = {
      unknownException: 0.1,
      http500: 0.1,
      http503: 0.1,
      drop: 0.1,
      truncate: 0.05,
      forgeSignature: 0.05,
      omitSignature: 0.05,
      http429: 0.05,
      http502: 0.05,
    };
    const run = async (seed: number) => {
      const sandbox = await make(faults, seed);
      const outcomes: string[] = [];
      for (const request of requests(150)) outcomes.push(await outcome(sandbox, request));
      return { outcomes, applied: sandbox.events.filter((e) => e.type === "fault").map((e) => e.applied) };
    };
    const a = await run(99);
    const b = await run(99);
    const c = await run(100);
    expect(b).toEqual(a);
    expect(c.outcomes).not.toEqual(a.outcomes);
    // Every kind showed up and looked as it should.
    for (const expected of [
      "200 UNKNOWN_EXCEPTION",
      "500 unsigned",
      "502 unsigned",
      "503 unsigned",
      "429 unsigned",
      "SandboxDropError",
      "200 bad-signature",
      "200 unsigned",
      "200 SUCCESS",
    ]) {
      expect(a.outcomes).toContain(expected);
    }
  });

  it("rates of 0 inject nothing", async () => {
    const sandbox = await make(Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])));
    for (const request of requests(50)) expect(await outcome(sandbox, request)).toBe("200 SUCCESS");
    expect(sandbox.stats.faults).toEqual({});
  });

  it("mulberry32 is deterministic and uniform enough", () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe("fault kinds", () => {
  it("drop throws SandboxDropError, a TypeError like fetch's network errors", async () => {
    const sandbox = await make({ drop: 1 });
    const error = await sandbox.fetch(requests(1)[0]!).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SandboxDropError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ name: "SandboxDropError", code: "ERR_SANDBOX_DROP" });
    expect(sandbox.events.at(-1)).toMatchObject({ type: "fault", fault: "drop" });
    expect(sandbox.stats.faults).toEqual({ drop: 1 });
  });

  it("http503 and http429 are unsigned with Retry-After: 0; 429 is never applied", async () => {
    for (const kind of ["http503", "http429"] as const) {
      const sandbox = await make({ [kind]: 1 });
      for (const request of requests(20)) {
        const response = await sandbox.fetch(request);
        expect(response.status).toBe(Number(kind.slice(4)));
        expect(response.headers.get("Retry-After")).toBe("0");
        expect(response.headers.get("Signature")).toBeNull();
      }
      const applied = sandbox.events.filter((e) => e.type === "fault" && e.applied).length;
      if (kind === "http429") expect(applied).toBe(0);
      else expect(applied).toBeGreaterThan(0);
      expect(sandbox.orders).toHaveLength(applied);
    }
  });

  it("after a 5xx, a retry with the same requestId is replayed if the update was applied first, applied otherwise", async () => {
    const sandbox = await make({ http500: 0.5 }, 3);
    const firstFaults = { applied: 0, notApplied: 0 };
    for (let i = 0; i < 40; i++) {
      const order = makeOrder("PASS_TICKET", "TICKETED");
      const body = JSON.stringify(order);
      for (let attempt = 0; (await sandbox.fetch(signedRequest({ body, merchant }))).status !== 200; attempt++)
        expect(attempt).toBeLessThan(50);
      const events = sandbox.events.filter((e) => e.requestId === order[KEY]);
      const firstFault = events.find((e) => e.type === "fault");
      if (firstFault) firstFaults[firstFault.applied ? "applied" : "notApplied"]++;
      const answers = events.filter((e) => e.type !== "fault").map((e) => e.type);
      // Applied exactly once, whatever the faults; every later attempt is a replay.
      expect(answers.filter((t) => t === "applied")).toHaveLength(1);
      expect(answers.slice(answers.indexOf("applied") + 1).every((t) => t === "replayed")).toBe(true);
      expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)?.history).toHaveLength(1);
    }
    expect(firstFaults.applied).toBeGreaterThan(0);
    expect(firstFaults.notApplied).toBeGreaterThan(0);
  });

  it.each([
    [
      "truncate",
      (text: string, response: Response) => {
        expect(() => JSON.parse(text)).toThrow(SyntaxError);
        expect(response.headers.get("Signature")).not.toBeNull();
      },
    ],
    [
      "forgeSignature",
      (text: string, response: Response) => {
        expect(JSON.parse(text).result).toBeDefined();
        expect(response.headers.get("Signature")).toMatch(/^algorithm=RSA256,keyVersion=1,signature=/);
      },
    ],
    [
      "omitSignature",
      (text: string, response: Response) => {
        expect(JSON.parse(text).result).toBeDefined();
        expect(response.headers.get("Signature")).toBeNull();
      },
    ],
  ] as const)("%s: a 200 answer that does not verify", async (kind, check) => {
    const sandbox = await make({ [kind]: 1 });
    const response = await sandbox.fetch(requests(1)[0]!);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(verifyResponse(text, response, sandbox, merchant.clientId)).toBe(false);
    check(text, response);
    expect(sandbox.stats.faults).toEqual({ [kind]: 1 });
  });

  it("responseTimeSkewMs shifts Response-Time, and the signature covers the shifted value", async () => {
    const sandbox = await createSandbox({
      merchants: { [merchant.clientId]: merchant.publicKey },
      alipayPrivateKey,
      faults: { responseTimeSkewMs: -3_600_000 },
      now: () => new Date("2030-01-01T12:00:00Z"),
    });
    const response = await sandbox.fetch(requests(1)[0]!);
    expect(response.headers.get("Response-Time")).toBe("2030-01-01T11:00:00+00:00");
    expect(verifyResponse(await response.text(), response, sandbox, merchant.clientId)).toBe(true);
  });
});

describe("faultNext", () => {
  it("forces the next requests' faults, in order, without shifting the seeded sequence", async () => {
    const reference = await make({ unknownException: 0.3 }, 8);
    const forced = await make({ unknownException: 0.3 }, 8);
    forced.faultNext("http503", { processed: true });
    forced.faultNext("omitSignature", { processed: false });
    const expected: string[] = [];
    const got: string[] = [];
    for (const request of requests(12)) expected.push(await outcome(reference, request));
    for (const request of requests(12)) got.push(await outcome(forced, request));
    expect(got.slice(0, 2)).toEqual(["503 unsigned", "200 unsigned"]);
    expect(got.slice(2)).toEqual(expected.slice(2));
    const [first, second] = forced.events.filter((e) => e.type === "fault");
    expect(first).toMatchObject({ fault: "http503", processed: true, applied: true });
    expect(second).toMatchObject({ fault: "omitSignature", processed: false, applied: false });
  });

  it("refuses an unknown kind", async () => {
    const sandbox = await make({});
    expect(() => sandbox.faultNext("meteor" as never)).toThrow(
      expect.objectContaining({ code: "ERR_SANDBOX_CONFIG", option: "kind" }),
    );
  });
});

describe("latency", () => {
  it("delays the answer by latencyMs", async () => {
    const sandbox = await make({ latencyMs: 60 });
    const started = performance.now();
    const response = await sandbox.fetch(requests(1)[0]!);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(response.status).toBe(200);
  });

  it("a [min, max] range stays within its bounds", async () => {
    const sandbox = await make({ latencyMs: [5, 25] });
    for (const request of requests(5)) {
      const started = performance.now();
      await sandbox.fetch(request);
      const took = performance.now() - started;
      expect(took).toBeGreaterThanOrEqual(4);
      expect(took).toBeLessThan(500);
    }
  });

  it("is cut short by the request's AbortSignal, with its reason, and applies nothing", async () => {
    const sandbox = await make({ latencyMs: 10_000 });
    const controller = new AbortController();
    const order = makeOrder("PASS_TICKET", "TICKETED");
    const request = signedRequest({ body: JSON.stringify(order), merchant, signal: controller.signal });
    const started = performance.now();
    const pending = sandbox.fetch(request);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(sandbox.orders).toHaveLength(0);
  });

  it("an already aborted request is rejected at once", async () => {
    const sandbox = await make({ latencyMs: 10_000 });
    const request = signedRequest({
      body: JSON.stringify(makeOrder("PASS_TICKET", "TICKETED")),
      merchant,
      signal: AbortSignal.abort(new Error("gone")),
    });
    await expect(sandbox.fetch(request)).rejects.toThrow("gone");
  });

  it("adding latency does not change which faults a seed gives", async () => {
    const base = await make({ unknownException: 0.5 }, 11);
    const slow = await make({ unknownException: 0.5, latencyMs: [0, 2] }, 11);
    const a: string[] = [];
    const b: string[] = [];
    for (const request of requests(30)) a.push(await outcome(base, request));
    for (const request of requests(30)) b.push(await outcome(slow, request));
    expect(b).toEqual(a);
  });
});

describe("retries against faults", () => {
  it("retrying with the same requestId converges: applied once, replayed afterwards", async () => {
    const sandbox = await make({ unknownException: 0.3, http503: 0.3 }, 77);
    let order = makeOrder("SELF_PICK", "PENDING");
    for (const status of ["PENDING", "ORDER_TAKEN", "TO_PICK_UP", "FINISHED"]) {
      if (status !== "PENDING") order = nextUpdate(order, status);
      const body = JSON.stringify(order);
      for (let attempt = 0; ; attempt++) {
        expect(attempt).toBeLessThan(50);
        const result = await outcome(sandbox, signedRequest({ body, merchant }));
        if (result === "200 SUCCESS") break;
      }
      const events = sandbox.events.filter((e) => e.requestId === order[KEY] && e.type !== "fault");
      expect(events.filter((e) => e.type === "applied")).toHaveLength(1);
      expect(events.every((e) => e.type === "applied" || e.type === "replayed")).toBe(true);
    }
    expect(sandbox.order(merchant.clientId, order.merchantBizNo as string)?.history.map((h) => h.to)).toEqual([
      "PENDING",
      "ORDER_TAKEN",
      "TO_PICK_UP",
      "FINISHED",
    ]);
  });
});
