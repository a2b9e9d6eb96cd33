/** `alipayhk keys generate`: a fresh RSA-2048 key pair, the private key readable by its owner only. */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportPKCS8, exportSPKI, generateKeyPair as generateJoseKeyPair } from "jose";
import { UsageError } from "./io.js";

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

/** A merchant key pair as PKCS#8 and SPKI PEM (RSASSA-PKCS1-v1_5 / SHA-256, e = 65537). */
export async function generateKeyPair(): Promise<KeyPairPem> {
  const pair = await generateJoseKeyPair("RS256", { modulusLength: 2048, extractable: true });
  // a trailing newline, as openssl and node:crypto end their PEM files
  return { privateKey: `${await exportPKCS8(pair.privateKey)}\n`, publicKey: `${await exportSPKI(pair.publicKey)}\n` };
}

/** Writes <name>-private.pem (mode 0600) and <name>-public.pem into `dir`; refuses to overwrite unless `force`. */
export async function writeKeyPair(dir: string, name: string, force: boolean): Promise<{ privatePath: string; publicPath: string }> {
  const privatePath = join(dir, `${name}-private.pem`);
  const publicPath = join(dir, `${name}-public.pem`);
  for (const path of [privatePath, publicPath]) {
    if (!force && existsSync(path)) throw new UsageError(`${path} exists; pass --force to replace it`);
  }
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair();
  writeFileSync(privatePath, privateKey, { mode: 0o600 });
  chmodSync(privatePath, 0o600); // mode applies only when the file is created
  writeFileSync(publicPath, publicKey, { mode: 0o644 });
  return { privatePath, publicPath };
}
