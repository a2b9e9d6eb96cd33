/**
 * createSandbox: a local AlipayHK (every operation of the spec) as a standard fetch handler `(Request) => Promise<Response>`.
 * Web APIs only, so the same code serves in-process tests, Deno.serve, Bun.serve and workerd.
 */
import { OPERATIONS, type Operation } from "alipayhk-spec";
import { importPublicKey, type PrivateKeyInput, type PublicKey, type PublicKeyInput } from "alipayhk-signature";
import { consoleRoute } from "./console/routes.js";
import { SandboxConfigError, shown } from "./errors.js";
import { diagnoseSignature, rsaNumbers, type RsaNumbers } from "./diagnose.js";
import { delay, FAULT_KINDS, faultPlanner, SandboxDropError, type FaultKind, type FaultOptions } from "./faults.js";
import { passGateway, type Incoming } from "./gateway.js";
import { processRequest, type Outcome } from "./operations.js";
import { loadAlipayKeys } from "./keys.js";
import { notFound, proxyError, signedResponse } from "./responses.js";
import { retentionOf, type RetentionOptions } from "./retention.js";
import {
  snapshot,
  Store,
  type Answer,
  type SandboxEvent,
  type SandboxNotification,
  type SandboxOrder,
  type SandboxStats,
} from "./store.js";

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
  /**
   * Enforce the rules that are this SDK's reading of AlipayHK's pages (the spec's x-inferred: both userId and openId,
   * an empty ID, a LINE_UP order starting as CANCELLED...) as well as the stated ones. Default true, so that what
   * AlipayHK may refuse is caught here; each such refusal says it is inferred. `false` accepts exactly those.
   */
  strict?: boolean;
  /** The clock, for Response-Time and event times. Default `() => new Date()`. */
  now?: () => Date;
  /**
   * How many events, history entries per order (and per notification) and remembered answers per Client-Id the sandbox
   * keeps: the newest, the oldest dropped first and counted in `stats.dropped`. Default `{ events: 30_000,
   * historyPerOrder: 100, answers: 100_000 }`; `Infinity` keeps all.
   */
  retention?: RetentionOptions;
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
  /**
   * Registers (or replaces) a merchant's public key.
   * @throws {SandboxConfigError} for an empty `clientId`; a `KeyFormatError` for a key that cannot be imported.
   */
  addMerchant(clientId: string, publicKey: PublicKeyInput): Promise<void>;
  /** Snapshot of every order's current state, in creation order. */
  readonly orders: readonly SandboxOrder[];
  /** Snapshot of one order, identified by (clientId, merchantBizNo) and, for an ISV's sub-merchant, its merchantAccountId. */
  order(clientId: string, merchantBizNo: string, merchantAccountId?: string): SandboxOrder | undefined;
  /** Snapshot of every performance notification's current state. */
  readonly notifications: readonly SandboxNotification[];
  /** Snapshot of one performance notification, identified by (clientId, merchantBizNo). */
  notification(clientId: string, merchantBizNo: string): SandboxNotification | undefined;
  /** Snapshot of the event log, oldest first. */
  readonly events: readonly SandboxEvent[];
  /** Snapshot of the counters. */
  readonly stats: SandboxStats;
  /**
   * Makes the next request to an operation's path meet `kind`, whatever the rates (calls queue up, one fault per
   * request). `processed` says whether that request goes through the order service first; by default the seeded
   * PRNG decides, as for drawn faults (`http429` is never processed).
   * @throws {SandboxConfigError} for an unknown `kind` or a `processed` that is not a boolean.
   */
  faultNext(kind: FaultKind, options?: { processed?: boolean }): void;
  /**
   * Forgets every order, remembered answer, event, counter and queued fault, and restarts the fault PRNG from the
   * seed: as if just created. Merchants and keys stay.
   */
  reset(): void;
}

const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

