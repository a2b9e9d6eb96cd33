/**
 * Key generation and PEM export, on jose: for the sandbox, the CLI and tests. A client never calls them, so its
 * bundle never carries them.
 */
import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";

/** A key pair as PEM text: PKCS#8 (`BEGIN PRIVATE KEY`) and SPKI (`BEGIN PUBLIC KEY`). */
export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

/** A fresh RSA-2048 key pair for RSASSA-PKCS1-v1_5 / SHA-256 (e = 65537), as PEM ending in a newline like openssl's. */
export async function generateKeyPairPem(): Promise<KeyPairPem> {
  const pair = await generateKeyPair("RS256", { modulusLength: 2048, extractable: true });
  return { privateKey: `${await exportPKCS8(pair.privateKey)}\n`, publicKey: `${await exportSPKI(pair.publicKey)}\n` };
}

/** An RSA public CryptoKey as SPKI PEM, ending in a newline. */
export const spkiPem = async (key: CryptoKey): Promise<string> => `${await exportSPKI(key)}\n`;
