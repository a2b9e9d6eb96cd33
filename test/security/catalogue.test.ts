// The bad-input catalogue: each bad input with the typed error `code` it must produce (and, through the client,
// the outcome), no unhandled rejection, and no key material or full signature in any error message.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AlipayHKError,
  decryptBody,
  encryptBody,
  formatRequestTime,
  importPrivateKey,
  importPublicKey,
  parseEncryptHeader,
  parseSignatureHeader,
  sign,
  verify,
  type Message,
} from "alipayhk-signature";
import { createOrderClient, OrderError, type OrderClientOptions, OPERATIONS } from "alipayhk-order";
import { createSandbox } from "alipayhk-sandbox";
import {
  alipay,
  KEY,
  answer,
  BASE_URL,
  CLIENT_ID,
  expectNoSecrets,
  merchant,
  responseTime,
  rsa,
  scripted,
  secret,
  signatureHeader,
  signB64,
  stranger,
  validOrder,
  type Reply,
} from "./helpers.js";

// ---- fixtures ----

const ec = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
const ecPrivatePem = ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const ecSec1Pem = ec.privateKey.export({ type: "sec1", format: "pem" }) as string;
const ecPublicPem = ec.publicKey.export({ type: "spki", format: "pem" }) as string;
const ed = generateKeyPairSync("ed25519");
const edPrivatePem = ed.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const small = rsa(1024);
const encryptedPkcs8 = merchant.key.export({
  type: "pkcs8",
  format: "pem",
  cipher: "aes-256-cbc",
  passphrase: "hunter2",
}) as string;
const encryptedPkcs1 = merchant.key.export({
  type: "pkcs1",
  format: "pem",
  cipher: "aes-256-cbc",
  passphrase: "hunter2",
}) as string;
const body = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
const privateBody = body(merchant.privatePem);
const mjwk = merchant.privateJwk as Record<string, string>;
for (const pem of [ecPrivatePem, ecSec1Pem, edPrivatePem, small.privatePem, encryptedPkcs8, encryptedPkcs1])
  secret(body(pem));
secret(...["d", "p", "q", "dp", "dq", "qi"].map((m) => (small.privateJwk as Record<string, string>)[m]));

const MESSAGE: Message = {
  method: "POST",
  path: OPERATIONS.syncOrder.path,
  clientId: CLIENT_ID,
  time: "2026-11-26T08:00:00+08:00",
  body: '{"a":1}',
};
const validSig = signB64(`POST ${OPERATIONS.syncOrder.path}\n${CLIENT_ID}.${MESSAGE.time}.${MESSAGE.body}`, alipay.key);
secret(validSig);
const verifyWith = async (header: string | null) => verify(MESSAGE, header, await importPublicKey(alipay.publicPem));

let own: Awaited<ReturnType<typeof importPrivateKey>>;
let encrypted: { body: string; encryptHeader: string };

// ---- the catalogue ----

interface Case {
  /** What is wrong. */
  readonly input: string;
  readonly run: () => unknown;
  /** The documented `code`. */
  readonly code: string;
  /** For client errors: the documented outcome. */
  readonly outcome?: "not_applied" | "unknown";
  /** Any further check of the error. */
  readonly also?: (error: Record<string, unknown>) => void;
}

