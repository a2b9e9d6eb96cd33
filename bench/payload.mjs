// @ts-check
// What every benchmark signs, so that each number (ours, crypto.subtle's, alipay-sdk's) is over the same bytes.
// Web APIs only: bundled into the runtime-neutral bench for Node, Deno and Bun, and imported by the Node extras.

export const CLIENT_ID = "4Q5Y8W0WSG45P907917";
export const SYNC_PATH = "/api/open/alipay/v1/merchant/order/sync";

/** A 1 KB JSON body (padded with spaces to exactly 1,024 bytes). */
export const BODY_1KB = JSON.stringify({
  requestId: "5d6c0d6e2b0f4a4f9d8c7b6a5f4e3d2c",
  merchantBizNo: "M-20240522-0001",
  orderStatus: "TICKETED",
  merchantBizType: "MOVIE_TICKET",
  items: Array.from({ length: 12 }, (_, i) => ({
    name: `Ticket ${i}`,
    seat: `R${i}`,
    amount: { currency: "HKD", value: 12000 },
  })),
}).padEnd(1024, " ");

/** The message signed by the crypto benchmarks (a request as the client signs it). */
export const MESSAGE = {
  method: "POST",
  path: SYNC_PATH,
  clientId: CLIENT_ID,
  time: "2024-05-22T06:42:21+00:00",
  body: BODY_1KB,
};

/** The exact text AlipayHK signs, written out here rather than taken from the package under test. */
export const contentOf = (m) => `${m.method} ${m.path}\n${m.clientId}.${m.time}.${m.body}`;

/** PEM body to DER bytes (standard base64 between the armour lines). */
export function pemToDer(pem) {
  const b64 = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
  const binary = atob(b64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export const RSASSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };

/** The median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
