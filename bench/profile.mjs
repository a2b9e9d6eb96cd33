#!/usr/bin/env node
// @ts-check
// A diagnostic, not part of `npm run bench`: where the packages spend time per call, without the network.
//
//   node bench/profile.mjs            (also: npx bun bench/profile.mjs; npx deno run -A bench/profile.mjs)
//
// 1. sign() and verify(): each step of the package's own code (bundled from packages/signature/src with esbuild,
//    so that internal functions can be timed one by one), beside the crypto.subtle call they wrap.
// 2. syncOrder() against a baseline with the network taken out: the global fetch is replaced by one that returns
//    a canned, correctly signed answer at once. Both sides still sign the request and verify the answer, so the
//    difference between them is the client's own per-call overhead; then that overhead is split into its parts
//    (validation, the per-attempt timeout and the signal it gives fetch, and, for createApiClient, openapi-fetch's
//    Request round trip and the verified Response it builds). The canned fetch never looks at the signal; what a real
//    fetch does with one is measured apart ("new Request(url, init) with a signal": Node's fetch builds that Request).
// 3. RSA_AES: encryptBody / decryptBody and their RSA steps (pure-JS BigInt RSA, since WebCrypto has no
//    RSAES-PKCS1-v1_5), beside one crypto.subtle.sign.
//
// Numbers are microseconds per call: medians of bounded loops after a warm-up, one call at a time; the pairs that
// are compared are called alternately, call by call.
import { build } from "esbuild";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
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
const P = await import(pathToFileURL(outfile).href);

const RSASSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const gen = () =>
  crypto.subtle.generateKey({ ...RSASSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
    "sign",
    "verify",
  ]);
const merchant = await gen();
const alipay = await gen();
const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", merchant.privateKey));
const spki = new Uint8Array(await crypto.subtle.exportKey("spki", merchant.publicKey));
const pem = (label, der) =>
  `-----BEGIN ${label}-----\n${P.bytesToBase64(der).replace(/(.{64})/g, "$1\n")}\n-----END ${label}-----\n`;
const privateKey = await P.importPrivateKey(pem("PRIVATE KEY", pkcs8));
const publicKey = await P.importPublicKey(pem("PUBLIC KEY", spki));
const rawPrivate = await crypto.subtle.importKey("pkcs8", pkcs8, RSASSA, false, ["sign"]);
const rawPublic = await crypto.subtle.importKey("spki", spki, RSASSA, false, ["verify"]);
const alipayPublicPem = pem("PUBLIC KEY", new Uint8Array(await crypto.subtle.exportKey("spki", alipay.publicKey)));
const rawAlipayPublic = await crypto.subtle.importKey(
  "spki",
  await crypto.subtle.exportKey("spki", alipay.publicKey),
  RSASSA,
  false,
  ["verify"],
);

