// The conformance suite (test/conformance/suite.ts), the client against the sandbox over HTTP on 127.0.0.1, where the runtime can listen.
import { ResponseSignatureError, TimeoutError } from "alipayhk-order";
import { rsaAes } from "alipayhk-order/encryption";
import { equal, ok, rejects } from "./harness.js";
import { KEY, nextUpdate, orderFor, SCENARIOS } from "./orders.js";
import { CLIENT_ID, clientFor, newSandbox, rejectsWith } from "./fixtures.js";
import type { Registry } from "./harness.js";
import type { FetchHandler, SuiteEnv } from "./suite.js";

export function registerLoopback({ test }: Pick<Registry, "test">, env: SuiteEnv): void {
  const serve = env.serve;
  if (serve) {
    const overLoopback = async (handler: FetchHandler, body: (baseUrl: string) => Promise<void>) => {
      const server = await serve(handler);
      try {
        ok(/^http:\/\/127\.0\.0\.1:\d+$/.test(server.url), `served on 127.0.0.1 (${server.url})`);
        await body(server.url);
      } finally {
        await server.close();
      }
    };

    test("client ↔ sandbox over loopback HTTP: nine scenarios, plain and encrypted, with the global fetch", async () => {
      const sandbox = await newSandbox();
      await overLoopback(sandbox.fetch, async (baseUrl) => {
        for (const encrypt of [false, true]) {
          const client = clientFor(sandbox, { baseUrl, ...(encrypt && { encrypt: rsaAes() }), timeoutMs: 5000 });
          for (const scenario of SCENARIOS) {
            const order = orderFor(scenario, `http-${encrypt}`);
            const result = await client.syncOrder(order);
            equal(result.result.resultCode, "SUCCESS", `${scenario} resultCode`);
            equal(sandbox.order(CLIENT_ID, order.merchantBizNo)?.orderId, result.orderId, `${scenario} orderId`);
            ok(result.tracerId?.startsWith("sbx"), `${scenario} Tracer-Id came through HTTP`);
          }
        }
      });
      equal(sandbox.orders.length, 2 * SCENARIOS.length, "orders held");
    });

    test("client ↔ sandbox over loopback HTTP: ORDER_STATUS_INVALID, PARAM_ILLEGAL and UNKNOWN_EXCEPTION retries", async () => {
      const sandbox = await newSandbox({ faults: { unknownException: 0.4 }, seed: 99 });
      await overLoopback(sandbox.fetch, async (baseUrl) => {
        const client = clientFor(sandbox, {
          baseUrl,
          retry: { maxAttempts: 12, initialDelayMs: 1, maxDelayMs: 4 },
          timeoutMs: 5000,
        });
        const first = orderFor("PASS_TICKET", "http-life");
        await client.syncOrder(first);
        const used = nextUpdate(first, "USED");
        await client.syncOrder(used);
        await rejectsWith(
          client.syncOrder(nextUpdate(used, "TICKETED")),
          "ORDER_STATUS_INVALID",
          "USED → TICKETED over HTTP",
        );
        const requestId = "feedfacefeedfacefeedfacefeedface";
        await client.syncOrder({ ...orderFor("RIDE_HAILING", "http-reuse-a"), [KEY]: requestId });
        await rejectsWith(
          client.syncOrder({ ...orderFor("RIDE_HAILING", "http-reuse-b"), [KEY]: requestId }),
          "PARAM_ILLEGAL",
          "reused requestId over HTTP",
        );
      });
      ok(
        (sandbox.stats.faults.unknownException ?? 0) > 0,
        "UNKNOWN_EXCEPTION faults were injected (and retried through)",
      );
    });

    test("client ↔ sandbox over loopback HTTP: a slow answer → TimeoutError, and the server still closes", async () => {
      const sandbox = await newSandbox({ faults: { latencyMs: 1500 } });
      await overLoopback(sandbox.fetch, async (baseUrl) => {
        const started = Date.now();
        await rejects(
          clientFor(sandbox, { baseUrl, timeoutMs: 100 }).syncOrder(orderFor("LINE_UP", "http-slow")),
          TimeoutError,
          "timeout over HTTP",
        );
        ok(Date.now() - started < 1200, `gave up after ${Date.now() - started} ms`);
      });
    });

    test("client ↔ sandbox over loopback HTTP: a tampered response → ResponseSignatureError", async () => {
      const sandbox = await newSandbox();
      const tamper: FetchHandler = async (request) => {
        const response = await sandbox.fetch(request);
        const text = await response.text();
        return new Response(text.replace('"SUCCESS"', '"SUCCESS "'), {
          status: response.status,
          headers: response.headers,
        });
      };
      await overLoopback(tamper, async (baseUrl) => {
        await rejects(
          clientFor(sandbox, { baseUrl }).syncOrder(orderFor("MOVIE_TICKET", "http-tamper")),
          ResponseSignatureError,
          "tampered over HTTP",
        );
      });
    });
  }
}
