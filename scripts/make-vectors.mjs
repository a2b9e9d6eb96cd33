#!/usr/bin/env node
// @ts-check
// Writes test/conformance/vectors.json: the fixed known answers the portable conformance suite
// (test/conformance/suite.ts) checks in every runtime. Everything here is computed with node:crypto
// only, never with our own packages, so a bug in alipayhk-signature cannot agree with itself.
//
//   node scripts/make-vectors.mjs           rewrite the fixture
//   node scripts/make-vectors.mjs --check   exit 1 if the committed fixture differs from a fresh run
//
// The output is deterministic: the RSA keys are fixed (below), RSASSA-PKCS1-v1_5 signatures are
// deterministic, and the RSAES-PKCS1-v1_5 key wraps use a padding string derived from SHA-256 (built
// by hand and encrypted with publicEncrypt(RSA_NO_PADDING), then checked with privateDecrypt), so a
// re-run reproduces the committed file byte for byte.
//
// These keys are TEST KEYS, published on purpose. Never use them for anything else.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  createSign,
  createVerify,
  constants,
  privateDecrypt,
  publicEncrypt,
} from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const OUT = fileURLToPath(new URL("../test/conformance/vectors.json", import.meta.url));

// RSA-2048 test keys, generated once with crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).
const MERCHANT_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQCCW99HFDIZBh8O
jA7L4eqm5xzdKKNrecxq8jdMvX+R+gcbUovqmwk/jysrEleft0U18dxK0KzOhBm/
jxdY/yVYW+CJ2Iz525vzegSRGiKRUJd3tq8w8nb0OSULipVHLxCO1DJHeXoDQmVw
xXJqDV5Bz7b8tO88xxyybfygEEQjWE98ta9LBXn7deHc2fnRsPQ5Ie3kuUtbfXM+
m7G+URGUNA8oKMhTw1fJ/tqPZXu5aQsSl1kpARbjQ9ms6LHjJM2evxdBeguUGHZk
/ksodPXUnA3szH90SLGdmaTEH8j5XycXzfLWibAjBo8HrKhFtr1odFC1t2GIDKWE
8to7X2SJAgMBAAECggEAATntBUWm3P5mP2RI5VkYNH67EkeGFgY8yorBw2qK7ywb
cgHaSBgyQ5NMtCiFg36dW48NY/THk1/BwEAP16n6x3SBzbooRVdwBZ/RuC23Qoew
DRO+XScCwHRjKVMh6VwDe1x6ppp5b9tpieCJnX7HsrXKAmGPWJKE7hbDyBuvEGgK
U3+S14g7/yCSYrcthTirH8pDUC/eb3T7llgEgDSbKEHE1QJ9mJvRQHtYcGnusRyi
sPwUdFSuiVAXdeFKqKA+4PGQ4NY/4Z46dBSk2QDTRu/ZVXib1zr/WNrmP9UMTWzw
rt2BsPw8N4WOjJjcvxkvTOfUKtWl2Q/QSgLaIz4fCQKBgQC4AISdtLE+yWq1UWCw
OETWlnS1Si8u1lEV/SGFGKbIzv9zRNw25zOEjY5NOonWo/Ouh6S81hVByToyEg0N
SBJJ8RpJ+00oziByKT1ol1gvdlAJN8/ogPMZflekGG/p2YBhiCkH0n+hwF59WCW4
divXpW5OrDMmfQPfl9OmaRqwzQKBgQC1XeuUwu+6u+CbFsNPqYneviE9ZlmvLMJ1
NFp49cN2tkmKvz8HUCc9n2+L+mMt47NQqIZ2x/bkQq3Fg7UCRztqD99s+iHKiUwT
DdQEJAnDxJpjQB5NhLz1aAgIQazor6cVXpD2cD3gzyFKt95pSXI7eQ5IWpEHDNX3
nv8qpYWSrQKBgH5LZLs2hh4Zc9PGan4p8R31IWA57g7Q7dEQ8MwBMqFMa0v8LMbG
hLbrzou1rVyVJjJaSjmPHAIOk5JAj5LZMCxuf+PdyIVEjkKticfbcZ0KMT9SfrMQ
p0uNS6yHVXGGZ7cKFVeYJSCqAHE6apGlEsyucPsw+N7nGhyDgrOLGtXVAoGBAJsV
vKRwLF4Y2W7EgC5WYrY9Dl9abcYFGCLwqYxVWtbf+PLTpimyuFtRQikH6lcLJgIK
mTBovQ1ilwUWImnYT03aVMry+IIf9RU19d20k0T7kKjd4wuWPZ37XyLwRdKSoOT9
ACg6wi7B703c/Co7y5pfYX8tMmY865naM4dcEmPhAoGBALU8uMnYOPIIYgaULkc0
mx1njIbzR1x7d4d45MOtTc79H7kzUYVIXaELeuMfeA5hXnNxjP023z+I3tE/0Pbw
WoyJNInhusNdlmZOyE+ksj0bvO6DPNUr5Si+vI6SDfb3T6zc+EpsYpXssHtEwUhW
YOWOKVQxFjs+dE9GCxLF4msX
-----END PRIVATE KEY-----`;
const ALIPAY_PKCS8 = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDtREadC3ulbvH6
/P/g8EsKRU+bcYT8qj4IsBoxRryFQRqIgU8IrUfSWoAM/+Zgwh9xUOmecLc8pI2t
8Rj6bkAnFWQst1H5rht/JBsWRRqmj6lkNmLYzZC2XeVoT9JwItjfhNaFfZjndRts
Aqz+shlT7J0dJri6YUaeVg5gHCGHus0YgOM6UCx+Obs/U44oOt2yCM4vWpRiHyHh
b1Kw/U2HoBfsItCo50n1+evsFh4rZpLjgAsqgEd2/rSklg7FftBpUSWcamCrZEDf
I/fB5iTpQ2UQCysG5q/+ZzZSF5QoLUvz//1hsLUiBEx6exI6uK+ICc3dU2GGh5oH
YwAP6knPAgMBAAECggEAbG/H1f5phDIwZYU7bJJluUv0FhbLsK4dq9rQHbU2c7BN
cBWpCU4ohPrXixlpMM+Hj0Jrgv4AwLZ0CgsmX04EA9jC76zYykPITVMzDfqHM5h0
0lgI1Q0eFjrTndjdVGKYu476fAfq2d2rqrGOXtkGulRpeek4g/XxUGwEJei1alIU
ARQ1Z62DAbcMjNPInzJusf+eeJwRt3JXeAqnN0Nvq9HUSQ4xwCohw1sDy0ybTTiF
SzqbT4mkg9PBpb9SWWJojNx0SJRRbOQxx11GxvSNiKmfXn/KGmTphm0kbAHfdh8C
Q6Itru9ej6w52V0wfX2gULZrINmkIQGUw30a848AAQKBgQD/IB6U9pA9xAEf5pcE
+TZ8NTVjW0a8l3mDSbTMyE19X/Y/645FOncYxlI1eTO93y7ackT2enYO3B7MQlcB
T3HU+Xfe2L7fHpSw6zRfNH8bMSZ6Hux1NEvFmwJuDYVYRvMIM1fazrAevb2IQDts
OtLKqeFn0O5zxlbxpGskC5wYAQKBgQDuFHwYsWZnwnogPJALe6P9Ett7ThtprRLk
y2ccUeUWUK0f+kS5ze0qx8BEV/DQwr/EccdVJeDAJeGAgfbqPc4PRa+xqVcLYsek
Xe1JeTP9tXQY0jien+DmMFQBfSH/xvv4hCyi+ZdyTB2o1E7hZT9ZQhDprbiUFkuM
ciG4C5rhzwKBgEWMsgmV9diAuHXD3OOkNLBDqRw+49fBy4R48WrqKAXHxU/DnXNN
7u24Eu0072ARmao/gIFY/Ror89FnPGTFDZkrsPv1RoN4yLw6Qnq5yvTUv1KHX5rL
+OQTz+PEl9dq8BIKPScPNYAL5cFhEVH97z0EdshgcsDpDwas9fBLofABAoGBAOta
/s6eWMDMJVTG6hMf+B5PTP/ZWAog2WOqnFUHtHNZ77uD+frAUuuOqkgls198lnzJ
iadoGYV6LTGPyRsJXDIGzsfPwsfzr66SV+fhVH9DqPB8qRJOtNJ6BiGupTSobiDf
8QxvtsJ78noa35u8LmK7h+KqJKToYWkGzsSVXFhLAoGAVOHKcNGCkeNoJa55fnXZ
ZkzMXdKt4l7OZqWtMUb+lZRMbsJiorahN177mNhTXdeuxU8Q9IvFfOVJsgVtqOqi
fZLPStPMwHx11gKgXENsuwwlMNGdjA1Pq7QlHh3Yv1xrW9p2w4A3PoLPUchx6LdN
gdFN7w5YXibodKkvd8u18oM=
-----END PRIVATE KEY-----`;

