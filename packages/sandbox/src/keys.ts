/** The sandbox's own ("AlipayHK's") key pair: the private key given, or a fresh RSA-2048 one, and its public PEM. */
import {
  generateKeyPairPem,
  importPrivateKey,
  publicKeyPem,
  type PrivateKey,
  type PrivateKeyInput,
} from "alipayhk-signature";

/** The key the sandbox signs responses (and decrypts requests) with, and its public half as PEM. */
export interface AlipayKeys {
  readonly privateKey: PrivateKey;
  readonly publicKeyPem: string;
}

/** Loads the sandbox's key pair from any form `importPrivateKey` accepts, or generates one. */
export async function loadAlipayKeys(input: PrivateKeyInput | undefined): Promise<AlipayKeys> {
  const privateKey = await importPrivateKey(input ?? (await generateKeyPairPem()).privateKey);
  return { privateKey, publicKeyPem: await publicKeyPem(privateKey) };
}
