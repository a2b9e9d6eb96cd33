// Property-based fuzzing (fast-check, bounded runs): the parsers, key importers, validateOrder, decryptBody and
// the sandbox's handler give a valid result or a typed error (never another error, never a hang), and no random
// mutation of a signed message, signature or signed request is ever accepted.
import { createSign } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  AlipayHKError,
  decryptBody,
  DecryptionError,
  encryptBody,
  HeaderFormatError,
  importPrivateKey,
  importPublicKey,
  KeyFormatError,
  parseEncryptHeader,
  parseSignatureHeader,
  sign,
  UnsupportedAlgorithmError,
  verify,
  type Message,
  type PrivateKey,
  type PublicKey,
} from "alipayhk-signature";
import { RESULT_CODES, SYNC_ORDER_PATH, validateOrder } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { alipay, BASE_URL, merchant, responseTime, signatureHeader, validOrder } from "./helpers.js";

// Each async run must settle within this: a hang fails the property (it is not a speed check).
const HANG_MS = 5_000;
const SEED = 20261126;
const params = (numRuns: number) => ({ numRuns, seed: SEED, timeout: HANG_MS, markInterruptAsFailure: true });

/** Runs `f`; returns its value or the error it threw, and fails on anything but an AlipayHKError subclass. */
async function typedOrValue<T>(f: () => T | Promise<T>, allowed: (new (...args: never[]) => AlipayHKError)[] = []): Promise<{ value?: T; error?: AlipayHKError }> {
  try {
    return { value: await f() };
  } catch (error) {
    if (!(error instanceof AlipayHKError)) throw new Error(`untyped error: ${(error as Error)?.name}: ${(error as Error)?.message}`);
    if (allowed.length && !allowed.some((cls) => error instanceof cls)) throw new Error(`unexpected ${error.name} (${error.code}): ${error.message}`);
    if (typeof error.code !== "string" || !/^ERR_[A-Z_]+$/.test(error.code)) throw new Error(`unstable code ${String(error.code)}`);
    return { error };
  }
}

// ---- generators ----

const b64Char = fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_%".split(""));
const headerish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 100 }),
  fc.string({ unit: fc.constantFrom(...",= %aA1+/_-\t".split("")), maxLength: 120 }),
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom("algorithm", "keyVersion", "signature", "symmetricKey", " signature ", "Signature", "__proto__", "constructor", ""), fc.string({ maxLength: 12 })),
        fc.oneof(fc.constantFrom("RSA256", "rsa256", "ECC224", "RSA_AES", "1", "", "%3D"), fc.string({ unit: b64Char, maxLength: 400 }), fc.string({ maxLength: 30 })),
      ),
      { maxLength: 6 },
    )
    .chain((pairs) => fc.constantFrom(",", ", ", " ,").map((sep) => pairs.map(([k, v]) => `${k}=${v}`).join(sep))),
  fc.constantFrom("-".repeat(5_000), "=".repeat(4_096), `signature=${"A".repeat(4_085)}`, "a=".repeat(2_000)),
);

/** A string with a few random edits (replace, insert, delete), different from the input. */
const mutated = (text: string, alphabet = fc.string({ minLength: 1, maxLength: 3 })) =>
  fc
    .array(fc.tuple(fc.constantFrom("replace", "insert", "delete"), fc.nat(), alphabet), { minLength: 1, maxLength: 3 })
    .map((edits) => {
      let out = text;
      for (const [op, at, chunk] of edits) {
        const i = out.length ? at % (out.length + (op === "insert" ? 1 : 0)) : 0;
        if (op === "insert") out = out.slice(0, i) + chunk + out.slice(i);
        else if (op === "delete") out = out.slice(0, i) + out.slice(i + 1);
        else out = out.slice(0, i) + chunk + out.slice(i + chunk.length);
      }
      return out;
    })
    .filter((out) => out !== text);

// ---- parsers ----

