// @ts-check
// The baseline cold start: a fresh process (or workerd isolate) that imports nothing of ours and does the same
// work as bench/cold/client.mjs inline: import both keys into crypto.subtle, sign the request, fetch, verify the
// answer's signature, check it succeeded. Prints COLD_START_DONE, as the client's does.
const SYNC_PATH = "/api/open/alipay/v1/merchant/order/sync";
const RSASSA = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
const encoder = new TextEncoder();

/** @param {string} pem */
const der = (pem) => Uint8Array.from(atob(pem.replace(/-----[^-]+-----|\s+/g, "")), (c) => c.charCodeAt(0));

/** @param {{ url: string; clientId: string; privateKeyPem: string; alipayPublicKeyPem: string }} config */
export async function coldStart(config) {
  const privateKey = await crypto.subtle.importKey("pkcs8", der(config.privateKeyPem), RSASSA, false, ["sign"]);
  const alipayKey = await crypto.subtle.importKey("spki", der(config.alipayPublicKeyPem), RSASSA, false, ["verify"]);
  const id = crypto.randomUUID().replaceAll("-", "");
  const now = Date.now();
  const body = JSON.stringify({
    requestId: id,
    merchantBizNo: `cold-${id.slice(0, 26)}`,
    merchantBizType: "MOVIE_TICKET",
    orderStatus: "TICKETED",
    userId: "2160120000000001",
    orderCreateTime: now,
    orderModifyTime: now,
    extInfo: { seats: ["F7"] },
  });
  const time = `${new Date(now).toISOString().slice(0, 19)}+00:00`;
  const signature = new Uint8Array(
    await crypto.subtle.sign(
      RSASSA.name,
      privateKey,
      encoder.encode(`POST ${SYNC_PATH}\n${config.clientId}.${time}.${body}`),
    ),
  );
  const response = await fetch(`${config.url}${SYNC_PATH}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=UTF-8",
      "Client-Id": config.clientId,
      "Request-Time": time,
      Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(btoa(String.fromCharCode(...signature)))}`,
    },
    body,
  });
  const text = await response.text();
  const answer = decodeURIComponent(/signature=([^,]+)/.exec(response.headers.get("Signature") ?? "")?.[1] ?? "");
  const signed = encoder.encode(
    `POST ${SYNC_PATH}\n${config.clientId}.${response.headers.get("Response-Time")}.${text}`,
  );
  if (!(await crypto.subtle.verify(RSASSA.name, alipayKey, der(answer), signed)))
    throw new Error(`bad response signature (${response.status} ${text})`);
  if (JSON.parse(text).result?.resultStatus !== "S") throw new Error(text);
  console.log("COLD_START_DONE");
}

const g = /** @type {any} */ (globalThis);
const argv = g.Deno ? g.Deno.args : g.process?.argv?.slice(2);
if (argv?.length) await coldStart(JSON.parse(argv[0]));

export default {
  /** @param {unknown} _ @param {{ CONFIG: string }} env */
  async test(_, env) {
    await coldStart(JSON.parse(env.CONFIG));
  },
};
