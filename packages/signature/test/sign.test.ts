import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  contentToSign,
  formatRequestTime,
  importPrivateKey,
  InvalidArgumentError,
  KeyFormatError,
  parseSignatureHeader,
  sign,
  type Message,
  type PrivateKey,
} from "../src/index.js";
import { generateRsa, nodeSign, opensslSign, type TestKeyPair } from "./helpers.js";

let pair: TestKeyPair;
let key: PrivateKey;

beforeAll(async () => {
  pair = generateRsa();
  key = await importPrivateKey(pair.pkcs8Pem);
});

const PATH = "/api/open/alipay/v1/merchant/order/sync";
const base: Message = {
  method: "POST",
  path: PATH,
  clientId: "4Q5Y8W0WSG45P907917",
  time: "2024-05-22T06:42:21+05:30",
  body: '{"requestId":"r1","merchantBizNo":"m1"}',
};

/** The signature inside our header, as standard base64. */
async function ourSignature(message: Message): Promise<string> {
  return parseSignatureHeader(await sign(message, key)).signature;
}

describe("contentToSign", () => {
  it("builds METHOD path\\nclientId.time.body exactly", () => {
    expect(contentToSign(base)).toBe(
      `POST ${PATH}\n4Q5Y8W0WSG45P907917.2024-05-22T06:42:21+05:30.{"requestId":"r1","merchantBizNo":"m1"}`,
    );
  });

  it("normalises nothing: case, spaces, empty body and query strings survive as given", () => {
    const m: Message = {
      method: "post",
      path: "/p?a=1&b=%20 ",
      clientId: " id ",
      time: "2024-05-22T06:42:21Z",
      body: "",
    };
    expect(contentToSign(m)).toBe("post /p?a=1&b=%20 \n id .2024-05-22T06:42:21Z.");
  });

  it("rejects non-string fields with a typed error instead of signing 'undefined'", () => {
    expect(() => contentToSign({ ...base, body: undefined as unknown as string })).toThrow(InvalidArgumentError);
    expect(() => contentToSign(null as unknown as Message)).toThrow(InvalidArgumentError);
  });
});