type OperationId = keyof typeof OPERATIONS;
/** "POST /api/..." -> the operation at that method and path. */
const ROUTES = new Map(
  Object.entries(OPERATIONS).map(([operationId, op]) => [`${op.method} ${op.path}`, operationId as OperationId]),
);

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
 * @throws {SandboxConfigError} (`ERR_SANDBOX_CONFIG`) for a bad option, naming it (`seed`, `faults.http500`,
 *   `retention.events`...).
 * @throws {KeyFormatError} for a key that cannot be imported.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (typeof options !== "object" || options === null)
    throw new SandboxConfigError("options", `must be an object (got ${shown(options)})`);
  const seed = options.seed ?? randomUint32();
  if (!Number.isInteger(seed)) throw new SandboxConfigError("seed", `must be an integer (got ${shown(seed)})`);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!Number.isSafeInteger(maxBodyBytes) || maxBodyBytes < 1) {
    throw new SandboxConfigError("maxBodyBytes", `must be a positive integer (got ${shown(maxBodyBytes)})`);
  }
  if (options.now !== undefined && typeof options.now !== "function") {
    throw new SandboxConfigError("now", `must be a function returning a Date (got ${shown(options.now)})`);
  }
  const merchantKeys = options.merchants ?? {};
  if (typeof merchantKeys !== "object" || merchantKeys === null || Array.isArray(merchantKeys)) {
    throw new SandboxConfigError(
      "merchants",
      `must be an object of Client-Id: public key (got ${shown(merchantKeys)})`,
    );
  }
  const faults = options.faults ?? {};
  let plan = faultPlanner(faults, seed);
  const now = options.now ?? (() => new Date());
  const strict = options.strict !== false;
  const retention = retentionOf(options.retention);
  let store = new Store(seed, now, retention);
  const merchants = new Map<string, PublicKey>();
  const keyNumbers = new Map<string, RsaNumbers | undefined>(); // to tell why a signature fails
  const { privateKey, publicKeyPem } = await loadAlipayKeys(options.alipayPrivateKey);

  async function register(clientId: string, publicKey: PublicKeyInput, option: string): Promise<void> {
    if (typeof clientId !== "string" || clientId === "")
      throw new SandboxConfigError(option, `must be a non-empty string (got ${shown(clientId)})`);
    const key = await importPublicKey(publicKey);
    merchants.set(clientId, key);
    keyNumbers.set(clientId, await rsaNumbers(key));
  }
  const addMerchant = (clientId: string, publicKey: PublicKeyInput) => register(clientId, publicKey, "clientId");
  for (const [clientId, key] of Object.entries(merchantKeys)) await register(clientId, key, "merchants: a Client-Id");

  const forced: { kind: FaultKind; processed: boolean | undefined }[] = [];
  function faultNext(kind: FaultKind, how: { processed?: boolean } = {}): void {
    if (!FAULT_KINDS.includes(kind))
      throw new SandboxConfigError(
        "kind",
        `must be a fault kind, one of ${FAULT_KINDS.join(", ")} (got ${shown(kind)})`,
      );
    if (how.processed !== undefined && typeof how.processed !== "boolean") {
      throw new SandboxConfigError("processed", `must be true, false or absent (got ${shown(how.processed)})`);
    }
    forced.push({ kind, processed: how.processed });
  }

  const tracerPrefix = `sbx${randomUint32().toString(16).padStart(8, "0")}`;
  let tracerCounter = 0;

  /** Signs and sends an answer (encrypted when the request was), counting it. */
  async function respond(incoming: Incoming, answer: Answer, tamper?: "truncate" | "forgeSignature" | "omitSignature") {
    const response = await signedResponse(answer, {
      method: incoming.method,
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

  /** Runs the request through the gateway and the operation, recording what happened. */
  function answerFor(operationId: OperationId, incoming: Incoming): Outcome {
    if (!incoming.rejection)
      return processRequest(store, operationId, incoming.clientId, incoming.text, incoming.order, strict);
    const answer = incoming.rejection;
    store.record({
      type: "rejected",
      operation: operationId,
      ...(incoming.clientId && { clientId: incoming.clientId }),
      resultCode: answer.code,
      message: answer.message,
      httpStatus: answer.httpStatus,
      ...(incoming.diagnosis && { diagnosis: incoming.diagnosis }),
    });
    return { answer, event: "rejected" };
  }

  /** Sends what the fault calls for instead of (or on top of) the real answer. */
  async function faulty(
    kind: FaultKind,
    operationId: OperationId,
    incoming: Incoming,
    outcome: Outcome | undefined,
  ): Promise<Response> {
    store.countFault(kind);
    const unknown: Answer = {
      httpStatus: 200,
      code: "UNKNOWN_EXCEPTION",
      message: "unknown exception (injected fault); retry with the same requestId",
    };
    const order: Record<string, unknown> = incoming.rejection ? {} : incoming.order;
    const op: Operation = OPERATIONS[operationId];
    const key = op.idempotencyKey ?? "";
    const event = (httpStatus?: number) =>
      store.record({
        type: "fault",
        operation: operationId,
        fault: kind,
        processed: outcome !== undefined,
        applied: outcome?.event === "applied",
        ...(incoming.clientId && { clientId: incoming.clientId }),
        ...(typeof order[key] === "string" && { requestId: order[key] }),
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
    const url = new URL(request.url);
    const page = consoleRoute(request, url, {
      sandbox,
      queuedFaults: () => forced.map((f) => f.kind),
      log: () => store.log,
      retention,
    });
    if (page) return page;
    store.countRequest();
    const operationId = ROUTES.get(`${request.method} ${url.pathname}`);
    if (!operationId) {
      store.record({ type: "rejected", message: `not found: ${request.method} ${url.pathname}`, httpStatus: 404 });
      store.countSent(404);
      return notFound(request.method, url.pathname);
    }
    // Drawn before any await: the same request sequence gets the same faults.
    const next = forced.shift();
    const drawn = plan(next?.kind);
    const fault = next?.processed === undefined ? drawn : { ...drawn, processed: next.processed };
    if (fault.latencyMs > 0) await delay(fault.latencyMs, request.signal ?? undefined);
    const incoming = await passGateway(request, url.pathname + url.search, {
      maxBodyBytes,
      merchants,
      privateKey,
      diagnose: (attempt) =>
        diagnoseSignature(
          attempt,
          keyNumbers.has(attempt.clientId) ? keyNumbers.get(attempt.clientId) : null,
          [...merchants.keys()],
          (OPERATIONS[operationId] as Operation).idempotencyKey,
        ),
    });
    return store.tagged(incoming.requestTimeForm ? { requestTimeForm: incoming.requestTimeForm } : {}, () => {
      if (fault.kind && !fault.processed) return faulty(fault.kind, operationId, incoming, undefined);
      const outcome = answerFor(operationId, incoming);
      if (fault.kind) return faulty(fault.kind, operationId, incoming, outcome);
      return respond(incoming, outcome.answer);
    });
  }

  const sandbox: Sandbox = {
    fetch: handle,
    alipayPublicKey: publicKeyPem,
    seed,
    addMerchant,
    faultNext,
    get orders() {
      return store.orders();
    },
    order(clientId, merchantBizNo, merchantAccountId) {
      const record = store.order(clientId, merchantBizNo, merchantAccountId);
      return record && snapshot(record);
    },
    get notifications() {
      return store.notifications();
    },
    notification(clientId, merchantBizNo) {
      const record = store.notification(clientId, merchantBizNo);
      return record && snapshot(record);
    },
    get events() {
      return store.events();
    },
    get stats() {
      return store.stats();
    },
    reset() {
      store = new Store(seed, now, retention);
      plan = faultPlanner(faults, seed);
      forced.length = 0;
    },
  };
  return sandbox;
}
