// @ts-check
// What every section of bench/profile.mjs uses: the packages' sources bundled with esbuild (internals exported),
// the RSA keys in each form the sections need, the shared 1 KB message, the timing helpers (us, usSync, usPair) and
// the rows of the table (row() records one and echoes it to stderr as it goes).
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "alipayhk-profile-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

// The packages' sources, internals exported, bundled once (alipayhk-* through the "alipayhk-source" export condition).
const outfile = join(tmp, "internals.mjs");
await build({
  stdin: {
    contents: `
      export * from "./packages/signature/src/index.ts";
      export { base64ToBytes, bytesToBase64, utf8 } from "./packages/signature/src/base64.ts";
      export { formatHeader } from "./packages/signature/src/header.ts";
      export { keyRecord } from "./packages/signature/src/keys.ts";
      export { rsaesPkcs1Encrypt, rsaesPkcs1Decrypt, modPow, bytesToBigInt, bigIntToBytes } from "./packages/signature/src/rsa-pkcs1.ts";
      export { aesEncrypt, aesDecrypt } from "./packages/signature/src/aes.ts";
      export { createOrderClient, validateOrder, OPERATIONS } from "./packages/client/src/index.ts";
      export { default as createClient } from "openapi-fetch";
    `,
    resolveDir: ROOT,
    loader: "ts",
  },
  bundle: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outfile,
  conditions: ["alipayhk-source"],
  logLevel: "warning",
});
export const P = await import(pathToFileURL(outfile).href);

export const RSASSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const gen = () =>
  crypto.subtle.generateKey({ ...RSASSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
    "sign",
    "verify",
  ]);
export const merchant = await gen();
export const alipay = await gen();
export const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", merchant.privateKey));
export const spki = new Uint8Array(await crypto.subtle.exportKey("spki", merchant.publicKey));
export const pem = (label, der) =>
  `-----BEGIN ${label}-----\n${P.bytesToBase64(der).replace(/(.{64})/g, "$1\n")}\n-----END ${label}-----\n`;
export const privateKey = await P.importPrivateKey(pem("PRIVATE KEY", pkcs8));
export const publicKey = await P.importPublicKey(pem("PUBLIC KEY", spki));
export const rawPrivate = await crypto.subtle.importKey("pkcs8", pkcs8, RSASSA, false, ["sign"]);
export const rawPublic = await crypto.subtle.importKey("spki", spki, RSASSA, false, ["verify"]);
export const alipayPublicPem = pem(
  "PUBLIC KEY",
  new Uint8Array(await crypto.subtle.exportKey("spki", alipay.publicKey)),
);
export const rawAlipayPublic = await crypto.subtle.importKey(
  "spki",
  await crypto.subtle.exportKey("spki", alipay.publicKey),
  RSASSA,
  false,
  ["verify"],
);

const MAX_MS = 1500;
export const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Median µs per call over up to `n` calls or MAX_MS, after a warm-up (medians shrug off bursts of other load). */
export async function us(fn, n = 20_000) {
  for (let i = 0; i < Math.min(200, n); i++) await fn();
  const samples = [];
  const start = performance.now();
  while (samples.length < n && performance.now() - start < MAX_MS) {
    const t0 = performance.now();
    await fn();
    samples.push((performance.now() - t0) * 1000);
  }
  return median(samples);
}
/** The same for synchronous functions, timed in batches of 100 calls. */
export function usSync(fn, n = 200_000) {
  for (let i = 0; i < 1000; i++) fn();
  const samples = [];
  const start = performance.now();
  while (samples.length * 100 < n && performance.now() - start < MAX_MS) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++) fn();
    samples.push(((performance.now() - t0) * 1000) / 100);
  }
  return median(samples);
}
/** Two async functions called alternately, call by call: [median µs of a, median µs of b]. */
export async function usPair(a, b, n = 20_000) {
  for (let i = 0; i < 200; i++) await a(), await b();
  const sa = [];
  const sb = [];
  const start = performance.now();
  while (sa.length < n && performance.now() - start < 2 * MAX_MS) {
    for (const [fn, out] of sa.length % 2
      ? [
          [b, sb],
          [a, sa],
        ]
      : [
          [a, sa],
          [b, sb],
        ]) {
      const t0 = performance.now();
      await fn();
      out.push((performance.now() - t0) * 1000);
    }
  }
  return [median(sa), median(sb)];
}
export const rows = [];
export const row = (section, what, value, note = "") => {
  rows.push([section, what, value, note]);
  console.error(`${section}: ${what} ${value.toFixed(2)} µs ${note}`);
};

// The inputs the sections share: a 1 KB body and the request message that carries it.
export const body = JSON.stringify({ data: "x".repeat(990) }).padEnd(1024, " ");
export const message = {
  method: "POST",
  path: "/api/open/alipay/v1/merchant/order/sync",
  clientId: "4Q5Y8W0WSG45P907917",
  time: "2024-05-22T06:42:21+00:00",
  body,
};
export const data = P.utf8(P.contentToSign(message));

/** Movie-ticket orders whose requestIds (`<prefix>` + a count) never repeat and whose orderModifyTime only grows. */
export function orderMaker(prefix, merchantBizNo) {
  let n = 0;
  return () => {
    n++;
    return {
      requestId: `${prefix}${String(n).padStart(20, "0")}`,
      merchantBizNo,
      merchantBizType: "MOVIE_TICKET",
      orderStatus: "TICKETED",
      userId: "2160120000000001",
      orderCreateTime: 1_764_115_200_000,
      orderModifyTime: 1_764_115_200_000 + n,
      extInfo: { seats: ["F7", "F8"] },
      tradeNo: "2026112622001",
    };
  };
}
