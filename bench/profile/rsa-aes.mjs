// @ts-check
// Section 3 of bench/profile.mjs: RSA_AES, encryptBody / decryptBody and their steps (AES-256-ECB and the pure-JS
// BigInt RSA, since WebCrypto has no RSAES-PKCS1-v1_5), beside one crypto.subtle.sign for scale.
import { body, data, merchant, P, privateKey, publicKey, rawPrivate, row, us, usSync } from "./setup.mjs";

export async function profileRsaAes() {
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
  const plain = new TextEncoder().encode(body);
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
}
