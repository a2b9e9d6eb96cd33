// @ts-check
// The signature package alone: sign/verify and the key importers.
export { importPrivateKey, importPublicKey, sign, verify } from "alipayhk-signature";
