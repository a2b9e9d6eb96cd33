/**
 * A test harness small enough to run anywhere: no test-runner globals, no Node APIs, no timers beyond
 * setTimeout. Tests register with `test(name, fn)`; `run()` runs them one after another, each with a
 * timeout, and reports a line per test through `log`.
 */

export interface Failure {
  name: string;
  error: string;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  failures: Failure[];
}

type TestFn = () => Promise<void> | void;

export class AssertionError extends Error {
  override name = "AssertionError";
}

export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(value);
  }
}

export function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

export function equal<T>(actual: T, expected: T, what: string): void {
  if (Object.is(actual, expected)) return;
  if (typeof actual === "string" && typeof expected === "string") {
    // Long strings (signature headers) differ far from their start: show where.
    let i = 0;
    while (i < actual.length && actual[i] === expected[i]) i++;
    const from = Math.max(0, i - 20);
    throw new AssertionError(
      `${what}: strings differ at index ${i} (lengths ${actual.length} / ${expected.length}): expected …${JSON.stringify(expected.slice(from, i + 40))}…, got …${JSON.stringify(actual.slice(from, i + 40))}…`,
    );
  }
  throw new AssertionError(`${what}: expected ${describeValue(expected)}, got ${describeValue(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${what}: expected ${describeValue(expected)}, got ${describeValue(actual)}`);
}

export function bytesEqual(actual: Uint8Array, expected: Uint8Array, what: string): void {
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  equal(hex(actual), hex(expected), what);
}

/** Awaits `promise` and checks that it rejects with an instance of `type` (and, optionally, more). */
export async function rejects<E extends Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  what: string,
  check?: (error: E) => void,
): Promise<E> {
  let settled: { value: unknown } | undefined;
  try {
    settled = { value: await promise };
  } catch (error) {
    if (!(error instanceof type))
      throw new AssertionError(`${what}: expected ${type.name}, got ${describeValue(error)}`);
    check?.(error);
    return error;
  }
  throw new AssertionError(`${what}: expected ${type.name}, but it resolved with ${describeValue(settled.value)}`);
}

export function createRegistry() {
  const tests: { name: string; fn: TestFn }[] = [];
  const names = new Set<string>();

  function test(name: string, fn: TestFn): void {
    if (names.has(name)) throw new Error(`duplicate test name: ${name}`);
    names.add(name);
    tests.push({ name, fn });
  }

  async function run(
    options: { log?: (line: string) => void; timeoutMs?: number; filter?: string } = {},
  ): Promise<SuiteResult> {
    const log = options.log ?? (() => {});
    const timeoutMs = options.timeoutMs ?? 20_000;
    const selected = options.filter ? tests.filter((t) => t.name.includes(options.filter!)) : tests;
    const result: SuiteResult = { passed: 0, failed: 0, failures: [] };
    if (selected.length === 0) {
      result.failed = 1;
      result.failures.push({ name: "(suite)", error: "no test selected" });
      return result;
    }
    let index = 0;
    for (const { name, fn } of selected) {
      index++;
      const started = Date.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(fn),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        result.passed++;
        log(`ok ${index} - ${name} (${Date.now() - started} ms)`);
      } catch (error) {
        result.failed++;
        const text = error instanceof Error ? `${error.name}: ${error.message}` : describeValue(error);
        result.failures.push({ name, error: text });
        log(`not ok ${index} - ${name}\n  # ${text.replace(/\n/g, "\n  # ")}`);
      } finally {
        clearTimeout(timer);
      }
    }
    return result;
  }

  return {
    test,
    run,
    get size() {
      return tests.length;
    },
  };
}

/** What `createRegistry()` returns: `test()` to register, `run()` to run. */
export type Registry = ReturnType<typeof createRegistry>;