describe("header parsers", () => {
  it("parseSignatureHeader: a valid result or HeaderFormatError, for any input", async () => {
    await fc.assert(
      fc.asyncProperty(headerish, async (value) => {
        const { value: parsed } = await typedOrValue(() => parseSignatureHeader(value), [HeaderFormatError]);
        if (parsed) {
          expect(parsed.signature).toMatch(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
          expect(parsed.signature.length).toBeGreaterThan(0);
          expect(parsed.algorithm).toBe(parsed.algorithm.toUpperCase());
        }
      }),
      params(1_500),
    );
  });

  it("parseEncryptHeader: a valid result or HeaderFormatError, for any input", async () => {
    await fc.assert(
      fc.asyncProperty(headerish, async (value) => {
        const { value: parsed } = await typedOrValue(() => parseEncryptHeader(value), [HeaderFormatError]);
        if (parsed) expect(atob(parsed.symmetricKey).length).toBeGreaterThan(0);
      }),
      params(1_500),
    );
  });

  it("round trip: any signature bytes, any tolerated spelling of the header, parse back to the same base64", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(",", ", ", " , "),
        fc.constantFrom("RSA256", "rsa256", undefined),
        async (bytes, encode, lowerHex, sep, algorithm) => {
          const b64 = btoa(String.fromCharCode(...bytes));
          let value = encode ? encodeURIComponent(b64) : b64;
          if (lowerHex) value = value.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
          const pairs = [...(algorithm ? [`algorithm=${algorithm}`] : []), "keyVersion=2", `signature=${value}`];
          const parsed = parseSignatureHeader(pairs.reverse().join(sep));
          expect(parsed).toEqual({ algorithm: "RSA256", keyVersion: "2", signature: b64 });
        },
      ),
      params(500),
    );
  });
});

// ---- key importers ----

describe("key importers", () => {
  const keyish = fc.oneof(
    fc.string({ maxLength: 300 }),
    mutated(merchant.privatePem, fc.string({ unit: b64Char, minLength: 1, maxLength: 4 })),
    mutated(alipay.publicPem, fc.string({ unit: b64Char, minLength: 1, maxLength: 4 })),
    fc.nat({ max: 1_600 }).map((n) => merchant.privatePem.slice(0, n)),
    fc.uint8Array({ maxLength: 1_300 }),
    fc.nat({ max: 1_200 }).chain((n) => fc.nat({ max: 255 }).map((b) => Uint8Array.from(atob(merchant.privatePem.replace(/-----[^-]+-----|\s/g, "")), (c, i) => (i === n ? b : c.charCodeAt(0))))),
    fc.dictionary(fc.constantFrom("kty", "n", "e", "d", "p", "q", "dp", "dq", "qi", "oth", "alg", "use"), fc.oneof(fc.constantFrom("RSA", "EC", "AQAB"), fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null))),
    fc.constantFrom<unknown>(null, undefined, 0, true, [], {}, { kty: "RSA" }, `-----BEGIN PRIVATE KEY-----${"A".repeat(60_000)}`, `-----BEGIN ${"X ".repeat(10_000)}`),
  );

  it("importPrivateKey: a frozen private key handle, or KeyFormatError", async () => {
    await fc.assert(
      fc.asyncProperty(keyish, async (input) => {
        const { value } = await typedOrValue(() => importPrivateKey(input as never), [KeyFormatError]);
        if (value) expect(Object.isFrozen(value) && value.type === "private" && value.modulusBits >= 2048).toBe(true);
      }),
      params(400),
    );
  });

  it("importPublicKey: a frozen public key handle, or KeyFormatError", async () => {
    await fc.assert(
      fc.asyncProperty(keyish, async (input) => {
        const { value } = await typedOrValue(() => importPublicKey(input as never), [KeyFormatError]);
        if (value) expect(Object.isFrozen(value) && value.type === "public" && value.modulusBits >= 2048).toBe(true);
      }),
      params(400),
    );
  });
});

// ---- validateOrder ----

