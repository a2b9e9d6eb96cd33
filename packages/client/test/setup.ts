// The client under test against the fake AlipayHK of fake-alipay.ts: shared by the client's test files.
import { OPERATIONS } from "alipayhk-spec";
import { createOrderClient, type OrderClientOptions, type OrderInput } from "../src/index.js";
import { BASE_URL, CLIENT_ID, fakeAlipay, order, pem, type Answer } from "./fake-alipay.js";

/** The body member that carries the call's ID: order sync's x-idempotency-key in the spec (`requestId` today). */
export const KEY = OPERATIONS.syncOrder.idempotencyKey;
export const U = { resultCode: "UNKNOWN_EXCEPTION", resultStatus: "U", resultMessage: "retry" };
export const fast = { initialDelayMs: 1, maxDelayMs: 2 };

export function setup(script?: Answer[], options: Partial<OrderClientOptions> = {}) {
  const fake = fakeAlipay(script);
  const client = createOrderClient({
    clientId: CLIENT_ID,
    privateKey: pem.merchantPrivate,
    alipayPublicKey: pem.alipayPublic,
    baseUrl: BASE_URL,
    fetch: fake.fetch,
    retry: fast,
    ...options,
  });
  return { client, requests: fake.requests };
}

export const movie = () => order("MOVIE_TICKET") as OrderInput;
