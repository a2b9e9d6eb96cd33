/**
 * alipayhk-order/encryption: RSA_AES request and response bodies, as a plug-in for `createOrderClient`.
 * @module
 */
import { decryptBody, encryptBody, type AesMode } from "alipayhk-signature/encryption";
import type { Encryption } from "./signer.js";

export type { Encryption } from "./signer.js";
export type { AesMode } from "alipayhk-signature/encryption";

export interface RsaAesOptions {
  /** AES key size; AlipayHK's gateway family recommends 256. Default 256. */
  aesKeyBits?: 256 | 128;
  /** AlipayHK does not publish the AES mode; "ECB" (the Ant gateway's, PKCS#7 padding) is the default. */
  aesMode?: AesMode;
}

/**
 * RSA_AES encryption: a fresh AES key per request, wrapped for AlipayHK's public key; the ciphertext is what is
 * signed. Answers to encrypted requests are verified first, then decrypted with your private key.
 *
 * @example
 * ```ts
 * import { rsaAes } from "alipayhk-order/encryption";
 * const client = createOrderClient({ ...options, encrypt: rsaAes() });
 * ```
 */
export function rsaAes({ aesKeyBits, aesMode }: RsaAesOptions = {}): Encryption {
  return {
    encrypt: (plaintext, recipient, keyVersion) =>
      encryptBody(plaintext, recipient, { aesKeyBits, aesMode, keyVersion }),
    decrypt: (body, encryptHeader, own) => decryptBody(body, encryptHeader, own, { aesMode }),
  };
}