describe("validateOrder", () => {
  const orderish = fc.oneof(
    fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true, withTypedArray: true, withSparseArray: true }),
    fc.record(
      {
        merchantBizType: fc.oneof(fc.constantFrom("PASS_TICKET", "SELF_PICK", "LINE_UP", "__proto__", "constructor", "toString"), fc.string()),
        merchantBizNo: fc.string({ maxLength: 40 }),
        orderStatus: fc.oneof(fc.constantFrom("TICKETED", "PENDING", "CALL_NUM", "__proto__"), fc.string()),
        requestId: fc.string({ maxLength: 40 }),
        userId: fc.oneof(fc.string(), fc.integer()),
        openId: fc.string(),
        orderCreateTime: fc.oneof(fc.integer(), fc.double(), fc.bigInt(), fc.string()),
        orderModifyTime: fc.oneof(fc.integer(), fc.double(), fc.string()),
        extInfo: fc.anything(),
        amount: fc.oneof(fc.record({ value: fc.oneof(fc.string(), fc.integer()), currency: fc.string() }), fc.anything()),
        shopInfo: fc.anything(),
        itemOrderList: fc.oneof(fc.array(fc.anything()), fc.anything()),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom(...["PASS_TICKET", "TRAIN_TICKET", "MOVIE_TICKET", "GIFT_CARD_COUPON", "ALIPAY_COUPON"].map((t) => validOrder({ merchantBizType: t, requestId: "r1" }))),
  );

  it("never throws; returns a list of { path, message } strings, empty only for an order that meets the base rules", () => {
    fc.assert(
      fc.property(orderish, (order) => {
        const problems = validateOrder(order);
        expect(Array.isArray(problems)).toBe(true);
        for (const p of problems) expect(typeof p.path === "string" && typeof p.message === "string" && p.message.length > 0).toBe(true);
        if (problems.length === 0) {
          const o = order as Record<string, unknown>;
          expect(typeof o.requestId === "string" && o.requestId.length <= 32).toBe(true);
          expect(Number.isSafeInteger(o.orderCreateTime) && Number.isSafeInteger(o.orderModifyTime)).toBe(true);
          expect((o.orderModifyTime as number) >= (o.orderCreateTime as number)).toBe(true);
          expect((o.userId === undefined) !== (o.openId === undefined)).toBe(true);
        }
      }),
      { numRuns: 3_000, seed: SEED },
    );
  });
});

// ---- signatures: no mutation is ever accepted ----

