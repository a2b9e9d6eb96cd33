import { constants, createCipheriv, createDecipheriv, publicEncrypt, randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ecb } from "@noble/ciphers/aes.js";
import { aesEncrypt } from "../src/aes.js";
import * as encryptionEntry from "../src/encryption.js";
import {
  decryptBody,
  DecryptionError,
  encryptBody,
  HeaderFormatError,
  importPrivateKey,
  importPublicKey,
  InvalidArgumentError,
  KeyFormatError,
  sign,
  UnsupportedAlgorithmError,
  verify,
  type Message,
  type PrivateKey,
  type PublicKey,
} from "../src/index.js";
import {
  bigIntToBytes,
  bytesToBigInt,
  modInverse,
  modPow,
  modPowPublic,
  rsaesPkcs1Decrypt,
  rsaesPkcs1Encrypt,
} from "../src/rsa-pkcs1.js";
import { generateRsa, openssl, pemBody, withTempDir, type TestKeyPair } from "./helpers.js";

const hex = (s: string) => new Uint8Array(Buffer.from(s.replace(/\s+/g, ""), "hex"));
const toHex = (b: Uint8Array) => Buffer.from(b).toString("hex");

let merchant: TestKeyPair; // our own key pair (responses are encrypted for it)
let alipay: TestKeyPair; // the gateway's key pair (requests are encrypted for it)
let merchantPrivate: PrivateKey;
let merchantPublic: PublicKey;
let alipayPrivate: PrivateKey;
let alipayPublic: PublicKey;

beforeAll(async () => {
  merchant = generateRsa();
  alipay = generateRsa();
  merchantPrivate = await importPrivateKey(merchant.pkcs1Pem);
  merchantPublic = await importPublicKey(merchant.spkiPem);
  alipayPrivate = await importPrivateKey(alipay.privateJwk);
  alipayPublic = await importPublicKey(alipay.pkcs1PublicPem);
});

const AES_ECB = { 16: "aes-128-ecb", 24: "aes-192-ecb", 32: "aes-256-ecb" } as const;

/** What an independent sender (ZOLOZ-style, on node:crypto) puts on the wire. */
function nodeEncrypt(plaintext: string, recipient: TestKeyPair, keyBytes: 16 | 24 | 32 = 32) {
  const aesKey = randomBytes(keyBytes);
  const cipher = createCipheriv(AES_ECB[keyBytes], aesKey, null);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
  const wrapped = publicEncrypt({ key: recipient.publicKey, padding: constants.RSA_PKCS1_PADDING }, aesKey).toString(
    "base64",
  );
  return {
    body,
    wrapped,
    aesKey,
    header: `algorithm=RSA_AES,keyVersion=1,symmetricKey=${encodeURIComponent(wrapped)}`,
  };
}

/** Wraps a hand-made encoded message EM with raw RSA (no padding), to test our padding checks. */
function rawRsa(em: Uint8Array, recipient: TestKeyPair): string {
  return publicEncrypt({ key: recipient.publicKey, padding: constants.RSA_NO_PADDING }, em).toString("base64");
}

/** `openssl pkeyutl -decrypt` (RSAES-PKCS1-v1_5) of a base64 wrapped key. */
function opensslUnwrap(wrappedB64: string, recipient: TestKeyPair): Buffer {
  return withTempDir((dir) => {
    const keyFile = join(dir, "key.pem");
    const inFile = join(dir, "wrapped.bin");
    writeFileSync(keyFile, recipient.pkcs8Pem, { mode: 0o600 });
    writeFileSync(inFile, Buffer.from(wrappedB64, "base64"));
    return openssl(["pkeyutl", "-decrypt", "-inkey", keyFile, "-in", inFile]);
  });
}

const symmetricKeyOf = (header: string) => decodeURIComponent(/symmetricKey=([^,]+)/.exec(header)![1]!);

