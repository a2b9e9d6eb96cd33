// Property-based fuzzing (fast-check, bounded runs): the parsers, key importers and validateOrder give a valid result
// or a typed error (never another error, never a hang), and no random mutation of a signed message or of its
// signature is ever accepted. decryptBody and the sandbox's handler: fuzz-bodies.test.ts.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
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
import { validateOrder, OPERATIONS } from "alipayhk-order";
import { alipay, merchant, validOrder } from "./helpers.js";
import { b64Char, bytesOf, headerish, mutated, params, parseSafe, SEED, typedOrValue } from "./fuzz-helpers.js";

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
    fc
      .nat({ max: 1_200 })
      .chain((n) =>
        fc
          .nat({ max: 255 })
          .map((b) =>
            Uint8Array.from(atob(merchant.privatePem.replace(/-----[^-]+-----|\s/g, "")), (c, i) =>
              i === n ? b : c.charCodeAt(0),
            ),
          ),
      ),
    fc.dictionary(
      fc.constantFrom("kty", "n", "e", "d", "p", "q", "dp", "dq", "qi", "oth", "alg", "use"),
      fc.oneof(fc.constantFrom("RSA", "EC", "AQAB"), fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null)),
    ),
    fc.constantFrom<unknown>(
      null,
      undefined,
      0,
      true,
      [],
      {},
      { kty: "RSA" },
      `-----BEGIN PRIVATE KEY-----${"A".repeat(60_000)}`,
      `-----BEGIN ${"X ".repeat(10_000)}`,
    ),
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
    fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withBoxedValues: true,
      withTypedArray: true,
      withSparseArray: true,
    }),
    fc.record(
      {
        merchantBizType: fc.oneof(
          fc.constantFrom("PASS_TICKET", "SELF_PICK", "LINE_UP", "__proto__", "constructor", "toString"),
          fc.string(),
        ),
        merchantBizNo: fc.string({ maxLength: 40 }),
        orderStatus: fc.oneof(fc.constantFrom("TICKETED", "PENDING", "CALL_NUM", "__proto__"), fc.string()),
        requestId: fc.string({ maxLength: 40 }),
        userId: fc.oneof(fc.string(), fc.integer()),
        openId: fc.string(),
        orderCreateTime: fc.oneof(fc.integer(), fc.double(), fc.bigInt(), fc.string()),
        orderModifyTime: fc.oneof(fc.integer(), fc.double(), fc.string()),
        extInfo: fc.anything(),
        amount: fc.oneof(
          fc.record({ value: fc.oneof(fc.string(), fc.integer()), currency: fc.string() }),
          fc.anything(),
        ),
        shopInfo: fc.anything(),
        itemOrderList: fc.oneof(fc.array(fc.anything()), fc.anything()),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom(
      ...["PASS_TICKET", "TRAIN_TICKET", "MOVIE_TICKET", "GIFT_CARD_COUPON", "ALIPAY_COUPON"].map((t) =>
        validOrder({ merchantBizType: t, requestId: "r1" }),
      ),
    ),
  );

  it("never throws; returns a list of { path, message } strings, empty only for an order that meets the base rules", () => {
    fc.assert(
      fc.property(orderish, (order) => {
        const problems = validateOrder(order);
        expect(Array.isArray(problems)).toBe(true);
        for (const p of problems)
          expect(typeof p.path === "string" && typeof p.message === "string" && p.message.length > 0).toBe(true);
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
  const message: Message = {
    method: "POST",
    path: OPERATIONS.syncOrder.path,
    clientId: "4Q5Y8W0WSG45P907917",
    time: "2026-11-26T08:00:00+08:00",
    body: JSON.stringify(validOrder({ requestId: "0123456789abcdef0123456789abcdef" })),
  };
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
    const edited = mutated(encodeURIComponent(b64), fc.string({ unit: b64Char, minLength: 1, maxLength: 3 })).map(
      (v) => `algorithm=RSA256,signature=${v}`,
    );
    const truncated = fc.nat({ max: b64.length - 1 }).map((n) => `signature=${b64.slice(0, n)}`);
    await fc.assert(
      fc.asyncProperty(fc.oneof(flipped, edited, truncated), async (forged) => {
        // a different spelling of the same bytes is not a forgery: URL-encoding, or base64's unused low bits in its
        // last character (which decoders ignore), so compare the bytes
        fc.pre(bytesOf(parseSafe(forged)) !== bytesOf(b64));
        const { value } = await typedOrValue(
          () => verify(message, forged, publicKey),
          [HeaderFormatError, UnsupportedAlgorithmError],
        );
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

// ---- decryptBody ----
