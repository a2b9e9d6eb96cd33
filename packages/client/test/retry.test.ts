import { afterEach, describe, expect, test, vi } from "vitest";
import {
  AbortedError,
  ConfigError,
  HttpError,
  NetworkError,
  ResponseFormatError,
  ResponseSignatureError,
  ResultError,
  TimeoutError,
  UnknownResultError,
  ValidationError,
} from "../src/errors.js";
import { isRetryable, retryDelay } from "../src/retry.js";

afterEach(() => vi.restoreAllMocks());
const random = (value: number) => vi.spyOn(Math, "random").mockReturnValue(value);

describe("retryDelay", () => {
  test("exponential steps from initialDelayMs, with 50–100% jitter", () => {
    random(0);
    expect([1, 2, 3, 4].map((attempts) => retryDelay({ maxAttempts: 9 }, attempts, 0))).toEqual([100, 200, 400, 800]);
    random(0.999_999);
    expect(retryDelay({ maxAttempts: 9 }, 1, 0)).toBeCloseTo(200, 3);
  });

  test("maxDelayMs caps a step, and a server's Retry-After, which is otherwise honoured", () => {
    random(0);
    expect(retryDelay({ maxAttempts: 20, maxDelayMs: 1_000 }, 10, 0)).toBe(500); // 1,000 capped, then jittered
    expect(retryDelay({ maxAttempts: 9 }, 1, 0, 3_000)).toBe(3_000);
    expect(retryDelay({ maxAttempts: 9, maxDelayMs: 2_000 }, 1, 0, 60_000)).toBe(2_000);
  });

  test("no delay (no retry) after maxAttempts, or when the wait would pass maxElapsedMs", () => {
    random(0.5);
    expect(retryDelay({}, 3, 0)).toBeUndefined(); // default: 3 attempts in all
    expect(retryDelay({}, 2, 0)).toBe(300);
    expect(retryDelay({ maxElapsedMs: 1_000 }, 2, 800)).toBeUndefined();
    expect(retryDelay({ maxAttempts: Infinity, maxElapsedMs: 10_000 }, 50, 0)).toBe(3_750); // 5,000 cap × 0.75
  });
});

describe("isRetryable: the one retry decision", () => {
  test("results: U and the retryable codes, whatever their letter; never S, nor another F", () => {
    expect(isRetryable({ resultStatus: "U", resultCode: "ANYTHING" })).toBe(true);
    expect(isRetryable({ resultStatus: "F", resultCode: "UNKNOWN_EXCEPTION" })).toBe(true);
    expect(isRetryable({ resultStatus: "F", resultCode: "REQUEST_TRAFFIC_EXCEED_LIMIT" })).toBe(true);
    expect(isRetryable({ resultStatus: "F", resultCode: "PARAM_ILLEGAL" })).toBe(false);
    expect(isRetryable({ resultStatus: "F", resultCode: "toString" })).toBe(false); // not a code: no prototype lookups
    expect(isRetryable({ resultStatus: "S", resultCode: "UNKNOWN_EXCEPTION" })).toBe(false);
  });

  test("results of an operation: that operation's retryable codes", () => {
    const operation = { retryable: ["ORDER_NOT_FOUND"] };
    expect(isRetryable({ resultStatus: "F", resultCode: "ORDER_NOT_FOUND" }, operation)).toBe(true);
    expect(isRetryable({ resultStatus: "F", resultCode: "UNKNOWN_EXCEPTION" }, operation)).toBe(false);
    expect(isRetryable({ resultStatus: "U", resultCode: "ANYTHING" }, operation)).toBe(true);
  });

  test("errors: an outcome a new attempt may learn (timeout, network, 5xx/408/429, unknown result), no other", () => {
    const retried = [
      new TimeoutError(10),
      new NetworkError(),
      new HttpError(503),
      new HttpError(408),
      new HttpError(429),
    ];
    for (const error of [...retried, new UnknownResultError({ attempts: 3, resultCode: "UNKNOWN_EXCEPTION" })]) {
      expect([error.code, isRetryable(error)]).toEqual([error.code, true]);
    }
    const final = [
      new HttpError(404), // refused before it reached AlipayHK
      new ResponseSignatureError("forged"), // the same key fails the same way again
      new ResponseFormatError("not JSON"),
      new AbortedError({ attempts: 1 }), // the caller stopped the call
      new ResultError({ resultCode: "PARAM_ILLEGAL", resultStatus: "F" }),
      new ConfigError("privateKey: bad"),
      new ValidationError([]),
    ];
    for (const error of final) expect([error.code, isRetryable(error)]).toEqual([error.code, false]);
  });
});
