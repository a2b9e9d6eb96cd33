// A scripted stand-in for AlipayHK, as an injected fetch. It checks every request's signature with node:crypto
// (independently of our signing code) and signs its answers with node:crypto.
import { createSign, createVerify, generateKeyPairSync, randomUUID } from "node:crypto";
import { EXAMPLES, OPERATIONS, VARIANTS } from "alipayhk-spec";

export const keys = {
  merchant: generateKeyPairSync("rsa", { modulusLength: 2048 }),
  alipay: generateKeyPairSync("rsa", { modulusLength: 2048 }),
  other: generateKeyPairSync("rsa", { modulusLength: 2048 }),
};
export const pem = {
  merchantPrivate: keys.merchant.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  merchantPublic: keys.merchant.publicKey.export({ type: "spki", format: "pem" }) as string,
  alipayPrivate: keys.alipay.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
  alipayPublic: keys.alipay.publicKey.export({ type: "spki", format: "pem" }) as string,
  otherPrivate: keys.other.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
};

export const CLIENT_ID = "4Q5Y8W0WSG45P907917";
export const BASE_URL = "https://alipay.test";

export interface Recorded {
  method: string;
  url: string;
  headers: Headers;
  body: string;
  signatureValid: boolean;
}

/** What the fake does with one request. */
export interface Answer {
  result?: { resultCode: string; resultStatus: string; resultMessage?: string };
  httpStatus?: number;
  /** Alter the body after signing it. */
  tamper?: boolean;
  unsigned?: boolean;
  noResponseTime?: boolean;
  /** The Response-Time to send (and sign); 2026-11-26T08:00:00+08:00 by default. */
  responseTime?: string;
  signWith?: "other";
  /** Raw body instead of a JSON answer (still signed unless `unsigned`). */
  rawBody?: string;
  /** Wait this long (honouring the request's abort signal) before answering. */
  delayMs?: number;
  /** Reject like a broken connection. */
  networkError?: boolean;
  headers?: Record<string, string>;
}

export const SUCCESS = { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" };

const signB64 = (content: string, key = keys.alipay.privateKey) =>
  createSign("RSA-SHA256").update(content, "utf8").sign(key, "base64");

/** Builds a fetch that answers from `script` (the last entry repeats) and records every request. */
export function fakeAlipay(script: Answer[] = [{}]) {
  const requests: Recorded[] = [];
  let turn = 0;
  const fetch = async (request: Request): Promise<Response> => {
    const { url, headers, method, signal } = request;
    const init = { method, signal };
    const body = await request.text();
    const { pathname, search } = new URL(url);
    const sig = /(?:^|,)\s*signature=([^,]+)/.exec(headers.get("Signature") ?? "")?.[1] ?? "";
    const content = `${init.method} ${pathname}${search}\n${headers.get("Client-Id")}.${headers.get("Request-Time")}.${body}`;
    const signatureValid = createVerify("RSA-SHA256")
      .update(content, "utf8")
      .verify(keys.merchant.publicKey, decodeURIComponent(sig), "base64");
    requests.push({ method: String(init.method), url, headers, body, signatureValid });

    const answer = script[Math.min(turn++, script.length - 1)]!;
    if (answer.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, answer.delayMs);
        init.signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(init.signal!.reason);
        });
      });
    }
    if (answer.networkError) throw new TypeError("fetch failed", { cause: new Error("ECONNRESET") });

    let parsed: { merchantBizType?: string; orderStatus?: string } = {};
    try {
      parsed = JSON.parse(body);
    } catch {}
    const responseBody =
      answer.rawBody ??
      JSON.stringify({
        result: answer.result ?? SUCCESS,
        orderId: `A${parsed.merchantBizType ?? "X"}0001`,
        orderStatus: parsed.orderStatus,
        distributeResult: [],
      });
    const time = answer.responseTime ?? "2026-11-26T08:00:00+08:00";
    const out = new Headers({ "Content-Type": "application/json", "Tracer-Id": `tr-${randomUUID()}` });
    if (!answer.noResponseTime) out.set("Response-Time", time);
    if (!answer.unsigned) {
      const key = answer.signWith === "other" ? keys.other.privateKey : keys.alipay.privateKey;
      const signature = signB64(`${init.method} ${pathname}${search}\n${CLIENT_ID}.${time}.${responseBody}`, key);
      out.set("Signature", `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(signature)}`);
    }
    for (const [name, value] of Object.entries(answer.headers ?? {})) out.set(name, value);
    const sent = answer.tamper
      ? responseBody.replace(/"orderStatus":"\w+"/, '"orderStatus":"REFUNDED"').replace("SUCCESS", "SUCCESS ")
      : responseBody;
    return new Response(sent, { status: answer.httpStatus ?? 200, headers: out });
  };
  return { fetch, requests };
}

/** Each scenario's own fields (status and extras), from the spec's example order of it. */
export const ORDERS = Object.fromEntries(
  Object.keys(VARIANTS.syncOrder.values).map((bizType) => {
    const body = EXAMPLES.syncOrder.find((e) => e.variant === bizType)?.body as Record<string, unknown> | undefined;
    if (!body) throw new Error(`the spec has no example order for ${bizType}`);
    const {
      [OPERATIONS.syncOrder.idempotencyKey]: _r,
      merchantBizNo: _n,
      userId: _u,
      orderCreateTime: _c,
      orderModifyTime: _m,
      ...own
    } = body;
    return [bizType, own];
  }),
) as Record<keyof typeof VARIANTS.syncOrder.values, Record<string, unknown>>;

export const order = (bizType: keyof typeof ORDERS, extra: Record<string, unknown> = {}) => ({
  merchantBizNo: `M-${bizType}`,
  userId: "2160120000000001",
  orderCreateTime: 1_764_115_200_000,
  orderModifyTime: 1_764_115_260_000,
  ...ORDERS[bizType],
  ...extra,
});
