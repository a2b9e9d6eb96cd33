/**
 * The methods' one implementation, for the operations it is given as descriptors (`OperationDescriptor`: an
 * operation's facts and its own schema table): each validates the body, signs (and encrypts) it, sends it with plain
 * `fetch(url, init)`, verifies (and decrypts) the answer and retries what may be retried with the same requestId.
 * `createOrderClient` (client.ts) gives it every operation, built from OPERATIONS and SCHEMAS; `createClient`
 * (operations.ts) only those it is passed. This module imports neither OPERATIONS nor SCHEMAS, so that a bundle of
 * `createClient` carries only the schemas of the operations it is given.
 */
import { SERVERS, validate, type OperationDescriptor } from "alipayhk-spec";
import { KEYWORDS, type encodeJsonText } from "alipayhk-spec/internal";
import { delay } from "alipayhk-signature/internal";
import {
  AbortedError,
  ConfigError,
  HttpError,
  OrderError,
  ResponseFormatError,
  ResultError,
  TimeoutError,
  UnknownResultError,
  ValidationError,
  type CallDetails,
} from "./errors.js";
import { MAX_TIMER_MS, checkRetryOptions, isRetryable, retryDelay, type RetryOptions } from "./retry.js";
import { createSigner, type SignerOptions } from "./signer.js";
import { exchange, sendWith, sentNothing, type FetchLike } from "./transport.js";

export type Environment = keyof typeof SERVERS;

export interface OrderClientOptions extends SignerOptions {
  /** Where AlipayHK is: any URL (a sandbox, a proxy). Give this or `environment`. */
  baseUrl?: string;
  /** "production" (https://open.alipay.hk) or "testing" (https://open-id-pre.alipay.com, unconfirmed for this API). */
  environment?: Environment;
  /**
   * Time allowed for one attempt, headers and body. Default 10,000 ms. `Infinity` sets no timer and gives fetch no
   * signal of the client's own (on Node, a request signal costs tens of microseconds per call): only the caller's
   * signal and the platform's own limits then end a request that hangs.
   */
  timeoutMs?: number;
  /**
   * Also refuse, before sending, what only this SDK's reading of AlipayHK's pages forbids (the spec's x-inferred
   * rules: both userId and openId, an empty ID, fractional timestamps...). Default false: a body is refused locally
   * only for what AlipayHK's pages state, so that nothing AlipayHK may accept is kept from reaching it.
   */
  strict?: boolean;
  /** Retry policy for outcomes that are not known (U results, network errors, timeouts, 5xx, 429). */
  retry?: RetryOptions;
  /**
   * The fetch to use: an instrumented fetch, or a fetch handler such as a sandbox's `fetch`. It is called with a
   * `Request`, which both kinds accept. Default: the global fetch.
   */
  fetch?: FetchLike;
}

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call at any point, including between retries. */
  signal?: AbortSignal;
}

/** One operation's method: the body in, AlipayHK's verified answer (plus the call's details) out. */
export type Method = (body: unknown, options?: CallOptions) => Promise<unknown>;

const DEFAULT_TIMEOUT_MS = 10_000;

/** A requestId AlipayHK accepts: a UUID without dashes (32 characters; a dashed UUID is 36, over the limit). */
export const newRequestId = (): string => crypto.randomUUID().replaceAll("-", "");

/** The URL AlipayHK is at, from `baseUrl` or `environment` (a ConfigError names what is wrong). */
export function resolveBaseUrl({ baseUrl, environment }: Pick<OrderClientOptions, "baseUrl" | "environment">): string {
  if (baseUrl !== undefined && environment !== undefined)
    throw new ConfigError("give baseUrl or environment, not both");
  if (environment !== undefined) {
    if (!Object.hasOwn(SERVERS, environment))
      throw new ConfigError(`environment: must be ${Object.keys(SERVERS).join(" or ")}`);
    return SERVERS[environment];
  }
  if (baseUrl === undefined)
    throw new ConfigError('baseUrl or environment is required (environment: "production" for AlipayHK)');
  try {
    return new URL(baseUrl).href.replace(/\/+$/, "");
  } catch (cause) {
    throw new ConfigError("baseUrl: must be an absolute URL", cause);
  }
}

