// The soak in short: ~500 logical syncs of the real client against the sandbox served on 127.0.0.1, with every
// kind of fault, then the invariants (nothing lost, nothing doubled, nothing forged). `npm run soak` runs the
// same code with 10,000 syncs on the built packages. The second half shows that the checker itself can fail.
import { describe, expect, it } from "vitest";
import { VARIANTS } from "alipayhk-order";
import {
  checkSoak,
  LIFECYCLES,
  makePlan,
  runSoak,
  SHORT,
  type SoakOrder,
  type SoakStep,
  type SyncRecord,
} from "../../soak/soak.mjs";

const FAULT_KINDS = [
  "unknownException",
  "http500",
  "http502",
  "http503",
  "http429",
  "drop",
  "truncate",
  "forgeSignature",
  "omitSignature",
];

describe("soak (short)", () => {
  it("500 syncs under faults: every sync ends once, typed; nothing lost, doubled or forged; recovery converges", async () => {
    // The deadline and hang bounds only catch a hang: generous, so that a busy machine cannot fail the run.
    const report = await runSoak({ ...SHORT, host: "inline", concurrency: 30, deadlineMs: 150_000, hangMs: 60_000 });
    if (report.failures.length) console.error(report.table);
    expect(report.failures).toEqual([]);
    expect(report.summary.logicalSyncs).toBe(500);
    // The run met every fault kind, timeouts, refusals, forgeries and recovery: otherwise it proved little.
    for (const kind of FAULT_KINDS) expect(report.summary.faults[kind] ?? 0, kind).toBeGreaterThan(0);
    expect(report.summary.byCode.SUCCESS).toBeGreaterThan(300);
    expect(report.summary.byCode.ERR_INVALID_SIGNATURE ?? 0).toBeGreaterThan(0); // forged requests refused
    expect(
      (report.summary.byCode.ERR_PARAM_ILLEGAL ?? 0) + (report.summary.byCode.ERR_ORDER_STATUS_INVALID ?? 0),
    ).toBeGreaterThan(0);
    expect(report.summary.events.applied).toBeGreaterThan(300);
    expect(report.summary.events.replayed ?? 0).toBeGreaterThan(0);
    expect(report.table).toContain("All invariants held");
  }, 180_000);

  it("plans legal lifecycles for every scenario of the spec, exactly the number of syncs asked for", () => {
    const orders = makePlan({ ...SHORT, syncs: 777 }, { plain: "P", encrypted: "E" });
    expect(orders.reduce((n, o) => n + o.steps.length, 0)).toBe(777);
    expect(new Set(orders.map((o) => o.bizType))).toEqual(new Set(Object.keys(VARIANTS.syncOrder.values)));
    expect(Object.keys(LIFECYCLES).sort()).toEqual(Object.keys(VARIANTS.syncOrder.values).sort());
    for (const order of orders) {
      const times = order.steps.filter((s) => s.kind !== "forged").map((s) => s.orderModifyTime);
      expect([...times].sort((a, b) => a - b)).toEqual(times); // increasing orderModifyTime
    }
    expect(new Set(orders.flatMap((o) => o.steps.map((s) => s.requestId))).size).toBe(777);
  });
});

// ---- The checker, fed a tiny consistent history and then one violation at a time. ----

const genuine = (resultStatus: string, resultCode: string) => ({
  status: 200,
  genuine: true,
  encrypted: false,
  resultStatus,
  resultCode,
  skewSpike: false,
});
const success = (requestId: string, attempts = 1): SyncRecord => ({
  phase: "main",
  ok: true,
  code: "SUCCESS",
  resultStatus: "S",
  attempts,
  requestId,
  observed: [...Array.from({ length: attempts - 1 }, () => genuine("U", "UNKNOWN_EXCEPTION")), genuine("S", "SUCCESS")],
});
const failure = (
  requestId: string,
  code: string,
  outcome: "not_applied" | "unknown",
  observed = [genuine("F", "ORDER_STATUS_INVALID")],
): SyncRecord => ({
  phase: "main",
  ok: false,
  code,
  outcome,
  attempts: observed.length,
  requestId,
  isOrderError: true,
  isResultError: outcome === "not_applied",
  name: "OrderError",
  message: "AlipayHK answered ORDER_STATUS_INVALID: USED is an end status",
  observed,
});

