// @ts-check
// Section 2 of bench/profile.mjs: syncOrder() against a baseline with the network taken out (the global fetch
// replaced by one that answers at once with a canned, correctly signed answer), then the client's overhead split
// into its parts: validation, the per-attempt timeout and signal, openapi-fetch's Request round trip and the
// verified Response.
import {
  alipay,
  alipayPublicPem,
  message,
  orderMaker,
  P,
  pem,
  pkcs8,
  rawAlipayPublic,
  rawPrivate,
  row,
  us,
  usPair,
  usSync,
} from "./setup.mjs";

export async function profileSyncOrder() {
  const CLIENT_ID = message.clientId;
  const PATH = P.OPERATIONS.syncOrder.path;
  const answerBody = JSON.stringify({
    result: { resultCode: "SUCCESS", resultStatus: "S", resultMessage: "success" },
    orderId: "SBX000000070000000001",
    orderStatus: "TICKETED",
    distributeResult: [],
  });
  const answerTime = "2026-11-26T02:00:00+00:00";
  const answerSignature = await P.sign(
    { method: "POST", path: PATH, clientId: CLIENT_ID, time: answerTime, body: answerBody },
    await P.importPrivateKey(new Uint8Array(await crypto.subtle.exportKey("pkcs8", alipay.privateKey))),
  );
  const answerHeaders = {
    "Content-Type": "application/json; charset=UTF-8",
    "Response-Time": answerTime,
    "Client-Id": CLIENT_ID,
    Signature: answerSignature,
    "Tracer-Id": "sbx0000000000000001",
  };
  // The request is consumed like a server would (its body read), and a fresh Response returned.
  globalThis.fetch = async (input, init) => {
    if (typeof init?.body !== "string") await new Response(init?.body ?? input.body).text();
    return new Response(answerBody, { status: 200, headers: answerHeaders });
  };

  const order = orderMaker("r", "bench-profile");
  const clientOptions = {
    clientId: CLIENT_ID,
    privateKey: pem("PRIVATE KEY", pkcs8),
    alipayPublicKey: alipayPublicPem,
    baseUrl: "http://127.0.0.1:1",
    retry: { maxAttempts: 1 },
  };
  const client = P.createOrderClient(clientOptions);
  // without the default 10 s timeout: no AbortController, timer or signal per attempt
  const untimed = P.createOrderClient({ ...clientOptions, timeoutMs: Infinity });
  const encoder = new TextEncoder();
  const toBase64 = (bytes) => {
    let s = "";
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s);
  };
  const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const baseline = async () => {
    const json = JSON.stringify(order());
    const time = `${new Date().toISOString().slice(0, 19)}+00:00`;
    const sig = await crypto.subtle.sign(
      "RSASSA-PKCS1-v1_5",
      rawPrivate,
      encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${time}.${json}`),
    );
    const response = await fetch(`http://127.0.0.1:1${PATH}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=UTF-8",
        "Client-Id": CLIENT_ID,
        "Request-Time": time,
        Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(toBase64(new Uint8Array(sig)))}`,
      },
      body: json,
    });
    const text = await response.text();
    const rs = fromBase64(
      decodeURIComponent(/signature=([^,]+)/.exec(response.headers.get("Signature") ?? "")?.[1] ?? ""),
    );
    if (
      !(await crypto.subtle.verify(
        "RSASSA-PKCS1-v1_5",
        rawAlipayPublic,
        rs,
        encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${response.headers.get("Response-Time")}.${text}`),
      ))
    )
      throw new Error("bad signature");
    if (JSON.parse(text).result.resultStatus !== "S") throw new Error(text);
  };
  await client.syncOrder(order());
  await baseline();
  {
    const [base, ours] = await usPair(baseline, () => client.syncOrder(order()), 5000);
    row("syncOrder", "baseline call (sign + canned fetch + verify)", base);
    row(
      "syncOrder",
      "client.syncOrder call (called alternately with the line above)",
      ours,
      `overhead ${(ours - base).toFixed(1)} µs per call`,
    );
    const [base2, noTimeout] = await usPair(baseline, () => untimed.syncOrder(order()), 5000);
    row(
      "syncOrder",
      "  the same with timeoutMs: Infinity (called alternately with the baseline)",
      noTimeout - base2,
      "µs more than the baseline",
    );
  }

  // The baseline with the client's extra steps added, one at a time and then together, each variant called
  // alternately with the plain baseline: what each step costs in wall time per sequential call.
  {
    const variant = (opts) => async () => {
      const json = JSON.stringify(order());
      if (opts.validate) P.validateOrder(JSON.parse(json));
      const time = `${new Date().toISOString().slice(0, 19)}+00:00`;
      let controller;
      let timer;
      if (opts.signal) {
        controller = new AbortController();
        timer = setTimeout(() => controller.abort(), 10_000);
      }
      let text = json;
      if (opts.request) {
        // what openapi-fetch does: build a Request; what the client's signedFetch does: read it back
        text = await new Request(`http://127.0.0.1:1${PATH}`, {
          method: "POST",
          body: json,
          headers: { "Content-Type": "application/json" },
          signal: controller?.signal,
        }).text();
      }
      const sig = await crypto.subtle.sign(
        "RSASSA-PKCS1-v1_5",
        rawPrivate,
        encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${time}.${text}`),
      );
      const response = await fetch(`http://127.0.0.1:1${PATH}`, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=UTF-8",
          "Client-Id": CLIENT_ID,
          "Request-Time": time,
          Signature: `algorithm=RSA256,keyVersion=1,signature=${encodeURIComponent(toBase64(new Uint8Array(sig)))}`,
        },
        body: text,
        signal: controller?.signal,
      });
      const answer = await response.text();
      const rs = fromBase64(
        decodeURIComponent(/signature=([^,]+)/.exec(response.headers.get("Signature") ?? "")?.[1] ?? ""),
      );
      if (
        !(await crypto.subtle.verify(
          "RSASSA-PKCS1-v1_5",
          rawAlipayPublic,
          rs,
          encoder.encode(`POST ${PATH}\n${CLIENT_ID}.${response.headers.get("Response-Time")}.${answer}`),
        ))
      )
        throw new Error("bad signature");
      let parsed;
      if (opts.rewrap) {
        // what the client's verifiedResponse + openapi-fetch's response.json() do
        const headers = new Headers(response.headers);
        headers.delete("content-length");
        headers.set("content-type", "application/json; charset=UTF-8");
        parsed = await new Response(answer, { status: 200, headers }).json();
      } else {
        parsed = JSON.parse(answer);
      }
      clearTimeout(timer);
      if (parsed.result.resultStatus !== "S") throw new Error(answer);
    };
    for (const [name, opts] of [
      ["+ AbortController and timer per call, its signal given to fetch", { signal: true }],
      ["+ validateOrder", { validate: true }],
      // createApiClient's path (alipayhk-order/api), which the methods do not take
      ["+ Request built and read back (createApiClient: openapi-fetch + signedFetch)", { request: true }],
      ["+ verified Response rebuilt and .json() (createApiClient: verifiedResponse)", { rewrap: true }],
      ["+ all four", { signal: true, request: true, rewrap: true, validate: true }],
    ]) {
      const [base, with_] = await usPair(baseline, variant(opts), 4000);
      row("syncOrder", `  baseline ${name}`, with_ - base, "µs more than the baseline, called alternately");
    }
  }

  // Its parts, one at a time.
  const sample = { ...order() };
  row(
    "syncOrder",
    "  validateOrder(order)",
    usSync(() => P.validateOrder(sample)),
  );
  row(
    "syncOrder",
    "  JSON.stringify(order)",
    usSync(() => JSON.stringify(sample)),
  );
  const json = JSON.stringify(sample);
  row(
    "syncOrder",
    "  new Request(url, {body}) + request.text()",
    await us(() =>
      new Request(`http://127.0.0.1:1${PATH}`, {
        method: "POST",
        body: json,
        headers: { "Content-Type": "application/json" },
      }).text(),
    ),
  );
  row(
    "syncOrder",
    "  verified Response: new Headers + new Response + .json()",
    await us(() => {
      const r = new Response(answerBody, { status: 200, headers: answerHeaders });
      const h = new Headers(r.headers);
      h.delete("content-length");
      h.set("content-type", "application/json; charset=UTF-8");
      return new Response(answerBody, { status: 200, statusText: "", headers: h }).json();
    }),
  );
  row(
    "syncOrder",
    "  AbortController + its signal + setTimeout/clearTimeout per attempt",
    usSync(() => {
      const c = new AbortController();
      void c.signal; // Node makes the signal lazily: the client reads it for fetch
      clearTimeout(setTimeout(() => c.abort(), 10_000));
    }, 50_000),
  );
  // What a real fetch adds for a request that carries a signal (Node's builds a Request from url and init, and
  // follows the signal: a WeakRef, a FinalizationRegistry entry and an abort listener per request).
  row(
    "syncOrder",
    "  new Request(url, init) without a signal",
    usSync(() => new Request(`http://127.0.0.1:1${PATH}`, { method: "POST", body: json }), 20_000),
  );
  row(
    "syncOrder",
    "  new Request(url, init) with a fresh signal",
    usSync(
      () =>
        new Request(`http://127.0.0.1:1${PATH}`, { method: "POST", body: json, signal: new AbortController().signal }),
      20_000,
    ),
  );
  // openapi-fetch's whole round trip with a fetch that does nothing but answer (no signing, no verification).
  const bare = P.createClient({
    baseUrl: "http://127.0.0.1:1",
    fetch: async (request) => (await request.text(), new Response(answerBody, { status: 200, headers: answerHeaders })),
  });
  row(
    "syncOrder",
    "  openapi-fetch POST round trip (no crypto, no-op fetch)",
    await us(() => bare.POST(PATH, { body: sample, bodySerializer: () => json })),
  );
  row(
    "syncOrder",
    "  the same done by hand: fetch(url, init) + response.json()",
    await us(async () =>
      (
        await fetch(`http://127.0.0.1:1${PATH}`, {
          method: "POST",
          body: json,
          headers: { "Content-Type": "application/json" },
        })
      ).json(),
    ),
  );
}
