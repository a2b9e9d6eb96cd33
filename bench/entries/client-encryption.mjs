// @ts-check
// A client that encrypts bodies (RSA_AES): the signing-only client plus the encryption plug-in.
export { createOrderClient } from "alipayhk-order";
export { rsaAes } from "alipayhk-order/encryption";