/** The methods of the operations given, by method name. */
export function createMethodsFor(
  options: OrderClientOptions,
  operations: { readonly [name: string]: OperationDescriptor },
): Record<string, Method> {
  const baseUrl = resolveBaseUrl(options);
  const signer = createSigner(options);
  const timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
  // a larger finite value would fire at once (see MAX_TIMER_MS) and time out every attempt
  if (!(typeof timeoutMs === "number" && timeoutMs > 0 && (timeoutMs <= MAX_TIMER_MS || timeoutMs === Infinity))) {
    throw new ConfigError(
      `timeoutMs: must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}, or Infinity for no timeout`,
    );
  }
  const retry = checkRetryOptions(options.retry ?? {});
  const strict = options.strict === true;
  // The global fetch gets (url, init): building a Request first costs it more than the signature does.
  const fetchImpl = sendWith(options.fetch);

  /** One HTTP attempt: the verified answer, or a typed error made with the call's details. */
  async function attempt(
    op: OperationDescriptor,
    json: string,
    signal: AbortSignal | undefined,
    stopped: Promise<never> | undefined,
    call: CallDetails,
  ) {
    const url = baseUrl + op.path;
    const { response, text } = await exchange(signer, fetchImpl, op.method, url, json, signal, stopped, call);
    const tracerId = response.headers.get("Tracer-Id") ?? undefined;
    const httpStatus = response.status;
    let answer: { result?: { resultStatus?: unknown; resultCode: string; resultMessage?: string } };
    try {
      answer = JSON.parse(text);
    } catch (cause) {
      throw new ResponseFormatError("the signed response is not JSON", { ...call, tracerId, httpStatus, cause });
    }
    if (!answer || typeof answer !== "object" || typeof answer.result?.resultStatus !== "string") {
      throw new ResponseFormatError("the signed response has no result (resultStatus)", {
        ...call,
        tracerId,
        httpStatus,
      });
    }
    return {
      answer: answer as { result: { resultStatus: string; resultCode: string; resultMessage?: string } },
      tracerId,
      httpStatus,
    };
  }

  async function call(
    op: OperationDescriptor,
    body: unknown,
    { signal }: CallOptions = {},
  ): Promise<Record<string, unknown>> {
    const { operationId } = op;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new ValidationError([{ path: "", message: "the body must be an object", keyword: "type" }], {
        operationId,
      });
    }
    const copy: Record<string, unknown> = { ...body }; // the caller's object is never changed
    const key = op.idempotencyKey;
    if (key !== undefined && copy[key] === undefined) copy[key] = newRequestId();
    // Serialised once: every attempt signs and sends these exact bytes. What is validated is those bytes read back, so
    // nothing in the body (a toJSON, a getter, at any depth) can send something other than what was checked.
    const json = serialise(op, copy);
    const sent = JSON.parse(json) as Record<string, unknown>;
    // the call's ID, whatever the spec names the member that carries it
    const requestId = key !== undefined && typeof sent[key] === "string" ? sent[key] : undefined;
    const problems = validate(op.schemas, op.schema, sent).filter((p) => strict || p.inferred === undefined);
    if (problems.length) throw new ValidationError(problems, { requestId, operationId });

    /** One attempt: the result, or the retryable error it ended with; a definite failure is thrown. */
    async function tryOnce(attempts: number): Promise<Record<string, unknown> | OrderError> {
      const call = { requestId, attempts };
      const { signal: attemptSignal, stopped, done, reason } = attemptSignalFor(signal, timeoutMs, call);
      let received: Awaited<ReturnType<typeof attempt>>;
      try {
        received = await attempt(op, json, attemptSignal, stopped, call);
      } catch (thrown) {
        // An error of our own (a forged answer, a network failure, a timeout or abort passed through as the signal's
        // reason) says what happened; anything else is a bug, and is not disguised as a retryable failure.
        const error = thrown instanceof OrderError ? thrown : reason();
        if (!error) throw thrown;
        // Timed out or aborted while signing: this attempt sent nothing, so the error counts the earlier ones only.
        const before = { requestId, attempts: attempts - 1 };
        const ended = !sentNothing(thrown)
          ? error
          : error instanceof AbortedError
            ? new AbortedError({ ...before, cause: error.cause })
            : error instanceof TimeoutError
              ? new TimeoutError(timeoutMs, before)
              : error;
        if (isRetryable(ended)) return ended;
        throw ended;
      } finally {
        done();
      }
      // A verified answer decides the attempt, even if it arrived after the timer fired.
      const { answer, tracerId, httpStatus } = received;
      const { result } = answer;
      // the answer is ours, parsed for this call: adding to it costs less than copying it
      if (result.resultStatus === "S") return Object.assign(answer, { requestId, tracerId, attempts });
      const details: CallDetails = { requestId, tracerId, attempts, httpStatus, ...result };
      if (isRetryable(result, op)) return new UnknownResultError(details);
      throw new ResultError(details);
    }

    const started = Date.now();
    for (let attempts = 1; ; attempts++) {
      if (signal?.aborted) throw new AbortedError({ requestId, attempts: attempts - 1, cause: signal.reason });
      const outcome = await tryOnce(attempts);
      if (!(outcome instanceof OrderError)) return outcome;
      const delay = retryDelay(
        retry,
        attempts,
        Date.now() - started,
        outcome instanceof HttpError ? outcome.retryAfterMs : undefined,
      );
      if (delay === undefined) throw outcome;
      await sleep(delay, signal, { requestId, attempts });
    }
  }

  const methods: Record<string, Method> = {};
  for (const [name, op] of Object.entries(operations)) methods[name] = (body, options) => call(op, body, options);
  return methods;
}

