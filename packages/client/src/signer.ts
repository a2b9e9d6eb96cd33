/**
 * The signing layer shared by the client's transport and the exported openapi-fetch middleware: it signs
 * (and, when asked, encrypts) a request body, and verifies (then decrypts) a response before anyone parses it.
 */
import {
  formatRequestTime,
  importPrivateKey,
  importPublicKey,
  isKeyVersion,
  KeyFormatError,
  sign,
  verify,
  type KeyVersion,
  type PrivateKey,
  type PrivateKeyInput,
  type PublicKey,
  type PublicKeyInput,
} from "alipayhk-signature";
import { alipayTimeMs } from "alipayhk-signature/internal";
import { ConfigError, HttpError, ResponseFormatError, ResponseSignatureError, type CallDetails } from "./errors.js";

/**
 * RSA_AES body encryption, plugged in with `encrypt: rsaAes()` from `alipayhk-order/encryption`. It is an import of
 * its own so that a client that never encrypts never bundles the AES and RSA-wrapping code.
 */
export interface Encryption {
  encrypt(
    plaintext: string,
    recipient: PublicKey,
    keyVersion: KeyVersion | undefined,
  ): Promise<{ body: string; encryptHeader: string }>;
  decrypt(body: string, encryptHeader: string, own: PrivateKey): Promise<string>;
}

export interface SignerOptions {
  /** The Client-Id AlipayHK issued to you. */
  clientId: string;
  /** Your RSA private key: PEM (PKCS#8 or PKCS#1), bare base64 DER, JWK, or an imported key. */
  privateKey: PrivateKeyInput;
  /** AlipayHK's public key, to verify responses (and encrypt requests). */
  alipayPublicKey?: PublicKeyInput | undefined;
  /** Set to false to accept unsigned responses. Unsafe: a forged answer would be believed. */
  verifyResponses?: boolean;
  /** The version of your key registered with AlipayHK (sent in the Signature header). Default 1. */
  keyVersion?: KeyVersion;
  /** Encrypt request bodies (and read encrypted answers): `rsaAes()` from `alipayhk-order/encryption`. */
  encrypt?: Encryption | undefined;
  /** Reject responses whose Response-Time is further than this from `now()`. Off by default. */
  maxResponseSkewMs?: number;
  /** The clock (a Date or epoch milliseconds), for Request-Time and Retry-After / Response-Time checks. */
  now?: () => Date | number;
}