describe("sign", () => {
  it("reports a key the runtime imported but cannot sign with as a KeyFormatError (Deno, with a damaged PKCS#8 key)", async () => {
    const failure = new DOMException("PKCS#8 cryptographic key data malformed", "DataError");
    const spy = vi.spyOn(crypto.subtle, "sign").mockRejectedValueOnce(failure);
    try {
      const error = await sign(base, key).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(KeyFormatError);
      expect(error).toMatchObject({
        code: "ERR_KEY_FORMAT",
        message: expect.stringMatching(/cannot sign/),
        cause: failure,
      });
    } finally {
      spy.mockRestore();
    }
    expect(await ourSignature(base)).toBe(nodeSign(contentToSign(base), pair.privateKey)); // the next one signs
  });

  it("returns the canonical header with keyVersion=1 by default and a URL-encoded 344-char base64", async () => {
    const header = await sign(base, key);
    expect(header).toMatch(/^algorithm=RSA256,keyVersion=1,signature=[A-Za-z0-9%]+$/);
    const value = header.slice(header.indexOf("signature=") + "signature=".length);
    expect(value).toBe(encodeURIComponent(decodeURIComponent(value)));
    expect(value).not.toMatch(/%[0-9a-f]{2}/); // upper-case hex only
    const b64 = decodeURIComponent(value);
    expect(b64).toHaveLength(344);
    expect(b64.endsWith("==")).toBe(true);
  });

  it("equals node:crypto createSign('RSA-SHA256') for a fixed message", async () => {
    expect(await ourSignature(base)).toBe(nodeSign(contentToSign(base), pair.privateKey));
  });

  it("equals node:crypto over many generated messages (Unicode, emoji, BOM, empty bodies, queries, all time formats)", async () => {
    const times = fc.oneof(
      fc.constantFrom(
        "2024-05-22T06:42:21+05:30",
        "2024-05-22T06:42:21+0800",
        "2024-05-22T06:42:21Z",
        "2019-05-28T12:12:12.123+08:00",
      ),
      fc.integer({ min: 0, max: 4_102_444_800_000 }).map(String), // epoch milliseconds
      fc
        .date({ noInvalidDate: true, min: new Date(0), max: new Date(4_102_444_800_000) })
        .map((d) => formatRequestTime(d, { offsetMinutes: 480 })),
    );
    const bodies = fc.oneof(
      fc.constant(""),
      fc.string({ unit: "binary" }),
      fc.string({ unit: "grapheme" }),
      fc.constantFrom('\uFEFF{"a":1}', '{"emoji":"👩‍👩‍👧‍👦🀄"}', '{"zh":"訂單同步"}', ' {"x":1}\n'),
      fc.json(),
    );
    const paths = fc.oneof(
      fc.constant(PATH),
      fc.tuple(fc.webPath(), fc.webQueryParameters()).map(([p, q]) => `${p || "/"}?${q}`),
      fc.string({ unit: "grapheme-ascii" }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom("POST", "GET", "post", "PUT"),
          path: paths,
          clientId: fc.string({ unit: "grapheme-ascii", maxLength: 32 }),
          time: times,
          body: bodies,
        }),
        async (message) => {
          expect(await ourSignature(message)).toBe(nodeSign(contentToSign(message), pair.privateKey));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("signs a ~200 KB body like node:crypto", async () => {
    const body = JSON.stringify({
      items: Array.from({ length: 4000 }, (_, i) => ({ i, name: `商品-${i}-🎟️`, note: "x".repeat(20) })),
    });
    expect(body.length).toBeGreaterThan(150_000);
    const message = { ...base, body };
    expect(await ourSignature(message)).toBe(nodeSign(contentToSign(message), pair.privateKey));
  });

  it("equals `openssl dgst -sha256 -sign` for a handful of messages", async () => {
    const messages: Message[] = [
      base,
      { ...base, body: "" },
      { ...base, time: "2024-05-22T06:42:21+0800", body: '{"name":"電影票 🎬"}' },
      { ...base, method: "GET", path: "/api/x?b=2&a=1" },
      { ...base, body: '\uFEFF{"bom":true}' },
    ];
    for (const message of messages) {
      expect(await ourSignature(message)).toBe(opensslSign(contentToSign(message), pair.pkcs8Pem));
    }
  });

  it("writes keyVersion as asked, or leaves it out with null", async () => {
    expect(await sign(base, key, { keyVersion: 2 })).toMatch(/^algorithm=RSA256,keyVersion=2,signature=/);
    expect(await sign(base, key, { keyVersion: "v3" })).toMatch(/^algorithm=RSA256,keyVersion=v3,signature=/);
    expect(await sign(base, key, { keyVersion: null })).toMatch(/^algorithm=RSA256,signature=/);
    expect(await sign(base, key, { keyVersion: "v".repeat(64) })).toContain(`keyVersion=${"v".repeat(64)},`);
    for (const bad of [-1, 1.5, "a,b", "", "x=y", NaN, "v".repeat(65), true as never]) {
      await expect(sign(base, key, { keyVersion: bad })).rejects.toThrow(InvalidArgumentError);
    }
  });

  it("refuses raw key material: keys are imported once, explicitly", async () => {
    await expect(sign(base, pair.pkcs8Pem as unknown as PrivateKey)).rejects.toMatchObject({ code: "ERR_KEY_TYPE" });
    await expect(sign(base, { type: "private", modulusBits: 2048 } as unknown as PrivateKey)).rejects.toThrow(
      KeyFormatError,
    );
  });
});

describe("formatRequestTime", () => {
  const instant = new Date("2024-05-22T06:42:21.789Z");

  it("defaults to UTC written +00:00, second precision", () => {
    expect(formatRequestTime(instant)).toBe("2024-05-22T06:42:21+00:00");
    expect(formatRequestTime(instant.getTime())).toBe("2024-05-22T06:42:21+00:00");
  });

  it("renders other offsets", () => {
    expect(formatRequestTime(instant, { offsetMinutes: 480 })).toBe("2024-05-22T14:42:21+08:00");
    expect(formatRequestTime(instant, { offsetMinutes: 330 })).toBe("2024-05-22T12:12:21+05:30");
    expect(formatRequestTime(instant, { offsetMinutes: -210 })).toBe("2024-05-22T03:12:21-03:30");
    expect(formatRequestTime(new Date("2024-12-31T20:00:00Z"), { offsetMinutes: 480 })).toBe(
      "2025-01-01T04:00:00+08:00",
    );
  });

  it("truncates (not rounds) milliseconds, also before 1970", () => {
    expect(formatRequestTime(new Date("2024-05-22T06:42:21.999Z"))).toBe("2024-05-22T06:42:21+00:00");
    expect(formatRequestTime(-500)).toBe("1969-12-31T23:59:59+00:00");
  });

  it("defaults to now", () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const parsed = Date.parse(formatRequestTime());
    expect(parsed).toBeGreaterThanOrEqual(before);
    expect(parsed).toBeLessThanOrEqual(Date.now());
  });

  it("agrees with Date.parse for arbitrary instants and offsets", () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date("1970-01-02T00:00:00Z"), max: new Date("9999-12-30T00:00:00Z") }),
        fc.integer({ min: -1080, max: 1080 }),
        (date, offsetMinutes) => {
          const text = formatRequestTime(date, { offsetMinutes });
          expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
          expect(Date.parse(text)).toBe(Math.floor(date.getTime() / 1000) * 1000);
        },
      ),
    );
  });

  it("rejects invalid dates, extreme years and bad offsets with a typed error", () => {
    expect(() => formatRequestTime(new Date(NaN))).toThrow(InvalidArgumentError);
    expect(() => formatRequestTime(new Date("+010000-01-01T00:00:00Z"))).toThrow(InvalidArgumentError);
    expect(() => formatRequestTime(8.64e15 + 1)).toThrow(InvalidArgumentError);
    expect(() => formatRequestTime(instant, { offsetMinutes: 1.5 })).toThrow(InvalidArgumentError);
    expect(() => formatRequestTime(instant, { offsetMinutes: 1081 })).toThrow(InvalidArgumentError);
    expect(() => formatRequestTime("2024" as unknown as Date)).toThrow(InvalidArgumentError);
  });
});
