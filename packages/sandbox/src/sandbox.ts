/**
 * createSandbox: a local AlipayHK order service as a standard fetch handler `(Request) => Promise<Response>`.
 * Web APIs only, so the same code serves in-process tests, Deno.serve, Bun.serve and workerd.
 */
import { SYNC_ORDER_PATH } from "alipayhk-order";
import { importPublicKey, type PrivateKeyInput, type PublicKey, type PublicKeyInput } from "alipayhk-signature";
import { delay, FAULT_KINDS, faultPlanner, SandboxDropError, type FaultKind, type FaultOptions } from "./faults.js";
import { passGateway, type Incoming } from "./gateway.js";
import { processOrder, type Outcome } from "./orders.js";
import { loadAlipayKeys } from "./keys.js";
import { notFound, proxyError, signedResponse } from "./responses.js";
import { snapshot, Store, type Answer, type SandboxEvent, type SandboxOrder, type SandboxStats } from "./store.js";

/** Options of {@link createSandbox}. */
export interface SandboxOptions {
  /** Registered merchants: Client-Id → public key (PEM, base64 DER, JWK, ... anything `importPublicKey` accepts). */
  merchants?: Readonly<Record<string, PublicKeyInput>>;
  /**
   * The key the sandbox signs responses and decrypts requests with (AlipayHK's side): PEM (PKCS#8 or PKCS#1),
   * base64 DER, DER bytes, a JWK, an extractable CryptoKey or a key from importPrivateKey. Default: a fresh RSA-2048 key.
   */
  alipayPrivateKey?: PrivateKeyInput;
  /** Faults to inject; none by default. */
  faults?: FaultOptions;
  /** Seed of the fault PRNG and of the order IDs (a 32-bit integer). Default: random; read it back from `sandbox.seed`. */
  seed?: number;
  /** Largest request body accepted, in bytes; larger ones get HTTP 413 with PARAM_ILLEGAL. Default 65536. */
  maxBodyBytes?: number;
  /** The clock, for Response-Time and event times. Default `() => new Date()`. */
  now?: () => Date;
}

/** A running sandbox. Its state lives in memory, for the life of the object. */
export interface Sandbox {
  /**
   * The fetch handler. Pass it as a client's `fetch`, or serve it (`Deno.serve(sandbox.fetch)`,
   * `export default { fetch: sandbox.fetch }`). Does not depend on `this`.
   * @throws {SandboxDropError} for an injected `drop` fault.
   * @throws the request signal's reason when the request is aborted during injected latency.
   */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The public key merchants verify responses with (and encrypt requests for): SPKI PEM. */
  readonly alipayPublicKey: string;
  /** The seed in use (given or drawn), to reproduce a run. */
  readonly seed: number;
  /** Registers (or replaces) a merchant's public key. */
  addMerchant(clientId: string, publicKey: PublicKeyInput): Promise<void>;
  /** Snapshot of every order's current state, in creation order. */
  readonly orders: readonly SandboxOrder[];
  /** Snapshot of one order, identified by (clientId, merchantBizNo). */
  order(clientId: string, merchantBizNo: string): SandboxOrder | undefined;
  /** Snapshot of the event log, oldest first. */
  readonly events: readonly SandboxEvent[];
  /** Snapshot of the counters. */
  readonly stats: SandboxStats;
  /**
   * Makes the next request to the sync path meet `kind`, whatever the rates (calls queue up, one fault per
   * request). `processed` says whether that request goes through the order service first; by default the seeded
   * PRNG decides, as for drawn faults (`http429` is never processed).
   */
  faultNext(kind: FaultKind, options?: { processed?: boolean }): void;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** An unpredictable 32-bit integer, for a default seed and for Tracer-Ids. */
const randomUint32 = () => crypto.getRandomValues(new Uint32Array(1))[0]!;

/**
 * Creates a sandbox: imports the merchants' keys and loads (or generates) its own key pair.
 *
 * @example
 * ```ts
 * const sandbox = await createSandbox({ merchants: { [clientId]: merchantPublicKeyPem } });
 * const client = createOrderClient({ clientId, privateKey, alipayPublicKey: sandbox.alipayPublicKey,
 *   baseUrl: "http://sandbox.local", fetch: sandbox.fetch });
 * ```
 * @throws {RangeError} for a bad fault rate, latency, seed or maxBodyBytes.
 * @throws {KeyFormatError} for a key that cannot be imported.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? randomUint32();
  if (!Number.isInteger(seed)) throw new RangeError("seed must be an integer");
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) throw new RangeError("maxBodyBytes must be a positive integer");
  const faults = options.faults ?? {};
  const plan = faultPlanner(faults, seed);
  const now = options.now ?? (() => new Date());
  const store = new Store(seed, now);
  const merchants = new Map<string, PublicKey>();
  const { privateKey, publicKeyPem } = await loadAlipayKeys(options.alipayPrivateKey);

  async function addMerchant(clientId: string, publicKey: PublicKeyInput): Promise<void> {
    if (typeof clientId !== "string" || clientId === "") throw new TypeError("clientId must be a non-empty string");
    merchants.set(clientId, await importPublicKey(publicKey));
  }
  for (const [clientId, key] of Object.entries(options.merchants ?? {})) await addMerchant(clientId, key);

  const forced: { kind: FaultKind; processed: boolean | undefined }[] = [];
  function faultNext(kind: FaultKind, how: { processed?: boolean } = {}): void {
    if (!FAULT_KINDS.includes(kind)) throw new RangeError(`unknown fault kind ${String(kind)}; one of ${FAULT_KINDS.join(", ")}`);
    forced.push({ kind, processed: how.processed });
  }

  const tracerPrefix = `sbx${randomUint32().toString(16).padStart(8, "0")}`;
  let tracerCounter = 0;

  /** Signs and sends an answer (encrypted when the request was), counting it. */
  async function respond(incoming: Incoming, answer: Answer, tamper?: "truncate" | "forgeSignature" | "omitSignature") {
    const response = await signedResponse(answer, {
      path: incoming.path,
      clientId: incoming.clientId,
      privateKey,
      time: new Date(now().getTime() + (faults.responseTimeSkewMs ?? 0)),
      tracerId: `${tracerPrefix}${String(++tracerCounter).padStart(12, "0")}`,
      ...(incoming.encrypted && incoming.merchantKey && { encryptFor: incoming.merchantKey }),
      ...(tamper && { tamper }),
    });
    store.countSent(answer.httpStatus, answer.code);
    return response;
  }