interface Keys {
  privateKey: PrivateKey;
  alipayPublicKey: PublicKey | undefined;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

export interface Signer {
  readonly clientId: string;
  signRequest(method: string, url: string, body: string): Promise<SignedRequest>;
  /**
   * The verified, decrypted body text of `response`, whose body was read as `raw`; throws ResponseSignatureError,
   * HttpError or ResponseFormatError, made with `call` (the call's requestId and attempts) when given.
   */
  openResponse(method: string, url: string, response: Response, raw: string, call?: CallDetails): Promise<string>;
}

/** Checks the options at once; keys are imported on first use and the imported keys reused. */
export function createSigner(options: SignerOptions): Signer {
  const { clientId, keyVersion, maxResponseSkewMs } = options;
  const now = options.now ?? (() => new Date());
  if (typeof clientId !== "string" || clientId.trim() === "")
    throw new ConfigError("clientId: a non-empty Client-Id is required");
  if (options.privateKey == null) throw new ConfigError("privateKey: your RSA private key is required");
  const verifying = options.verifyResponses !== false;
  if (verifying && options.alipayPublicKey == null) {
    throw new ConfigError(
      "alipayPublicKey: AlipayHK's public key is required to verify responses (or set verifyResponses: false, which is unsafe)",
    );
  }
  if (keyVersion != null && !isKeyVersion(keyVersion)) {
    throw new ConfigError("keyVersion: must be a version number or token such as 1 (or null to leave it out)");
  }
  const encryption = options.encrypt;
  if (encryption !== undefined && (typeof encryption !== "object" || typeof encryption.encrypt !== "function")) {
    throw new ConfigError('encrypt: pass rsaAes() from "alipayhk-order/encryption"');
  }
  if (encryption && options.alipayPublicKey == null) {
    throw new ConfigError("alipayPublicKey: AlipayHK's public key is required to encrypt requests");
  }

  // A client calls one URL over and over: parse it once.
  let lastUrl = "";
  let lastPath = "";
  const pathFor = (url: string) => {
    if (url !== lastUrl) {
      lastPath = pathOf(url);
      lastUrl = url;
    }
    return lastPath;
  };

  // Request-Time has second precision: format it once per second, not once per request.
  let timeSecond = NaN;
  let timeText = "";
  const requestTime = () => {
    const ms = +now(); // a Date, or epoch milliseconds from a JavaScript caller
    const second = Math.floor(ms / 1000);
    if (second !== timeSecond) {
      timeText = formatRequestTime(ms); // throws for an invalid date (NaN never equals timeSecond)
      timeSecond = second;
    }
    return timeText;
  };

  let keys: Keys | undefined;
  const getKeys = async (): Promise<Keys> => {
    if (keys) return keys;
    const privateKey = await importPrivateKey(options.privateKey).catch((e: unknown) => {
      throw new ConfigError(`privateKey: ${(e as Error).message}`, e);
    });
    const alipayPublicKey =
      options.alipayPublicKey == null
        ? undefined
        : await importPublicKey(options.alipayPublicKey).catch((e: unknown) => {
            throw new ConfigError(`alipayPublicKey: ${(e as Error).message}`, e);
          });
    return (keys = { privateKey, alipayPublicKey });
  };

  return {
    clientId,

    async signRequest(method, url, body) {
      const { privateKey, alipayPublicKey } = keys ?? (await getKeys());
      const time = requestTime();
      const headers: Record<string, string> = {
        "Content-Type": "application/json; charset=UTF-8",
        "Client-Id": clientId,
        "Request-Time": time,
      };
      if (encryption && body !== "") {
        // a body-less request (signed over an empty body) has nothing to encrypt
        const encrypted = await encryption.encrypt(body, alipayPublicKey!, keyVersion);
        body = encrypted.body;
        headers["Content-Type"] = "text/plain; charset=UTF-8";
        headers.Encrypt = encrypted.encryptHeader;
      }
      try {
        headers.Signature = await sign({ method, path: pathFor(url), clientId, time, body }, privateKey, {
          keyVersion,
        });
      } catch (e) {
        // a key that imported but cannot sign is a bad option, like one that does not import
        throw e instanceof KeyFormatError ? new ConfigError(`privateKey: ${e.message}`, e) : e;
      }
      return { headers, body };
    },

    async openResponse(method, url, response, raw, call) {
      const { privateKey, alipayPublicKey } = keys ?? (await getKeys());
      const signature = response.headers.get("Signature");
      const time = response.headers.get("Response-Time");
      const known = { ...call, tracerId: response.headers.get("Tracer-Id") ?? undefined };
      // An unsigned error page (a proxy's 502, a wrong base URL's 404) is an HTTP failure, not a forgery.
      if (!response.ok && !signature) {
        throw new HttpError(response.status, {
          ...known,
          retryAfterMs: retryAfterMs(response.headers.get("Retry-After"), +now()),
        });
      }
      if (alipayPublicKey) {
        if (!signature || !time) {
          throw new ResponseSignatureError(
            `the response has no ${signature ? "Response-Time" : "Signature"} header, so it cannot be verified`,
            known,
          );
        }
        let valid: boolean;
        try {
          valid = await verify({ method, path: pathFor(url), clientId, time, body: raw }, signature, alipayPublicKey);
        } catch (cause) {
          throw new ResponseSignatureError(`the response's Signature header is unusable: ${(cause as Error).message}`, {
            ...known,
            cause,
          });
        }
        if (!valid) {
          // a forged or damaged answer, or (when every answer fails) an alipayPublicKey that is not AlipayHK's
          throw new ResponseSignatureError(
            "the response's signature does not match its body and Response-Time (is alipayPublicKey AlipayHK's key?)",
            known,
          );
        }
        if (maxResponseSkewMs !== undefined) {
          // read in any form Alipay's SDKs write (ISO-8601 with +08:00 or +0800, epoch milliseconds)
          const sent = alipayTimeMs(time);
          if (Number.isNaN(sent))
            throw new ResponseSignatureError(`Response-Time ${JSON.stringify(time)} is unparseable`, known);
          const skew = Math.abs(sent - +now());
          if (!(skew <= maxResponseSkewMs)) {
            throw new ResponseSignatureError(
              `Response-Time ${time} is more than ${maxResponseSkewMs} ms from the local clock`,
              known,
            );
          }
        }
      }
      const encryptHeader = response.headers.get("Encrypt");
      if (!encryptHeader) return raw;
      if (!encryption) {
        throw new ResponseFormatError(
          "the response is encrypted but the client has no encrypt option to decrypt it",
          known,
        );
      }
      try {
        return await encryption.decrypt(raw, encryptHeader, privateKey);
      } catch (cause) {
        throw new ResponseFormatError(`the verified response could not be decrypted: ${(cause as Error).message}`, {
          ...known,
          cause,
        });
      }
    },
  };
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - nowMs;
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** The path and query of a URL: what the signature covers. */
function pathOf(url: string): string {
  const { pathname, search } = new URL(url);
  return pathname + search;
}
