// @ts-check
// Section 1 of bench/profile.mjs: sign() and verify(), each step of the package's own code timed on its own, beside
// the crypto.subtle call they wrap.
import { data, message, P, privateKey, publicKey, rawPrivate, rawPublic, row, usPair, usSync } from "./setup.mjs";

export async function profileSignVerify() {
  const header = await P.sign(message, privateKey);
  const signatureB64 = P.parseSignatureHeader(header).signature;
  const signatureBytes = P.base64ToBytes(signatureB64);

  {
    const [raw, ours] = await usPair(
      () => crypto.subtle.sign("RSASSA-PKCS1-v1_5", rawPrivate, data),
      () => P.sign(message, privateKey),
      3000,
    );
    row("sign", "crypto.subtle.sign (cached key)", raw);
    row(
      "sign",
      "sign() in all (called alternately with the line above)",
      ours,
      `overhead ${(ours - raw).toFixed(1)} µs`,
    );
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
}
