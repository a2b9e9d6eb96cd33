/**
 * `createOrderClient`: a typed, validated, signed, verified and safely retried `syncOrder`, plus the typed
 * openapi-fetch client (`client.api`) over the same signing layer. `syncOrder` sends through that layer directly
 * rather than through openapi-fetch's request pipeline, whose per-call Request object costs more than a signature.
 */
import createClient, { type Client } from "openapi-fetch";
import { SERVERS, SYNC_ORDER_PATH } from "../../../generated/metadata.js";
import type { paths } from "../../../generated/openapi.js";
import {
  AbortedError,
  ConfigError,
  HttpError,
  NetworkError,
  OrderError,
  ResponseFormatError,
  TimeoutError,
  UnknownResultError,
  ValidationError,
  resultError,
  type CallDetails,
} from "./errors.js";
import { MAX_TIMER_MS, checkRetryOptions, delay, isRetryableResult, retryDelay, type RetryOptions } from "./retry.js";
import { createSigner, type SignerOptions } from "./signer.js";
import { exchange, signedFetch, type FetchLike } from "./transport.js";
import { validateOrder, type MerchantBizType } from "./validate.js";

type OrderSync = paths["/api/open/alipay/v1/merchant/order/sync"]["post"];
/** A complete order-sync request body: one of the nine scenarios. */
export type OrderSyncRequest = OrderSync["requestBody"]["content"]["application/json"];
/** AlipayHK's answer. */
export type OrderSyncResponse = OrderSync["responses"]["200"]["content"]["application/json"];
export type { MerchantBizType }; // declared once, from the spec's scenarios, in validate.ts
/** The statuses of one scenario. */
export type OrderStatusOf<T extends MerchantBizType> = Extract<OrderSyncRequest, { merchantBizType: T }>["orderStatus"];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What `syncOrder` takes: an order of one scenario; `requestId` is generated when omitted. */
export type OrderInput = DistributiveOmit<OrderSyncRequest, "requestId"> & { requestId?: string };

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
  /** Retry policy for outcomes that are not known (U results, network errors, timeouts, 5xx, 429). */
  retry?: RetryOptions;
  /**
   * The fetch to use: an instrumented fetch, or a fetch handler such as a sandbox's `fetch`. It is called with a
   * `Request`, which both kinds accept. Default: the global fetch.
   */
  fetch?: (request: Request) => Promise<Response>;
}

export interface SyncOrderOptions {
  /** Cancels the call at any point, including between retries. */
  signal?: AbortSignal;
}

export interface SyncOrderResult {
  /** AlipayHK's ID of the order. */
  orderId: string | undefined;
  /** The status AlipayHK now holds. */
  orderStatus: string | undefined;
  result: OrderSyncResponse["result"];
  distributeResult: OrderSyncResponse["distributeResult"];
  /** The requestId sent (generated when the order had none): keep it to retry the same call later. */
  requestId: string;
  tracerId: string | undefined;
  /** HTTP attempts made. */
  attempts: number;
}