const CLIENT_ID = "2102000000000999";
const SYNC_PATH = "/api/open/alipay/v1/merchant/order/sync";
const TIME = "2026-11-26T08:00:00+08:00";

const pemBody = (pem) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
const hex = (bytes) => Buffer.from(bytes).toString("hex");
const fromHex = (text) => Buffer.from(text, "hex");

function describeKey(pkcs8Pem) {
  const privateKey = createPrivateKey(pkcs8Pem);
  const publicKey = createPublicKey(privateKey);
  const pkcs1Pem = privateKey.export({ type: "pkcs1", format: "pem" });
  const spkiPem = publicKey.export({ type: "spki", format: "pem" });
  const pkcs1PublicPem = publicKey.export({ type: "pkcs1", format: "pem" });
  return {
    privateKey,
    publicKey,
    json: {
      modulusBits: privateKey.asymmetricKeyDetails?.modulusLength,
      pkcs8Pem: privateKey.export({ type: "pkcs8", format: "pem" }),
      // The same PEM as it often arrives in an environment variable: one line, literal "\n" escapes.
      pkcs8PemEscaped: String(privateKey.export({ type: "pkcs8", format: "pem" }))
        .trim()
        .replace(/\n/g, "\\n"),
      pkcs1Pem,
      pkcs8Base64: pemBody(privateKey.export({ type: "pkcs8", format: "pem" })),
      pkcs1Base64: pemBody(pkcs1Pem),
      privateJwk: privateKey.export({ format: "jwk" }),
      spkiPem,
      pkcs1PublicPem,
      spkiBase64: pemBody(spkiPem),
      pkcs1PublicBase64: pemBody(pkcs1PublicPem),
      publicJwk: publicKey.export({ format: "jwk" }),
    },
  };
}

