/**
 * The client's errors: only codes that can be thrown are listed, a result error's code follows the spec's facts, and
 * each error leaves the client whole (the call's requestId and attempts in it from the start).
 */
import { RESULT_CODES } from "alipayhk-spec";
import { describe, expect, test } from "vitest";
import { ORDER_ERROR_CODES, ResultError, type OrderError } from "../src/index.js";
import { KEY, movie, setup } from "./setup.js";
import type { Answer } from "./fake-alipay.js";

const PARAM_ILLEGAL = { resultCode: "PARAM_ILLEGAL", resultStatus: "F" };
const CATEGORIES = [
  "ERR_VALIDATION",
  "ERR_CONFIG",
  "ERR_RESULT",
  "ERR_UNKNOWN_RESULT",
  "ERR_RESPONSE_SIGNATURE",
  "ERR_RESPONSE_FORMAT",
  "ERR_HTTP",
  "ERR_TIMEOUT",
  "ERR_NETWORK",
  "ERR_ABORTED",
];

/** The spec's codes that end a call as a definite failure: not a success (S), and not retried. */
const failures = Object.entries(RESULT_CODES).filter(([, facts]) => facts.status !== "S" && !facts.retryable);

describe("ORDER_ERROR_CODES", () => {
  test("lists the categories and ERR_<code> for each failure code of the spec, nothing that cannot be thrown", () => {
    expect([...ORDER_ERROR_CODES].sort()).toEqual([...CATEGORIES, ...failures.map(([code]) => `ERR_${code}`)].sort());
    for (const never of ["ERR_SUCCESS", "ERR_UNKNOWN_EXCEPTION", "ERR_REQUEST_TRAFFIC_EXCEED_LIMIT"]) {
      expect(ORDER_ERROR_CODES).not.toContain(never);
    }
    expect(ORDER_ERROR_CODES).toContain("ERR_PARAM_ILLEGAL");
  });
});

describe("ResultError", () => {
  test.each(failures.map(([code]) => code))("%s answered F is ERR_%s", (code) => {
    expect(new ResultError({ resultCode: code, resultStatus: "F" }).code).toBe(`ERR_${code}`);
  });

  test.each(["SUCCESS", "UNKNOWN_EXCEPTION", "REQUEST_TRAFFIC_EXCEED_LIMIT", "SOMETHING_NEW", "toString", undefined])(
    "%s (no failure code of the spec) is ERR_RESULT, whose resultCode keeps what AlipayHK sent",
    (code) => {
      const error = new ResultError({ resultCode: code, resultStatus: "F" });
      expect(error.code).toBe("ERR_RESULT");
      expect(error.resultCode).toBe(code);
    },
  );
});

describe("errors leave the client with the call's requestId and attempts", () => {
  const rejection = (answers: Answer[]) =>
    setup(answers, { retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 } })
      .client.syncOrder({ ...movie(), [KEY]: "the-call-id" })
      .then(
        () => expect.fail("the call succeeded"),
        (error: OrderError) => error,
      );

  test.each<[string, Answer[], string, number]>([
    ["a network failure, on each attempt", [{ networkError: true }], "ERR_NETWORK", 2],
    ["an unsigned 503, on each attempt", [{ httpStatus: 503, unsigned: true }], "ERR_HTTP", 2],
    ["an unsigned 404", [{ httpStatus: 404, unsigned: true }], "ERR_HTTP", 1],
    ["a forged answer", [{ signWith: "other" }], "ERR_RESPONSE_SIGNATURE", 1],
    ["a signed answer that is not JSON", [{ rawBody: "not json" }], "ERR_RESPONSE_FORMAT", 1],
    ["a failure after a network error", [{ networkError: true }, { result: PARAM_ILLEGAL }], "ERR_PARAM_ILLEGAL", 2],
  ])("%s", async (_, answers, code, attempts) => {
    const error = await rejection(answers);
    expect(error).toMatchObject({ code, requestId: "the-call-id", attempts });
  });
});
