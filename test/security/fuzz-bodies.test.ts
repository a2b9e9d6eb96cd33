// Property-based fuzzing of what reads request bodies: decryptBody and the sandbox's handler give a valid result or
// a typed error (never another error, never a hang), and no mutated signed request gets past the signature check.
import { createSign } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  decryptBody,
  DecryptionError,
  encryptBody,
  HeaderFormatError,
  importPrivateKey,
  importPublicKey,
  UnsupportedAlgorithmError,
  type PrivateKey,
} from "alipayhk-signature";
import { RESULT_CODES, OPERATIONS } from "alipayhk-order";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { BASE_URL, merchant, responseTime, signatureHeader, validOrder, KEY } from "./helpers.js";

import { b64Char, headerish, mutated, params, parseSafe, typedOrValue } from "./fuzz-helpers.js";

describe("decryptBody", () => {
  let own: PrivateKey;
  const plaintext = JSON.stringify(
    validOrder({ [KEY]: "0123456789abcdef0123456789abcdef", extInfo: { note: "x".repeat(100) } }),
  );
  let sealed: { body: string; encryptHeader: string };

  beforeAll(async () => {
    own = await importPrivateKey(merchant.privatePem);
    sealed = await encryptBody(plaintext, await importPublicKey(merchant.publicPem));
    expect(await decryptBody(sealed.body, sealed.encryptHeader, own)).toBe(plaintext);
  });

  it("random bodies and headers: a string or a typed error (DecryptionError, HeaderFormatError, UnsupportedAlgorithmError)", async () => {
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.string({ unit: b64Char, maxLength: 600 }),
      fc.constant(sealed.body),
    );
    const header = fc.oneof(
      headerish,
      fc.constant(sealed.encryptHeader),
      mutated(sealed.encryptHeader, fc.string({ unit: b64Char, minLength: 1, maxLength: 3 })),
    );
    await fc.assert(
      fc.asyncProperty(body, header, async (b, h) => {
        await typedOrValue(
          () => decryptBody(b, h, own),
          [DecryptionError, HeaderFormatError, UnsupportedAlgorithmError],
        );
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
    const mutatedBody = mutated(sealed.body, fc.string({ unit: b64Char, minLength: 1, maxLength: 2 })).map((b) => ({
      body: b,
      header: sealed.encryptHeader,
    }));
    const mutatedKey = mutated(
      sealed.encryptHeader.split("symmetricKey=")[1]!,
      fc.string({ unit: b64Char, minLength: 1, maxLength: 2 }),
    ).map((k) => ({ body: sealed.body, header: `algorithm=RSA_AES,keyVersion=1,symmetricKey=${k}` }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedBody, mutatedKey), async ({ body, header }) => {
        const { value } = await typedOrValue(
          () => decryptBody(body, header, own),
          [DecryptionError, HeaderFormatError],
        );
        if (value === plaintext) {
          // Only a no-op in bytes (e.g. the unused low bits of the last base64 character) may decrypt the same.
          const sameBody = decoded(body) === decoded(sealed.body);
          const sameKey =
            decoded(decodeURIComponent(header.split("symmetricKey=")[1] ?? "")) ===
            decoded(decodeURIComponent(sealed.encryptHeader.split("symmetricKey=")[1]!));
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

  const signed = (bodyText: string, time = responseTime(), path: string = OPERATIONS.syncOrder.path) => {
    const content = `POST ${path}\n${CLIENT}.${time}.${bodyText}`;
    return {
      time,
      signature: signatureHeader(createSign("RSA-SHA256").update(content, "utf8").sign(merchant.key, "base64")),
    };
  };
  const request = (headers: Record<string, string>, body: string, path: string = OPERATIONS.syncOrder.path) =>
    new Request(BASE_URL + path, { method: "POST", headers, body });
  const freshOrder = () =>
    JSON.stringify({ ...validOrder({ merchantBizNo: `FUZZ-${++n}` }), [KEY]: `fuzz${String(n).padStart(28, "0")}` });

  beforeAll(async () => {
    sandbox = await createSandbox({ merchants: { [CLIENT]: merchant.publicPem }, seed: 99 });
    // The control: a correctly signed request is applied, so the properties below are not vacuous.
    const body = freshOrder();
    const { time, signature } = signed(body);
    const response = await sandbox.fetch(
      request({ "Client-Id": CLIENT, "Request-Time": time, Signature: signature }, body),
    );
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
    const headerValue = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.constant(CLIENT),
      fc.constant(responseTime()),
      headerish,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          { "Client-Id": headerValue, "Request-Time": headerValue, Signature: headerValue, Encrypt: headerValue },
          { requiredKeys: [] },
        ),
        fc.oneof(fc.string({ maxLength: 500 }), fc.json({ maxDepth: 3 }), fc.constant(freshOrder())),
        fc.constantFrom(OPERATIONS.syncOrder.path, `${OPERATIONS.syncOrder.path}?x=1`, "/", "/api"),
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
        const parts: Record<"body" | "time" | "clientId" | "signature" | "path", string> = {
          body,
          time,
          clientId: CLIENT,
          signature,
          path: OPERATIONS.syncOrder.path,
        };
        const original = parts[what];
        const i = at % (original.length + 1);
        const changed =
          what === "path"
            ? `${original}?${encodeURIComponent(chunk)}`
            : original.slice(0, i) + chunk + original.slice(i);
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
