// Benchmark of the BUILT package (run `npm run build -w alipayhk-signature` first):
//
//   node packages/signature/bench/sign-verify.mjs
//   npx deno run -A packages/signature/bench/sign-verify.mjs
//   npx bun packages/signature/bench/sign-verify.mjs
//
// Web APIs plus tinybench only, so it runs unchanged on each runtime. Absolute numbers move from
// machine to machine; compare the ratios, which are measured in the same run against raw
// crypto.subtle calls with a cached key.
import { Bench } from "tinybench";
import { decryptBody, encryptBody, importPrivateKey, importPublicKey, sign, verify } from "../dist/index.js";

const TIME_MS = 1000; // per task

const runtime = globalThis.Deno
  ? `Deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `Bun ${globalThis.Bun.version}`
    : globalThis.process?.versions?.node
      ? `Node ${globalThis.process.versions.node}`
      : (globalThis.navigator?.userAgent ?? "unknown runtime");

const RSASSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const pair = await crypto.subtle.generateKey({ ...RSASSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
  "sign",
  "verify",
]);

const toBase64 = (buffer) => {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
};
const pem = (label, der) => `-----BEGIN ${label}-----\n${toBase64(der).replace(/(.{64})/g, "$1\n")}\n-----END ${label}-----\n`;

// Keys as a real client gets them: PEM text, imported once. The raw baseline imports the same DER
// once too (some runtimes treat generated and imported keys differently, which would skew ratios).
const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
const spki = await crypto.subtle.exportKey("spki", pair.publicKey);
const privateKey = await importPrivateKey(pem("PRIVATE KEY", pkcs8));
const publicKey = await importPublicKey(pem("PUBLIC KEY", spki));
const rawPrivate = await crypto.subtle.importKey("pkcs8", pkcs8, RSASSA, false, ["sign"]);
const rawPublic = await crypto.subtle.importKey("spki", spki, RSASSA, false, ["verify"]);

// A 1 KB JSON body.
const body = JSON.stringify({
  requestId: "5d6c0d6e2b0f4a4f9d8c7b6a5f4e3d2c",
  merchantBizNo: "M-20240522-0001",
  orderStatus: "PAID",
  merchantBizType: "MOVIE_TICKET",
  items: Array.from({ length: 12 }, (_, i) => ({ name: `Ticket ${i}`, seat: `R${i}`, amount: { currency: "HKD", value: 12000 } })),
}).padEnd(1024, " ");
const message = {
  method: "POST",
  path: "/api/open/alipay/v1/merchant/order/sync",
  clientId: "4Q5Y8W0WSG45P907917",
  time: "2024-05-22T06:42:21+08:00",
  body,
};
const content = new TextEncoder().encode(`${message.method} ${message.path}\n${message.clientId}.${message.time}.${message.body}`);
const rawSignature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", rawPrivate, content);
const header = await sign(message, privateKey);
const encrypted = await encryptBody(body, publicKey);
const encryptedMessage = { ...message, body: encrypted.body };
const encryptedSignature = await sign(encryptedMessage, privateKey);

// Sanity checks, so a broken build cannot produce flattering numbers.
if (!(await verify(message, header, publicKey))) throw new Error("verify failed");
if ((await decryptBody(encrypted.body, encrypted.encryptHeader, privateKey)) !== body) throw new Error("decrypt failed");

const bench = new Bench({ time: TIME_MS, warmupTime: 100, throws: true });
bench
  .add("raw crypto.subtle.sign (cached key)", () => crypto.subtle.sign("RSASSA-PKCS1-v1_5", rawPrivate, content))
  .add("sign()", () => sign(message, privateKey))
  .add("raw crypto.subtle.verify (cached key)", () => crypto.subtle.verify("RSASSA-PKCS1-v1_5", rawPublic, rawSignature, content))
  .add("verify()", () => verify(message, header, publicKey))
  .add("encryptBody() + sign(), 1 KB", async () => {
    const { body: ciphertext } = await encryptBody(body, publicKey);
    return sign({ ...message, body: ciphertext }, privateKey);
  })
  .add("verify() + decryptBody(), 1 KB", async () => {
    if (!(await verify(encryptedMessage, encryptedSignature, publicKey))) throw new Error("verify failed");
    return decryptBody(encrypted.body, encrypted.encryptHeader, privateKey);
  });

await bench.run();

const perSecond = (name) => {
  const task = bench.tasks.find((t) => t.name === name);
  if (task?.result?.state !== "completed") throw new Error(`${name}: ${task?.result?.state}`);
  return { hz: 1000 / task.result.period, rme: (100 * task.result.latency.moe) / task.result.latency.mean };
};
const rawSign = perSecond("raw crypto.subtle.sign (cached key)").hz;
const rawVerify = perSecond("raw crypto.subtle.verify (cached key)").hz;
const baselineOf = {
  "sign()": ["raw sign", rawSign],
  "verify()": ["raw verify", rawVerify],
  "encryptBody() + sign(), 1 KB": ["raw sign", rawSign],
  "verify() + decryptBody(), 1 KB": ["raw sign", rawSign],
};

console.log(`alipayhk-signature benchmark on ${runtime}, RSA-2048, ${TIME_MS} ms per task\n`);
console.log(`${"task".padEnd(40)}${"ops/s".padStart(10)}${"±%".padStart(8)}   ratio`);
for (const task of bench.tasks) {
  const { hz, rme } = perSecond(task.name);
  const [label, base] = baselineOf[task.name] ?? [];
  const ratio = base ? `${(hz / base).toFixed(2)} of ${label}` : "baseline";
  console.log(`${task.name.padEnd(40)}${Math.round(hz).toLocaleString("en-US").padStart(10)}${rme.toFixed(1).padStart(8)}   ${ratio}`);
}