export interface OrderClient {
  /** Validates, signs and sends one order update; resolves on SUCCESS, throws an OrderError otherwise. */
  syncOrder(order: OrderInput, options?: SyncOrderOptions): Promise<SyncOrderResult>;
  /** The typed openapi-fetch client, signing and verifying, without validation or retries. */
  readonly api: Client<paths>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/** A requestId AlipayHK accepts: a UUID without dashes (32 characters; a dashed UUID is 36, over the limit). */
export const newRequestId = (): string => crypto.randomUUID().replaceAll("-", "");

function resolveBaseUrl({ baseUrl, environment }: OrderClientOptions): string {
  if (baseUrl !== undefined && environment !== undefined) throw new ConfigError("give baseUrl or environment, not both");
  if (environment !== undefined) {
    if (!Object.hasOwn(SERVERS, environment)) throw new ConfigError(`environment: must be ${Object.keys(SERVERS).join(" or ")}`);
    return SERVERS[environment];
  }
  if (baseUrl === undefined) throw new ConfigError('baseUrl or environment is required (environment: "production" for AlipayHK)');
  try {
    return new URL(baseUrl).href.replace(/\/+$/, "");
  } catch (cause) {
    throw new ConfigError("baseUrl: must be an absolute URL", cause);
  }
}

/** Creates the client. Options are checked at once; keys are imported on the first call and reused. */
export function createOrderClient(options: OrderClientOptions): OrderClient {
  const baseUrl = resolveBaseUrl(options);
  const signer = createSigner(options);
  const timeoutMs = options.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : options.timeoutMs;
  // a larger finite value would fire at once (see MAX_TIMER_MS) and time out every attempt
  if (!(typeof timeoutMs === "number" && timeoutMs > 0 && (timeoutMs <= MAX_TIMER_MS || timeoutMs === Infinity))) {
    throw new ConfigError(`timeoutMs: must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS}, or Infinity for no timeout`);
  }
  const retry = checkRetryOptions(options.retry ?? {});
  // Kept in a local, never called as a method: fetch throws "Illegal invocation" on workerd when it is.
  const userFetch = options.fetch;
  // The global fetch gets (url, init): building a Request first costs it more than the signature does.
  const fetchImpl: FetchLike = userFetch ? (url, init) => userFetch(new Request(url, init)) : (url, init) => fetch(url, init);
  const api = createClient<paths>({ baseUrl, fetch: signedFetch(signer, fetchImpl) });
  const url = baseUrl + SYNC_ORDER_PATH;

  /** One HTTP attempt: the verified answer, or a typed error. */
  async function attempt(json: string, signal: AbortSignal | undefined, stopped: Promise<never> | undefined) {
    const { response, text } = await exchange(signer, fetchImpl, "POST", url, json, signal, stopped);
    const tracerId = response.headers.get("Tracer-Id") ?? undefined;
    const httpStatus = response.status;
    let answer: OrderSyncResponse | undefined;
    try {
      answer = JSON.parse(text);
    } catch (cause) {
      throw new ResponseFormatError("the signed response is not JSON", { tracerId, httpStatus, cause });
    }
    if (!answer || typeof answer !== "object" || typeof answer.result?.resultStatus !== "string") {
      throw new ResponseFormatError("the signed response is not an order-sync answer (no result)", { tracerId, httpStatus });
    }
    return { answer, tracerId, httpStatus };
  }

  async function syncOrder(order: OrderInput, { signal }: SyncOrderOptions = {}): Promise<SyncOrderResult> {
    if (typeof order !== "object" || order === null || Array.isArray(order)) {
      throw new ValidationError([{ path: "", message: "the order must be an object" }]);
    }
    const copy: Record<string, unknown> = { ...order }; // the caller's object is never changed
    if (copy.requestId === undefined) copy.requestId = newRequestId();
    // Serialised once: every attempt signs and sends these exact bytes. What is validated is those bytes read back, so
    // nothing in the order (a toJSON, a getter, at any depth) can send something other than what was checked.
    const json = serialise(copy);
    const sent = JSON.parse(json) as OrderSyncRequest;
    const problems = validateOrder(sent);
    if (problems.length) throw new ValidationError(problems, { requestId: typeof sent?.requestId === "string" ? sent.requestId : undefined });
    const { requestId } = sent;

    /** One attempt: the result, or the retryable error it ended with; a definite failure is thrown. */
    async function tryOnce(attempts: number): Promise<SyncOrderResult | OrderError> {
      const { signal: attemptSignal, stopped, done, reason } = attemptSignalFor(signal, timeoutMs, { requestId, attempts });
      let received;
      try {
        received = await attempt(json, attemptSignal, stopped);
      } catch (thrown) {
        // An error of our own (a forged answer, a network failure, a timeout or abort passed through as the signal's
        // reason) says what happened; anything else is a bug, and is not disguised as a retryable failure.
        const error = thrown instanceof OrderError ? thrown : reason();
        if (!error) throw thrown;
        error.attempts = attempts;
        error.requestId ??= requestId; // the transport does not know it
        if (isRetryableError(error)) return error;
        throw error;
      } finally {
        done();
      }
      // A verified answer decides the attempt, even if it arrived after the timer fired.
      const { answer, tracerId, httpStatus } = received;
      const { result } = answer;
      if (result.resultStatus === "S") {
        return { orderId: answer.orderId, orderStatus: answer.orderStatus, result, distributeResult: answer.distributeResult, requestId, tracerId, attempts };
      }
      const details: CallDetails = { requestId, tracerId, attempts, httpStatus, ...result };
      if (isRetryableResult(result)) return new UnknownResultError(details);
      throw resultError(details);
    }

    const started = Date.now();
    for (let attempts = 1; ; attempts++) {
      if (signal?.aborted) throw new AbortedError({ requestId, attempts: attempts - 1, cause: signal.reason });
      const outcome = await tryOnce(attempts);
      if (!(outcome instanceof OrderError)) return outcome;
      const delay = retryDelay(retry, attempts, Date.now() - started, outcome instanceof HttpError ? outcome.retryAfterMs : undefined);
      if (delay === undefined) throw outcome;
      await sleep(delay, signal, { requestId, attempts });
    }
  }

  return { syncOrder, api };
}

function isRetryableError(error: OrderError): boolean {
  if (error instanceof TimeoutError || error instanceof NetworkError) return true;
  return error instanceof HttpError && error.outcome === "unknown";
}

function serialise(order: Record<string, unknown>): string {
  const requestId = typeof order.requestId === "string" ? order.requestId : undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(order);
  } catch (cause) {
    // a cycle, a BigInt or a throwing toJSON somewhere in the order
    throw new ValidationError([{ path: "", message: `cannot be serialised as JSON: ${(cause as Error).message}` }], { requestId, cause });
  }
  // a toJSON that returns undefined (or a function) leaves nothing to send
  if (typeof json !== "string") throw new ValidationError([{ path: "", message: "cannot be serialised as JSON: it serialises to nothing" }], { requestId });
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
  const timer = timeoutMs === Infinity ? undefined : setTimeout(() => abort(new TimeoutError(timeoutMs, details)), timeoutMs);
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
