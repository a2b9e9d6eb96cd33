import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  contentToSign,
  HeaderFormatError,
  importPrivateKey,
  importPublicKey,
  KeyFormatError,
  parseEncryptHeader,
  parseSignatureHeader,
  sign,
  UnsupportedAlgorithmError,
  verify,
  type Message,
  type PublicKey,
} from "../src/index.js";
import { generateRsa, nodeSign, type TestKeyPair } from "./helpers.js";

let pair: TestKeyPair;
let other: TestKeyPair;
let publicKey: PublicKey;

beforeAll(async () => {
  pair = generateRsa();
  other = generateRsa();
  publicKey = await importPublicKey(pair.spkiPem);
});

const message: Message = {
  method: "POST",
  path: "/api/open/alipay/v1/merchant/order/sync",
  clientId: "4Q5Y8W0WSG45P907917",
  time: "2024-05-22T06:42:21+08:00",
  body: '{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"Success"}}',
};

/** A Signature header as the global SDKs build it, from node:crypto's signature. */
const nodeHeader = (m: Message, keyPair = pair) =>
  `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(nodeSign(contentToSign(m), keyPair.privateKey))}`;

// From AlipayHK's Base API page (base-api.txt), with the page's line-wrap spaces removed.
const BASE_API_SAMPLE =
  "algorithm=RSA256,keyVersion=1,signature=KEhXthj4bJ801Hqw8kaLvEKc0Rii8KsNUazw7kZgjxyGSPuOZ48058UVJUkkR21iD9JkHBGR rWiHPae8ZRPuBagh2H3qu7fxY5GxVDWayJUhUYkr9m%2FOW4UQVmXaQ9yn%2Fw2dCtzwAW0htPHYrKMyrT pMk%2BfDDmRflA%2FAMJhQ71yeyhufIA2PCJV8%2FCMOa46303A0WHhH0YPJ9%2FI0UeLVMWlJ1XcBo3Jr bRFvcowQwt0lP1XkoPmSLGpBevDE8%2FQ9WnxjPNDfrHnKgV2fp0hpMKVXNM%2BrLHNyMv3MkHg9iTMOD% 2FFYDAwSd%2B6%2FEOFo9UbdlKcmodJwjKlQoxZZIzmF8w%3D%3D".replace(
    / /g,
    "",
  );

