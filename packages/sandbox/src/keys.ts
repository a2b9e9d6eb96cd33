/** The sandbox's own ("AlipayHK's") key pair: the private key given, or a fresh RSA-2048 one, and its public PEM. */
import { importPrivateKey, publicKeyPem, type PrivateKey, type PrivateKeyInput } from "alipayhk-signature";

/** The key the sandbox signs responses (and decrypts requests) with, and its public half as PEM. */
export interface AlipayKeys {
  readonly privateKey: PrivateKey;
  readonly publicKeyPem: string;
}

/** Loads the sandbox's key pair from any form `importPrivateKey` accepts, or generates one. */
export async function loadAlipayKeys(input: PrivateKeyInput | undefined): Promise<AlipayKeys> {
  const privateKey = await importPrivateKey(input ?? (await freshKey()));
  return { privateKey, publicKeyPem: await publicKeyPem(privateKey) };
}

async function freshKey(): Promise<Uint8Array> {
  const params = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) };
  const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]);
  return new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
}