const MAX_MS = 1500;
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Median µs per call over up to `n` calls or MAX_MS, after a warm-up (medians shrug off bursts of other load). */
async function us(fn, n = 20_000) {
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
function usSync(fn, n = 200_000) {
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
async function usPair(a, b, n = 20_000) {
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
const rows = [];
const row = (section, what, value, note = "") => {
  rows.push([section, what, value, note]);
  console.error(`${section}: ${what} ${value.toFixed(2)} µs ${note}`);
};

// ------------------------------------------------------------------------------------------------------------
// 1. sign() / verify()

const body = JSON.stringify({ data: "x".repeat(990) }).padEnd(1024, " ");
const message = {
  method: "POST",
  path: "/api/open/alipay/v1/merchant/order/sync",
  clientId: "4Q5Y8W0WSG45P907917",
  time: "2024-05-22T06:42:21+00:00",
  body,
};
const header = await P.sign(message, privateKey);
const data = P.utf8(P.contentToSign(message));
const signatureB64 = P.parseSignatureHeader(header).signature;
const signatureBytes = P.base64ToBytes(signatureB64);

{
  const [raw, ours] = await usPair(
    () => crypto.subtle.sign("RSASSA-PKCS1-v1_5", rawPrivate, data),
    () => P.sign(message, privateKey),
    3000,
  );
  row("sign", "crypto.subtle.sign (cached key)", raw);
  row("sign", "sign() in all (called alternately with the line above)", ours, `overhead ${(ours - raw).toFixed(1)} µs`);
}
row(
  "sign",
  "  utf8(contentToSign(message))",
  usSync(() => P.utf8(P.contentToSign(message))),
);
row(
  "sign",
  "  keyRecord(key) (WeakMap lookup)",
  usSync(() => P.keyRecord(privateKey, "private", "sign")),
);
row(
  "sign",
  "  bytesToBase64(256-byte signature)",
  usSync(() => P.bytesToBase64(signatureBytes)),
);
row(
  "sign",
  "  formatHeader (encodeURIComponent)",
  usSync(() => P.formatHeader("RSA256", undefined, "signature", signatureB64)),
);

{
  const [raw, ours] = await usPair(
    () => crypto.subtle.verify("RSASSA-PKCS1-v1_5", rawPublic, signatureBytes, data),
    () => P.verify(message, header, publicKey),
  );
  row("verify", "crypto.subtle.verify (cached key)", raw);
  row(
    "verify",
    "verify() in all (called alternately with the line above)",
    ours,
    `overhead ${(ours - raw).toFixed(1)} µs`,
  );
}
row(
  "verify",
  "  parseSignatureHeader(header)",
  usSync(() => P.parseSignatureHeader(header)),
);
row(
  "verify",
  "  base64ToBytes(signature) (strict regex + atob + loop)",
  usSync(() => P.base64ToBytes(signatureB64)),
);
row(
  "verify",
  "  utf8(contentToSign(message))",
  usSync(() => P.utf8(P.contentToSign(message))),
);
row(
  "verify",
  "  keyRecord(key)",
  usSync(() => P.keyRecord(publicKey, "public", "verify")),
);

// ------------------------------------------------------------------------------------------------------------
// 2. syncOrder() vs baseline, network taken out

const CLIENT_ID = message.clientId;
const PATH = P.OPERATIONS.syncOrder.path;
const answerBody = JSON.stringify({
  result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" },
  orderId: "SBX000000070000000001",
  orderStatus: "TICKETED",
  distributeResult: [],
});
const answerTime = "2026-11-26T02:00:00+00:00";
const answerSignature = await P.sign(
  { method: "POST", path: PATH, clientId: CLIENT_ID, time: answerTime, body: answerBody },
  await P.importPrivateKey(new Uint8Array(await crypto.subtle.exportKey("pkcs8", alipay.privateKey))),
);
const answerHeaders = {
  "Content-Type": "application/json; charset=UTF-8",
  "Response-Time": answerTime,
  "Client-Id": CLIENT_ID,
  Signature: answerSignature,
  "Tracer-Id": "sbx0000000000000001",
};
// The request is consumed like a server would (its body read), and a fresh Response returned.
globalThis.fetch = async (input, init) => {
  if (typeof init?.body !== "string") await new Response(init?.body ?? input.body).text();
  return new Response(answerBody, { status: 200, headers: answerHeaders });
};

let n = 0;
const order = () => ({
  requestId: `r${String(++n).padStart(20, "0")}`,
  merchantBizNo: "bench-profile",
  merchantBizType: "MOVIE_TICKET",
  orderStatus: "TICKETED",
  userId: "2160120000000001",
  orderCreateTime: 1_764_115_200_000,
  orderModifyTime: 1_764_115_200_000 + n,
  extInfo: { seats: ["F7", "F8"] },
  tradeNo: "2026112622001",
});
const clientOptions = {
  clientId: CLIENT_ID,
  privateKey: pem("PRIVATE KEY", pkcs8),
  alipayPublicKey: alipayPublicPem,
  baseUrl: "http://127.0.0.1:1",
  retry: { maxAttempts: 1 },
};
const client = P.createOrderClient(clientOptions);
// without the default 10 s timeout: no AbortController, timer or signal per attempt
const untimed = P.createOrderClient({ ...clientOptions, timeoutMs: Infinity });
const encoder = new TextEncoder();
const toBase64 = (bytes) => {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return btoa(s);
};
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const baseline = async () => {
  const json = JSON.stringify(order());
  const time = `${new Date().toISOString().slice(0, 19)}+00:00`;
  const sig = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    rawPrivate,
    encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${time}.${json}`),
  );
  const response = await fetch(`http://127.0.0.1:1${PATH}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=UTF-8",
      "Client-Id": CLIENT_ID,
      "Request-Time": time,
      Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(toBase64(new Uint8Array(sig)))}`,
    },
    body: json,
  });
  const text = await response.text();
  const rs = fromBase64(
    decodeURIComponent(/signature=([^,]+)/.exec(response.headers.get("Signature") ?? "")?.[1] ?? ""),
  );
  if (
    !(await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      rawAlipayPublic,
      rs,
      encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${response.headers.get("Response-Time")}.${text}`),
    ))
  )
    throw new Error("bad signature");
  if (JSON.parse(text).result.resultStatus !== "S") throw new Error(text);
};
await client.syncOrder(order());
await baseline();
{
  const [base, ours] = await usPair(baseline, () => client.syncOrder(order()), 5000);
  row("syncOrder", "baseline call (sign + canned fetch + verify)", base);
  row(
    "syncOrder",
    "client.syncOrder call (called alternately with the line above)",
    ours,
    `overhead ${(ours - base).toFixed(1)} µs per call`,
  );
  const [base2, noTimeout] = await usPair(baseline, () => untimed.syncOrder(order()), 5000);
  row(
    "syncOrder",
    "  the same with timeoutMs: Infinity (called alternately with the baseline)",
    noTimeout - base2,
    "µs more than the baseline",
  );
}

