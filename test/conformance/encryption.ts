// The conformance suite (test/conformance/suite.ts), AES known answers and RSA_AES bodies.
import { ecb } from "@noble/ciphers/aes.js";
import { DecryptionError, HeaderFormatError, importPrivateKey } from "alipayhk-signature";
import { decryptBody, encryptBody } from "alipayhk-signature/encryption";
import { bytesEqual, equal, ok, rejects } from "./harness.js";
import vectors from "./vectors.json";
import { ALIPAY, utf8, fromHex, fromBase64, keys } from "./fixtures.js";
import type { Registry } from "./harness.js";

export function registerEncryption({ test }: Pick<Registry, "test">): void {
  for (const v of vectors.aes.nist) {
    test(`AES-ECB block function (@noble/ciphers, as alipayhk-signature imports it): NIST ${v.name}`, () => {
      const cipher = ecb(fromHex(v.key), { disablePadding: true });
      const plaintext = fromHex(v.plaintext.join(""));
      const ciphertext = fromHex(v.ciphertext.join(""));
      bytesEqual(cipher.encrypt(plaintext), ciphertext, "encrypt");
      bytesEqual(ecb(fromHex(v.key), { disablePadding: true }).decrypt(ciphertext), plaintext, "decrypt");
    });
  }
  for (const v of vectors.aes.decryptBodyEcb) {
    test(`${v.name} equals node:crypto`, async () => {
      const { privateKey } = await keys();
      equal(await decryptBody(v.body, v.encryptHeader, privateKey), v.plaintext, "plaintext");
      equal(
        await decryptBody(v.body, v.encryptHeader, privateKey, { aesMode: "ECB" }),
        v.plaintext,
        "plaintext (explicit ECB)",
      );
    });
  }
  const nistByName = new Map(vectors.aes.nist.map((v) => [v.name, v]));
  for (const v of vectors.aes.decryptBodyNistBlocks) {
    test(`NIST ${v.name}`, async () => {
      const { privateKey } = await keys();
      const nist = nistByName.get(v.nist)!;
      const body = fromBase64(v.body);
      // The body really carries the NIST ciphertext block...
      bytesEqual(
        body.subarray(16, 32),
        fromHex(nist.ciphertext[v.block - 1]!),
        "NIST ciphertext block inside the body",
      );
      const out = utf8(await decryptBody(v.body, v.encryptHeader, privateKey, { aesMode: "CBC-ZERO-IV" }));
      equal(out.length, 32, "plaintext length");
      bytesEqual(out.subarray(0, 16), utf8(v.firstBlockAscii), "first (chaining) block");
      // ...and AES-decrypting it gave the NIST plaintext: P1 = D(NIST_CT) XOR C0.
      const decrypted = out.subarray(16, 32).map((byte, i) => byte ^ body[i]!);
      bytesEqual(decrypted, fromHex(nist.plaintext[v.block - 1]!), "D(NIST ciphertext)");
    });
  }

  const plaintext = JSON.stringify({
    result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "成功 🎟️" },
    pad: "x".repeat(37),
  });
  for (const aesKeyBits of [256, 128] as const) {
    for (const aesMode of ["ECB", "CBC-ZERO-IV"] as const) {
      test(`encryptBody → decryptBody round trip (AES-${aesKeyBits}, ${aesMode})`, async () => {
        const { privateKey, publicKey } = await keys();
        const a = await encryptBody(plaintext, publicKey, { aesKeyBits, aesMode });
        const b = await encryptBody(plaintext, publicKey, { aesKeyBits, aesMode });
        ok(
          /^algorithm=RSA_AES,keyVersion=1,symmetricKey=[A-Za-z0-9%]+$/.test(a.encryptHeader),
          `Encrypt header: ${a.encryptHeader}`,
        );
        ok(/^[A-Za-z0-9+/]+={0,2}$/.test(a.body), "body is standard base64");
        equal(fromBase64(a.body).length % 16, 0, "ciphertext length is whole AES blocks");
        ok(a.body !== b.body, "a fresh AES key per message");
        equal(await decryptBody(a.body, a.encryptHeader, privateKey, { aesMode }), plaintext, "decrypted");
        equal(await decryptBody(b.body, b.encryptHeader, privateKey, { aesMode }), plaintext, "decrypted (second)");
      });
    }
  }
  test("decryptBody fails with DecryptionError for a truncated body, the wrong key or a swapped symmetricKey", async () => {
    const { privateKey, publicKey } = await keys();
    const { body, encryptHeader } = await encryptBody(plaintext, publicKey);
    await rejects(decryptBody(body.slice(0, -8), encryptHeader, privateKey), DecryptionError, "truncated body");
    await rejects(
      decryptBody(body, encryptHeader, await importPrivateKey(ALIPAY.pkcs8Pem)),
      DecryptionError,
      "another private key",
    );
    await rejects(
      decryptBody(body, vectors.aes.decryptBodyEcb[0]!.encryptHeader, privateKey),
      DecryptionError,
      "another message's AES key",
    );
    await rejects(decryptBody(body, null, privateKey), HeaderFormatError, "no Encrypt header");
  });
}
