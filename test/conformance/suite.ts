/**
 * The portable conformance suite: one set of tests, run unchanged in Node, Deno, Bun, workerd (with and
 * without Node compatibility) and Vercel's edge-runtime by the thin runners in test/runtimes/.
 *
 * Plain web APIs only (crypto.subtle, fetch, Request/Response, TextEncoder, atob/btoa, setTimeout): no
 * test-runner globals, no Node APIs. It imports the *built* packages: scripts/runtimes.mjs bundles it
 * with esbuild, which resolves `alipayhk-*` through the node_modules workspace links to each package's
 * "exports" (dist/). What a runtime can do beyond that (listen on a port) comes in through `env`.
 *
 * Known answers come from test/conformance/vectors.json, written by scripts/make-vectors.mjs with
 * node:crypto only.
 */
import { ecb } from "@noble/ciphers/aes.js";
import {
  AbortedError,
  createOrderClient,
  HttpError,
  InvalidClientError,
  InvalidSignatureError,
  NetworkError,
  OrderStatusInvalidError,
  ParamIllegalError,
  ResponseSignatureError,
  SYNC_ORDER_PATH,
  TimeoutError,
  UnknownResultError,
  ValidationError,
  type OrderClientOptions,
  type OrderInput,
} from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox, type Sandbox, type SandboxOptions } from "alipayhk-sandbox";
import {
  contentToSign,
  DecryptionError,
  formatRequestTime,
  HeaderFormatError,
  importPrivateKey,
  importPublicKey,
  KeyFormatError,
  parseSignatureHeader,
  sign,
  UnsupportedAlgorithmError,
  verify,
  type Message,
  type PrivateKey,
  type PrivateKeyInput,
  type PublicKey,
  type PublicKeyInput,
} from "alipayhk-signature";
import { decryptBody, encryptBody } from "alipayhk-signature/encryption";
import { bytesEqual, createRegistry, deepEqual, equal, ok, rejects, type SuiteResult } from "./harness.js";
import { nextUpdate, orderFor, SCENARIO_ORDERS, SCENARIOS } from "./orders.js";
import certificate from "./certificate.json";
import vectors from "./vectors.json";

export type { Failure, SuiteResult } from "./harness.js";

export type FetchHandler = (request: Request) => Promise<Response>;

/** What a runtime offers the suite beyond plain web APIs. */
export interface SuiteEnv {
  /** Runtime name, for messages. */
  runtime: string;
  /**
   * Serves a fetch handler over HTTP on 127.0.0.1 (port chosen by the OS). Given where the runtime can listen
   * (Node, Deno, Bun); the loopback tests are registered only then.
   */
  serve?: (handler: FetchHandler) => Promise<{ url: string; close(): Promise<void> }>;
  /**
   * What the run claims about Node's globals: "absent" (workerd without nodejs_compat, edge-runtime) or
   * "present" (workerd with nodejs_compat). The suite asserts the claim.
   */
  nodeGlobals?: "absent" | "present";
  /** One line per test (TAP-like). */
  log?: (line: string) => void;
  /** Runs only the tests whose name contains this. */
  filter?: string;
}

const CLIENT_ID = vectors.clientId;
const MERCHANT = vectors.keys.merchant;
const ALIPAY = vectors.keys.alipay;
const BASE_URL = "https://sandbox.alipayhk.invalid";