const keys: Case[] = [
  { input: "garbage text as a private key", run: () => importPrivateKey("hello, I am a key"), code: "ERR_KEY_FORMAT" },
  { input: "garbage text as a public key", run: () => importPublicKey("hello, I am a key"), code: "ERR_KEY_FORMAT" },
  { input: "an empty string", run: () => importPrivateKey(""), code: "ERR_KEY_FORMAT" },
  { input: "null", run: () => importPrivateKey(null as never), code: "ERR_KEY_FORMAT" },
  { input: "a number", run: () => importPublicKey(42 as never), code: "ERR_KEY_FORMAT" },
  {
    input: "random DER bytes",
    run: () => importPrivateKey(crypto.getRandomValues(new Uint8Array(1200))),
    code: "ERR_KEY_FORMAT",
  },
  { input: "random bare base64", run: () => importPrivateKey(btoa("x".repeat(900))), code: "ERR_KEY_FORMAT" },
  { input: "a 70,000-character input", run: () => importPrivateKey("A".repeat(70_000)), code: "ERR_KEY_FORMAT" },
  {
    input: "wrong PEM label (CERTIFICATE)",
    run: () => importPublicKey(alipay.publicPem.replaceAll("PUBLIC KEY", "CERTIFICATE")),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "wrong PEM label (DSA PRIVATE KEY)",
    run: () => importPrivateKey(merchant.privatePem.replaceAll("PRIVATE KEY", "DSA PRIVATE KEY")),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "mismatched BEGIN/END labels",
    run: () => importPrivateKey(merchant.privatePem.replace("END PRIVATE KEY", "END PUBLIC KEY")),
    code: "ERR_KEY_FORMAT",
  },
  { input: "an EC private key (PKCS#8)", run: () => importPrivateKey(ecPrivatePem), code: "ERR_KEY_FORMAT" },
  { input: "an EC private key (SEC1 PEM)", run: () => importPrivateKey(ecSec1Pem), code: "ERR_KEY_FORMAT" },
  { input: "an EC public key", run: () => importPublicKey(ecPublicPem), code: "ERR_KEY_FORMAT" },
  {
    input: "an EC JWK",
    run: () => importPrivateKey(ec.privateKey.export({ format: "jwk" }) as JsonWebKey),
    code: "ERR_KEY_FORMAT",
  },
  { input: "an Ed25519 private key", run: () => importPrivateKey(edPrivatePem), code: "ERR_KEY_FORMAT" },
  { input: "a 1024-bit RSA private key", run: () => importPrivateKey(small.privatePem), code: "ERR_KEY_TOO_SMALL" },
  { input: "a 1024-bit RSA public key", run: () => importPublicKey(small.publicPem), code: "ERR_KEY_TOO_SMALL" },
  { input: "a 1024-bit RSA JWK", run: () => importPrivateKey(small.privateJwk), code: "ERR_KEY_TOO_SMALL" },
  { input: "an encrypted PKCS#8 key", run: () => importPrivateKey(encryptedPkcs8), code: "ERR_KEY_FORMAT" },
  {
    input: "a legacy encrypted PKCS#1 key (Proc-Type)",
    run: () => importPrivateKey(encryptedPkcs1),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a public key where a private one is expected (PEM)",
    run: () => importPrivateKey(merchant.publicPem),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a private key where a public one is expected (PEM)",
    run: () => importPublicKey(merchant.privatePem),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a public key where a private one is expected (JWK)",
    run: () => importPrivateKey(merchant.publicJwk),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a private key where a public one is expected (JWK text)",
    run: () => importPublicKey(JSON.stringify(merchant.privateJwk)),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a public key where a private one is expected (bare base64)",
    run: () => importPrivateKey(body(merchant.publicPem)),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "an imported public key given to importPrivateKey",
    run: async () => importPrivateKey((await importPublicKey(alipay.publicPem)) as never),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a truncated PEM (body cut in half)",
    run: () => importPrivateKey(`-----BEGIN PRIVATE KEY-----\n${privateBody.slice(0, 800)}\n-----END PRIVATE KEY-----`),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a truncated PEM (no END line)",
    run: () => importPrivateKey(merchant.privatePem.slice(0, 900)),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a PEM whose body is not base64",
    run: () => importPrivateKey("-----BEGIN PRIVATE KEY-----\n@@@@****\n-----END PRIVATE KEY-----"),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a JWK without n",
    run: () => importPrivateKey({ ...merchant.privateJwk, n: undefined }),
    code: "ERR_KEY_FORMAT",
  },
  { input: "a public JWK without e", run: () => importPublicKey({ kty: "RSA", n: mjwk.n }), code: "ERR_KEY_FORMAT" },
  {
    input: "a private JWK without its CRT members (p, q, dp, dq, qi)",
    run: () => importPrivateKey({ kty: "RSA", n: mjwk.n, e: mjwk.e, d: mjwk.d }),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a JWK without kty",
    run: () => importPublicKey({ n: mjwk.n, e: mjwk.e } as JsonWebKey),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a JWK whose n is a number",
    run: () => importPublicKey({ kty: "RSA", n: 12345 as never, e: "AQAB" }),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a JWK whose n is not base64url",
    run: () => importPublicKey({ kty: "RSA", n: "!!!!", e: "AQAB" }),
    code: "ERR_KEY_FORMAT",
  },
  {
    input: "a JWK with an even public exponent",
    run: () => importPublicKey({ kty: "RSA", n: mjwk.n, e: "AQAA" }),
    code: "ERR_KEY_FORMAT",
  },
  { input: "broken JWK JSON text", run: () => importPrivateKey('{"kty":"RSA","n":'), code: "ERR_KEY_FORMAT" },
  {
    input: "a PEM string passed to sign() (not imported)",
    run: () => sign(MESSAGE, merchant.privatePem as never),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a private key passed to verify()",
    run: async () => verify(MESSAGE, signatureHeader(validSig), (await importPrivateKey(merchant.privatePem)) as never),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a public key passed to decryptBody()",
    run: async () =>
      decryptBody(encrypted.body, encrypted.encryptHeader, (await importPublicKey(merchant.publicPem)) as never),
    code: "ERR_KEY_TYPE",
  },
  {
    input: "an RSA-PSS CryptoKey",
    run: async () => {
      const pair = await crypto.subtle.generateKey(
        { name: "RSA-PSS", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
        true,
        ["sign", "verify"],
      );
      return importPrivateKey(pair.privateKey);
    },
    code: "ERR_KEY_TYPE",
  },
  {
    input: "a non-extractable CryptoKey for decryptBody()",
    run: async () => {
      const pair = await crypto.subtle.generateKey(
        { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
        false,
        ["sign", "verify"],
      );
      return decryptBody(encrypted.body, encrypted.encryptHeader, pair.privateKey);
    },
    code: "ERR_KEY_NOT_EXTRACTABLE",
  },
];

const headers: Case[] = [
  { input: "Signature: missing (null)", run: () => parseSignatureHeader(null), code: "ERR_SIGNATURE_HEADER" },
  { input: "Signature: empty", run: () => parseSignatureHeader(""), code: "ERR_SIGNATURE_HEADER" },
  { input: "Signature: not a string", run: () => parseSignatureHeader(42 as never), code: "ERR_SIGNATURE_HEADER" },
  {
    input: "Signature: a bare value without key=",
    run: () => parseSignatureHeader(encodeURIComponent(validSig)),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: no signature pair",
    run: () => parseSignatureHeader("algorithm=RSA256,keyVersion=1"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: non-base64 signature",
    run: () => parseSignatureHeader("algorithm=RSA256,signature=@@@@"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: unpadded base64",
    run: () => parseSignatureHeader("signature=abc"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: URL-safe base64",
    run: () => parseSignatureHeader("signature=ab-_"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: a form-decoded + (space)",
    run: () => parseSignatureHeader("signature=ab c"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: broken percent-escape",
    run: () => parseSignatureHeader("signature=%ZZ%3D"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: oversized (5,000 characters)",
    run: () => parseSignatureHeader(`signature=${"A".repeat(4_990)}`),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: duplicate signature keys",
    run: () => parseSignatureHeader(`signature=AAAA,signature=${encodeURIComponent(validSig)}`),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: duplicate algorithm keys",
    run: () => parseSignatureHeader("algorithm=RSA256,algorithm=ECC224,signature=AAAA"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: empty value",
    run: () => parseSignatureHeader("algorithm=,signature=AAAA"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: keyVersion with a space",
    run: () => parseSignatureHeader("keyVersion=1 2,signature=AAAA"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: header injection (CRLF)",
    run: () => parseSignatureHeader("signature=AAAA\r\nX-Evil: 1"),
    code: "ERR_SIGNATURE_HEADER",
  },
  {
    input: "Signature: unsupported algorithm ECC224 (verify)",
    run: () => verifyWith(`algorithm=ECC224,signature=${encodeURIComponent(validSig)}`),
    code: "ERR_UNSUPPORTED_ALGORITHM",
  },
  {
    input: "Signature: unsupported algorithm SHA1withRSA (verify)",
    run: () => verifyWith(`algorithm=SHA1withRSA,signature=${encodeURIComponent(validSig)}`),
    code: "ERR_UNSUPPORTED_ALGORITHM",
  },
  {
    input: "Signature: algorithm __proto__ (verify)",
    run: () => verifyWith(`algorithm=__proto__,signature=${encodeURIComponent(validSig)}`),
    code: "ERR_UNSUPPORTED_ALGORITHM",
  },
  { input: "Signature: missing (verify)", run: () => verifyWith(null), code: "ERR_SIGNATURE_HEADER" },
  { input: "Encrypt: missing (null)", run: () => parseEncryptHeader(null), code: "ERR_ENCRYPT_HEADER" },
  { input: "Encrypt: no algorithm", run: () => parseEncryptHeader("symmetricKey=AAAA"), code: "ERR_ENCRYPT_HEADER" },
  {
    input: "Encrypt: no symmetricKey",
    run: () => parseEncryptHeader("algorithm=RSA_AES,keyVersion=1"),
    code: "ERR_ENCRYPT_HEADER",
  },
  {
    input: "Encrypt: non-base64 symmetricKey",
    run: () => parseEncryptHeader("algorithm=RSA_AES,symmetricKey=!!!"),
    code: "ERR_ENCRYPT_HEADER",
  },
  {
    input: "Encrypt: mixed base64 alphabets",
    run: () => parseEncryptHeader("algorithm=RSA_AES,symmetricKey=ab+-"),
    code: "ERR_ENCRYPT_HEADER",
  },
  {
    input: "Encrypt: duplicate keys",
    run: () => parseEncryptHeader("algorithm=RSA_AES,symmetricKey=AAAA,symmetricKey=BBBB"),
    code: "ERR_ENCRYPT_HEADER",
  },
  {
    input: "Encrypt: oversized",
    run: () => parseEncryptHeader(`algorithm=RSA_AES,symmetricKey=${"A".repeat(5_000)}`),
    code: "ERR_ENCRYPT_HEADER",
  },
  {
    input: "Encrypt: unsupported algorithm RSA (decryptBody)",
    run: () => decryptBody(encrypted.body, encrypted.encryptHeader.replace("RSA_AES", "RSA"), own),
    code: "ERR_UNSUPPORTED_ALGORITHM",
  },
  {
    input: "Encrypt: a key wrapped for another recipient",
    run: async () => {
      const other = await encryptBody('{"a":1}', await importPublicKey(stranger.publicPem));
      return decryptBody(other.body, other.encryptHeader, own);
    },
    code: "ERR_DECRYPTION",
  },
  {
    input: "Encrypt: a symmetricKey of the wrong length",
    run: () => decryptBody(encrypted.body, "algorithm=RSA_AES,symmetricKey=AAAA", own),
    code: "ERR_DECRYPTION",
  },
  {
    input: "RSA_AES body: corrupted ciphertext",
    run: () => decryptBody(`${encrypted.body.slice(0, -8)}AAAAAAA=`, encrypted.encryptHeader, own),
    code: "ERR_DECRYPTION",
  },
  {
    input: "RSA_AES body: not base64",
    run: () => decryptBody("<html>", encrypted.encryptHeader, own),
    code: "ERR_DECRYPTION",
  },
  {
    input: "RSA_AES body: decrypted with the other AES mode",
    run: () => decryptBody(encrypted.body, encrypted.encryptHeader, own, { aesMode: "CBC-ZERO-IV" }),
    code: "ERR_DECRYPTION",
  },
  {
    input: "RSA_AES body: not a string",
    run: () => decryptBody(42 as never, encrypted.encryptHeader, own),
    code: "ERR_INVALID_ARGUMENT",
  },
  {
    input: "RSA_AES: unknown aesMode",
    run: () => decryptBody(encrypted.body, encrypted.encryptHeader, own, { aesMode: "GCM" as never }),
    code: "ERR_INVALID_ARGUMENT",
  },
  {
    input: "RSA_AES: aesKeyBits 512",
    run: async () => encryptBody("x", await importPublicKey(alipay.publicPem), { aesKeyBits: 512 as never }),
    code: "ERR_INVALID_ARGUMENT",
  },
  {
    input: "sign(): a message without a body",
    run: async () => sign({ ...MESSAGE, body: undefined as never }, await importPrivateKey(merchant.privatePem)),
    code: "ERR_INVALID_ARGUMENT",
  },
  {
    input: "sign(): keyVersion with a comma",
    run: async () => sign(MESSAGE, await importPrivateKey(merchant.privatePem), { keyVersion: "1,signature=x" }),
    code: "ERR_INVALID_ARGUMENT",
  },
  {
    input: "formatRequestTime(): an invalid date",
    run: () => formatRequestTime(new Date("nope")),
    code: "ERR_INVALID_ARGUMENT",
  },
  {
    input: "formatRequestTime(): offset of 20 hours",
    run: () => formatRequestTime(new Date(), { offsetMinutes: 1_200 }),
    code: "ERR_INVALID_ARGUMENT",
  },
];

// Orders through the client: refused before anything is sent (attempts 0, fetch never called).
const calledFetch = { calls: 0 };
const orderClient = (strict: boolean) =>
  createOrderClient({
    strict,
    clientId: CLIENT_ID,
    privateKey: merchant.privatePem,
    alipayPublicKey: alipay.publicPem,
    baseUrl: BASE_URL,
    fetch: async () => {
      calledFetch.calls++;
      return new Response("{}");
    },
  });
const refused =
  (order: unknown, strict: boolean): Case["run"] =>
  () =>
    orderClient(strict).syncOrder(order as never);
/** Rules the spec marks x-inferred: refused before sending by a client with strict: true only. */
const STRICT_ONLY = new Set([
  "an empty requestId",
  "both userId and openId",
  "a non-integer orderCreateTime",
  "a negative orderCreateTime",
  "orderModifyTime negative",
  "no extInfo",
]);
const notSent = (e: Record<string, unknown>) => expect(e.attempts).toBe(0);
const cyclic = () => {
  const order = validOrder({ extInfo: {} }) as Record<string, unknown> & { extInfo: Record<string, unknown> };
  order.extInfo.self = order;
  return order;
};

const orders: Case[] = [
  ["an unknown scenario", validOrder({ merchantBizType: "PIZZA_DELIVERY" })],
  ["no merchantBizType", validOrder({ merchantBizType: undefined })],
  ["a status of another scenario", validOrder({ orderStatus: "SERVING" })],
  ["a lower-case status", validOrder({ orderStatus: "ticketed" })],
  ["a numeric status", validOrder({ orderStatus: 1 })],
  ["a 33-character merchantBizNo", validOrder({ merchantBizNo: "M".repeat(33) })],
  ["a dashed UUID as requestId (36 characters)", validOrder({ [KEY]: crypto.randomUUID() })],
  ["an empty requestId", validOrder({ [KEY]: "" })],
  ["a 65-character userId", validOrder({ userId: "1".repeat(65) })],
  ["both userId and openId", validOrder({ openId: "open-1" })],
  ["neither userId nor openId", validOrder({ userId: undefined })],
  ["a non-integer orderCreateTime", validOrder({ orderCreateTime: 1_764_115_200_000.5 })],
  ["a negative orderCreateTime", validOrder({ orderCreateTime: -1, orderModifyTime: 5 })],
  ["orderModifyTime as a string", validOrder({ orderModifyTime: "1764115260000" })],
  ["orderModifyTime NaN", validOrder({ orderModifyTime: Number.NaN })],
  ["orderModifyTime negative", validOrder({ orderModifyTime: -1 })],
  ["no extInfo", validOrder({ extInfo: undefined })],
  ["extInfo an array", validOrder({ extInfo: [] })],
  ["an amount as a number", validOrder({ amount: { value: 100, currency: "HKD" } })],
  ["a lower-case currency", validOrder({ amount: { value: "100", currency: "hkd" } })],
  [
    "Self Pick without itemOrderList",
    {
      ...validOrder({ merchantBizType: "SELF_PICK", orderStatus: "PENDING" }),
      amount: { value: "1", currency: "HKD" },
      shopInfo: {},
    },
  ],
  ["a JSON string instead of an order", "an order"],
  ["a JSON array instead of an order", [validOrder()]],
  ["null instead of an order", null],
  ["undefined instead of an order", undefined],
  ["a cyclic extInfo (cannot be serialised)", cyclic()],
].map(([input, order]) => {
  const strict = STRICT_ONLY.has(input as string);
  return {
    input: `order: ${input as string}${strict ? " (strict client)" : ""}`,
    run: refused(order, strict),
    code: "ERR_VALIDATION",
    outcome: "not_applied" as const,
    also: notSent,
  };
});

// Responses through the client, from a fake AlipayHK (signed with node:crypto).
const replied =
  (reply: Reply, options: Partial<OrderClientOptions> = {}): Case["run"] =>
  () =>
    createOrderClient({
      clientId: CLIENT_ID,
      privateKey: merchant.privatePem,
      alipayPublicKey: alipay.publicPem,
      baseUrl: BASE_URL,
      fetch: scripted([reply]).fetch,
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
      ...options,
    } as OrderClientOptions).syncOrder(validOrder());
const once = (e: Record<string, unknown>) => expect(e.attempts).toBe(1);

const responses: Case[] = [
  {
    input: "response: signed, but not JSON",
    run: replied({ body: "this is not json" }),
    code: "ERR_RESPONSE_FORMAT",
    outcome: "unknown",
    also: once,
  },
  {
    input: "response: an unsigned HTML error page (HTTP 502)",
    run: replied({ status: 502, body: "<html><h1>Bad Gateway</h1></html>", signature: null, time: null }),
    code: "ERR_HTTP",
    outcome: "unknown",
  },
  {
    input: "response: an unsigned HTML page with HTTP 200",
    run: replied({ body: "<html>hello</html>", signature: null, time: null }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
    also: once,
  },
  {
    input: "response: an unsigned 404 (wrong base URL)",
    run: replied({ status: 404, body: "not found", signature: null }),
    code: "ERR_HTTP",
    outcome: "not_applied",
    also: once,
  },
  {
    input: "response: an empty body, unsigned",
    run: replied({ body: "", signature: null }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: an empty body, signed",
    run: replied({ body: "" }),
    code: "ERR_RESPONSE_FORMAT",
    outcome: "unknown",
  },
  {
    input: "response: JSON null, signed",
    run: replied({ body: "null" }),
    code: "ERR_RESPONSE_FORMAT",
    outcome: "unknown",
  },
  {
    input: "response: a JSON array, signed",
    run: replied({ body: "[]" }),
    code: "ERR_RESPONSE_FORMAT",
    outcome: "unknown",
  },
  {
    input: "response: JSON without result, signed",
    run: replied({ body: '{"orderId":"A1"}' }),
    code: "ERR_RESPONSE_FORMAT",
    outcome: "unknown",
  },
  {
    input: "response: a valid signature over another body",
    run: replied({ body: answer("SUCCESS"), signedBody: answer("ORDER_STATUS_INVALID", "F") }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
    also: once,
  },
  {
    input: "response: a signature over another Response-Time",
    run: replied({ signedTime: "2020-01-01T00:00:00+00:00" }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: a signature over another path",
    run: replied({ signedPath: "/api/open/alipay/v1/other" }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: a signature over the Client-Id it claims",
    run: replied({ signedClientId: "EVIL", headers: { "Client-Id": "EVIL" } }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: signed by another key",
    run: replied({ key: stranger.key }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: no Signature header",
    run: replied({ signature: null }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: no Response-Time header",
    run: replied({ time: null }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: a malformed Signature header",
    run: replied({ signature: "algorithm=RSA256,signature=%%%" }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: Signature with algorithm ECC224",
    run: replied({ signature: `algorithm=ECC224,signature=${encodeURIComponent(validSig)}` }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: Response-Time 10 minutes off (maxResponseSkewMs 60 s)",
    run: replied({ time: responseTime(600_000) }, { maxResponseSkewMs: 60_000 }),
    code: "ERR_RESPONSE_SIGNATURE",
    outcome: "unknown",
  },
  {
    input: "response: encrypted, but the client does not decrypt",
    run: replied({ headers: { Encrypt: "algorithm=RSA_AES,symmetricKey=AAAA" } }),
    code: "ERR_RESPONSE_FORMAT",
    outcome: "unknown",
  },
  {
    input: "response: a signed F with a gateway code",
    run: replied({ body: answer("PROCESS_FAIL", "F") }),
    code: "ERR_PROCESS_FAIL",
    outcome: "not_applied",
    also: once,
  },
  {
    input: "response: a signed resultStatus that is neither S, F nor U",
    run: replied({ body: answer("WEIRD", "X") }),
    code: "ERR_RESULT",
    outcome: "not_applied",
  },
  {
    input: "response: a signed F with a code the spec does not list",
    run: replied({ body: answer("SOMETHING_NEW", "F") }),
    code: "ERR_RESULT",
    outcome: "not_applied",
    also: once,
  },
  {
    input: "order: a huge body (100 KB extInfo) is sent, and the sandbox refuses it (signed HTTP 413)",
    run: async () => {
      const sandbox = await createSandbox({ merchants: { [CLIENT_ID]: merchant.publicPem }, seed: 3 });
      const client = createOrderClient({
        clientId: CLIENT_ID,
        privateKey: merchant.privatePem,
        alipayPublicKey: sandbox.alipayPublicKey,
        baseUrl: BASE_URL,
        fetch: sandbox.fetch,
      });
      try {
        return await client.syncOrder(validOrder({ extInfo: { blob: "x".repeat(100_000) } }));
      } finally {
        expect(sandbox.orders).toEqual([]);
      }
    },
    code: "ERR_PARAM_ILLEGAL",
    outcome: "not_applied",
    also: once,
  },
  {
    input: "client: a garbage private key",
    run: () =>
      createOrderClient({
        clientId: CLIENT_ID,
        privateKey: "nope",
        alipayPublicKey: alipay.publicPem,
        baseUrl: BASE_URL,
      }).syncOrder(validOrder()),
    code: "ERR_CONFIG",
    outcome: "not_applied",
  },
  {
    input: "client: an EC private key",
    run: () =>
      createOrderClient({
        clientId: CLIENT_ID,
        privateKey: ecPrivatePem,
        alipayPublicKey: alipay.publicPem,
        baseUrl: BASE_URL,
      }).syncOrder(validOrder()),
    code: "ERR_CONFIG",
    outcome: "not_applied",
  },
  {
    input: "client: AlipayHK's public key given as the private key",
    run: () =>
      createOrderClient({
        clientId: CLIENT_ID,
        privateKey: alipay.publicPem,
        alipayPublicKey: alipay.publicPem,
        baseUrl: BASE_URL,
      }).syncOrder(validOrder()),
    code: "ERR_CONFIG",
    outcome: "not_applied",
  },
  {
    input: "client: the merchant's private key given as AlipayHK's public key",
    run: () =>
      createOrderClient({
        clientId: CLIENT_ID,
        privateKey: merchant.privatePem,
        alipayPublicKey: merchant.privatePem,
        baseUrl: BASE_URL,
      }).syncOrder(validOrder()),
    code: "ERR_CONFIG",
    outcome: "not_applied",
  },
  {
    input: "client: a relative baseUrl",
    run: () =>
      createOrderClient({
        clientId: CLIENT_ID,
        privateKey: merchant.privatePem,
        alipayPublicKey: alipay.publicPem,
        baseUrl: "/api",
      }),
    code: "ERR_CONFIG",
    outcome: "not_applied",
  },
  {
    input: "client: an empty clientId",
    run: () =>
      createOrderClient({
        clientId: " ",
        privateKey: merchant.privatePem,
        alipayPublicKey: alipay.publicPem,
        baseUrl: BASE_URL,
      }),
    code: "ERR_CONFIG",
    outcome: "not_applied",
  },
];

// ---- runner ----

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  own = await importPrivateKey(merchant.privatePem);
  encrypted = await encryptBody(JSON.stringify(validOrder()), await importPublicKey(merchant.publicPem));
});
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  process.off("unhandledRejection", onUnhandled);
  expect(unhandled, "unhandled rejections during the catalogue").toEqual([]);
});

async function outcomeOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

function expectTyped(error: unknown, c: Case): void {
  expect(error, `${c.input}: resolved instead of failing`).toBeDefined();
  const e = error as Record<string, unknown>;
  expect(
    error instanceof AlipayHKError,
    `${c.input}: threw ${(error as Error)?.name}: ${(error as Error)?.message}`,
  ).toBe(true);
  expect(e.code, `${c.input}: ${String(e.message)}`).toBe(c.code);
  if (c.outcome) {
    expect(error).toBeInstanceOf(OrderError);
    expect(e.outcome).toBe(c.outcome);
  }
  c.also?.(e);
  expectNoSecrets(error);
}

const all = [...keys, ...headers, ...orders, ...responses];

describe("bad-input catalogue", () => {
  it("has at least 40 entries, 10 or more from every area (the sandbox's are in catalogue-sandbox.test.ts)", () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(Math.min(keys.length, headers.length, orders.length, responses.length)).toBeGreaterThanOrEqual(10);
  });

  describe("keys", () => {
    it.each(keys.map((c) => [c.input, c] as const))("%s", async (_input, c) => expectTyped(await outcomeOf(c.run), c));
  });
  describe("Signature / Encrypt headers and RSA_AES", () => {
    it.each(headers.map((c) => [c.input, c] as const))("%s", async (_input, c) =>
      expectTyped(await outcomeOf(c.run), c),
    );
  });
  describe("orders through the client", () => {
    it.each(orders.map((c) => [c.input, c] as const))("%s", async (_input, c) => {
      const before = calledFetch.calls;
      expectTyped(await outcomeOf(c.run), c);
      expect(calledFetch.calls, "nothing may be sent").toBe(before);
    });
  });
  describe("responses through the client", () => {
    it.each(responses.map((c) => [c.input, c] as const))("%s", async (_input, c) =>
      expectTyped(await outcomeOf(c.run), c),
    );
  });
});