  /** Runs the request through the gateway and the order service, recording what happened. */
  function answerFor(incoming: Incoming): Outcome {
    if (!incoming.rejection) return processOrder(store, incoming.clientId, incoming.text, incoming.order);
    const answer = incoming.rejection;
    store.record({
      type: "rejected",
      ...(incoming.clientId && { clientId: incoming.clientId }),
      resultCode: answer.code,
      message: answer.message,
      httpStatus: answer.httpStatus,
    });
    return { answer, event: "rejected" };
  }

  /** Sends what the fault calls for instead of (or on top of) the real answer. */
  async function faulty(kind: FaultKind, incoming: Incoming, outcome: Outcome | undefined): Promise<Response> {
    store.countFault(kind);
    const unknown: Answer = { httpStatus: 200, code: "UNKNOWN_EXCEPTION", message: "unknown exception (injected fault); retry with the same requestId" };
    const order = incoming.rejection ? {} : incoming.order;
    const event = (httpStatus?: number) =>
      store.record({
        type: "fault",
        fault: kind,
        processed: outcome !== undefined,
        applied: outcome?.event === "applied",
        ...(incoming.clientId && { clientId: incoming.clientId }),
        ...(typeof order.requestId === "string" && { requestId: order.requestId }),
        ...(typeof order.merchantBizNo === "string" && { merchantBizNo: order.merchantBizNo }),
        ...(typeof order.orderStatus === "string" && { to: order.orderStatus }),
        ...(outcome && { resultCode: outcome.answer.code }),
        ...(httpStatus !== undefined && { httpStatus }),
      });
    switch (kind) {
      case "drop":
        event();
        throw new SandboxDropError();
      case "http500":
      case "http502":
      case "http503":
      case "http429": {
        const response = proxyError(kind);
        event(response.status);
        store.countSent(response.status);
        return response;
      }
      case "unknownException":
        event(200);
        return respond(incoming, unknown);
      default:
        event(outcome?.answer.httpStatus ?? 200);
        return respond(incoming, outcome?.answer ?? unknown, kind);
    }
  }

  async function handle(request: Request): Promise<Response> {
    store.countRequest();
    const url = new URL(request.url);
    if (request.method !== "POST" || url.pathname !== SYNC_ORDER_PATH) {
      store.record({ type: "rejected", message: `not found: ${request.method} ${url.pathname}`, httpStatus: 404 });
      store.countSent(404);
      return notFound(request.method, url.pathname);
    }
    // Drawn before any await: the same request sequence gets the same faults.
    const next = forced.shift();
    const drawn = plan(next?.kind);
    const fault = next?.processed === undefined ? drawn : { ...drawn, processed: next.processed };
    if (fault.latencyMs > 0) await delay(fault.latencyMs, request.signal ?? undefined);
    const incoming = await passGateway(request, url.pathname + url.search, { maxBodyBytes, merchants, privateKey });
    return store.tagged(incoming.requestTimeForm ? { requestTimeForm: incoming.requestTimeForm } : {}, () => {
      if (fault.kind && !fault.processed) return faulty(fault.kind, incoming, undefined);
      const outcome = answerFor(incoming);
      if (fault.kind) return faulty(fault.kind, incoming, outcome);
      return respond(incoming, outcome.answer);
    });
  }

  return {
    fetch: handle,
    alipayPublicKey: publicKeyPem,
    seed,
    addMerchant,
    faultNext,
    get orders() {
      return store.orders();
    },
    order(clientId, merchantBizNo) {
      const record = store.order(clientId, merchantBizNo);
      return record && snapshot(record);
    },
    get events() {
      return store.events();
    },
    get stats() {
      return store.stats();
    },
  };
}
