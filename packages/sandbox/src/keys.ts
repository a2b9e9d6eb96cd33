/**
 * The sandbox's own ("AlipayHK's") key pair: generated with crypto.subtle, or derived from the private key
 * given, so that `sandbox.alipayPublicKey` can always be handed to merchants as a PEM.
 */
import { importPrivateKey, KeyFormatError, type PrivateKey, type PrivateKeyInput } from "alipayhk-signature";

const RSASSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" } as const;

/** The key the sandbox signs responses (and decrypts requests) with, and its public half as PEM. */
export interface AlipayKeys {
  readonly privateKey: PrivateKey;
  readonly publicKeyPem: string;
}

const bytes = (buffer: ArrayBuffer) => new Uint8Array(buffer);

function base64(data: Uint8Array): string {
  let binary = "";
  for (const byte of data) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function spkiPem(spki: Uint8Array): string {
  const lines = base64(spki).match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/** DER tag-length-value. */
function tlv(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const length: number[] = [];
  for (let n = content.length; n > 0; n >>>= 8) length.unshift(n & 0xff);
  const header = content.length < 0x80 ? [tag, content.length] : [tag, 0x80 | length.length, ...length];
  const out = new Uint8Array(header.length + content.length);
  out.set(header);
  out.set(content, header.length);
  return out;
}

/** Wraps a PKCS#1 RSAPrivateKey into PKCS#8 (version 0, rsaEncryption), which crypto.subtle imports. */
function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const version = [0x02, 0x01, 0x00];
  const rsaEncryption = [0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00];
  const octets = tlv(0x04, pkcs1);
  return tlv(0x30, new Uint8Array([...version, ...rsaEncryption, ...octets]));
}

/** A JWK holding the private key's numbers, from any input we can read without the signature package's internals. */
async function privateJwk(input: PrivateKeyInput): Promise<JsonWebKey> {
  if (typeof CryptoKey !== "undefined" && input instanceof CryptoKey) {
    if (!input.extractable) throw new KeyFormatError("alipayPrivateKey: a CryptoKey must be extractable so that its public key can be derived");
    return crypto.subtle.exportKey("jwk", input);
  }
  let der: Uint8Array<ArrayBuffer>;
  if (input instanceof Uint8Array) {
    der = new Uint8Array(input);
  } else if (typeof input === "string") {
    const text = input.trim().replace(/\\n/g, "\n");
    if (text.startsWith("{")) return JSON.parse(text) as JsonWebKey;
    der = fromBase64(text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""));
  } else if ((input as JsonWebKey).kty !== undefined) {
    return input as JsonWebKey;
  } else {
    throw new KeyFormatError("alipayPrivateKey: pass PEM, base64 DER, DER bytes, a JWK or an extractable CryptoKey (not an imported key)");
  }
  for (const pkcs8 of [der, pkcs1ToPkcs8(der)]) {
    try {
      return await crypto.subtle.exportKey("jwk", await crypto.subtle.importKey("pkcs8", pkcs8, RSASSA, true, ["sign"]));
    } catch {
      // not this encoding; try the next
    }
  }
  throw new KeyFormatError("alipayPrivateKey: not an RSA private key in PKCS#8 or PKCS#1 form");
}

/**
 * Loads the sandbox's key pair: the given private key (any form `importPrivateKey` accepts except an already
 * imported key, whose public half cannot be derived) or a fresh RSA-2048 key.
 */
export async function loadAlipayKeys(input: PrivateKeyInput | undefined): Promise<AlipayKeys> {
  if (input === undefined) {
    const pair = await crypto.subtle.generateKey(
      { ...RSASSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ["sign", "verify"],
    );
    return {
      privateKey: await importPrivateKey(bytes(await crypto.subtle.exportKey("pkcs8", pair.privateKey))),
      publicKeyPem: spkiPem(bytes(await crypto.subtle.exportKey("spki", pair.publicKey))),
    };
  }
  const privateKey = await importPrivateKey(input); // validates the key (RSA, >= 2048 bits) with the usual errors
  const { n, e } = await privateJwk(input);
  const publicKey = await crypto.subtle.importKey("jwk", { kty: "RSA", n, e }, RSASSA, true, ["verify"]);
  return { privateKey, publicKeyPem: spkiPem(bytes(await crypto.subtle.exportKey("spki", publicKey))) };
}