async function decryptionFailure(promise: Promise<unknown>): Promise<Error> {
  const result = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(result).toBeInstanceOf(DecryptionError);
  expect(result).toMatchObject({ code: "ERR_DECRYPTION", name: "DecryptionError" });
  return result as Error;
}

/** The raw AES-ECB block function (no padding) of the library the package uses, for the NIST known answers. */
function aesEcbBlocks(key: Uint8Array, data: Uint8Array, direction: "encrypt" | "decrypt"): Uint8Array {
  const c = ecb(key, { disablePadding: true });
  return direction === "encrypt" ? c.encrypt(data) : c.decrypt(data);
}

describe("AES block function: NIST SP 800-38A known answers", () => {
  const plaintext = hex(`6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51
                         30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710`);

  it("F.1.1 ECB-AES128", () => {
    const key = hex("2b7e151628aed2a6abf7158809cf4f3c");
    const expected =
      "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4";
    expect(toHex(aesEcbBlocks(key, plaintext, "encrypt"))).toBe(expected);
    expect(toHex(aesEcbBlocks(key, hex(expected), "decrypt"))).toBe(toHex(plaintext));
  });

  it("F.1.5 ECB-AES256", () => {
    const key = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    const expected =
      "f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7";
    expect(toHex(aesEcbBlocks(key, plaintext, "encrypt"))).toBe(expected);
    expect(toHex(aesEcbBlocks(key, hex(expected), "decrypt"))).toBe(toHex(plaintext));
  });

  it("padded modes equal node:crypto (AES-ECB/PKCS5 for 128/192/256, AES-CBC with zero IV)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.constantFrom(16, 24, 32), (data, size) => {
        const key = randomBytes(size);
        const node = createCipheriv(AES_ECB[size as 16 | 24 | 32], key, null);
        expect(toHex(aesEncrypt("ECB", key, data))).toBe(
          Buffer.concat([node.update(data), node.final()]).toString("hex"),
        );
        const cbc = createCipheriv(`aes-${size * 8}-cbc`, key, Buffer.alloc(16));
        expect(toHex(aesEncrypt("CBC-ZERO-IV", key, data))).toBe(
          Buffer.concat([cbc.update(data), cbc.final()]).toString("hex"),
        );
      }),
    );
  });
});

