/**
 * alipayhk-signature/internal: helpers that this SDK's own packages (alipayhk-order, alipayhk-sandbox, the CLI)
 * share. NOT PUBLIC: not covered by semver, and may change or go in any release. Import the main entry instead.
 * @internal
 * @module
 */
export { alipayTimeMs, delay, parseAlipayTime, type AlipayTimeForm } from "./time.js";
export { base64UrlToBigInt, bytesToBigInt, modPowPublic } from "./rsa-pkcs1.js";
export { classifyDer, pkcs1PublicToSpki } from "./der.js";
export { base64ToBytes, bytesToBase64 } from "./base64.js";
export { publicKeyNumbers } from "./rsa-numbers.js";
