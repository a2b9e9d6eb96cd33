import { describe, expect, it } from "vitest";
import { alipayTimeMs, parseAlipayTime } from "../src/internal.js";

// Expected instants are written out by hand (epoch ms of 2024-05-22T06:42:21Z is 1716360141000).
const T = 1_716_360_141_000;

describe("parseAlipayTime: the Request-Time / Response-Time forms of Alipay's SDKs", () => {
  it.each([
    ["2024-05-22T06:42:21+00:00", T, "iso-8601"], // Python SDK, and this package's own form
    ["2024-05-22T06:42:21Z", T, "iso-8601"],
    ["2024-05-22T14:42:21+08:00", T, "iso-8601"],
    ["2024-05-22T06:42:21.250+00:00", T + 250, "iso-8601"],
    ["2024-05-22T01:12:21-05:30", T, "iso-8601"],
    ["2024-05-22T14:42:21+0800", T, "iso-8601-no-colon"], // PHP SDK
    ["2024-05-22T06:42:21+0000", T, "iso-8601-no-colon"],
    ["2024-05-22T14:42:21+08", T, "iso-8601-no-colon"],
    ["1716360141000", T, "epoch-ms"], // Java SDK
  ])("%s", (text, ms, form) => {
    expect(parseAlipayTime(text)).toEqual({ ms, form });
  });

  it.each([
    "",
    "yesterday",
    "2024-05-22T06:42:21",
    "2024-02-30T00:00:00Z",
    "2024-05-22T24:00:00Z",
    "2024-05-22T06:42:21+08:",
    "2024-05-22T06:42:21+19:00",
    "17163601410001234",
    "-1716360141000",
    "1716360141000.5",
  ])("not a time: %j", (text) => {
    expect(parseAlipayTime(text)).toBeUndefined();
  });
});

describe("alipayTimeMs: the instant alone, leniently", () => {
  it.each([
    ["2024-05-22T06:42:21.123456+00:00", T + 123], // Python's isoformat() with microseconds
    ["2024-05-22T14:42:21+08", T],
    ["1716360141000", T],
  ])("%s", (text, ms) => {
    expect(alipayTimeMs(text)).toBe(ms);
  });

  it.each(["yesterday", "2024-05-22T06:42:21", "2024-05-22 06:42:21Z", ""])("NaN for %j", (text) => {
    expect(alipayTimeMs(text)).toBeNaN();
  });
});