function world() {
  const order: SoakOrder = { key: "C/B1", clientId: "C", merchantBizNo: "B1", bizType: "PASS_TICKET", steps: [] };
  const step = (n: number, status: string, kind: SoakStep["kind"] = "lifecycle"): SoakStep => ({
    kind,
    order,
    n,
    requestId: `r${n}`,
    status,
    orderModifyTime: 1_000 + n,
    syncs: [],
    final: undefined,
  });
  const [s0, s1, probe] = [
    step(0, "TICKETED"),
    step(1, "USED"),
    { ...step(2, "TICKETED", "probe"), expectCode: "ERR_ORDER_STATUS_INVALID" },
  ];
  s0.syncs.push(success("r0"));
  s0.final = "success";
  s1.syncs.push(success("r1", 2));
  s1.final = "success";
  probe.syncs.push(failure("r2", "ERR_ORDER_STATUS_INVALID", "not_applied"));
  probe.final = "failed";
  order.steps.push(s0, s1, probe);
  const applied = (requestId: string, seq: number) => ({
    seq,
    type: "applied",
    requestId,
    clientId: "C",
    merchantBizNo: "B1",
  });
  const events: Record<string, unknown>[] = [
    applied("r0", 1),
    applied("r1", 2),
    { seq: 3, type: "rejected", requestId: "r2", resultCode: "ORDER_STATUS_INVALID" },
  ];
  const state = {
    clientId: "C",
    merchantBizNo: "B1",
    orderStatus: "USED",
    orderModifyTime: 1_001,
    history: [
      { requestId: "r0", to: "TICKETED", orderModifyTime: 1_000 },
      { requestId: "r1", from: "TICKETED", to: "USED", orderModifyTime: 1_001 },
    ],
  };
  return {
    order,
    steps: { s0, s1, probe },
    events,
    state,
    check: () => checkSoak({ orders: [order], snapshot: { events, orders: [state] }, maxAttempts: 4 }),
  };
}

describe("soak checker", () => {
  it("passes a consistent history", () => {
    expect(world().check()).toEqual([]);
  });

  it("fails a doubled state change (a requestId applied twice)", () => {
    const w = world();
    w.events.push({ seq: 9, type: "applied", requestId: "r1", clientId: "C", merchantBizNo: "B1" });
    expect(w.check().join("\n")).toMatch(/r1 was applied 2 times/);
  });

  it("fails a lost update (reported SUCCESS, never applied)", () => {
    const w = world();
    w.events.splice(1, 1);
    w.state.history.pop();
    expect(w.check().join("\n")).toMatch(/reported SUCCESS but applied 0 times/);
  });

  it("fails a definite failure that was applied", () => {
    const w = world();
    w.events.push({ seq: 9, type: "applied", requestId: "r2", clientId: "C", merchantBizNo: "B1" });
    const text = w.check().join("\n");
    expect(text).toMatch(/not_applied\) but was applied/);
    expect(text).toMatch(/a probe update .* was applied/);
  });

  it("fails an applied forgery and a forged success", () => {
    const w = world();
    const forged: SoakStep = {
      ...w.steps.s0,
      kind: "forged",
      n: 100,
      requestId: "f1",
      syncs: [success("f1")],
      final: "success",
    };
    w.order.steps.push(forged);
    w.events.push({ seq: 9, type: "applied", requestId: "f1", clientId: "C", merchantBizNo: "B1" });
    const text = w.check().join("\n");
    expect(text).toMatch(/a forged update .* was applied/);
    expect(text).toMatch(/forged request was reported as a success/);
  });

  it("fails more attempts than maxAttempts, or attempts not matching what was sent", () => {
    const w = world();
    w.steps.s1.syncs[0] = success("r1", 5);
    expect(w.check().join("\n")).toMatch(/5 attempts \(maxAttempts 4\)/);
    const v = world();
    v.steps.s1.syncs[0]!.observed.push(genuine("S", "SUCCESS"));
    expect(v.check().join("\n")).toMatch(/reports 2 attempts, sent 3/);
  });

  it("fails an F answer that was retried", () => {
    const w = world();
    w.steps.probe.syncs[0] = failure("r2", "ERR_ORDER_STATUS_INVALID", "not_applied", [
      genuine("F", "ORDER_STATUS_INVALID"),
      genuine("F", "ORDER_STATUS_INVALID"),
    ]);
    expect(w.check().join("\n")).toMatch(/got a signed ORDER_STATUS_INVALID \(F\) and the client tried again/);
  });

  it("fails an untyped error, an unknown code and a success without a genuine answer", () => {
    const w = world();
    w.steps.probe.syncs[0] = {
      ...failure("r2", "ERR_SOMETHING", "not_applied"),
      isOrderError: false,
      name: "TypeError",
    };
    const text = w.check().join("\n");
    expect(text).toMatch(/not an OrderError/);
    expect(text).toMatch(/ERR_SOMETHING is not a stable OrderError code/);
    const v = world();
    v.steps.s0.syncs[0]!.observed[0]!.genuine = false;
    expect(v.check().join("\n")).toMatch(/not genuinely signed, but the client reported SUCCESS/);
  });

  it("fails a final state that is not the last update, and an unknown that never converged", () => {
    const w = world();
    w.state.orderStatus = "TICKETED";
    w.steps.s1.final = "unknown";
    const text = w.check().join("\n");
    expect(text).toMatch(/final state TICKETED@1001, last update USED@1001/);
    expect(text).toMatch(/still unknown after 1 syncs/);
  });

  it("fails an error message carrying key-like base64", () => {
    const w = world();
    w.steps.probe.syncs[0]!.message = `bad key ${"A".repeat(64)}`;
    expect(w.check().join("\n")).toMatch(/long base64 run/);
  });
});