const merchant = describeKey(MERCHANT_PKCS8);
const alipay = describeKey(ALIPAY_PKCS8);
if (merchant.json.modulusBits !== 2048 || alipay.json.modulusBits !== 2048)
  throw new Error("test keys must be RSA-2048");

// ---------------------------------------------------------------------------------------------
// Signatures: AlipayHK signs `${method} ${path}\n${clientId}.${time}.${body}` (UTF-8) with
// RSASSA-PKCS1-v1_5 / SHA-256; the header is algorithm=RSA256[,keyVersion=v],signature=<urlencoded b64>.

const order = {
  requestId: "8c6f0d6e2f0a4a7c9d3b1e5f7a9c0b2d",
  merchantBizNo: "M-PASS_TICKET-0001",
  merchantBizType: "PASS_TICKET",
  orderStatus: "TICKETED",
  userId: "2160120000000001",
  orderCreateTime: 1764115200000,
  orderModifyTime: 1764115260000,
  payAmount: { value: "12000", currency: "HKD" },
  extInfo: {},
};

const messages = [
  { name: "order sync JSON body", message: { method: "POST", path: SYNC_PATH, body: JSON.stringify(order) } },
  {
    name: "Unicode: CJK, combining marks, emoji (astral and ZWJ sequences)",
    message: {
      method: "POST",
      path: SYNC_PATH,
      body: JSON.stringify({
        ...order,
        shopName: "港鐵站 · 點心 🥟",
        note: "café vs cafe\u0301 🎟️ 👨‍👩‍👧 ✓",
        quote: '"\\/',
      }),
    },
  },
  { name: "empty body", message: { method: "POST", path: SYNC_PATH, body: "" } },
  {
    name: "query string (percent-encoded, empty value) is signed as sent",
    message: { method: "POST", path: `${SYNC_PATH}?lang=zh-HK&q=%E4%B8%AD%20x&empty=`, body: '{"a":1}' },
  },
  {
    name: "whitespace, CRLF and tabs are kept byte for byte",
    message: { method: "POST", path: SYNC_PATH, body: '  {\r\n  "a" : 1 }\n\t' },
  },
  { name: "method is not upper-cased", message: { method: "get", path: "/", body: "" } },
  {
    name: "8 KB body",
    message: {
      method: "POST",
      path: SYNC_PATH,
      body: JSON.stringify({ items: Array.from({ length: 160 }, (_, i) => `item-${i}-港-🥟-${"x".repeat(30)}`) }),
    },
  },
  { name: "keyVersion left out", keyVersion: null, message: { method: "POST", path: SYNC_PATH, body: "{}" } },
  { name: "keyVersion 2", keyVersion: 2, message: { method: "POST", path: SYNC_PATH, body: "{}" } },
];

