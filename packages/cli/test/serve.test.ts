import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, test } from "vitest";
import { SandboxDropError } from "alipayhk-sandbox";
import { serve, type Server } from "../src/serve.js";

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