describe("RSAES-PKCS1-v1_5 interop", () => {
  it("decrypts what node:crypto publicEncrypt + AES-ECB produce (AES-256, -192, -128)", async () => {
    for (const size of [32, 24, 16] as const) {
      const plaintext = `{"requestId":"r-${size}","name":"電影票 🎬"}`;
      const wire = nodeEncrypt(plaintext, merchant, size);
      expect(await decryptBody(wire.body, wire.header, merchantPrivate)).toBe(plaintext);
    }
  });

  it("accepts ZOLOZ header style, lower-case hex, raw base64 and base64url / wrapped bodies", async () => {
    const plaintext = JSON.stringify({ a: "x".repeat(300) });
    const wire = nodeEncrypt(plaintext, merchant);
    const urlSafe = (s: string) => s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const headers = [
      `algorithm=RSA_AES, symmetricKey=${encodeURIComponent(wire.wrapped)}`,
      `algorithm=rsa_aes,symmetricKey=${encodeURIComponent(wire.wrapped).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())}`,
      `symmetricKey=${wire.wrapped},algorithm=RSA_AES`,
      `algorithm=RSA_AES,symmetricKey=${urlSafe(wire.wrapped)}`,
    ];
    for (const header of headers) expect(await decryptBody(wire.body, header, merchantPrivate)).toBe(plaintext);
    for (const body of [urlSafe(wire.body), wire.body.replace(/(.{76})/g, "$1\r\n"), `${wire.body}\n`]) {
      expect(await decryptBody(body, wire.header, merchantPrivate)).toBe(plaintext);
    }
  });

  it("wraps keys that `openssl pkeyutl -decrypt` unwraps, and node:crypto then decrypts our body", async () => {
    for (const aesKeyBits of [256, 128] as const) {
      const plaintext = `{"orderStatus":"PAID","n":${aesKeyBits},"emoji":"🎟️"}`;
      const { body, encryptHeader } = await encryptBody(plaintext, alipayPublic, { aesKeyBits });
      expect(encryptHeader).toMatch(/^algorithm=RSA_AES,keyVersion=1,symmetricKey=[A-Za-z0-9%]+$/);
      const wrapped = symmetricKeyOf(encryptHeader);
      expect(Buffer.from(wrapped, "base64")).toHaveLength(256);
      const aesKey = opensslUnwrap(wrapped, alipay);
      expect(aesKey).toHaveLength(aesKeyBits / 8);
      const decipher = createDecipheriv(aesKeyBits === 256 ? "aes-256-ecb" : "aes-128-ecb", aesKey, null);
      expect(Buffer.concat([decipher.update(body, "base64"), decipher.final()]).toString("utf8")).toBe(plaintext);
    }
  });

  it("CBC-ZERO-IV interoperates with node:crypto aes-256-cbc and a zero IV", async () => {
    const plaintext = "x".repeat(100);
    const { body, encryptHeader } = await encryptBody(plaintext, alipayPublic, { aesMode: "CBC-ZERO-IV" });
    const aesKey = opensslUnwrap(symmetricKeyOf(encryptHeader), alipay);
    const decipher = createDecipheriv("aes-256-cbc", aesKey, Buffer.alloc(16));
    expect(Buffer.concat([decipher.update(body, "base64"), decipher.final()]).toString("utf8")).toBe(plaintext);
    expect(await decryptBody(body, encryptHeader, alipayPrivate, { aesMode: "CBC-ZERO-IV" })).toBe(plaintext);
    // ECB and CBC-with-zero-IV differ from the second block on, so the wrong mode fails.
    await decryptionFailure(decryptBody(body, encryptHeader, alipayPrivate));
  });

  it("uses a fresh AES key (and fresh RSA padding) for every message", async () => {
    const a = await encryptBody("same", alipayPublic);
    const b = await encryptBody("same", alipayPublic);
    expect(a.body).not.toBe(b.body);
    expect(a.encryptHeader).not.toBe(b.encryptHeader);
  });

  it("round-trips every kind of plaintext", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "grapheme" }),
        fc.constantFrom(256, 128) as fc.Arbitrary<256 | 128>,
        async (text, aesKeyBits) => {
          const { body, encryptHeader } = await encryptBody(text, merchantPublic, { aesKeyBits });
          expect(await decryptBody(body, encryptHeader, merchantPrivate)).toBe(text);
        },
      ),
      { numRuns: 25 },
    );
    const bom = "\uFEFF{}";
    const e = await encryptBody(bom, merchantPublic);
    expect(await decryptBody(e.body, e.encryptHeader, merchantPrivate)).toBe(bom); // BOM kept, nothing normalised
  });
});

describe("full protocol round trip", () => {
  it("request: encrypt then sign; gateway: verify then decrypt; response the other way", async () => {
    const requestJson = JSON.stringify({
      requestId: "5d6c0d6e",
      merchantBizNo: "M-1",
      orderStatus: "PAID",
      note: "訂單 ✅",
    });
    const clientId = "4Q5Y8W0WSG45P907917";
    const path = "/api/open/alipay/v1/merchant/order/sync";

    // Merchant side
    const request = await encryptBody(requestJson, alipayPublic);
    const requestMessage: Message = {
      method: "POST",
      path,
      clientId,
      time: "2024-05-22T06:42:21+08:00",
      body: request.body,
    };
    const requestSignature = await sign(requestMessage, merchantPrivate);

    // Gateway side (simulated with the gateway's keys)
    expect(await verify(requestMessage, requestSignature, merchantPublic)).toBe(true);
    expect(await decryptBody(request.body, request.encryptHeader, alipayPrivate)).toBe(requestJson);
    const responseJson =
      '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"Success"},"orderId":"O-1"}';
    const response = await encryptBody(responseJson, merchantPublic, { keyVersion: 2 });
    const responseMessage: Message = { ...requestMessage, time: "2024-05-22T06:42:22+08:00", body: response.body };
    const responseSignature = await sign(responseMessage, alipayPrivate);

    // Merchant verifies the ciphertext, then decrypts
    expect(await verify(responseMessage, responseSignature, alipayPublic)).toBe(true);
    expect(response.encryptHeader).toMatch(/^algorithm=RSA_AES,keyVersion=2,symmetricKey=/);
    expect(await decryptBody(response.body, response.encryptHeader, merchantPrivate)).toBe(responseJson);

    // A tampered ciphertext fails verification before it reaches decryption
    const tampered = { ...responseMessage, body: response.body.replace(/^./, (c) => (c === "A" ? "B" : "A")) };
    expect(await verify(tampered, responseSignature, alipayPublic)).toBe(false);
  });
});