const contentToSign = (m) => `${m.method} ${m.path}\n${m.clientId}.${m.time}.${m.body}`;
const rsaSign = (content, key) => createSign("RSA-SHA256").update(content, "utf8").sign(key, "base64");
const header = (keyVersion, b64) =>
  `algorithm=RSA256,${keyVersion === null ? "" : `keyVersion=${keyVersion},`}signature=${encodeURIComponent(b64)}`;

const signatures = messages.map(({ name, message, keyVersion = 1 }) => {
  const full = { method: message.method, path: message.path, clientId: CLIENT_ID, time: TIME, body: message.body };
  const content = contentToSign(full);
  const signature = rsaSign(content, merchant.privateKey);
  if (!createVerify("RSA-SHA256").update(content, "utf8").verify(merchant.publicKey, signature, "base64"))
    throw new Error("self-check failed");
  return {
    name,
    message: full,
    keyVersion,
    contentToSign: content,
    signature,
    signatureHeader: header(keyVersion, signature),
    // The same message signed with another key: verify() with the merchant's public key must say false.
    otherKeySignatureHeader: header(keyVersion, rsaSign(content, alipay.privateKey)),
  };
});

// Header spellings that verify() must accept for the first message (the parser is tolerant on input).
const first = signatures[0];
const acceptedHeaders = [
  { name: "raw (not URL-encoded) base64", header: `algorithm=RSA256,keyVersion=1,signature=${first.signature}` },
  {
    name: "lower-case percent escapes",
    header: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(first.signature).replace(/%[0-9A-F]{2}/g, (s) => s.toLowerCase())}`,
  },
  {
    name: "pairs reordered, spaces, lower-case algorithm",
    header: ` signature=${encodeURIComponent(first.signature)} , keyVersion=1 , algorithm=rsa256 `,
  },
  { name: "algorithm and keyVersion left out", header: `signature=${encodeURIComponent(first.signature)}` },
];

// ---------------------------------------------------------------------------------------------
// AES: NIST SP 800-38A appendix F.1.1 (ECB-AES128) and F.1.5 (ECB-AES256), checked against
// node:crypto here; and RSA_AES bodies (AES key wrapped with RSAES-PKCS1-v1_5 for the merchant key).

const NIST_PLAINTEXT = [
  "6bc1bee22e409f96e93d7e117393172a",
  "ae2d8a571e03ac9c9eb76fac45af8e51",
  "30c81c46a35ce411e5fbc1191a0a52ef",
  "f69f2445df4f9b17ad2b417be66c3710",
];
const NIST = [
  {
    name: "SP 800-38A F.1.1 ECB-AES128",
    key: "2b7e151628aed2a6abf7158809cf4f3c",
    plaintext: NIST_PLAINTEXT,
    ciphertext: [
      "3ad77bb40d7a3660a89ecaf32466ef97",
      "f5d3d58503b9699de785895a96fdbaaf",
      "43b1cd7f598ece23881b00e3ed030688",
      "7b0c785e27e8ad3f8223207104725dd4",
    ],
  },
  {
    name: "SP 800-38A F.1.5 ECB-AES256",
    key: "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
    plaintext: NIST_PLAINTEXT,
    ciphertext: [
      "f3eed1bdb5d2a03c064b5a7e3db181f8",
      "591ccb10d410ed26dc5ba74a31362870",
      "b6ed21b99ca6f4f9f153e7b1beafed1d",
      "23304b7a39f9f3ff067d8d8f9e24ecc7",
    ],
  },
];

const ecbAlgorithm = (key) => `aes-${key.length * 8}-ecb`;
function ecbRaw(key, data, decrypt = false) {
  const c = decrypt ? createDecipheriv(ecbAlgorithm(key), key, null) : createCipheriv(ecbAlgorithm(key), key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}
for (const v of NIST) {
  const ct = ecbRaw(fromHex(v.key), fromHex(v.plaintext.join("")));
  if (hex(ct) !== v.ciphertext.join("")) throw new Error(`node:crypto disagrees with ${v.name}`);
}

// RSAES-PKCS1-v1_5 with a deterministic padding string: EM = 00 02 PS 00 M, PS non-zero bytes.
let wrapCounter = 0;
function wrapKey(aesKey, publicKey) {
  const k = 256;
  const ps = [];
  for (let block = 0; ps.length < k - 3 - aesKey.length; block++) {
    for (const byte of createHash("sha256").update(`alipayhk-conformance-wrap-${wrapCounter}-${block}`).digest())
      if (byte !== 0) ps.push(byte);
  }
  wrapCounter++;
  const em = Buffer.concat([
    Buffer.from([0, 2]),
    Buffer.from(ps.slice(0, k - 3 - aesKey.length)),
    Buffer.from([0]),
    aesKey,
  ]);
  const wrapped = publicEncrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, em);
  const back = privateDecrypt({ key: merchant.privateKey, padding: constants.RSA_NO_PADDING }, wrapped);
  if (!back.equals(em)) throw new Error("key wrap self-check failed");
  return wrapped;
}
const encryptHeader = (wrapped) =>
  `algorithm=RSA_AES,keyVersion=1,symmetricKey=${encodeURIComponent(wrapped.toString("base64"))}`;

// decryptBody in its default mode (ECB, PKCS#7) with the NIST keys, against node:crypto's aes-*-ecb.
const ECB_PLAINTEXT = JSON.stringify({
  result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "成功 ✓ 🎟️" },
  orderId: "A0001",
});
const decryptBodyEcb = NIST.map((v) => {
  const key = fromHex(v.key);
  const cipher = createCipheriv(ecbAlgorithm(key), key, null); // PKCS#7 padding on by default
  const body = Buffer.concat([cipher.update(ECB_PLAINTEXT, "utf8"), cipher.final()]).toString("base64");
  return {
    name: `decryptBody (ECB) with the ${v.name} key`,
    aesKey: v.key,
    body,
    encryptHeader: encryptHeader(wrapKey(key, merchant.publicKey)),
    plaintext: ECB_PLAINTEXT,
  };
});

// The NIST blocks themselves through decryptBody. Their plaintexts are not UTF-8, and decryptBody
// returns UTF-8 text, so in ECB they cannot come out of it. In CBC-ZERO-IV mode (the same AES block
// function) they can: body = C0 || NIST_CT_i || C2 decrypts to A || (NIST_PT_i XOR C0) || padding,
// where A is an ASCII block chosen so that C0 = AES(A) makes NIST_PT_i XOR C0 ASCII too, and C2
// encrypts a full PKCS#7 padding block. The suite checks (output block 2) XOR C0 == NIST_PT_i.
function asciiChain(key, target) {
  const batch = 65536;
  for (let start = 0; start < 64 * batch; start += batch) {
    const candidates = Buffer.alloc(16 * batch);
    for (let j = 0; j < batch; j++)
      candidates.write(`nist-${(start + j).toString(36).padStart(11, "0")}`, 16 * j, "latin1");
    const encrypted = ecbRaw(key, candidates);
    for (let j = 0; j < batch; j++) {
      const c0 = encrypted.subarray(16 * j, 16 * j + 16);
      if (c0.every((byte, i) => ((byte ^ target[i]) & 0x80) === 0))
        return { a: candidates.subarray(16 * j, 16 * j + 16).toString("latin1"), c0: Buffer.from(c0) };
    }
  }
  throw new Error("no ASCII chain block found");
}
const decryptBodyNistBlocks = [];
for (const v of NIST) {
  const key = fromHex(v.key);
  v.ciphertext.forEach((ctHex, i) => {
    const pt = fromHex(v.plaintext[i]);
    const ct = fromHex(ctHex);
    const { a, c0 } = asciiChain(key, pt);
    const pad = Buffer.alloc(16, 16);
    const c2 = ecbRaw(key, Buffer.from(pad.map((byte, j) => byte ^ ct[j])));
    const body = Buffer.concat([c0, ct, c2]);
    // Independent check with node's CBC decryption (zero IV, PKCS#7).
    const d = createDecipheriv(`aes-${key.length * 8}-cbc`, key, Buffer.alloc(16));
    const plain = Buffer.concat([d.update(body), d.final()]);
    const expected = Buffer.concat([Buffer.from(a, "latin1"), Buffer.from(pt.map((byte, j) => byte ^ c0[j]))]);
    if (!plain.equals(expected)) throw new Error("CBC chain self-check failed");
    decryptBodyNistBlocks.push({
      name: `${v.name} block #${i + 1} through decryptBody (CBC-ZERO-IV chaining)`,
      nist: v.name,
      block: i + 1,
      body: body.toString("base64"),
      encryptHeader: encryptHeader(wrapKey(key, merchant.publicKey)),
      firstBlockAscii: a,
    });
  });
}

const vectors = {
  $comment:
    "Generated by scripts/make-vectors.mjs with node:crypto only. Do not edit; run `node scripts/make-vectors.mjs`. TEST KEYS ONLY.",
  clientId: CLIENT_ID,
  keys: { merchant: merchant.json, alipay: { pkcs8Pem: alipay.json.pkcs8Pem, spkiPem: alipay.json.spkiPem } },
  signatures,
  acceptedHeaders,
  aes: { nist: NIST, decryptBodyEcb, decryptBodyNistBlocks },
};

const text = `${JSON.stringify(vectors, null, 2)}\n`;
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(OUT, "utf8");
  } catch {}
  if (current !== text) {
    console.error("test/conformance/vectors.json is stale: run `node scripts/make-vectors.mjs`");
    process.exit(1);
  }
  console.log("test/conformance/vectors.json is up to date");
} else {
  writeFileSync(OUT, text);
  console.log(
    `wrote ${OUT} (${signatures.length} signatures, ${decryptBodyEcb.length + decryptBodyNistBlocks.length} RSA_AES bodies)`,
  );
}