// The baseline with the client's extra steps added, one at a time and then together, each variant called
// alternately with the plain baseline: what each step costs in wall time per sequential call.
{
  const variant = (opts) => async () => {
    const json = JSON.stringify(order());
    if (opts.validate) P.validateOrder(JSON.parse(json));
    const time = `${new Date().toISOString().slice(0, 19)}+00:00`;
    let controller;
    let timer;
    if (opts.signal) {
      controller = new AbortController();
      timer = setTimeout(() => controller.abort(), 10_000);
    }
    let text = json;
    if (opts.request) {
      // what openapi-fetch does: build a Request; what the client's signedFetch does: read it back
      text = await new Request(`http://127.0.0.1:1${PATH}`, {
        method: "POST",
        body: json,
        headers: { "Content-Type": "application/json" },
        signal: controller?.signal,
      }).text();
    }
    const sig = await crypto.subtle.sign(
      "RSASSA-PKCS1-v1_5",
      rawPrivate,
      encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${time}.${text}`),
    );
    const response = await fetch(`http://127.0.0.1:1${PATH}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=UTF-8",
        "Client-Id": CLIENT_ID,
        "Request-Time": time,
        Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(toBase64(new Uint8Array(sig)))}`,
      },
      body: text,
      signal: controller?.signal,
    });
    const answer = await response.text();
    const rs = fromBase64(
      decodeURIComponent(/signature=([^,]+)/.exec(response.headers.get("Signature") ?? "")?.[1] ?? ""),
    );
    if (
      !(await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        rawAlipayPublic,
        rs,
        encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${response.headers.get("Response-Time")}.${answer}`),
      ))
    )
      throw new Error("bad signature");
    let parsed;
    if (opts.rewrap) {
      // what the client's verifiedResponse + openapi-fetch's response.json() do
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      headers.set("content-type", "application/json; charset=UTF-8");
      parsed = await new Response(answer, { status: 200, headers }).json();
    } else {
      parsed = JSON.parse(answer);
    }
    clearTimeout(timer);
    if (parsed.result.resultStatus !== "S") throw new Error(answer);
  };
  for (const [name, opts] of [
    ["+ AbortController and timer per call, its signal given to fetch", { signal: true }],
    ["+ validateOrder", { validate: true }],
    // createApiClient's path (alipayhk-order/api), which the methods do not take
    ["+ Request built and read back (createApiClient: openapi-fetch + signedFetch)", { request: true }],
    ["+ verified Response rebuilt and .json() (createApiClient: verifiedResponse)", { rewrap: true }],
    ["+ all four", { signal: true, request: true, rewrap: true, validate: true }],
  ]) {
    const [base, with_] = await usPair(baseline, variant(opts), 4000);
    row("syncOrder", `  baseline ${name}`, with_ - base, "µs more than the baseline, called alternately");
  }
}

