/**
 * alipayhk-signature: AlipayHK request signing, response verification and RSA_AES body encryption
 * on web APIs only (Node ≥ 20, Deno, Bun, edge workers).
 *
 * Encryption is re-exported here for convenience; it lives in its own module (and entry,
 * `alipayhk-signature/encryption`) so that bundles which only sign tree-shake it away.
 */
export {
  AlipayHKError,
  DecryptionError,
  HeaderFormatError,
  InvalidArgumentError,
  KeyFormatError,
  UnsupportedAlgorithmError,
  type ErrorCode,
  type HeaderName,
} from "./errors.js";
export {
  importPrivateKey,
  importPublicKey,
  type PrivateKey,
  type PrivateKeyInput,
  type PublicKey,
  type PublicKeyInput,
  type Jwk,
  type WebCryptoKey,
} from "./keys.js";
export { generateKeyPairPem, type KeyPairPem } from "./generate.js";
export {
  isKeyVersion,
  parseEncryptHeader,
  parseSignatureHeader,
  type EncryptHeader,
  type KeyVersion,
  type SignatureHeader,
} from "./header.js";
export { contentToSign, sign, verify, type Message, type SignOptions } from "./signature.js";
export { formatRequestTime, type RequestTimeOptions } from "./time.js";
export {
  decryptBody,
  encryptBody,
  publicKeyPem,
  type AesMode,
  type DecryptOptions,
  type EncryptedBody,
  type EncryptOptions,
} from "./encryption.js";