const utf8 = (text: string) => new TextEncoder().encode(text);
const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((byte) => parseInt(byte, 16)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Registers every test; `env` decides the optional ones. */
function register(env: SuiteEnv, { test }: Pick<Registry, "test"> = registry) {

  // ---------------------------------------------------------------------------------------------
  // The runtime itself

  if (env.nodeGlobals === "absent") {
    test("runtime: no Node globals (typeof Buffer and typeof process are 'undefined')", () => {
      const g = globalThis as Record<string, unknown>;
      equal(typeof g.Buffer, "undefined", "typeof Buffer");
      equal(typeof g.process, "undefined", "typeof process");
    });
  }
  if (env.nodeGlobals === "present") {
    test("runtime: Node globals present (nodejs_compat is really on)", () => {
      const g = globalThis as Record<string, unknown>;
      equal(typeof g.Buffer, "function", "typeof Buffer");
      equal(typeof g.process, "object", "typeof process");
    });
  }
  test("runtime: the web APIs the packages use exist", () => {
    for (const name of ["crypto", "fetch", "Request", "Response", "Headers", "TextEncoder", "TextDecoder", "atob", "btoa", "AbortController", "setTimeout", "clearTimeout", "structuredClone"]) {
      ok((globalThis as Record<string, unknown>)[name] !== undefined, `globalThis.${name} is missing`);
    }
    equal(typeof crypto.subtle?.sign, "function", "typeof crypto.subtle.sign");
    equal(typeof crypto.randomUUID, "function", "typeof crypto.randomUUID");
  });

  // ---------------------------------------------------------------------------------------------
  // Keys: every format imports and signs exactly what node:crypto signs

  const firstVector = vectors.signatures[0]!;
  const privateFormats: [string, () => PrivateKeyInput][] = [
    ["PKCS#8 PEM", () => MERCHANT.pkcs8Pem],
    ["PKCS#8 PEM with literal \\n escapes (env var style)", () => MERCHANT.pkcs8PemEscaped],
    ["PKCS#1 PEM (BEGIN RSA PRIVATE KEY)", () => MERCHANT.pkcs1Pem],
    ["bare base64 PKCS#8 DER", () => MERCHANT.pkcs8Base64],
    ["bare base64 PKCS#1 DER", () => MERCHANT.pkcs1Base64],
    ["PKCS#8 DER bytes", () => fromBase64(MERCHANT.pkcs8Base64)],
    ["JWK object", () => ({ ...MERCHANT.privateJwk }) as JsonWebKey],
    ["JWK JSON text", () => JSON.stringify(MERCHANT.privateJwk)],
  ];
  for (const [format, input] of privateFormats) {
    test(`importPrivateKey(${format}) signs the node:crypto vector`, async () => {
      const key = await importPrivateKey(input());
      equal(key.type, "private", "key.type");
      equal(key.modulusBits, 2048, "key.modulusBits");
      equal(await sign(firstVector.message, key), firstVector.signatureHeader, "Signature header");
    });
  }
  test("importPrivateKey(CryptoKey from crypto.subtle) signs the node:crypto vector", async () => {
    const cryptoKey = await crypto.subtle.importKey("pkcs8", fromBase64(MERCHANT.pkcs8Base64), { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["sign"]);
    const key = await importPrivateKey(cryptoKey);
    equal(await sign(firstVector.message, key), firstVector.signatureHeader, "Signature header (imported CryptoKey)");
    equal(await sign(firstVector.message, cryptoKey), firstVector.signatureHeader, "Signature header (bare CryptoKey)");
  });

  const publicFormats: [string, () => PublicKeyInput][] = [
    ["SPKI PEM", () => MERCHANT.spkiPem],
    ["PKCS#1 PEM (BEGIN RSA PUBLIC KEY)", () => MERCHANT.pkcs1PublicPem],
    ["bare base64 SPKI DER", () => MERCHANT.spkiBase64],
    ["bare base64 PKCS#1 DER", () => MERCHANT.pkcs1PublicBase64],
    ["SPKI DER bytes", () => fromBase64(MERCHANT.spkiBase64)],
    ["JWK object", () => ({ ...MERCHANT.publicJwk }) as JsonWebKey],
    ["X.509 certificate PEM (openssl req -x509)", () => certificate.merchantCertificatePem],
  ];
  for (const [format, input] of publicFormats) {
    test(`importPublicKey(${format}) verifies the node:crypto vector and rejects a tampered one`, async () => {
      const key = await importPublicKey(input());
      equal(key.type, "public", "key.type");
      equal(key.modulusBits, 2048, "key.modulusBits");
      equal(await verify(firstVector.message, firstVector.signatureHeader, key), true, "verify(vector)");
      equal(await verify({ ...firstVector.message, body: `${firstVector.message.body} ` }, firstVector.signatureHeader, key), false, "verify(tampered body)");
    });
  }

  test("key import refuses the wrong kind of key and garbage with KeyFormatError", async () => {
    await rejects(importPrivateKey(MERCHANT.spkiPem), KeyFormatError, "importPrivateKey(public PEM)", (e) => equal(e.code, "ERR_KEY_TYPE", "code"));
    await rejects(importPublicKey(MERCHANT.pkcs8Pem), KeyFormatError, "importPublicKey(private PEM)", (e) => equal(e.code, "ERR_KEY_TYPE", "code"));
    await rejects(importPrivateKey("not a key"), KeyFormatError, "importPrivateKey(garbage)");
    await rejects(importPublicKey({ kty: "EC", crv: "P-256", x: "AA", y: "AA" }), KeyFormatError, "importPublicKey(EC JWK)");
    const publicKey = await importPublicKey(MERCHANT.spkiPem);
    await rejects(sign(firstVector.message, publicKey as unknown as PrivateKey), KeyFormatError, "sign() with a public key");
  });

  // ---------------------------------------------------------------------------------------------
  // Signatures against the fixed node:crypto vectors

  let merchantPrivate: PrivateKey | undefined;
  let merchantPublic: PublicKey | undefined;
  const keys = async () => {
    merchantPrivate ??= await importPrivateKey(MERCHANT.pkcs8Pem);
    merchantPublic ??= await importPublicKey(MERCHANT.spkiPem);
    return { privateKey: merchantPrivate, publicKey: merchantPublic };
  };

  for (const vector of vectors.signatures) {
    const message: Message = vector.message;
    const options = { keyVersion: vector.keyVersion };
    test(`sign/verify vector "${vector.name}": contentToSign, sign() equals node:crypto, verify() accepts`, async () => {
      const { privateKey, publicKey } = await keys();
      equal(contentToSign(message), vector.contentToSign, "contentToSign");
      equal(await sign(message, privateKey, options), vector.signatureHeader, "Signature header");
      equal(await verify(message, vector.signatureHeader, publicKey), true, "verify(vector)");
      const parsed = parseSignatureHeader(vector.signatureHeader);
      equal(parsed.algorithm, "RSA256", "parsed.algorithm");
      equal(parsed.signature, vector.signature, "parsed.signature");
      equal(parsed.keyVersion, vector.keyVersion === null ? undefined : String(vector.keyVersion), "parsed.keyVersion");
    });
    test(`sign/verify vector "${vector.name}": verify() rejects tampering and another key`, async () => {
      const { publicKey } = await keys();
      const tampered: [string, Message][] = [
        ["body + one space", { ...message, body: `${message.body} ` }],
        ["body without its last character", { ...message, body: message.body.slice(0, -1) || "x" }],
        ["Request-Time one second later", { ...message, time: message.time.replace(":00+", ":01+") }],
        ["path", { ...message, path: `${message.path}x` }],
        ["Client-Id", { ...message, clientId: `${message.clientId}0` }],
        ["method", { ...message, method: message.method === "POST" ? "PUT" : "POST" }],
      ];
      for (const [what, changed] of tampered) equal(await verify(changed, vector.signatureHeader, publicKey), false, `verify(${what} changed)`);
      equal(await verify(message, vector.otherKeySignatureHeader, publicKey), false, "verify(signature made with another key)");
      // One flipped bit in the signature itself.
      const raw = fromBase64(vector.signature);
      raw[raw.length - 1]! ^= 1;
      const flipped = `algorithm=RSA256,signature=${encodeURIComponent(btoa(String.fromCharCode(...raw)))}`;
      equal(await verify(message, flipped, publicKey), false, "verify(flipped signature bit)");
    });
  }

  test("verify() accepts the header spellings other SDKs send", async () => {
    const { publicKey } = await keys();
    for (const { name, header } of vectors.acceptedHeaders) equal(await verify(firstVector.message, header, publicKey), true, `verify(${name})`);
  });

  test("verify() throws on an unreadable or unsupported Signature header (never a silent false)", async () => {
    const { publicKey } = await keys();
    await rejects(verify(firstVector.message, null, publicKey), HeaderFormatError, "missing header");
    await rejects(verify(firstVector.message, "algorithm=RSA256,keyVersion=1", publicKey), HeaderFormatError, "no signature pair");
    await rejects(verify(firstVector.message, "algorithm=RSA256,signature=***", publicKey), HeaderFormatError, "signature not base64");
    await rejects(verify(firstVector.message, `algorithm=ECC224,signature=${encodeURIComponent(firstVector.signature)}`, publicKey), UnsupportedAlgorithmError, "ECC224");
  });

  test("formatRequestTime: second precision, numeric offset", () => {
    const instant = new Date("2024-05-22T06:42:21.789Z");
    equal(formatRequestTime(instant), "2024-05-22T06:42:21+00:00", "UTC");
    equal(formatRequestTime(instant, { offsetMinutes: 480 }), "2024-05-22T14:42:21+08:00", "Hong Kong");
    equal(formatRequestTime(instant.getTime(), { offsetMinutes: -330 }), "2024-05-22T01:12:21-05:30", "negative offset");
  });

  // ---------------------------------------------------------------------------------------------
  // AES known answers and RSA_AES bodies

  for (const v of vectors.aes.nist) {
    test(`AES-ECB block function (@noble/ciphers, as alipayhk-signature imports it): NIST ${v.name}`, () => {
      const cipher = ecb(fromHex(v.key), { disablePadding: true });
      const plaintext = fromHex(v.plaintext.join(""));
      const ciphertext = fromHex(v.ciphertext.join(""));
      bytesEqual(cipher.encrypt(plaintext), ciphertext, "encrypt");
      bytesEqual(ecb(fromHex(v.key), { disablePadding: true }).decrypt(ciphertext), plaintext, "decrypt");
    });
  }
  for (const v of vectors.aes.decryptBodyEcb) {
    test(`${v.name} equals node:crypto`, async () => {
      const { privateKey } = await keys();
      equal(await decryptBody(v.body, v.encryptHeader, privateKey), v.plaintext, "plaintext");
      equal(await decryptBody(v.body, v.encryptHeader, privateKey, { aesMode: "ECB" }), v.plaintext, "plaintext (explicit ECB)");
    });
  }
  const nistByName = new Map(vectors.aes.nist.map((v) => [v.name, v]));
  for (const v of vectors.aes.decryptBodyNistBlocks) {
    test(`NIST ${v.name}`, async () => {
      const { privateKey } = await keys();
      const nist = nistByName.get(v.nist)!;
      const body = fromBase64(v.body);
      // The body really carries the NIST ciphertext block...
      bytesEqual(body.subarray(16, 32), fromHex(nist.ciphertext[v.block - 1]!), "NIST ciphertext block inside the body");
      const out = utf8(await decryptBody(v.body, v.encryptHeader, privateKey, { aesMode: "CBC-ZERO-IV" }));
      equal(out.length, 32, "plaintext length");
      bytesEqual(out.subarray(0, 16), utf8(v.firstBlockAscii), "first (chaining) block");
      // ...and AES-decrypting it gave the NIST plaintext: P1 = D(NIST_CT) XOR C0.
      const decrypted = out.subarray(16, 32).map((byte, i) => byte ^ body[i]!);
      bytesEqual(decrypted, fromHex(nist.plaintext[v.block - 1]!), "D(NIST ciphertext)");
    });
  }

  const plaintext = JSON.stringify({ result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "成功 🎟️" }, pad: "x".repeat(37) });
  for (const aesKeyBits of [256, 128] as const) {
    for (const aesMode of ["ECB", "CBC-ZERO-IV"] as const) {
      test(`encryptBody → decryptBody round trip (AES-${aesKeyBits}, ${aesMode})`, async () => {
        const { privateKey, publicKey } = await keys();
        const a = await encryptBody(plaintext, publicKey, { aesKeyBits, aesMode });
        const b = await encryptBody(plaintext, publicKey, { aesKeyBits, aesMode });
        ok(/^algorithm=RSA_AES,keyVersion=1,symmetricKey=[A-Za-z0-9%]+$/.test(a.encryptHeader), `Encrypt header: ${a.encryptHeader}`);
        ok(/^[A-Za-z0-9+/]+={0,2}$/.test(a.body), "body is standard base64");
        equal(fromBase64(a.body).length % 16, 0, "ciphertext length is whole AES blocks");
        ok(a.body !== b.body, "a fresh AES key per message");
        equal(await decryptBody(a.body, a.encryptHeader, privateKey, { aesMode }), plaintext, "decrypted");
        equal(await decryptBody(b.body, b.encryptHeader, privateKey, { aesMode }), plaintext, "decrypted (second)");
      });
    }
  }
  test("decryptBody fails with DecryptionError for a truncated body, the wrong key or a swapped symmetricKey", async () => {
    const { privateKey, publicKey } = await keys();
    const { body, encryptHeader } = await encryptBody(plaintext, publicKey);
    await rejects(decryptBody(body.slice(0, -8), encryptHeader, privateKey), DecryptionError, "truncated body");
    await rejects(decryptBody(body, encryptHeader, await importPrivateKey(ALIPAY.pkcs8Pem)), DecryptionError, "another private key");
    await rejects(decryptBody(body, vectors.aes.decryptBodyEcb[0]!.encryptHeader, privateKey), DecryptionError, "another message's AES key");
    await rejects(decryptBody(body, null, privateKey), HeaderFormatError, "no Encrypt header");
  });

  // ---------------------------------------------------------------------------------------------
  // Client ↔ sandbox, in process (the sandbox's fetch handler is the client's fetch)

  const newSandbox = (options: SandboxOptions = {}) => createSandbox({ merchants: { [CLIENT_ID]: MERCHANT.spkiPem }, alipayPrivateKey: ALIPAY.pkcs8Pem, seed: 11, ...options });
  const clientFor = (sandbox: Pick<Sandbox, "alipayPublicKey">, options: Partial<OrderClientOptions> = {}) =>
    createOrderClient({
      clientId: CLIENT_ID,
      privateKey: MERCHANT.pkcs8Pem,
      alipayPublicKey: sandbox.alipayPublicKey,
      baseUrl: BASE_URL,
      retry: { maxAttempts: 1 },
      ...options,
    });

  // One sandbox with its own freshly generated key (crypto.subtle.generateKey), shared by the scenario tests.
  let shared: Sandbox | undefined;
  const sharedSandbox = async () => (shared ??= await createSandbox({ merchants: { [CLIENT_ID]: MERCHANT.pkcs1PublicPem }, seed: 1 }));

  async function syncAndCheck(sandbox: Sandbox, options: Partial<OrderClientOptions>, order: OrderInput) {
    const client = clientFor(sandbox, { fetch: sandbox.fetch, ...options });
    const result = await client.syncOrder(order);
    equal(result.result.resultCode, "SUCCESS", "resultCode");
    equal(result.result.resultStatus, "S", "resultStatus");
    equal(result.orderStatus, order.orderStatus, "orderStatus answered");
    equal(result.attempts, 1, "attempts");
    ok(/^[0-9a-f]{32}$/.test(result.requestId), `generated requestId ${result.requestId}`);
    const held = sandbox.order(CLIENT_ID, order.merchantBizNo);
    ok(held, "the sandbox holds the order");
    equal(held.orderId, result.orderId, "orderId");
    equal(held.orderStatus, order.orderStatus, "orderStatus held");
    equal(held.merchantBizType, order.merchantBizType, "merchantBizType held");
    deepEqual(held.body.extInfo, (order as { extInfo?: unknown }).extInfo, "extInfo held");
    return result;
  }

  for (const scenario of SCENARIOS) {
    test(`client ↔ sandbox in-process: ${scenario} (${SCENARIO_ORDERS[scenario].orderStatus}) syncs`, async () => {
      await syncAndCheck(await sharedSandbox(), {}, orderFor(scenario, "inproc"));
    });
  }
  for (const scenario of SCENARIOS) {
    test(`client ↔ sandbox in-process, RSA_AES encrypted: ${scenario} syncs`, async () => {
      const sandbox = await sharedSandbox();
      const seen: string[] = [];
      // Look at what travels: the request is ciphertext, and so is the answer.
      const spy: FetchHandler = async (request) => {
        seen.push(`${request.headers.get("Content-Type")} ${request.headers.has("Encrypt")}`);
        const response = await sandbox.fetch(request);
        seen.push(`${response.headers.get("Content-Type")} ${response.headers.has("Encrypt")}`);
        return response;
      };
      await syncAndCheck(sandbox, { fetch: spy, encrypt: rsaAes() }, orderFor(scenario, "encrypted"));
      deepEqual(seen, ["text/plain; charset=UTF-8 true", "text/plain; charset=UTF-8 true"], "content types and Encrypt headers on the wire");
    });
  }

  test("PASS_TICKET lifecycle: TICKETED → USED, then USED → TICKETED is ORDER_STATUS_INVALID", async () => {
    const sandbox = await sharedSandbox();
    const client = clientFor(sandbox, { fetch: sandbox.fetch });
    const first = orderFor("PASS_TICKET", "lifecycle");
    const a = await client.syncOrder(first);
    const used = nextUpdate(first, "USED");
    const b = await client.syncOrder(used);
    equal(b.orderId, a.orderId, "same orderId");
    equal(b.orderStatus, "USED", "orderStatus");
    const error = await rejects(client.syncOrder(nextUpdate(used, "TICKETED")), OrderStatusInvalidError, "USED → TICKETED");
    equal(error.code, "ERR_ORDER_STATUS_INVALID", "code");
    equal(error.resultCode, "ORDER_STATUS_INVALID", "resultCode");
    equal(error.outcome, "not_applied", "outcome");
    deepEqual(sandbox.order(CLIENT_ID, first.merchantBizNo)?.history.map((h) => h.to), ["TICKETED", "USED"], "history");
  });

  test("PARAM_ILLEGAL: a requestId reused with a different body → ParamIllegalError", async () => {
    const sandbox = await sharedSandbox();
    const client = clientFor(sandbox, { fetch: sandbox.fetch });
    const requestId = "c0ffee00c0ffee00c0ffee00c0ffee00";
    await client.syncOrder({ ...orderFor("MOVIE_TICKET", "reuse-a"), requestId });
    const error = await rejects(client.syncOrder({ ...orderFor("MOVIE_TICKET", "reuse-b"), requestId }), ParamIllegalError, "reused requestId");
    equal(error.resultCode, "PARAM_ILLEGAL", "resultCode");
    equal(error.requestId, requestId, "requestId");
    equal(sandbox.order(CLIENT_ID, "reuse-b-MOVIE_TICKET"), undefined, "the second order was not applied");
  });

  test("PARAM_ILLEGAL through the typed openapi-fetch client (client.api), which does not validate", async () => {
    const sandbox = await sharedSandbox();
    const client = clientFor(sandbox, { fetch: sandbox.fetch });
    const { data, response } = await client.api.POST(SYNC_ORDER_PATH, { body: { requestId: "r1", merchantBizType: "PASS_TICKET" } as never });
    equal(response.status, 200, "HTTP status");
    equal(data?.result.resultCode, "PARAM_ILLEGAL", "resultCode");
    equal(data?.result.resultStatus, "F", "resultStatus");
  });

  test("client-side validation: an invalid order is refused before anything is sent (ValidationError)", async () => {
    const sandbox = await sharedSandbox();
    const before = sandbox.stats.requests;
    const client = clientFor(sandbox, { fetch: sandbox.fetch });
    const bad = { ...orderFor("RIDE_HAILING", "invalid"), orderStatus: "FLYING" } as unknown as OrderInput;
    const error = await rejects(client.syncOrder(bad), ValidationError, "invalid status");
    ok(error.problems.length > 0, "problems listed");
    equal(sandbox.stats.requests, before, "requests sent");
  });

  test("tampered response body → ResponseSignatureError", async () => {
    const sandbox = await newSandbox();
    const tamper: FetchHandler = async (request) => {
      const response = await sandbox.fetch(request);
      const text = await response.text();
      ok(text.includes('"SUCCESS"'), "the real answer was SUCCESS");
      return new Response(text.replace('"TICKETED"', '"REFUNDED"'), { status: response.status, headers: response.headers });
    };
    const error = await rejects(clientFor(sandbox, { fetch: tamper }).syncOrder(orderFor("TRAIN_TICKET", "tamper")), ResponseSignatureError, "tampered body");
    equal(error.code, "ERR_RESPONSE_SIGNATURE", "code");
    equal(error.outcome, "unknown", "outcome");
  });

  for (const fault of ["forgeSignature", "omitSignature", "truncate"] as const) {
    test(`sandbox fault ${fault} → ResponseSignatureError`, async () => {
      const sandbox = await newSandbox({ faults: { [fault]: 1 } });
      await rejects(clientFor(sandbox, { fetch: sandbox.fetch }).syncOrder(orderFor("GIFT_CARD_COUPON", fault)), ResponseSignatureError, fault);
      equal(sandbox.stats.faults[fault], 1, `faults.${fault}`);
    });
  }

  test("a response signed by another key than alipayPublicKey → ResponseSignatureError", async () => {
    const sandbox = await newSandbox();
    const client = clientFor({ alipayPublicKey: MERCHANT.spkiPem }, { fetch: sandbox.fetch });
    await rejects(client.syncOrder(orderFor("ALIPAY_COUPON", "wrongkey")), ResponseSignatureError, "wrong alipayPublicKey");
  });

  test("INVALID_SIGNATURE and INVALID_CLIENT from the sandbox's gateway", async () => {
    const sandbox = await newSandbox();
    const wrongPrivate = clientFor(sandbox, { fetch: sandbox.fetch, privateKey: ALIPAY.pkcs8Pem });
    await rejects(wrongPrivate.syncOrder(orderFor("LINE_UP", "badsig")), InvalidSignatureError, "signed with another key");
    const unknown = clientFor(sandbox, { fetch: sandbox.fetch, clientId: "2102000000000000" });
    await rejects(unknown.syncOrder(orderFor("LINE_UP", "badclient")), InvalidClientError, "unregistered Client-Id");
    equal(sandbox.orders.length, 0, "nothing applied");
  });

  test("UNKNOWN_EXCEPTION (injected at 50%) is retried with the same requestId until SUCCESS", async () => {
    const sandbox = await newSandbox({ faults: { unknownException: 0.5 }, seed: 20261117 });
    const client = clientFor(sandbox, { fetch: sandbox.fetch, retry: { maxAttempts: 12, initialDelayMs: 1, maxDelayMs: 4 } });
    let attempts = 0;
    for (const scenario of SCENARIOS) {
      const result = await client.syncOrder(orderFor(scenario, "retry"));
      equal(result.result.resultCode, "SUCCESS", `${scenario} resultCode`);
      equal(sandbox.order(CLIENT_ID, `retry-${scenario}`)?.orderStatus, result.orderStatus, `${scenario} held`);
      attempts += result.attempts;
    }
    const injected = sandbox.stats.faults.unknownException ?? 0;
    ok(injected > 0, "some UNKNOWN_EXCEPTION faults were injected");
    equal(attempts, SCENARIOS.length + injected, "attempts = orders + injected faults");
    // Every order applied exactly once, however many attempts it took.
    for (const scenario of SCENARIOS) equal(sandbox.order(CLIENT_ID, `retry-${scenario}`)?.history.length, 1, `${scenario} history length`);
  });

  test("UNKNOWN_EXCEPTION on every attempt → UnknownResultError after maxAttempts", async () => {
    const sandbox = await newSandbox({ faults: { unknownException: 1 } });
    const client = clientFor(sandbox, { fetch: sandbox.fetch, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 } });
    const error = await rejects(client.syncOrder(orderFor("CHARGING_PILE", "unknown")), UnknownResultError, "always U");
    equal(error.attempts, 3, "attempts");
    equal(error.outcome, "unknown", "outcome");
    equal(error.resultCode, "UNKNOWN_EXCEPTION", "resultCode");
    equal(sandbox.stats.faults.unknownException, 3, "faults injected");
  });

  test("an unsigned HTTP 503 is retried, then surfaces as HttpError", async () => {
    const sandbox = await newSandbox({ faults: { http503: 1 } });
    const client = clientFor(sandbox, { fetch: sandbox.fetch, retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } });
    const error = await rejects(client.syncOrder(orderFor("SELF_PICK", "http503")), HttpError, "503");
    equal(error.httpStatus, 503, "httpStatus");
    equal(error.attempts, 2, "attempts");
  });

  test("a slow answer (injected latency) → TimeoutError; the abort reaches the sandbox through request.signal", async () => {
    const sandbox = await newSandbox({ faults: { latencyMs: 2000 } });
    const client = clientFor(sandbox, { fetch: sandbox.fetch, timeoutMs: 50 });
    const started = Date.now();
    const error = await rejects(client.syncOrder(orderFor("CHARGING_PILE", "slow")), TimeoutError, "latency 2000 ms, timeout 50 ms");
    ok(Date.now() - started < 1500, `gave up after ${Date.now() - started} ms`);
    equal(error.outcome, "unknown", "outcome");
    equal(sandbox.orders.length, 0, "the sandbox stopped before processing");
  });

  test("the caller's AbortSignal → AbortedError, also while waiting between retries", async () => {
    const sandbox = await newSandbox({ faults: { unknownException: 1 } });
    const client = clientFor(sandbox, { fetch: sandbox.fetch, retry: { maxAttempts: 5, initialDelayMs: 5000, maxDelayMs: 5000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user gave up")), 100);
    const started = Date.now();
    const error = await rejects(client.syncOrder(orderFor("RIDE_HAILING", "abort"), { signal: controller.signal }), AbortedError, "aborted");
    ok(Date.now() - started < 2000, `aborted after ${Date.now() - started} ms`);
    equal(error.attempts, 1, "attempts before the abort");
    equal(error.outcome, "unknown", "outcome (an attempt was made)");
  });

  test("a dropped connection (the sandbox's handler throws like fetch) → NetworkError after the retries", async () => {
    const sandbox = await newSandbox({ faults: { drop: 1 } });
    const client = clientFor(sandbox, { fetch: sandbox.fetch, retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 } });
    const error = await rejects(client.syncOrder(orderFor("TRAIN_TICKET", "drop")), NetworkError, "dropped");
    equal(error.attempts, 2, "attempts");
    equal(sandbox.stats.faults.drop, 2, "faults.drop");
  });

  // ---------------------------------------------------------------------------------------------
  // Client ↔ sandbox over HTTP on 127.0.0.1 (where the runtime can listen)

  const serve = env.serve;
  if (serve) {
    const overLoopback = async (handler: FetchHandler, body: (baseUrl: string) => Promise<void>) => {
      const server = await serve(handler);
      try {
        ok(/^http:\/\/127\.0\.0\.1:\d+$/.test(server.url), `served on 127.0.0.1 (${server.url})`);
        await body(server.url);
      } finally {
        await server.close();
      }
    };

    test("client ↔ sandbox over loopback HTTP: nine scenarios, plain and encrypted, with the global fetch", async () => {
      const sandbox = await newSandbox();
      await overLoopback(sandbox.fetch, async (baseUrl) => {
        for (const encrypt of [false, true]) {
          const client = clientFor(sandbox, { baseUrl, ...(encrypt && { encrypt: rsaAes() }), timeoutMs: 5000 });
          for (const scenario of SCENARIOS) {
            const order = orderFor(scenario, `http-${encrypt}`);
            const result = await client.syncOrder(order);
            equal(result.result.resultCode, "SUCCESS", `${scenario} resultCode`);
            equal(sandbox.order(CLIENT_ID, order.merchantBizNo)?.orderId, result.orderId, `${scenario} orderId`);
            ok(result.tracerId?.startsWith("sbx"), `${scenario} Tracer-Id came through HTTP`);
          }
        }
      });
      equal(sandbox.orders.length, 2 * SCENARIOS.length, "orders held");
    });

    test("client ↔ sandbox over loopback HTTP: ORDER_STATUS_INVALID, PARAM_ILLEGAL and UNKNOWN_EXCEPTION retries", async () => {
      const sandbox = await newSandbox({ faults: { unknownException: 0.4 }, seed: 99 });
      await overLoopback(sandbox.fetch, async (baseUrl) => {
        const client = clientFor(sandbox, { baseUrl, retry: { maxAttempts: 12, initialDelayMs: 1, maxDelayMs: 4 }, timeoutMs: 5000 });
        const first = orderFor("PASS_TICKET", "http-life");
        await client.syncOrder(first);
        const used = nextUpdate(first, "USED");
        await client.syncOrder(used);
        await rejects(client.syncOrder(nextUpdate(used, "TICKETED")), OrderStatusInvalidError, "USED → TICKETED over HTTP");
        const requestId = "feedfacefeedfacefeedfacefeedface";
        await client.syncOrder({ ...orderFor("RIDE_HAILING", "http-reuse-a"), requestId });
        await rejects(client.syncOrder({ ...orderFor("RIDE_HAILING", "http-reuse-b"), requestId }), ParamIllegalError, "reused requestId over HTTP");
      });
      ok((sandbox.stats.faults.unknownException ?? 0) > 0, "UNKNOWN_EXCEPTION faults were injected (and retried through)");
    });

    test("client ↔ sandbox over loopback HTTP: a slow answer → TimeoutError, and the server still closes", async () => {
      const sandbox = await newSandbox({ faults: { latencyMs: 1500 } });
      await overLoopback(sandbox.fetch, async (baseUrl) => {
        const started = Date.now();
        await rejects(clientFor(sandbox, { baseUrl, timeoutMs: 100 }).syncOrder(orderFor("LINE_UP", "http-slow")), TimeoutError, "timeout over HTTP");
        ok(Date.now() - started < 1200, `gave up after ${Date.now() - started} ms`);
      });
    });

    test("client ↔ sandbox over loopback HTTP: a tampered response → ResponseSignatureError", async () => {
      const sandbox = await newSandbox();
      const tamper: FetchHandler = async (request) => {
        const response = await sandbox.fetch(request);
        const text = await response.text();
        return new Response(text.replace('"SUCCESS"', '"SUCCESS "'), { status: response.status, headers: response.headers });
      };
      await overLoopback(tamper, async (baseUrl) => {
        await rejects(clientFor(sandbox, { baseUrl }).syncOrder(orderFor("MOVIE_TICKET", "http-tamper")), ResponseSignatureError, "tampered over HTTP");
      });
    });
  }
}

type Registry = ReturnType<typeof createRegistry>;
const registry = createRegistry();
let registeredFor: SuiteEnv | undefined;

/** Runs the suite in the current runtime. Never throws: failures are counted and listed. */
export async function runSuite(env: SuiteEnv): Promise<SuiteResult> {
  if (registeredFor) throw new Error("runSuite() runs once per realm");
  registeredFor = env;
  register(env);
  return registry.run({ ...(env.log && { log: env.log }), ...(env.filter && { filter: env.filter }), timeoutMs: 30_000 });
}

/**
 * How many tests `runSuite(env)` runs, without running any: what scripts/runtimes.mjs expects of each runner (only
 * whether `serve` and `nodeGlobals` are given matters).
 */
export function countTests(env: SuiteEnv): number {
  const counting = createRegistry();
  register(env, counting);
  return counting.size;
}

/** The line every runner prints last, and that scripts/runtimes.mjs reads. */
export const summaryLine = (result: SuiteResult): string => `${result.passed} passed, ${result.failed} failed`;

