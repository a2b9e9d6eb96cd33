// @ts-check
// Node only, started by bench/run.mjs: in alternating rounds,
// - `openssl speed -seconds N rsa2048` (one process, so one core): the native RSA-2048 sign rate, the ceiling;
// - Alipay's own Node SDK (npm `alipay-sdk`) signing the same content with the same key;
// - our sign() and raw crypto.subtle.sign (cached key);
// - node:crypto's synchronous sign with a KeyObject: what a Node-only path would reach. The library cannot take it
//   (it runs on web APIs only); it shows what WebCrypto's own cost is: each crypto.subtle call is a job on libuv's
//   thread pool, and the hand-off costs tens of microseconds on a 2-core VM.
// Alternating the rounds in one process means other load on the machine hits every side of each ratio alike.
// bench/run.mjs starts this process pinned to one core when `taskset` exists (children inherit it, so openssl speed
// runs on the same core): "one core" on both sides of the ratio, and no cross-core wake-ups for the thread pool.
//
//   node bench/node-extras.mjs '{"privateKeyPem":"...","rounds":5,"timeMs":1000,"warmupMs":200,"opensslSeconds":1}'
//
// alipay-sdk signs with `createSign("RSA-SHA256").update(text).sign(pemString)` (signatureV3 in
// dist/esm/util.js, used for its OpenAPI v3 requests; the v2 `sign` does the same after building its query
// string). Handing node:crypto a PEM string makes OpenSSL parse the key on every call. util.js is not in the
// package's "exports", so it is imported by path. The PEM is the one the SDK keeps after its constructor's
// formatKey(), i.e. exactly what it signs with.
import { spawnSync } from "node:child_process";
import { createPrivateKey, sign as nodeSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { AlipaySdk } from "alipay-sdk";
import { importPrivateKey, sign } from "alipayhk-signature";
import { MESSAGE, RSASSA, contentOf, median, pemToDer } from "./payload.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { signatureV3 } = await import(pathToFileURL(join(ROOT, "node_modules/alipay-sdk/dist/esm/util.js")).href);

const config = JSON.parse(process.argv[2]);
const sdk = new AlipaySdk({ appId: "2021000000000000", privateKey: config.privateKeyPem, keyType: "PKCS8" });
const sdkPem = sdk.config.privateKey;
const text = contentOf(MESSAGE);
const encoder = new TextEncoder();
const content = encoder.encode(text);
const toBase64 = (bytes) => {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
};
const privateKey = await importPrivateKey(config.privateKeyPem);
const rawPrivate = await crypto.subtle.importKey("pkcs8", pemToDer(config.privateKeyPem), RSASSA, false, ["sign"]);
const keyObject = createPrivateKey(config.privateKeyPem);

// RSASSA-PKCS1-v1_5 is deterministic: both must produce the very same signature over the same text.
const ours = decodeURIComponent(/signature=([^,]+)/.exec(await sign(MESSAGE, privateKey))?.[1] ?? "");
if (signatureV3(text, sdkPem) !== ours) throw new Error("alipay-sdk and alipayhk-signature disagree on the signature");
if (nodeSign("sha256", content, keyObject).toString("base64") !== ours)
  throw new Error("node:crypto and alipayhk-signature disagree on the signature");

const TASKS = {
  alipaySdkSignPerSec: () => signatureV3(text, sdkPem),
  signPerSec: () => sign(MESSAGE, privateKey),
  // the per-message work any caller does, as in bench/runtime.mjs: encode the text, base64 the signature
  subtleSignPerSec: async () =>
    toBase64(new Uint8Array(await crypto.subtle.sign("RSASSA-PKCS1-v1_5", rawPrivate, encoder.encode(text)))),
  nodeCryptoSignPerSec: () => nodeSign("sha256", Buffer.from(text), keyObject).toString("base64"),
};
/** @type {Record<string, number[]>} */
const rounds = Object.fromEntries(Object.keys(TASKS).map((k) => [k, []]));
const opensslVersion = spawnSync("openssl", ["version"], { encoding: "utf8" });
const hasOpenssl = opensslVersion.status === 0;
/** @type {{ sign: number[]; verify: number[] }} */
const openssl = { sign: [], verify: [] };
let opensslError;
for (let round = 0; round < config.rounds; round++) {
  if (hasOpenssl) {
    const r = spawnSync("openssl", ["speed", "-seconds", String(config.opensslSeconds), "rsa2048"], {
      encoding: "utf8",
      timeout: 120_000,
    });
    // "rsa 2048 bits 0.000273s 0.000008s   3662.3 121829.1"
    const m = /rsa\s+2048 bits\s+[\d.]+s\s+[\d.]+s\s+([\d.]+)\s+([\d.]+)/.exec(r.stdout ?? "");
    if (m) {
      openssl.sign.push(Number(m[1]));
      openssl.verify.push(Number(m[2]));
    } else {
      opensslError = `could not read the output of openssl speed: ${(r.stdout || r.stderr || String(r.error)).slice(-300)}`;
    }
  }
  const names = Object.keys(TASKS);
  if (round % 2) names.reverse();
  const bench = new Bench({ time: config.timeMs, warmupTime: config.warmupMs, iterations: 16, throws: true });
  for (const name of names) bench.add(name, TASKS[name]);
  await bench.run();
  for (const task of bench.tasks) rounds[task.name].push(1000 / /** @type {{ period: number }} */ (task.result).period);
  const ossl = openssl.sign.length ? `openssl ${Math.round(openssl.sign.at(-1) ?? NaN)}/s, ` : "";
  console.error(
    `[node extras] round ${round + 1}/${config.rounds}: ${ossl}alipay-sdk ${Math.round(rounds.alipaySdkSignPerSec.at(-1) ?? NaN)}/s, sign() ${Math.round(rounds.signPerSec.at(-1) ?? NaN)}/s`,
  );
}

const sdkVersion = JSON.parse(readFileSync(join(ROOT, "node_modules/alipay-sdk/package.json"), "utf8")).version;
const result = {
  alipaySdkVersion: sdkVersion,
  opensslVersion: hasOpenssl ? opensslVersion.stdout.trim() : null,
  opensslSignPerSec: openssl.sign.length ? median(openssl.sign) : null,
  opensslSignPerSecRounds: openssl.sign,
  opensslVerifyPerSec: openssl.verify.length ? median(openssl.verify) : null,
  opensslError: hasOpenssl ? opensslError : "openssl is not on this machine",
};
for (const [name, values] of Object.entries(rounds)) {
  result[name] = median(values);
  result[`${name}Rounds`] = values;
}
console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
