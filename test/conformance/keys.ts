// The conformance suite (test/conformance/suite.ts), keys: every format imports and signs exactly what node:crypto signs.
import {
  importPrivateKey,
  importPublicKey,
  KeyFormatError,
  sign,
  verify,
  type PrivateKey,
  type PrivateKeyInput,
  type PublicKeyInput,
} from "alipayhk-signature";
import { equal, rejects } from "./harness.js";
import certificate from "./certificate.json";
import { MERCHANT, fromBase64, firstVector } from "./fixtures.js";
import type { Registry } from "./harness.js";

export function registerKeys({ test }: Pick<Registry, "test">): void {
  const privateFormats: [string, () => PrivateKeyInput][] = [
    ["PKCS#8 PEM", () => MERCHANT.pkcs8Pem],
    ["PKCS#8 PEM with literal \\n escapes (env var style)", () => MERCHANT.pkcs8PemEscaped],
    ["PKCS#1 PEM (BEGIN RSA PRIVATE KEY)", () => MERCHANT.pkcs1Pem],
    ["bare base64 PKCS#8 DER", () => MERCHANT.pkcs8Base64],
    ["bare base64 PKCS#1 DER", () => MERCHANT.pkcs1Base64],
    ["PKCS#8 DER bytes", () => fromBase64(MERCHANT.pkcs8Base64)],
    ["JWK object", () => ({ ...MERCHANT.privateJwk }) as JsonWebKey],
    ["JWK JSON text", () => JSON.stringify(MERCHANT.privateJwk)],
  ];
  for (const [format, input] of privateFormats) {
    test(`importPrivateKey(${format}) signs the node:crypto vector`, async () => {
      const key = await importPrivateKey(input());
      equal(key.type, "private", "key.type");
      equal(key.modulusBits, 2048, "key.modulusBits");
      equal(await sign(firstVector.message, key), firstVector.signatureHeader, "Signature header");
    });
  }
  test("importPrivateKey(CryptoKey from crypto.subtle) signs the node:crypto vector", async () => {
    const cryptoKey = await crypto.subtle.importKey(
      "pkcs8",
      fromBase64(MERCHANT.pkcs8Base64),
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const key = await importPrivateKey(cryptoKey);
    equal(await sign(firstVector.message, key), firstVector.signatureHeader, "Signature header (imported CryptoKey)");
    equal(await sign(firstVector.message, cryptoKey), firstVector.signatureHeader, "Signature header (bare CryptoKey)");
  });

  const publicFormats: [string, () => PublicKeyInput][] = [
    ["SPKI PEM", () => MERCHANT.spkiPem],
    ["PKCS#1 PEM (BEGIN RSA PUBLIC KEY)", () => MERCHANT.pkcs1PublicPem],
    ["bare base64 SPKI DER", () => MERCHANT.spkiBase64],
    ["bare base64 PKCS#1 DER", () => MERCHANT.pkcs1PublicBase64],
    ["SPKI DER bytes", () => fromBase64(MERCHANT.spkiBase64)],
    ["JWK object", () => ({ ...MERCHANT.publicJwk }) as JsonWebKey],
    ["X.509 certificate PEM (openssl req -x509)", () => certificate.merchantCertificatePem],
  ];
  for (const [format, input] of publicFormats) {
    test(`importPublicKey(${format}) verifies the node:crypto vector and rejects a tampered one`, async () => {
      const key = await importPublicKey(input());
      equal(key.type, "public", "key.type");
      equal(key.modulusBits, 2048, "key.modulusBits");
      equal(await verify(firstVector.message, firstVector.signatureHeader, key), true, "verify(vector)");
      equal(
        await verify(
          { ...firstVector.message, body: `${firstVector.message.body} ` },
          firstVector.signatureHeader,
          key,
        ),
        false,
        "verify(tampered body)",
      );
    });
  }

  test("key import refuses the wrong kind of key and garbage with KeyFormatError", async () => {
    await rejects(importPrivateKey(MERCHANT.spkiPem), KeyFormatError, "importPrivateKey(public PEM)", (e) =>
      equal(e.code, "ERR_KEY_TYPE", "code"),
    );
    await rejects(importPublicKey(MERCHANT.pkcs8Pem), KeyFormatError, "importPublicKey(private PEM)", (e) =>
      equal(e.code, "ERR_KEY_TYPE", "code"),
    );
    await rejects(importPrivateKey("not a key"), KeyFormatError, "importPrivateKey(garbage)");
    await rejects(
      importPublicKey({ kty: "EC", crv: "P-256", x: "AA", y: "AA" }),
      KeyFormatError,
      "importPublicKey(EC JWK)",
    );
    const publicKey = await importPublicKey(MERCHANT.spkiPem);
    await rejects(
      sign(firstVector.message, publicKey as unknown as PrivateKey),
      KeyFormatError,
      "sign() with a public key",
    );
  });
}