describe("decryption failures", () => {
  it("are all the same DecryptionError with one generic message", async () => {
    const plaintext = JSON.stringify({ secret: "do not leak me", pad: "y".repeat(40) });
    const wire = nodeEncrypt(plaintext, merchant);
    const k = 256;
    const em = (fill: (em: Uint8Array) => void) => {
      const out = new Uint8Array(k);
      out[1] = 2;
      out.fill(0x11, 2, k - 33);
      out.set(wire.aesKey, k - 32);
      fill(out);
      return `algorithm=RSA_AES,symmetricKey=${encodeURIComponent(rawRsa(out, merchant))}`;
    };
    // Sanity: the hand-made EM with valid padding works.
    expect(
      await decryptBody(
        wire.body,
        em(() => {}),
        merchantPrivate,
      ),
    ).toBe(plaintext);

    const flip = (b64: string, at: number) => {
      const bytes = Buffer.from(b64, "base64");
      bytes[at]! ^= 0x01;
      return bytes.toString("base64");
    };
    const cases: [string, string, string][] = [
      [
        "body bit flip (last block: padding)",
        flip(wire.body, Buffer.from(wire.body, "base64").length - 1),
        wire.header,
      ],
      ["truncated body", wire.body.slice(0, -4), wire.header],
      [
        "body not a multiple of 16 bytes",
        Buffer.from(Buffer.from(wire.body, "base64").subarray(1)).toString("base64"),
        wire.header,
      ],
      ["body not base64", "%%%not base64%%%", wire.header],
      ["empty body", "", wire.header],
      [
        "wrapped key bit flip",
        wire.body,
        `algorithm=RSA_AES,symmetricKey=${encodeURIComponent(flip(wire.wrapped, 100))}`,
      ],
      [
        "wrapped key too short",
        wire.body,
        `algorithm=RSA_AES,symmetricKey=${encodeURIComponent(Buffer.from(wire.wrapped, "base64").subarray(1).toString("base64"))}`,
      ],
      [
        "wrapped key >= n",
        wire.body,
        `algorithm=RSA_AES,symmetricKey=${encodeURIComponent(Buffer.alloc(256, 0xff).toString("base64"))}`,
      ],
      ["wrapped for another key", wire.body, nodeEncrypt(plaintext, alipay).header],
      ["EM first byte not 0x00", wire.body, em((e) => (e[0] = 0x01))],
      ["EM block type 0x01", wire.body, em((e) => (e[1] = 0x01))],
      ["zero inside the first 8 PS bytes", wire.body, em((e) => (e[5] = 0x00))],
      ["no 0x00 separator", wire.body, em((e) => (e[k - 33] = 0x11))],
      ["unwrapped key of 20 bytes", wire.body, em((e) => ((e[k - 33] = 0x11), (e[k - 21] = 0x00)))],
      ["unwrapped key of 33 bytes", wire.body, em((e) => ((e[k - 33] = 0x11), (e[k - 34] = 0x00)))],
    ];
    const messages = new Set<string>();
    for (const [label, body, header] of cases) {
      const error = await decryptionFailure(decryptBody(body, header, merchantPrivate)).catch((e: unknown) => {
        throw new Error(`${label}: ${String(e)}`);
      });
      messages.add(error.message);
      expect(error.message).not.toContain("do not leak");
      expect(error.message).not.toMatch(/[A-Za-z0-9+/]{20}/);
      expect(error.cause).toBeUndefined();
    }
    expect(messages.size).toBe(1);
  });

  it("a plaintext that is not UTF-8 is a DecryptionError too", async () => {
    const aesKey = randomBytes(32);
    const cipher = createCipheriv("aes-256-ecb", aesKey, null);
    const body = Buffer.concat([cipher.update(Buffer.from([0xff, 0xfe, 0xc3])), cipher.final()]).toString("base64");
    const wrapped = publicEncrypt({ key: merchant.publicKey, padding: constants.RSA_PKCS1_PADDING }, aesKey).toString(
      "base64",
    );
    await decryptionFailure(
      decryptBody(body, `algorithm=RSA_AES,symmetricKey=${encodeURIComponent(wrapped)}`, merchantPrivate),
    );
  });

  it("header problems are HeaderFormatError / UnsupportedAlgorithmError, not DecryptionError", async () => {
    const wire = nodeEncrypt("{}", merchant);
    for (const header of [
      null,
      undefined,
      "",
      `keyVersion=1,symmetricKey=${wire.wrapped}`,
      "algorithm=RSA_AES,keyVersion=1",
      "algorithm=RSA_AES,symmetricKey=***",
    ]) {
      await expect(decryptBody(wire.body, header, merchantPrivate)).rejects.toMatchObject({
        code: "ERR_ENCRYPT_HEADER",
        header: "Encrypt",
      });
    }
    await expect(decryptBody(wire.body, null, merchantPrivate)).rejects.toBeInstanceOf(HeaderFormatError);
    for (const algorithm of ["RSA", "rsa", "AES"]) {
      await expect(
        decryptBody(
          wire.body,
          `algorithm=${algorithm},symmetricKey=${encodeURIComponent(wire.wrapped)}`,
          merchantPrivate,
        ),
      ).rejects.toBeInstanceOf(UnsupportedAlgorithmError);
    }
  });
});