describe("verify", () => {
  it("accepts node:crypto signatures", async () => {
    expect(await verify(message, nodeHeader(message), publicKey)).toBe(true);
  });

  it("accepts node:crypto signatures over generated messages", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom("POST", "GET"),
          path: fc.webPath().map((p) => p || "/"),
          clientId: fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
          time: fc.constantFrom("2024-05-22T06:42:21+05:30", "1716360141000", "2024-05-22T06:42:21Z"),
          body: fc.string({ unit: "grapheme" }),
        }),
        async (m) => {
          expect(await verify(m, nodeHeader(m), publicKey)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("returns false for a tampered method, path, clientId, time or body", async () => {
    const header = nodeHeader(message);
    const tampered: Message[] = [
      { ...message, method: "post" },
      { ...message, path: `${message.path}?x=1` },
      { ...message, clientId: `${message.clientId}0` },
      { ...message, time: "2024-05-22T06:42:22+08:00" },
      { ...message, time: "2024-05-21T22:42:21Z" }, // same instant, other spelling: different content
      { ...message, body: `${message.body} ` },
      { ...message, body: message.body.replace("SUCCESS", "SUCCES5") },
    ];
    for (const m of tampered) expect(await verify(m, header, publicKey)).toBe(false);
  });

  it("returns false for a signature made with another key", async () => {
    expect(await verify(message, nodeHeader(message, other), publicKey)).toBe(false);
  });

  it("returns false for a tampered signature and for a wrong-length one", async () => {
    const b64 = nodeSign(contentToSign(message), pair.privateKey);
    const flipped = b64[10] === "A" ? "B" : "A";
    const bad = b64.slice(0, 10) + flipped + b64.slice(11);
    expect(await verify(message, `algorithm=RSA256,signature=${encodeURIComponent(bad)}`, publicKey)).toBe(false);
    expect(await verify(message, "algorithm=RSA256,signature=AAAA", publicKey)).toBe(false);
    expect(
      await verify(message, `algorithm=RSA256,signature=${encodeURIComponent(b64.slice(0, 340))}`, publicKey),
    ).toBe(false);
  });

  it("round-trips with sign, including keyVersion variants", async () => {
    const key = await importPrivateKey(pair.pkcs8Pem);
    for (const keyVersion of [1, 7, "v2", null]) {
      expect(await verify(message, await sign(message, key, { keyVersion }), publicKey)).toBe(true);
    }
  });

  it("throws HeaderFormatError (never returns false) for missing or malformed headers", async () => {
    const good = encodeURIComponent(nodeSign(contentToSign(message), pair.privateKey));
    const malformed: (string | null | undefined)[] = [
      null,
      undefined,
      "",
      "   ",
      "algorithm=RSA256,keyVersion=1", // no signature
      `algorithm=RSA256,keyVersion=1,signature=`, // empty value
      `algorithm=RSA256,signature=${good},signature=${good}`, // duplicate
      `algorithm=RSA256,algorithm=RSA256,signature=${good}`,
      `algorithm=RSA256,${good}`, // pair without key=
      `algorithm=RSA256,=${good}`,
      "algorithm=RSA256,signature=not base64!",
      "algorithm=RSA256,signature=QUJD%3", // broken percent-escape
      "algorithm=RSA256,signature=QUJD%ZZ",
      "algorithm=RSA256,signature=QUJ", // unpadded / wrong length
      "algorithm=RSA256,signature=QU JD",
      "algorithm=RSA256,signature=QUJD%252F", // double-encoded
      `algorithm=RSA256,signature=${"A".repeat(5000)}`, // absurd length
      "algorithm=RSA256,keyVersion=1 2,signature=QUJD",
    ];
    for (const header of malformed) {
      const error = await verify(message, header, publicKey).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, String(header).slice(0, 60)).toBeInstanceOf(HeaderFormatError);
      expect(error).toMatchObject({ code: "ERR_SIGNATURE_HEADER", header: "Signature" });
    }
  });

  it("throws UnsupportedAlgorithmError for ECC224 and other algorithms (case-insensitive RSA256 is fine)", async () => {
    const sig = encodeURIComponent(nodeSign(contentToSign(message), pair.privateKey));
    for (const algorithm of ["ECC224", "ecc224", "RSA", "sha256withrsa", "constructor", "__proto__"]) {
      await expect(
        verify(message, `algorithm=${algorithm},keyVersion=1,signature=${sig}`, publicKey),
      ).rejects.toMatchObject({
        name: "UnsupportedAlgorithmError",
        code: "ERR_UNSUPPORTED_ALGORITHM",
      });
    }
    await expect(verify(message, `algorithm=ECC224,signature=${sig}`, publicKey)).rejects.toBeInstanceOf(
      UnsupportedAlgorithmError,
    );
    for (const algorithm of ["rsa256", "Rsa256"]) {
      expect(await verify(message, `algorithm=${algorithm},signature=${sig}`, publicKey)).toBe(true);
    }
  });

  it("refuses a private key or raw PEM in place of an imported public key", async () => {
    const privateKey = await importPrivateKey(pair.pkcs8Pem);
    await expect(verify(message, nodeHeader(message), privateKey as unknown as PublicKey)).rejects.toMatchObject({
      code: "ERR_KEY_TYPE",
    });
    await expect(verify(message, nodeHeader(message), pair.spkiPem as unknown as PublicKey)).rejects.toBeInstanceOf(
      KeyFormatError,
    );
  });
});

