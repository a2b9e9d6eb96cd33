// What the fuzz tests share: bounded run parameters, the typed-error check and the input generators.
import fc from "fast-check";
import { AlipayHKError, parseSignatureHeader } from "alipayhk-signature";

// Each async run must settle within this: a hang fails the property (it is not a speed check).
export const HANG_MS = 5_000;
export const SEED = 20261126;
export const params = (numRuns: number) => ({ numRuns, seed: SEED, timeout: HANG_MS, markInterruptAsFailure: true });

/** Runs `f`; returns its value or the error it threw, and fails on anything but an AlipayHKError subclass. */
export async function typedOrValue<T>(
  f: () => T | Promise<T>,
  allowed: (new (...args: never[]) => AlipayHKError)[] = [],
): Promise<{ value?: T; error?: AlipayHKError }> {
  try {
    return { value: await f() };
  } catch (error) {
    if (!(error instanceof AlipayHKError))
      throw new Error(`untyped error: ${(error as Error)?.name}: ${(error as Error)?.message}`);
    if (allowed.length && !allowed.some((cls) => error instanceof cls))
      throw new Error(`unexpected ${error.name} (${error.code}): ${error.message}`);
    if (typeof error.code !== "string" || !/^ERR_[A-Z_]+$/.test(error.code))
      throw new Error(`unstable code ${String(error.code)}`);
    return { error };
  }
}

// ---- generators ----

export const b64Char = fc.constantFrom(
  ..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_%".split(""),
);
export const headerish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.string({ unit: fc.constantFrom(...",= %aA1+/_-\t".split("")), maxLength: 120 }),
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom(
            "algorithm",
            "keyVersion",
            "signature",
            "symmetricKey",
            " signature ",
            "Signature",
            "__proto__",
            "constructor",
            "",
          ),
          fc.string({ maxLength: 12 }),
        ),
        fc.oneof(
          fc.constantFrom("RSA256", "rsa256", "ECC224", "RSA_AES", "1", "", "%3D"),
          fc.string({ unit: b64Char, maxLength: 400 }),
          fc.string({ maxLength: 30 }),
        ),
      ),
      { maxLength: 6 },
    )
    .chain((pairs) => fc.constantFrom(",", ", ", " ,").map((sep) => pairs.map(([k, v]) => `${k}=${v}`).join(sep))),
  fc.constantFrom("-".repeat(5_000), "=".repeat(4_096), `signature=${"A".repeat(4_085)}`, "a=".repeat(2_000)),
);

/** A string with a few random edits (replace, insert, delete), different from the input. */
export const mutated = (text: string, alphabet = fc.string({ minLength: 1, maxLength: 3 })) =>
  fc
    .array(fc.tuple(fc.constantFrom("replace", "insert", "delete"), fc.nat(), alphabet), { minLength: 1, maxLength: 3 })
    .map((edits) => {
      let out = text;
      for (const [op, at, chunk] of edits) {
        const i = out.length ? at % (out.length + (op === "insert" ? 1 : 0)) : 0;
        if (op === "insert") out = out.slice(0, i) + chunk + out.slice(i);
        else if (op === "delete") out = out.slice(0, i) + out.slice(i + 1);
        else out = out.slice(0, i) + chunk + out.slice(i + chunk.length);
      }
      return out;
    })
    .filter((out) => out !== text);

/** The bytes a base64 text stands for (as a binary string), or undefined when it is not base64. */
export function bytesOf(text: string | undefined): string | undefined {
  try {
    return text === undefined ? undefined : atob(text);
  } catch {
    return undefined;
  }
}

export function parseSafe(header: string): string | undefined {
  try {
    return parseSignatureHeader(header).signature;
  } catch {
    return undefined;
  }
}