/** The JSON text to send: JSON-text fields given as values become text (the spec's contentMediaType), then the body. */
function serialise(op: OperationDescriptor, body: Record<string, unknown>): string {
  const { operationId } = op;
  const id = op.idempotencyKey === undefined ? undefined : body[op.idempotencyKey];
  const requestId = typeof id === "string" ? id : undefined;
  const problem = (message: string, cause?: unknown) =>
    new ValidationError([{ path: "", message: `the body cannot be serialised as JSON: ${message}`, keyword: "type" }], {
      requestId,
      operationId,
      cause,
    });
  let json: string | undefined;
  try {
    // A table with JSON-text fields lists the contentMediaType check, which carries their encoder; one without has
    // nothing to encode (and its bundle no encoder).
    const encode = (op.schemas[KEYWORDS]?.contentMediaType as { encode?: typeof encodeJsonText } | undefined)?.encode;
    json = JSON.stringify(encode ? encode(op.schemas, op.schema, body) : body);
  } catch (cause) {
    // a cycle, a BigInt or a throwing toJSON somewhere in the body
    throw problem((cause as Error).message, cause);
  }
  // a toJSON that returns undefined (or a function) leaves nothing to send
  if (typeof json !== "string") throw problem("it serialises to nothing");
  return json;
}

/** An attempt that nothing can end early: no timeout and no caller's signal. */
const UNBOUNDED_ATTEMPT = { signal: undefined, stopped: undefined, reason: () => undefined, done: () => {} };

/**
 * One attempt's signal: fires on the caller's abort or after timeoutMs, and remembers which. `stopped` rejects at the
 * same moment, so that waiting on the attempt costs no abort listener per wait (Node's EventTarget is slow).
 */
function attemptSignalFor(parent: AbortSignal | undefined, timeoutMs: number, details: CallDetails) {
  if (!parent && timeoutMs === Infinity) return UNBOUNDED_ATTEMPT;
  const controller = new AbortController();
  let why: OrderError | undefined;
  let stop!: (error: OrderError) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  stopped.catch(() => {}); // it may fire when nobody waits any more
  const abort = (error: OrderError) => {
    if (why) return;
    why = error;
    stop(error);
    controller.abort(error);
  };
  const timer =
    timeoutMs === Infinity ? undefined : setTimeout(() => abort(new TimeoutError(timeoutMs, details)), timeoutMs);
  const onAbort = () => abort(new AbortedError({ ...details, cause: parent?.reason }));
  parent?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: controller.signal,
    stopped,
    reason: () => why,
    done: () => {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onAbort);
    },
  };
}

/** The pause between attempts; the caller's abort ends it with an AbortedError. */
function sleep(ms: number, signal: AbortSignal | undefined, details: CallDetails): Promise<void> {
  return delay(ms, signal).catch((reason: unknown) => {
    throw new AbortedError({ ...details, cause: reason });
  });
}
