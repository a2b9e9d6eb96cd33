// The certificate reader in der.ts against node:crypto's own X.509 parser, on certificates openssl made.
import { X509Certificate, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { spkiOfCertificate } from "../src/der.js";
import { selfSignedCertificate } from "./helpers.js";

const derOf = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64"));

describe("spkiOfCertificate", () => {
  it.each([2048, 4096])(
    "finds the same SubjectPublicKeyInfo as node:crypto in an openssl certificate (RSA-%i)",
    (bits) => {
      const { privateKey } = generateKeyPairSync("rsa", { modulusLength: bits });
      const pem = selfSignedCertificate(privateKey.export({ type: "pkcs8", format: "pem" }) as string);
      const expected = new X509Certificate(pem).publicKey.export({ type: "spki", format: "der" });
      expect(Buffer.from(spkiOfCertificate(derOf(pem))!)).toEqual(expected);
    },
  );

  it("returns undefined for anything not shaped like a certificate, truncated ones included", () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const der = derOf(selfSignedCertificate(privateKey.export({ type: "pkcs8", format: "pem" }) as string));
    for (const cut of [1, 2, 4, 40, 200, der.length - 300])
      expect(spkiOfCertificate(der.slice(0, cut))).toBeUndefined();
    expect(spkiOfCertificate(new Uint8Array([0x30, 0x80, 0x30, 0x80]))).toBeUndefined(); // indefinite lengths: BER, not DER
    const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
    expect(spkiOfCertificate(new Uint8Array(pkcs8))).toBeUndefined(); // a key, not a certificate
  });
});