describe("verify: no forgery", () => {
  let privateKey: PrivateKey;
  let publicKey: PublicKey;
  const message: Message = { method: "POST", path: SYNC_ORDER_PATH, clientId: "4Q5Y8W0WSG45P907917", time: "2026-11-26T08:00:00+08:00", body: JSON.stringify(validOrder({ requestId: "0123456789abcdef0123456789abcdef" })) };
  let header: string;
  let b64: string;

  beforeAll(async () => {
    privateKey = await importPrivateKey(alipay.privatePem);
    publicKey = await importPublicKey(alipay.publicPem);
    header = await sign(message, privateKey);
    b64 = parseSignatureHeader(header).signature;
    expect(await verify(message, header, publicKey)).toBe(true); // the control: unmutated, it verifies
  });

  it("a mutated method, path, Client-Id, time or body never verifies", async () => {
    const field = fc.constantFrom<keyof Message>("method", "path", "clientId", "time", "body");
    await fc.assert(
      fc.asyncProperty(
        field.chain((f) => mutated(message[f]).map((value) => ({ ...message, [f]: value }))),
        async (forged) => {
          expect(await verify(forged, header, publicKey)).toBe(false);
        },
      ),
      params(400),
    );
  });

  it("a mutated signature never verifies (false, or a HeaderFormatError for a malformed header)", async () => {
    const flipped = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, mask]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      bytes[at % bytes.length]! ^= mask;
      return `algorithm=RSA256,signature=${encodeURIComponent(btoa(String.fromCharCode(...bytes)))}`;
    });
    const edited = mutated(encodeURIComponent(b64), fc.string({ unit: b64Char, minLength: 1, maxLength: 3 })).map((v) => `algorithm=RSA256,signature=${v}`);
    const truncated = fc.nat({ max: b64.length - 1 }).map((n) => `signature=${b64.slice(0, n)}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(flipped, edited, truncated), async (forged) => {
        // a different spelling of the same bytes is not a forgery: URL-encoding, or base64's unused low bits in its
        // last character (which decoders ignore), so compare the bytes
        fc.pre(bytesOf(parseSafe(forged)) !== bytesOf(b64));
        const { value } = await typedOrValue(() => verify(message, forged, publicKey), [HeaderFormatError, UnsupportedAlgorithmError]);
        expect(value === true).toBe(false);
      }),
      params(400),
    );
  });

  it("a valid signature of another message never verifies this one", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), async (otherBody) => {
        fc.pre(otherBody !== message.body);
        const other = await sign({ ...message, body: otherBody }, privateKey);
        expect(await verify(message, other, publicKey)).toBe(false);
      }),
      params(100),
    );
  });
});

/** The bytes a base64 text stands for (as a binary string), or undefined when it is not base64. */
function bytesOf(text: string | undefined): string | undefined {
  try {
    return text === undefined ? undefined : atob(text);
  } catch {
    return undefined;
  }
}

function parseSafe(header: string): string | undefined {
  try {
    return parseSignatureHeader(header).signature;
  } catch {
    return undefined;
  }
}

// ---- decryptBody ----

describe("decryptBody", () => {
  let own: PrivateKey;
  const plaintext = JSON.stringify(validOrder({ requestId: "0123456789abcdef0123456789abcdef", extInfo: { note: "x".repeat(100) } }));
  let sealed: { body: string; encryptHeader: string };

  beforeAll(async () => {
    own = await importPrivateKey(merchant.privatePem);
    sealed = await encryptBody(plaintext, await importPublicKey(merchant.publicPem));
    expect(await decryptBody(sealed.body, sealed.encryptHeader, own)).toBe(plaintext);
  });

  it("random bodies and headers: a string or a typed error (DecryptionError, HeaderFormatError, UnsupportedAlgorithmError)", async () => {
    const body = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: b64Char, maxLength: 600 }), fc.constant(sealed.body));
    const header = fc.oneof(headerish, fc.constant(sealed.encryptHeader), mutated(sealed.encryptHeader, fc.string({ unit: b64Char, minLength: 1, maxLength: 3 })));
    await fc.assert(
      fc.asyncProperty(body, header, async (b, h) => {
        await typedOrValue(() => decryptBody(b, h, own), [DecryptionError, HeaderFormatError, UnsupportedAlgorithmError]);
      }),
      params(150),
    );
  });

  it("a mutated ciphertext or wrapped key never yields the original plaintext unless its bytes are unchanged", async () => {
    const decoded = (b64: string) => {
      try {
        return atob(b64.replace(/-/g, "+").replace(/_/g, "/").replace(/\s+/g, ""));
      } catch {
        return undefined;
      }
    };
    const mutatedBody = mutated(sealed.body, fc.string({ unit: b64Char, minLength: 1, maxLength: 2 })).map((b) => ({ body: b, header: sealed.encryptHeader }));
    const mutatedKey = mutated(sealed.encryptHeader.split("symmetricKey=")[1]!, fc.string({ unit: b64Char, minLength: 1, maxLength: 2 })).map((k) => ({ body: sealed.body, header: `algorithm=RSA_AES,keyVersion=1,symmetricKey=${k}` }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedBody, mutatedKey), async ({ body, header }) => {
        const { value } = await typedOrValue(() => decryptBody(body, header, own), [DecryptionError, HeaderFormatError]);
        if (value === plaintext) {
          // Only a no-op in bytes (e.g. the unused low bits of the last base64 character) may decrypt the same.
          const sameBody = decoded(body) === decoded(sealed.body);
          const sameKey = decoded(decodeURIComponent(header.split("symmetricKey=")[1] ?? "")) === decoded(decodeURIComponent(sealed.encryptHeader.split("symmetricKey=")[1]!));
          expect(sameBody && sameKey).toBe(true);
        }
      }),
      params(150),
    );
  });
});

// ---- the sandbox handler ----

describe("sandbox handler", () => {
  const CLIENT = "FUZZ-MERCHANT";
  let sandbox: Sandbox;
  let n = 0;
  const knownCodes = new Set(Object.keys(RESULT_CODES));

  const signed = (bodyText: string, time = responseTime(), path: string = SYNC_ORDER_PATH) => {
    const content = `POST ${path}\n${CLIENT}.${time}.${bodyText}`;
    return { time, signature: signatureHeader(createSign("RSA-SHA256").update(content, "utf8").sign(merchant.key, "base64")) };
  };
  const request = (headers: Record<string, string>, body: string, path: string = SYNC_ORDER_PATH) => new Request(BASE_URL + path, { method: "POST", headers, body });
  const freshOrder = () => JSON.stringify({ ...validOrder({ merchantBizNo: `FUZZ-${++n}` }), requestId: `fuzz${String(n).padStart(28, "0")}` });

  beforeAll(async () => {
    sandbox = await createSandbox({ merchants: { [CLIENT]: merchant.publicPem }, seed: 99 });
    // The control: a correctly signed request is applied, so the properties below are not vacuous.
    const body = freshOrder();
    const { time, signature } = signed(body);
    const response = await sandbox.fetch(request({ "Client-Id": CLIENT, "Request-Time": time, Signature: signature }, body));
    expect(JSON.parse(await response.text()).result.resultCode).toBe("SUCCESS");
  });

  /** The answer must be a well-formed, signed order-sync answer (or the router's 404). */
  async function expectAnswer(response: Response) {
    expect([200, 404, 413]).toContain(response.status);
    const text = await response.text();
    if (response.status === 404) return undefined;
    const parsed = JSON.parse(text);
    expect(knownCodes.has(parsed.result.resultCode)).toBe(true);
    expect(response.headers.get("Signature")).toMatch(/^algorithm=RSA256,keyVersion=1,signature=/);
    return parsed.result.resultCode as string;
  }

  it("random requests: always a signed answer with a known result code, never a throw", async () => {
    const headerValue = fc.oneof(fc.string({ maxLength: 80 }), fc.constant(CLIENT), fc.constant(responseTime()), headerish);
    await fc.assert(
      fc.asyncProperty(
        fc.record({ "Client-Id": headerValue, "Request-Time": headerValue, Signature: headerValue, Encrypt: headerValue }, { requiredKeys: [] }),
        fc.oneof(fc.string({ maxLength: 500 }), fc.json({ maxDepth: 3 }), fc.constant(freshOrder())),
        fc.constantFrom(SYNC_ORDER_PATH, `${SYNC_ORDER_PATH}?x=1`, "/", "/api"),
        async (headers, body, path) => {
          let req: Request;
          try {
            req = request(headers as Record<string, string>, body, path);
          } catch {
            fc.pre(false); // not a header value HTTP can carry
            return;
          }
          const before = sandbox.orders.length;
          const code = await expectAnswer(await sandbox.fetch(req));
          expect(code).not.toBe("SUCCESS"); // unsigned or wrongly signed: never accepted
          expect(sandbox.orders.length).toBe(before);
        },
      ),
      params(300),
    );
  });

  it("a mutated signed request never gets past the signature check", async () => {
    const target = fc.constantFrom("body", "time", "clientId", "signature", "path");
    await fc.assert(
      fc.asyncProperty(target, fc.string({ minLength: 1, maxLength: 3 }), fc.nat(), async (what, chunk, at) => {
        const body = freshOrder();
        const { time, signature } = signed(body);
        const parts: Record<"body" | "time" | "clientId" | "signature" | "path", string> = { body, time, clientId: CLIENT, signature, path: SYNC_ORDER_PATH };
        const original = parts[what];
        const i = at % (original.length + 1);
        const changed = what === "path" ? `${original}?${encodeURIComponent(chunk)}` : original.slice(0, i) + chunk + original.slice(i);
        fc.pre(changed.trim() !== original); // HTTP trims header values: the same value is no mutation
        const m = { ...parts, [what]: changed };
        let req: Request;
        try {
          req = request({ "Client-Id": m.clientId, "Request-Time": m.time, Signature: m.signature }, m.body, m.path);
        } catch {
          fc.pre(false);
          return;
        }
        fc.pre(req.headers.get("Request-Time") !== time || what !== "time");
        fc.pre(req.headers.get("Client-Id") !== CLIENT || what !== "clientId");
        fc.pre(parseSafe(req.headers.get("Signature") ?? "") !== parseSafe(signature) || what !== "signature");
        const seq = sandbox.events.length;
        const code = await expectAnswer(await sandbox.fetch(req));
        expect(["INVALID_SIGNATURE", "INVALID_CLIENT", "PARAM_ILLEGAL"]).toContain(code);
        const events = sandbox.events.slice(seq);
        expect(events.map((e) => e.type)).toEqual(["rejected"]);
        if (code === "PARAM_ILLEGAL") expect(events[0]!.message).toMatch(/Request-Time/); // refused before the signature, for its format
      }),
      params(300),
    );
  });
});
