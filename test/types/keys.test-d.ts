// The key types are declared by shape (no DOM lib needed in the published .d.ts); DOM keys must still fit.
import { describe, expectTypeOf, test } from "vitest";
import {
  importPrivateKey,
  importPublicKey,
  sign,
  verify,
  type Jwk,
  type PrivateKeyInput,
  type WebCryptoKey,
} from "alipayhk-signature";

declare const domJwk: JsonWebKey;
declare const domKey: CryptoKey;
const message = { method: "POST", path: "/", clientId: "c", time: "t", body: "" };

describe("key types", () => {
  test("a DOM CryptoKey and JsonWebKey are accepted wherever a key is", () => {
    expectTypeOf(domJwk).toMatchTypeOf<Jwk>();
    expectTypeOf(domKey).toMatchTypeOf<WebCryptoKey>();
    expectTypeOf(domJwk).toMatchTypeOf<PrivateKeyInput>();
    void importPrivateKey(domJwk);
    void importPublicKey(domKey);
    void sign(message, domKey);
    void verify(message, "algorithm=RSA256,signature=AA==", domKey);
  });

  test("anything else is not a key", () => {
    // @ts-expect-error a number is not a key
    void importPrivateKey(42);
    // @ts-expect-error sign() takes an imported key, not a PEM string
    void sign(message, "-----BEGIN PRIVATE KEY-----");
  });
});
