// The CLI's small helpers, on their own: the "did you mean" choice and the line printed for a bug.
import { describe, expect, test } from "vitest";
import { bugLine, closest } from "../src/io.js";

describe("closest", () => {
  test.each([
    ["--kee", ["--key", "--body", "--time"], "--key"],
    ["ALIPAYHK_CLIENTID", ["ALIPAYHK_CLIENT_ID", "ALIPAYHK_BASE_URL"], "ALIPAYHK_CLIENT_ID"],
    ["ALIPAYHK_BASE_ULR", ["ALIPAYHK_CLIENT_ID", "ALIPAYHK_BASE_URL", "ALIPAYHK_PRIVATE_KEY"], "ALIPAYHK_BASE_URL"],
    ["snyc", ["keys", "sign", "sync"], "sync"],
    ["launch", ["keys", "sign", "verify", "sandbox", "sync", "demo"], undefined], // nothing near: no guess
  ])("%s → %s", (word, candidates, expected) => {
    expect(closest(word, candidates)).toBe(expected);
  });
});

describe("bugLine", () => {
  test("one line: the error's first line, that it is a bug, what to do; no stack", () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')\nsecond line");
    const line = bugLine(error, "sync");
    expect(line).toBe(
      "alipayhk sync: internal error, a bug in alipayhk rather than in your input (TypeError: Cannot read properties of undefined (reading 'x')); " +
        "please report it to the maintainers with this line and the command you ran, leaving out any key",
    );
    expect(line).not.toContain("\n");
  });
});
