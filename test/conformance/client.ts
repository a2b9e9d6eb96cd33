// The conformance suite (test/conformance/suite.ts), the client against the sandbox in process (the sandbox's fetch handler is the client's fetch).
import {
  AbortedError,
  HttpError,
  ResultError,
  NetworkError,
  ResponseSignatureError,
  TimeoutError,
  UnknownResultError,
  ValidationError,
  type OrderClientOptions,
  type OrderInput,
  OPERATIONS,
} from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { createSandbox, type Sandbox } from "alipayhk-sandbox";
import { deepEqual, equal, ok, rejects } from "./harness.js";
import { KEY, nextUpdate, orderFor, SCENARIO_ORDERS, SCENARIOS } from "./orders.js";
import { ALIPAY, apiClientFor, BASE_URL, CLIENT_ID, clientFor, MERCHANT, newSandbox, rejectsWith } from "./fixtures.js";
import type { Registry } from "./harness.js";
import type { FetchHandler } from "./suite.js";

export function registerClient({ test }: Pick<Registry, "test">): void {
  // One sandbox with its own freshly generated key (crypto.subtle.generateKey), shared by the scenario tests.
  let shared: Sandbox | undefined;
  const sharedSandbox = async () =>
    (shared ??= await createSandbox({ merchants: { [CLIENT_ID]: MERCHANT.pkcs1PublicPem }, seed: 1 }));

  async function syncAndCheck(sandbox: Sandbox, options: Partial<OrderClientOptions>, order: OrderInput) {
    const client = clientFor(sandbox, { fetch: sandbox.fetch, ...options });
    const result = await client.syncOrder(order);
    equal(result.result.resultCode, "SUCCESS", "resultCode");
    equal(result.result.resultStatus, "S", "resultStatus");
    equal(result.orderStatus, order.orderStatus, "orderStatus answered");
    equal(result.attempts, 1, "attempts");
    ok(/^[0-9a-f]{32}$/.test(result.requestId), `generated requestId ${result.requestId}`);
    const held = sandbox.order(CLIENT_ID, order.merchantBizNo);
    ok(held, "the sandbox holds the order");
    equal(held.orderId, result.orderId, "orderId");
    equal(held.orderStatus, order.orderStatus, "orderStatus held");
    equal(held.merchantBizType, order.merchantBizType, "merchantBizType held");
    deepEqual(held.body.extInfo, (order as { extInfo?: unknown }).extInfo, "extInfo held");
    return result;
  }

  for (const scenario of SCENARIOS) {
    test(`client ↔ sandbox in-process: ${scenario} (${SCENARIO_ORDERS[scenario].orderStatus}) syncs`, async () => {
      await syncAndCheck(await sharedSandbox(), {}, orderFor(scenario, "inproc"));
    });
  }
  for (const scenario of SCENARIOS) {
    test(`client ↔ sandbox in-process, RSA_AES encrypted: ${scenario} syncs`, async () => {
      const sandbox = await sharedSandbox();
      const seen: string[] = [];
      // Look at what travels: the request is ciphertext, and so is the answer.
      const spy: FetchHandler = async (request) => {
        seen.push(`${request.headers.get("Content-Type")} ${request.headers.has("Encrypt")}`);
        const response = await sandbox.fetch(request);
        seen.push(`${response.headers.get("Content-Type")} ${response.headers.has("Encrypt")}`);
        return response;
      };
      await syncAndCheck(sandbox, { fetch: spy, encrypt: rsaAes() }, orderFor(scenario, "encrypted"));
      deepEqual(
        seen,
        ["text/plain; charset=UTF-8 true", "text/plain; charset=UTF-8 true"],
        "content types and Encrypt headers on the wire",
      );
    });
  }

  test("PASS_TICKET lifecycle: TICKETED → USED, then USED → TICKETED is ORDER_STATUS_INVALID", async () => {
    const sandbox = await sharedSandbox();
    const client = clientFor(sandbox, { fetch: sandbox.fetch });
    const first = orderFor("PASS_TICKET", "lifecycle");
    const a = await client.syncOrder(first);
    const used = nextUpdate(first, "USED");
    const b = await client.syncOrder(used);
    equal(b.orderId, a.orderId, "same orderId");
    equal(b.orderStatus, "USED", "orderStatus");
    const error = await rejectsWith(
      client.syncOrder(nextUpdate(used, "TICKETED")),
      "ORDER_STATUS_INVALID",
      "USED → TICKETED",
    );
    equal(error.code, "ERR_ORDER_STATUS_INVALID", "code");
    equal(error.resultCode, "ORDER_STATUS_INVALID", "resultCode");
    equal(error.outcome, "not_applied", "outcome");
    deepEqual(
      sandbox.order(CLIENT_ID, first.merchantBizNo)?.history.map((h) => h.to),
      ["TICKETED", "USED"],
      "history",
    );
  });

  test("PARAM_ILLEGAL: a requestId reused with a different body → ResultError PARAM_ILLEGAL", async () => {
    const sandbox = await sharedSandbox();
    const client = clientFor(sandbox, { fetch: sandbox.fetch });
    const requestId = "c0ffee00c0ffee00c0ffee00c0ffee00";
    await client.syncOrder({ ...orderFor("MOVIE_TICKET", "reuse-a"), [KEY]: requestId });
    const error = await rejectsWith(
      client.syncOrder({ ...orderFor("MOVIE_TICKET", "reuse-b"), [KEY]: requestId }),
      "PARAM_ILLEGAL",
      "reused requestId",
    );
    equal(error.resultCode, "PARAM_ILLEGAL", "resultCode");
    equal(error.requestId, requestId, "requestId");
    equal(sandbox.order(CLIENT_ID, "reuse-b-MOVIE_TICKET"), undefined, "the second order was not applied");
  });

  test("PARAM_ILLEGAL through the typed openapi-fetch client (createApiClient), which does not validate", async () => {
    const sandbox = await sharedSandbox();
    const api = apiClientFor(sandbox, { fetch: sandbox.fetch });
    const { data, response } = await api.POST(OPERATIONS.syncOrder.path, {
      body: { requestId: "r1", merchantBizType: "PASS_TICKET" } as never,
    });
    equal(response.status, 200, "HTTP status");
    equal(data?.result.resultCode, "PARAM_ILLEGAL", "resultCode");
    equal(data?.result.resultStatus, "F", "resultStatus");
  });

  test("client-side validation: an invalid order is refused before anything is sent (ValidationError)", async () => {
    const sandbox = await sharedSandbox();
    const before = sandbox.stats.requests;
    const client = clientFor(sandbox, { fetch: sandbox.fetch });
    const bad = { ...orderFor("RIDE_HAILING", "invalid"), orderStatus: "FLYING" } as unknown as OrderInput;
    const error = await rejects(client.syncOrder(bad), ValidationError, "invalid status");
    ok(error.problems.length > 0, "problems listed");
    equal(sandbox.stats.requests, before, "requests sent");
  });

  test("tampered response body → ResponseSignatureError", async () => {
    const sandbox = await newSandbox();
    const tamper: FetchHandler = async (request) => {
      const response = await sandbox.fetch(request);
      const text = await response.text();
      ok(text.includes('"SUCCESS"'), "the real answer was SUCCESS");
      return new Response(text.replace('"TICKETED"', '"REFUNDED"'), {
        status: response.status,
        headers: response.headers,
      });
    };
    const error = await rejects(
      clientFor(sandbox, { fetch: tamper }).syncOrder(orderFor("TRAIN_TICKET", "tamper")),
      ResponseSignatureError,
      "tampered body",
    );
    equal(error.code, "ERR_RESPONSE_SIGNATURE", "code");
    equal(error.outcome, "unknown", "outcome");
  });

  for (const fault of ["forgeSignature", "omitSignature", "truncate"] as const) {
    test(`sandbox fault ${fault} → ResponseSignatureError`, async () => {
      const sandbox = await newSandbox({ faults: { [fault]: 1 } });
      await rejects(
        clientFor(sandbox, { fetch: sandbox.fetch }).syncOrder(orderFor("GIFT_CARD_COUPON", fault)),
        ResponseSignatureError,
        fault,
      );
      equal(sandbox.stats.faults[fault], 1, `faults.${fault}`);
    });
  }

  test("a response signed by another key than alipayPublicKey → ResponseSignatureError", async () => {
    const sandbox = await newSandbox();
    const client = clientFor({ alipayPublicKey: MERCHANT.spkiPem }, { fetch: sandbox.fetch });
    await rejects(
      client.syncOrder(orderFor("ALIPAY_COUPON", "wrongkey")),
      ResponseSignatureError,
      "wrong alipayPublicKey",
    );
  });

  test("INVALID_SIGNATURE and INVALID_CLIENT from the sandbox's gateway", async () => {
    const sandbox = await newSandbox();
    const wrongPrivate = clientFor(sandbox, { fetch: sandbox.fetch, privateKey: ALIPAY.pkcs8Pem });
    await rejectsWith(
      wrongPrivate.syncOrder(orderFor("LINE_UP", "badsig")),
      "INVALID_SIGNATURE",
      "signed with another key",
    );
    const unknown = clientFor(sandbox, { fetch: sandbox.fetch, clientId: "2102000000000000" });
    await rejectsWith(unknown.syncOrder(orderFor("LINE_UP", "badclient")), "INVALID_CLIENT", "unregistered Client-Id");
    equal(sandbox.orders.length, 0, "nothing applied");
  });

  test("the sandbox console: GET / serves the page; its state shows the order and why a signature was refused; a fault queued there hits the next request", async () => {
    const sandbox = await newSandbox();
    const page = await sandbox.fetch(new Request(`${BASE_URL}/`));
    equal(page.headers.get("Content-Type"), "text/html; charset=UTF-8", "page type");
    ok((await page.text()).includes("<title>AlipayHK sandbox console</title>"), "the page");
    await clientFor(sandbox, { fetch: sandbox.fetch }).syncOrder(orderFor("PASS_TICKET", "console"));
    await rejects(
      clientFor(sandbox, { fetch: sandbox.fetch, privateKey: ALIPAY.pkcs8Pem }).syncOrder(
        orderFor("PASS_TICKET", "console-badsig"),
      ),
      ResultError,
      "another key",
    );
    const state = (await (await sandbox.fetch(new Request(`${BASE_URL}/console/state`))).json()) as {
      merchants: { clientId: string; cards: { title: string; status: string }[] }[];
      requests: { resultCode: string; diagnosis?: { cause: string; expectedContent: string } }[];
    };
    deepEqual(
      state.merchants.map((m) => [m.clientId, m.cards.map((c) => [c.title, c.status])]),
      [[CLIENT_ID, [["console-PASS_TICKET", "TICKETED"]]]],
      "cards",
    );
    equal(state.requests[0]?.resultCode, "INVALID_SIGNATURE", "newest request");
    equal(state.requests[0]?.diagnosis?.cause, "otherKey", "diagnosis");
    ok(
      state.requests[0]!.diagnosis!.expectedContent.startsWith(`POST ${OPERATIONS.syncOrder.path}\n${CLIENT_ID}.`),
      "expected content",
    );
    const queued = await sandbox.fetch(
      new Request(`${BASE_URL}/console/fault`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: '{"kind":"http503","processed":false}',
      }),
    );
    equal(queued.status, 200, "fault queued");
    await rejects(
      clientFor(sandbox, { fetch: sandbox.fetch }).syncOrder(orderFor("PASS_TICKET", "console-503")),
      HttpError,
      "the queued fault",
    );
  });

  test("UNKNOWN_EXCEPTION (injected at 50%) is retried with the same requestId until SUCCESS", async () => {
    const sandbox = await newSandbox({ faults: { unknownException: 0.5 }, seed: 20261117 });
    const client = clientFor(sandbox, {
      fetch: sandbox.fetch,
      retry: { maxAttempts: 12, initialDelayMs: 1, maxDelayMs: 4 },
    });
    let attempts = 0;
    for (const scenario of SCENARIOS) {
      const result = await client.syncOrder(orderFor(scenario, "retry"));
      equal(result.result.resultCode, "SUCCESS", `${scenario} resultCode`);
      equal(sandbox.order(CLIENT_ID, `retry-${scenario}`)?.orderStatus, result.orderStatus, `${scenario} held`);
      attempts += result.attempts;
    }
    const injected = sandbox.stats.faults.unknownException ?? 0;
    ok(injected > 0, "some UNKNOWN_EXCEPTION faults were injected");
    equal(attempts, SCENARIOS.length + injected, "attempts = orders + injected faults");
    // Every order applied exactly once, however many attempts it took.
    for (const scenario of SCENARIOS)
      equal(sandbox.order(CLIENT_ID, `retry-${scenario}`)?.history.length, 1, `${scenario} history length`);
  });

  test("UNKNOWN_EXCEPTION on every attempt → UnknownResultError after maxAttempts", async () => {
    const sandbox = await newSandbox({ faults: { unknownException: 1 } });
    const client = clientFor(sandbox, {
      fetch: sandbox.fetch,
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await rejects(client.syncOrder(orderFor("CHARGING_PILE", "unknown")), UnknownResultError, "always U");
    equal(error.attempts, 3, "attempts");
    equal(error.outcome, "unknown", "outcome");
    equal(error.resultCode, "UNKNOWN_EXCEPTION", "resultCode");
    equal(sandbox.stats.faults.unknownException, 3, "faults injected");
  });

  test("an unsigned HTTP 503 is retried, then surfaces as HttpError", async () => {
    const sandbox = await newSandbox({ faults: { http503: 1 } });
    const client = clientFor(sandbox, {
      fetch: sandbox.fetch,
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await rejects(client.syncOrder(orderFor("SELF_PICK", "http503")), HttpError, "503");
    equal(error.httpStatus, 503, "httpStatus");
    equal(error.attempts, 2, "attempts");
  });

  test("a slow answer (injected latency) → TimeoutError; the abort reaches the sandbox through request.signal", async () => {
    const sandbox = await newSandbox({ faults: { latencyMs: 2000 } });
    const client = clientFor(sandbox, { fetch: sandbox.fetch, timeoutMs: 50 });
    const started = Date.now();
    const error = await rejects(
      client.syncOrder(orderFor("CHARGING_PILE", "slow")),
      TimeoutError,
      "latency 2000 ms, timeout 50 ms",
    );
    ok(Date.now() - started < 1500, `gave up after ${Date.now() - started} ms`);
    equal(error.outcome, "unknown", "outcome");
    equal(sandbox.orders.length, 0, "the sandbox stopped before processing");
  });

  test("the caller's AbortSignal → AbortedError, also while waiting between retries", async () => {
    const sandbox = await newSandbox({ faults: { unknownException: 1 } });
    const client = clientFor(sandbox, {
      fetch: sandbox.fetch,
      retry: { maxAttempts: 5, initialDelayMs: 5000, maxDelayMs: 5000 },
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user gave up")), 100);
    const started = Date.now();
    const error = await rejects(
      client.syncOrder(orderFor("RIDE_HAILING", "abort"), { signal: controller.signal }),
      AbortedError,
      "aborted",
    );
    ok(Date.now() - started < 2000, `aborted after ${Date.now() - started} ms`);
    equal(error.attempts, 1, "attempts before the abort");
    equal(error.outcome, "unknown", "outcome (an attempt was made)");
  });

  test("a dropped connection (the sandbox's handler throws like fetch) → NetworkError after the retries", async () => {
    const sandbox = await newSandbox({ faults: { drop: 1 } });
    const client = clientFor(sandbox, {
      fetch: sandbox.fetch,
      retry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await rejects(client.syncOrder(orderFor("TRAIN_TICKET", "drop")), NetworkError, "dropped");
    equal(error.attempts, 2, "attempts");
    equal(sandbox.stats.faults.drop, 2, "faults.drop");
  });
}
