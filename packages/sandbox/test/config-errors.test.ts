/**
 * Bad options and arguments: each is a SandboxConfigError (code ERR_SANDBOX_CONFIG) naming the option at fault.
 */
import { AlipayHKError } from "alipayhk-signature";
import { createSandbox, FAULT_KINDS, SandboxConfigError, type SandboxOptions } from "alipayhk-sandbox";
import { describe, expect, it } from "vitest";
import { makeMerchant } from "./helpers.js";

const merchant = makeMerchant("2102000000000031");
// one key for every sandbox below: generating one each would dominate the run time
const { privateKey: alipayPrivateKey } = makeMerchant("unused");

/** What createSandbox(options) rejects with. */
const refusal = (options: unknown) =>
  createSandbox({ alipayPrivateKey, ...(options as SandboxOptions) }).then(
    () => expect.fail("createSandbox accepted a bad option"),
    (error: unknown) => error,
  );

function expectConfigError(error: unknown, option: string, message: RegExp): void {
  expect(error).toBeInstanceOf(SandboxConfigError);
  expect(error).toBeInstanceOf(AlipayHKError);
  expect(error).toMatchObject({ name: "SandboxConfigError", code: "ERR_SANDBOX_CONFIG", option });
  expect((error as Error).message.startsWith(`${option} `)).toBe(true);
  expect((error as Error).message).toMatch(message);
}

describe("createSandbox refuses a bad option with a SandboxConfigError naming it", () => {
  it.each<[string, unknown, string, RegExp]>([
    ["a fractional seed", { seed: 1.5 }, "seed", /must be an integer \(got 1\.5\)/],
    ["a seed given as text", { seed: "42" }, "seed", /got "42"/],
    ["a zero maxBodyBytes", { maxBodyBytes: 0 }, "maxBodyBytes", /positive integer \(got 0\)/],
    ["an infinite maxBodyBytes", { maxBodyBytes: Infinity }, "maxBodyBytes", /got Infinity/],
    ["a clock that is not a function", { now: new Date(0) }, "now", /must be a function/],
    ["merchants as an array", { merchants: [merchant.publicKey] }, "merchants", /must be an object/],
    [
      "an empty Client-Id",
      { merchants: { "": merchant.publicKey } },
      "merchants: a Client-Id",
      /non-empty string \(got ""\)/,
    ],
    ["faults that are not an object", { faults: 0.5 }, "faults", /must be an object .*\(got 0\.5\)/],
    ["a negative rate", { faults: { http500: -1 } }, "faults.http500", /rate between 0 and 1 \(got -1\)/],
    ["a rate above 1", { faults: { drop: 2 } }, "faults.drop", /got 2/],
    ["a rate given as text", { faults: { truncate: "0.1" } }, "faults.truncate", /got "0\.1"/],
    ["rates over 1 in all", { faults: { http500: 0.7, drop: 0.7 } }, "faults", /add up to 1\.4; .* at most 1/],
    [
      "a reversed latency range",
      { faults: { latencyMs: [10, 5] } },
      "faults.latencyMs",
      /\[min, max\] range \(got \[10,5\]\)/,
    ],
    ["a negative latency", { faults: { latencyMs: -5 } }, "faults.latencyMs", /got -5/],
    ["a latency given as text", { faults: { latencyMs: "5" } }, "faults.latencyMs", /got "5"/],
    ["a NaN skew", { faults: { responseTimeSkewMs: NaN } }, "faults.responseTimeSkewMs", /milliseconds \(got NaN\)/],
    ["a skew given as text", { faults: { responseTimeSkewMs: "10" } }, "faults.responseTimeSkewMs", /got "10"/],
    ["retention that is not an object", { retention: 3 }, "retention", /must be an object/],
    ["a zero retention limit", { retention: { events: 0 } }, "retention.events", /positive integer or Infinity/],
  ])("%s", async (_, options, option, message) => {
    expectConfigError(await refusal(options), option, message);
  });

  it("options that are not an object", async () => {
    const error = await createSandbox(null as never).catch((e: unknown) => e);
    expectConfigError(error, "options", /must be an object \(got null\)/);
  });
});

describe("the sandbox's methods refuse bad arguments with a SandboxConfigError", () => {
  it("addMerchant with an empty clientId", async () => {
    const sandbox = await createSandbox({ alipayPrivateKey });
    const error = await sandbox.addMerchant("", merchant.publicKey).catch((e: unknown) => e);
    expectConfigError(error, "clientId", /non-empty string/);
  });

  it("faultNext with an unknown kind, naming the kinds", async () => {
    const sandbox = await createSandbox({ alipayPrivateKey });
    let error: unknown;
    try {
      sandbox.faultNext("meteor" as never);
    } catch (e) {
      error = e;
    }
    expectConfigError(error, "kind", new RegExp(`one of ${FAULT_KINDS.join(", ")} \\(got "meteor"\\)`));
  });

  it("faultNext with a processed that is not a boolean, and queues nothing", async () => {
    const sandbox = await createSandbox({ alipayPrivateKey });
    let error: unknown;
    try {
      sandbox.faultNext("http503", { processed: "yes" as never });
    } catch (e) {
      error = e;
    }
    expectConfigError(error, "processed", /true, false or absent \(got "yes"\)/);
    const state = await (await sandbox.fetch(new Request("http://sandbox.test/console/state"))).json();
    expect(state.queuedFaults).toEqual([]);
  });
});
