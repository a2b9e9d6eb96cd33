import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { OPERATIONS } from "alipayhk-order";
import { SandboxDropError, createSandbox } from "alipayhk-sandbox";
import { serve, type Server } from "alipayhk-sandbox/node";

let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sends headers and a first chunk, and leaves the body open; resolves with the status once an answer comes. */
function postWithoutEnd(url: string): Promise<{ status: number | undefined; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: { "content-type": "application/json" } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode, close: () => req.destroy() });
    });
    req.on("error", reject);
    req.write("{"); // chunked, and never ended
  });
}

describe("serve (the node:http adapter)", () => {
  test("the handler gets the body as a stream: it can answer before the body has arrived", async () => {
    let sawStream = false;
    server = await serve(async (request) => {
      sawStream = request.body instanceof ReadableStream;
      return new Response("too large", { status: 413 }); // without reading the body, as the sandbox does past its limit
    });
    const answer = await postWithoutEnd(server.url);
    answer.close();
    expect(answer.status).toBe(413);
    expect(sawStream).toBe(true);
  });

  test("the body arrives whole when the handler reads it", async () => {
    server = await serve(async (request) => new Response(`got ${(await request.text()).length} characters`));
    const response = await fetch(server.url, { method: "POST", body: "x".repeat(100_000) });
    expect(await response.text()).toBe("got 100000 characters");
  });

  test("a SandboxDropError breaks the connection; any other failure is a 500, not a reset", async () => {
    let fault: Error = new SandboxDropError();
    server = await serve(async () => {
      throw fault;
    });
    await expect(fetch(server.url)).rejects.toThrow(TypeError);
    fault = new TypeError("Cannot read properties of undefined");
    const response = await fetch(server.url);
    expect(response.status).toBe(500);
  });
});

/** Sends `raw` bytes on a plain TCP socket and resolves with everything the server sent before it closed. */
function rawExchange(url: string, raw: string): Promise<{ text: string; reset: boolean }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    let reset = false;
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", () => (reset = true));
    socket.on("close", () => resolve({ text, reset }));
    socket.setTimeout(10_000, () => socket.destroy());
    socket.write(raw);
  });
}

const request = (target: string, body = '{"a":1}', host = "127.0.0.1") =>
  `POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`;

describe("serve: request targets (RFC 9112 §3.2), over a raw socket", () => {
  const echo = async (request: Request) => Response.json({ url: request.url, body: await request.text() });

  test("origin-form: POST /path", async () => {
    server = await serve(echo);
    const { text, reset } = await rawExchange(server.url, request("/api/open/x?y=1"));
    expect(reset).toBe(false);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toContain('{"url":"http://127.0.0.1/api/open/x?y=1","body":"{\\"a\\":1}"}');
  });

  test("absolute-form: POST http://host:port/path, as Alipay's Python SDK sends it", async () => {
    server = await serve(echo);
    const { text, reset } = await rawExchange(server.url, request(`${server.url}/api/open/x`));
    expect(reset).toBe(false);
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text).toContain(`{"url":"${server.url}/api/open/x","body":"{\\"a\\":1}"}`);
  });

  test("a target or Host no URL can hold gets a 500, never a reset", async () => {
    server = await serve(echo);
    for (const [target, host] of [
      ["http://[bad/x", "127.0.0.1"],
      ["*", "127.0.0.1"],
      ["/x", "a b"],
    ] as const) {
      const { text, reset } = await rawExchange(server.url, request(target, "{}", host));
      expect(reset, target).toBe(false);
      expect(text, target).toMatch(/^HTTP\/1\.1 500 /);
    }
  });

  test("a throwing handler gets a 500, never a reset", async () => {
    server = await serve(async () => {
      throw new Error("boom");
    });
    const { text, reset } = await rawExchange(server.url, request("/x"));
    expect(reset).toBe(false);
    expect(text).toMatch(/^HTTP\/1\.1 500 /);
  });

  test("a sandbox answered through an absolute-form target is signed as usual", async () => {
    const sandbox = await createSandbox({ merchants: {} });
    server = await serve(sandbox.fetch);
    const { text } = await rawExchange(server.url, request(`${server.url}${OPERATIONS.syncOrder.path}`, "{}"));
    expect(text).toMatch(/^HTTP\/1\.1 200 /);
    expect(text.toLowerCase()).toContain("\r\nsignature: algorithm=rsa256");
  });
});
