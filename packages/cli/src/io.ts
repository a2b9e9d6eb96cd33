/** Reading the command line's inputs, with errors that name the flag and the file at fault. */
import { readFileSync } from "node:fs";

/** Exit codes scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** The operation ran and its answer is no: an invalid signature, an F result. */
  failed: 1,
  /** The command was used wrongly or its input is unusable: a bad flag, a missing file, a bad key, invalid JSON. */
  usage: 2,
  /** The outcome is unknown (network failure, timeout, U after retries): retry with the same requestId. */
  unknown: 3,
} as const;

/** A problem with what the user typed or pointed at; printed without a stack trace. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new UsageError(`${flag}: cannot read ${path} (${reason})`);
  }
}

export function readJson(path: string, flag: string): unknown {
  const text = readText(path, flag);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${flag}: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`${flag} is required`);
  return value;
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

/** The candidate nearest to `word`, when it is near enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** The one line printed for an unexpected failure: what it was, that it is a bug, and what to do. Never a stack. */
export function bugLine(error: unknown, command?: string): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    `alipayhk${command ? ` ${command}` : ""}: internal error, a bug in alipayhk rather than in your input (${what.split("\n")[0]}); ` +
    "please report it to the maintainers with this line and the command you ran, leaving out any key"
  );
}
