import { beforeAll, describe, expect, it } from "vitest";
import {
  AlipayHKError,
  contentToSign,
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
  type ErrorCode,
  type Message,
  type PrivateKey,
  type PublicKey,
} from "../src/index.js";
import { generateRsa, nodeSign, pemBody, type TestKeyPair } from "./helpers.js";

describe("error classes", () => {
  it("share one base class with a stable code, a literal name and a stack", () => {
    const cases: [AlipayHKError, string, ErrorCode][] = [
      [new KeyFormatError("m"), "KeyFormatError", "ERR_KEY_FORMAT"],
      [new KeyFormatError("m", { code: "ERR_KEY_TOO_SMALL" }), "KeyFormatError", "ERR_KEY_TOO_SMALL"],
      [new KeyFormatError("m", { code: "ERR_KEY_TYPE" }), "KeyFormatError", "ERR_KEY_TYPE"],
      [new KeyFormatError("m", { code: "ERR_KEY_NOT_EXTRACTABLE" }), "KeyFormatError", "ERR_KEY_NOT_EXTRACTABLE"],
      [new HeaderFormatError("Signature", "m"), "HeaderFormatError", "ERR_SIGNATURE_HEADER"],
      [new HeaderFormatError("Encrypt", "m"), "HeaderFormatError", "ERR_ENCRYPT_HEADER"],
      [
        new UnsupportedAlgorithmError("Signature", "ECC224", ["RSA256"]),
        "UnsupportedAlgorithmError",
        "ERR_UNSUPPORTED_ALGORITHM",
      ],
      [new DecryptionError(), "DecryptionError", "ERR_DECRYPTION"],
      [new InvalidArgumentError("m"), "InvalidArgumentError", "ERR_INVALID_ARGUMENT"],
    ];
    for (const [error, name, code] of cases) {
      expect(error).toBeInstanceOf(AlipayHKError);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe(name);
      expect(error.code).toBe(code);
      expect(error.stack).toContain(name);
      expect(String(error)).toMatch(new RegExp(`^${name}: `));
    }
  });

  it("carries a cause and the header / algorithm involved", () => {
    const cause = new Error("inner");
    expect(new KeyFormatError("outer", { cause }).cause).toBe(cause);
    expect(new HeaderFormatError("Encrypt", "x", { cause }).cause).toBe(cause);
    const unsupported = new UnsupportedAlgorithmError("Signature", "ECC224", ["RSA256"]);
    expect(unsupported).toMatchObject({ header: "Signature", algorithm: "ECC224" });
    expect(unsupported.message).toBe('Signature header: unsupported algorithm "ECC224" (supported: RSA256)');
    expect(new UnsupportedAlgorithmError("Signature", "SHA256WITHRSA", ["RSA256"]).algorithm).toBe("SHA256WI…");
  });

  it("can be extended by other packages (the client) with their own codes and names", () => {
    class HttpError extends AlipayHKError<"ERR_HTTP"> {
      constructor(readonly status: number) {
        super("ERR_HTTP", `HTTP ${status}`);
      }
    }
    const error = new HttpError(503);
    expect(error).toBeInstanceOf(AlipayHKError);
    expect(error.name).toBe("HttpError");
    expect(error.code).toBe("ERR_HTTP");
    expect(error.status).toBe(503);
  });
});

describe("no error message leaks key material or a full signature", () => {
  let pair: TestKeyPair;
  let privateKey: PrivateKey;
  let publicKey: PublicKey;
  const message: Message = { method: "POST", path: "/p", clientId: "C", time: "2024-05-22T06:42:21+00:00", body: "{}" };

  beforeAll(async () => {
    pair = generateRsa();
    privateKey = await importPrivateKey(pair.pkcs8Pem);
    publicKey = await importPublicKey(pair.spkiPem);
  });

  async function messages(): Promise<string[]> {
    const signature = nodeSign(contentToSign(message), pair.privateKey);
    const encoded = encodeURIComponent(signature);
    const body = pemBody(pair.pkcs8Pem);
    const corrupt = pair.pkcs8Pem.replace(body.slice(200, 204), "!!!!");
    const attempts: (() => Promise<unknown>)[] = [
      () => importPrivateKey(corrupt),
      () => importPrivateKey(pair.pkcs8Pem.replace(/PRIVATE KEY/g, "SECRET THING")),
      () => importPrivateKey(body.slice(0, 400)),
      () => importPrivateKey({ ...pair.privateJwk, kty: "EC" }),
      () => importPrivateKey({ ...pair.privateJwk, n: "AAAA" }),
      () => importPrivateKey({ ...pair.privateJwk, dp: 42 } as unknown as JsonWebKey),
      () => importPublicKey(pair.pkcs8Pem),
      () => importPublicKey(pair.privateJwk),
      () => importPrivateKey(pair.spkiPem),
      () => sign(message, pair.pkcs8Pem as unknown as PrivateKey),
      () => verify(message, signature, pair.spkiPem as unknown as PublicKey),
      () => verify(message, `algorithm=RSA256,${encoded}`, publicKey),
      () => verify(message, `algorithm=RSA256,signature=${encoded},signature=${encoded}`, publicKey),
      () => verify(message, `algorithm=RSA256,${signature.slice(0, 40)}=,signature=${encoded}`, publicKey),
      () =>
        verify(
          message,
          `algorithm=RSA256,${signature.slice(0, 40)}=1,${signature.slice(0, 40)}=2,signature=${encoded}`,
          publicKey,
        ),
      () => verify(message, `algorithm=RSA256,signature=${encoded}!`, publicKey),
      () => verify(message, `algorithm=RSA256,signature=${encoded}%G`, publicKey),
      () => verify(message, `algorithm=${signature},signature=${encoded}`, publicKey),
      () => verify(message, `algorithm=RSA256,keyVersion=${signature},signature=${encoded}`, publicKey),
      () => decryptBody("AAAA", `algorithm=RSA_AES,symmetricKey=${encoded}`, privateKey),
      () => decryptBody(signature, `algorithm=${signature},symmetricKey=${encoded}`, privateKey),
      () => encryptBody("x", privateKey as unknown as PublicKey),
    ];
    const out: string[] = [];
    for (const attempt of attempts) {
      const error = await attempt().then(
        () => {
          throw new Error(`expected a failure: ${attempt.toString().slice(0, 80)}`);
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(AlipayHKError);
      out.push((error as Error).message);
    }
    return out;
  }

  it("checks every failure message", async () => {
    const signature = nodeSign(contentToSign(message), pair.privateKey);
    const secrets = [
      pemBody(pair.pkcs8Pem),
      pair.privateJwk.d!,
      pair.privateJwk.p!,
      signature,
      encodeURIComponent(signature),
    ];
    // At most an 8-character prefix may be shown, so no 9-character run of a secret may appear
    // (compared case-insensitively: algorithm names are upper-cased before they are echoed).
    for (const text of await messages()) {
      const lower = text.toLowerCase();
      for (const secret of secrets.map((s) => s.toLowerCase())) {
        for (let i = 0; i + 9 <= secret.length; i++) expect(lower, text).not.toContain(secret.slice(i, i + 9));
      }
      expect(text.length).toBeLessThan(200);
    }
  });
});
