/** `alipayhk keys generate`: a fresh RSA-2048 key pair, the private key readable by its owner only. */
import { generateKeyPairSync } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "./io.js";

export interface KeyPairPem {
  privateKey: string;
  publicKey: string;
}

export function generateKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  return { privateKey, publicKey };
}

/** Writes <name>-private.pem (mode 0600) and <name>-public.pem into `dir`; refuses to overwrite unless `force`. */
export function writeKeyPair(dir: string, name: string, force: boolean): { privatePath: string; publicPath: string } {
  const privatePath = join(dir, `${name}-private.pem`);
  const publicPath = join(dir, `${name}-public.pem`);
  for (const path of [privatePath, publicPath]) {
    if (!force && existsSync(path)) throw new UsageError(`${path} exists; pass --force to replace it`);
  }
  mkdirSync(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPair();
  writeFileSync(privatePath, privateKey, { mode: 0o600 });
  chmodSync(privatePath, 0o600); // mode applies only when the file is created
  writeFileSync(publicPath, publicKey, { mode: 0o644 });
  return { privatePath, publicPath };
}
