// Shared by the conformance suite's topic modules: the fixed test keys and vectors, and helpers to import the
// merchant's keys once and to create a sandbox and a client for it.
import { createOrderClient, ResultError, type OrderClientOptions } from "alipayhk-order";
import { createApiClient } from "alipayhk-order/api";
import { createSandbox, type Sandbox, type SandboxOptions } from "alipayhk-sandbox";
import { importPrivateKey, importPublicKey, type PrivateKey, type PublicKey } from "alipayhk-signature";
import { equal, rejects } from "./harness.js";
import vectors from "./vectors.json";

export const CLIENT_ID = vectors.clientId;
export const MERCHANT = vectors.keys.merchant;
export const ALIPAY = vectors.keys.alipay;
export const BASE_URL = "https://sandbox.alipayhk.invalid";

export const utf8 = (text: string) => new TextEncoder().encode(text);
export const fromHex = (hex: string) => new Uint8Array((hex.match(/../g) ?? []).map((byte) => parseInt(byte, 16)));
export const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** The first signature vector, the one most key and header tests use. */
export const firstVector = vectors.signatures[0]!;

/** The merchant's keys from vectors.json, imported once for the tests that share them. */
let merchantPrivate: PrivateKey | undefined;
let merchantPublic: PublicKey | undefined;
export const keys = async () => {
  merchantPrivate ??= await importPrivateKey(MERCHANT.pkcs8Pem);
  merchantPublic ??= await importPublicKey(MERCHANT.spkiPem);
  return { privateKey: merchantPrivate, publicKey: merchantPublic };
};

/** A sandbox with the fixed keys of vectors.json, and a client for it (one attempt: a failure must surface). */
export const newSandbox = (options: SandboxOptions = {}) =>
  createSandbox({
    merchants: { [CLIENT_ID]: MERCHANT.spkiPem },
    alipayPrivateKey: ALIPAY.pkcs8Pem,
    seed: 11,
    ...options,
  });
const clientOptions = (
  sandbox: Pick<Sandbox, "alipayPublicKey">,
  options: Partial<OrderClientOptions>,
): OrderClientOptions => ({
  clientId: CLIENT_ID,
  privateKey: MERCHANT.pkcs8Pem,
  alipayPublicKey: sandbox.alipayPublicKey,
  baseUrl: BASE_URL,
  retry: { maxAttempts: 1 },
  ...options,
});
export const clientFor = (sandbox: Pick<Sandbox, "alipayPublicKey">, options: Partial<OrderClientOptions> = {}) =>
  createOrderClient(clientOptions(sandbox, options));
/** The typed openapi-fetch client of alipayhk-order/api, with the same options. */
export const apiClientFor = (sandbox: Pick<Sandbox, "alipayPublicKey">, options: Partial<OrderClientOptions> = {}) =>
  createApiClient(clientOptions(sandbox, options));

/** Awaits a call that AlipayHK refuses with the definite failure `resultCode`. */
export const rejectsWith = (promise: Promise<unknown>, resultCode: string, what: string) =>
  rejects(promise, ResultError, what, (error) => equal(error.resultCode, resultCode, `${what}: resultCode`));