// Its parts, one at a time.
const sample = { ...order() };
row(
  "syncOrder",
  "  validateOrder(order)",
  usSync(() => P.validateOrder(sample)),
);
row(
  "syncOrder",
  "  JSON.stringify(order)",
  usSync(() => JSON.stringify(sample)),
);
const json = JSON.stringify(sample);
row(
  "syncOrder",
  "  new Request(url, {body}) + request.text()",
  await us(() =>
    new Request(`http://127.0.0.1:1${PATH}`, {
      method: "POST",
      body: json,
      headers: { "Content-Type": "application/json" },
    }).text(),
  ),
);
row(
  "syncOrder",
  "  verified Response: new Headers + new Response + .json()",
  await us(() => {
    const r = new Response(answerBody, { status: 200, headers: answerHeaders });
    const h = new Headers(r.headers);
    h.delete("content-length");
    h.set("content-type", "application/json; charset=UTF-8");
    return new Response(answerBody, { status: 200, statusText: "", headers: h }).json();
  }),
);
row(
  "syncOrder",
  "  AbortController + its signal + setTimeout/clearTimeout per attempt",
  usSync(() => {
    const c = new AbortController();
    void c.signal; // Node makes the signal lazily: the client reads it for fetch
    clearTimeout(setTimeout(() => c.abort(), 10_000));
  }, 50_000),
);
// What a real fetch adds for a request that carries a signal (Node's builds a Request from url and init, and
// follows the signal: a WeakRef, a FinalizationRegistry entry and an abort listener per request).
row(
  "syncOrder",
  "  new Request(url, init) without a signal",
  usSync(() => new Request(`http://127.0.0.1:1${PATH}`, { method: "POST", body: json }), 20_000),
);
row(
  "syncOrder",
  "  new Request(url, init) with a fresh signal",
  usSync(
    () =>
      new Request(`http://127.0.0.1:1${PATH}`, { method: "POST", body: json, signal: new AbortController().signal }),
    20_000,
  ),
);
// openapi-fetch's whole round trip with a fetch that does nothing but answer (no signing, no verification).
const bare = P.createClient({
  baseUrl: "http://127.0.0.1:1",
  fetch: async (request) => (await request.text(), new Response(answerBody, { status: 200, headers: answerHeaders })),
});
row(
  "syncOrder",
  "  openapi-fetch POST round trip (no crypto, no-op fetch)",
  await us(() => bare.POST(PATH, { body: sample, bodySerializer: () => json })),
);
row(
  "syncOrder",
  "  the same done by hand: fetch(url, init) + response.json()",
  await us(async () =>
    (
      await fetch(`http://127.0.0.1:1${PATH}`, {
        method: "POST",
        body: json,
        headers: { "Content-Type": "application/json" },
      })
    ).json(),
  ),
);

// ------------------------------------------------------------------------------------------------------------
// 3. RSA_AES

const encrypted = await P.encryptBody(body, publicKey);
row("rsa_aes", "encryptBody(1 KB)", await us(() => P.encryptBody(body, publicKey), 2000));
row(
  "rsa_aes",
  "decryptBody(1 KB)",
  await us(() => P.decryptBody(encrypted.body, encrypted.encryptHeader, privateKey), 300),
);
row(
  "rsa_aes",
  "  for scale: crypto.subtle.sign (an RSA private-key operation in native code)",
  await us(() => crypto.subtle.sign("RSASSA-PKCS1-v1_5", rawPrivate, data), 2000),
);
const key32 = crypto.getRandomValues(new Uint8Array(32));
const plain = encoder.encode(body);
row(
  "rsa_aes",
  "  AES-256-ECB encrypt 1 KB (@noble/ciphers)",
  usSync(() => P.aesEncrypt("ECB", key32, plain), 20_000),
);
const jwk = await crypto.subtle.exportKey("jwk", merchant.privateKey);
const big = (s) =>
  P.bytesToBigInt(
    Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (s.length % 4)) % 4)), (c) =>
      c.charCodeAt(0),
    ),
  );
const numbers = {
  n: big(jwk.n),
  e: big(jwk.e),
  k: 256,
  d: big(jwk.d),
  crt: { p: big(jwk.p), q: big(jwk.q), dp: big(jwk.dp), dq: big(jwk.dq), qi: big(jwk.qi) },
};
row(
  "rsa_aes",
  "  rsaesPkcs1Encrypt (BigInt, e = 65537)",
  usSync(() => P.rsaesPkcs1Encrypt(numbers, key32), 5_000),
);
const wrapped = P.rsaesPkcs1Encrypt(numbers, key32);
row(
  "rsa_aes",
  "  rsaesPkcs1Decrypt (BigInt, CRT + blinding)",
  usSync(() => P.rsaesPkcs1Decrypt(numbers, wrapped), 300),
);
const base = P.bytesToBigInt(wrapped) % numbers.crt.p;
row(
  "rsa_aes",
  "    one modPow mod p (1024-bit, 4-bit window)",
  usSync(() => P.modPow(base, numbers.crt.dp, numbers.crt.p), 300),
);

const runtime = globalThis.Deno
  ? `Deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `Bun ${globalThis.Bun.version}`
    : `Node ${process.versions.node}`;
console.log(`\nalipayhk profile on ${runtime}: µs per call, one call at a time\n`);
for (const [section, what, value, note] of rows)
  console.log(`${section.padEnd(10)} ${what.padEnd(66)} ${value.toFixed(2).padStart(10)}  ${note}`);