describe("keys for encryption", () => {
  it("decrypts with keys imported from PKCS#8, PKCS#1, JWK and an extractable CryptoKey (any RSA algorithm)", async () => {
    const wire = nodeEncrypt('{"k":1}', merchant);
    const oaep = await crypto.subtle.importKey("jwk", merchant.privateJwk, { name: "RSA-OAEP", hash: "SHA-1" }, true, [
      "decrypt",
    ]);
    const rsassa = await crypto.subtle.importKey(
      "jwk",
      merchant.privateJwk,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      true,
      ["sign"],
    );
    const keys = [
      await importPrivateKey(merchant.pkcs8Pem),
      await importPrivateKey(pemBody(merchant.pkcs1Pem)),
      await importPrivateKey(merchant.privateJwk),
      await importPrivateKey(rsassa),
      oaep,
      rsassa,
    ];
    for (const key of keys) expect(await decryptBody(wire.body, wire.header, key)).toBe('{"k":1}');
  });

  it("tells the caller to pass the PEM/JWK when a private CryptoKey is not extractable", async () => {
    const wire = nodeEncrypt("{}", merchant);
    const ck = await crypto.subtle.importKey(
      "pkcs8",
      Buffer.from(pemBody(merchant.pkcs8Pem), "base64"),
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
    for (const key of [ck, await importPrivateKey(ck)]) {
      const error = await decryptBody(wire.body, wire.header, key).catch((e: unknown) => e as KeyFormatError);
      expect(error).toBeInstanceOf(KeyFormatError);
      expect(error).toMatchObject({ code: "ERR_KEY_NOT_EXTRACTABLE" });
      expect((error as Error).message).toMatch(/PEM\/JWK/);
    }
  });

  it("encrypts for a public CryptoKey, and refuses private or non-extractable keys", async () => {
    const spki = Buffer.from(pemBody(alipay.spkiPem), "base64");
    const extractable = await crypto.subtle.importKey("spki", spki, { name: "RSA-OAEP", hash: "SHA-256" }, true, [
      "encrypt",
    ]);
    const e = await encryptBody("hi", extractable);
    expect(await decryptBody(e.body, e.encryptHeader, alipayPrivate)).toBe("hi");
    const locked = await crypto.subtle.importKey("spki", spki, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, [
      "verify",
    ]);
    await expect(encryptBody("hi", locked)).rejects.toMatchObject({ code: "ERR_KEY_NOT_EXTRACTABLE" });
    await expect(encryptBody("hi", merchantPrivate as unknown as PublicKey)).rejects.toMatchObject({
      code: "ERR_KEY_TYPE",
    });
    await expect(decryptBody(e.body, e.encryptHeader, alipayPublic as unknown as PrivateKey)).rejects.toMatchObject({
      code: "ERR_KEY_TYPE",
    });
    await expect(encryptBody("hi", alipay.spkiPem as unknown as PublicKey)).rejects.toBeInstanceOf(KeyFormatError);
  });

  it("checks options before doing any work", async () => {
    await expect(encryptBody("x", alipayPublic, { aesKeyBits: 192 as 256 })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(encryptBody("x", alipayPublic, { aesMode: "GCM" as "ECB" })).rejects.toBeInstanceOf(
      InvalidArgumentError,
    );
    await expect(encryptBody("x", alipayPublic, { keyVersion: "a,b" })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(encryptBody(42 as unknown as string, alipayPublic)).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(
      decryptBody("x", "algorithm=RSA_AES,symmetricKey=QUJD", merchantPrivate, { aesMode: "CTR" as "ECB" }),
    ).rejects.toBeInstanceOf(InvalidArgumentError);
    expect((await encryptBody("x", alipayPublic, { keyVersion: null })).encryptHeader).toMatch(
      /^algorithm=RSA_AES,symmetricKey=/,
    );
  });

  it("is also exported from the alipayhk-signature/encryption entry", () => {
    expect(encryptionEntry.encryptBody).toBe(encryptBody);
    expect(encryptionEntry.decryptBody).toBe(decryptBody);
  });
});

describe("BigInt RSA internals", () => {
  it("modPow, modPowPublic and modInverse agree with naive arithmetic", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 1n << 80n }),
        fc.bigInt({ min: 0n, max: 300n }),
        fc.bigInt({ min: 2n, max: 1n << 64n }),
        (b, e, m) => {
          let naive = 1n;
          for (let i = 0n; i < e; i++) naive = (naive * b) % m;
          expect(modPow(b, e, m)).toBe(naive % m);
          expect(modPowPublic(b, e, m)).toBe(naive % m);
        },
      ),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 1n << 64n }), (a) => {
        const p = (1n << 127n) - 1n; // a Mersenne prime
        if (a % p === 0n) return;
        expect((a * modInverse(a, p)) % p).toBe(1n);
      }),
    );
    expect(() => modInverse(6n, 9n)).toThrow();
  });

  it("decrypts without CRT numbers as well, and I2OSP/OS2IP round-trip", () => {
    const jwk = merchant.privateJwk;
    const big = (v: string) => bytesToBigInt(Buffer.from(v, "base64url"));
    const numbers = { n: big(jwk.n!), e: big(jwk.e!), d: big(jwk.d!), k: 256 };
    const key = randomBytes(24);
    const wrapped = rsaesPkcs1Encrypt(numbers, key);
    expect(toHex(rsaesPkcs1Decrypt(numbers, wrapped)!)).toBe(toHex(key));
    expect(toHex(bigIntToBytes(bytesToBigInt(hex("00ff01")), 3))).toBe("00ff01");
    expect(() => bigIntToBytes(256n, 1)).toThrow();
  });
});