describe("parseSignatureHeader tolerance", () => {
  const b64 = "ab+/cd==";
  const expected = { algorithm: "RSA256", keyVersion: "1", signature: b64 };

  it("parses the canonical form", () => {
    expect(parseSignatureHeader("algorithm=RSA256,keyVersion=1,signature=ab%2B%2Fcd%3D%3D")).toEqual(expected);
  });

  it("accepts spaces around pairs and values, any order, and a trailing comma", () => {
    expect(parseSignatureHeader("algorithm=RSA256, keyVersion=1, signature=ab%2B%2Fcd%3D%3D")).toEqual(expected);
    expect(parseSignatureHeader(" signature = ab%2B%2Fcd%3D%3D ,keyVersion=1,  algorithm=RSA256 ,")).toEqual(expected);
  });

  it("accepts lower-case percent hex and a raw (not URL-encoded) base64 value; '+' stays '+'", () => {
    expect(parseSignatureHeader("algorithm=RSA256,keyVersion=1,signature=ab%2b%2fcd%3d%3d")).toEqual(expected);
    expect(parseSignatureHeader(`algorithm=RSA256,keyVersion=1,signature=${b64}`)).toEqual(expected);
    expect(parseSignatureHeader("algorithm=RSA256,keyVersion=1,signature=ab+%2Fcd==")).toEqual(expected);
  });

  it("makes keyVersion optional, defaults algorithm to RSA256 and ignores unknown keys", () => {
    expect(parseSignatureHeader(`algorithm=rsa256, signature=${b64}`)).toEqual({ algorithm: "RSA256", signature: b64 });
    expect(parseSignatureHeader(`signature=${b64}`)).toEqual({ algorithm: "RSA256", signature: b64 });
    expect(parseSignatureHeader(`foo=bar,signature=${b64},keyVersion=3`)).toEqual({
      algorithm: "RSA256",
      keyVersion: "3",
      signature: b64,
    });
  });

  it("keeps key names exact (after trimming)", () => {
    expect(() => parseSignatureHeader(`algorithm=RSA256,Signature=${b64}`)).toThrow(HeaderFormatError);
  });

  it("returns unsupported algorithms upper-cased for the caller to dispatch on", () => {
    expect(parseSignatureHeader(`algorithm=ecc224,signature=${b64}`).algorithm).toBe("ECC224");
  });

  it("parses AlipayHK's Base API sample header (after removing the page's wrap spaces)", () => {
    const parsed = parseSignatureHeader(BASE_API_SAMPLE);
    expect(parsed.algorithm).toBe("RSA256");
    expect(parsed.keyVersion).toBe("1");
    expect(parsed.signature).toMatch(/^KEhXthj4bJ801Hqw8kaLvEKc0Rii8KsNUazw7kZgjxyGSPuOZ48058UVJUkkR21iD9JkHBGR/);
    expect(parsed.signature).toContain("m/OW4UQVmXaQ9yn/w2");
    expect(parsed.signature.endsWith("F8w==")).toBe(true);
    // It decodes as base64 (a real 2048-bit signature would be 256 bytes; the page's sample is shorter).
    expect(Buffer.from(parsed.signature, "base64").toString("base64")).toBe(parsed.signature);
  });

  it("names the header and never echoes the whole value in errors", () => {
    const secretish = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo";
    try {
      parseSignatureHeader(`algorithm=RSA256,${secretish}`);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HeaderFormatError);
      expect((e as HeaderFormatError).header).toBe("Signature");
      expect((e as Error).message).toMatch(/^Signature header: /);
      expect((e as Error).message).not.toContain(secretish);
      expect((e as Error).message).toContain("QUJDREVG…");
    }
  });
});

describe("parseEncryptHeader", () => {
  it("parses the canonical and tolerant forms", () => {
    const b64 = "bqS8HSmdaRrpKSuPy7CqUlyd8lJurG93";
    expect(parseEncryptHeader(`algorithm=RSA_AES,keyVersion=1,symmetricKey=${b64}`)).toEqual({
      algorithm: "RSA_AES",
      keyVersion: "1",
      symmetricKey: b64,
    });
    expect(parseEncryptHeader("algorithm=rsa_aes, symmetricKey=ab%2B%2FcQ%3D%3D")).toEqual({
      algorithm: "RSA_AES",
      symmetricKey: "ab+/cQ==",
    });
    // URL-safe alphabet, unpadded: normalised to standard base64
    expect(parseEncryptHeader("algorithm=RSA_AES,symmetricKey=ab-_cQ")).toEqual({
      algorithm: "RSA_AES",
      symmetricKey: "ab+/cQ==",
    });
  });

  it("throws HeaderFormatError with code ERR_ENCRYPT_HEADER", () => {
    for (const header of [
      null,
      "",
      "symmetricKey=QUJD",
      "algorithm=RSA_AES",
      "algorithm=RSA_AES,symmetricKey=!!!!",
      "algorithm=RSA_AES,symmetricKey=A",
    ]) {
      expect(() => parseEncryptHeader(header)).toThrow(
        expect.objectContaining({ code: "ERR_ENCRYPT_HEADER", header: "Encrypt" }),
      );
    }
  });
});
