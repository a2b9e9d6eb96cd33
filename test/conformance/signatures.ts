// The conformance suite (test/conformance/suite.ts), signatures against the fixed node:crypto vectors.
import {
  contentToSign,
  formatRequestTime,
  HeaderFormatError,
  parseSignatureHeader,
  sign,
  UnsupportedAlgorithmError,
  verify,
  type Message,
} from "alipayhk-signature";
import { equal, rejects } from "./harness.js";
import vectors from "./vectors.json";
import { fromBase64, firstVector, keys } from "./fixtures.js";
import type { Registry } from "./harness.js";

export function registerSignatures({ test }: Pick<Registry, "test">): void {
  for (const vector of vectors.signatures) {
    const message: Message = vector.message;
    const options = { keyVersion: vector.keyVersion };
    test(`sign/verify vector "${vector.name}": contentToSign, sign() equals node:crypto, verify() accepts`, async () => {
      const { privateKey, publicKey } = await keys();
      equal(contentToSign(message), vector.contentToSign, "contentToSign");
      equal(await sign(message, privateKey, options), vector.signatureHeader, "Signature header");
      equal(await verify(message, vector.signatureHeader, publicKey), true, "verify(vector)");
      const parsed = parseSignatureHeader(vector.signatureHeader);
      equal(parsed.algorithm, "RSA256", "parsed.algorithm");
      equal(parsed.signature, vector.signature, "parsed.signature");
      equal(parsed.keyVersion, vector.keyVersion === null ? undefined : String(vector.keyVersion), "parsed.keyVersion");
    });
    test(`sign/verify vector "${vector.name}": verify() rejects tampering and another key`, async () => {
      const { publicKey } = await keys();
      const tampered: [string, Message][] = [
        ["body + one space", { ...message, body: `${message.body} ` }],
        ["body without its last character", { ...message, body: message.body.slice(0, -1) || "x" }],
        ["Request-Time one second later", { ...message, time: message.time.replace(":00+", ":01+") }],
        ["path", { ...message, path: `${message.path}x` }],
        ["Client-Id", { ...message, clientId: `${message.clientId}0` }],
        ["method", { ...message, method: message.method === "POST" ? "PUT" : "POST" }],
      ];
      for (const [what, changed] of tampered)
        equal(await verify(changed, vector.signatureHeader, publicKey), false, `verify(${what} changed)`);
      equal(
        await verify(message, vector.otherKeySignatureHeader, publicKey),
        false,
        "verify(signature made with another key)",
      );
      // One flipped bit in the signature itself.
      const raw = fromBase64(vector.signature);
      raw[raw.length - 1]! ^= 1;
      const flipped = `algorithm=RSA256,signature=${encodeURIComponent(btoa(String.fromCharCode(...raw)))}`;
      equal(await verify(message, flipped, publicKey), false, "verify(flipped signature bit)");
    });
  }

  test("verify() accepts the header spellings other SDKs send", async () => {
    const { publicKey } = await keys();
    for (const { name, header } of vectors.acceptedHeaders)
      equal(await verify(firstVector.message, header, publicKey), true, `verify(${name})`);
  });

  test("verify() throws on an unreadable or unsupported Signature header (never a silent false)", async () => {
    const { publicKey } = await keys();
    await rejects(verify(firstVector.message, null, publicKey), HeaderFormatError, "missing header");
    await rejects(
      verify(firstVector.message, "algorithm=RSA256,keyVersion=1", publicKey),
      HeaderFormatError,
      "no signature pair",
    );
    await rejects(
      verify(firstVector.message, "algorithm=RSA256,signature=***", publicKey),
      HeaderFormatError,
      "signature not base64",
    );
    await rejects(
      verify(firstVector.message, `algorithm=ECC224,signature=${encodeURIComponent(firstVector.signature)}`, publicKey),
      UnsupportedAlgorithmError,
      "ECC224",
    );
  });

  test("formatRequestTime: second precision, numeric offset", () => {
    const instant = new Date("2024-05-22T06:42:21.789Z");
    equal(formatRequestTime(instant), "2024-05-22T06:42:21+00:00", "UTC");
    equal(formatRequestTime(instant, { offsetMinutes: 480 }), "2024-05-22T14:42:21+08:00", "Hong Kong");
    equal(
      formatRequestTime(instant.getTime(), { offsetMinutes: -330 }),
      "2024-05-22T01:12:21-05:30",
      "negative offset",
    );
  });
}
