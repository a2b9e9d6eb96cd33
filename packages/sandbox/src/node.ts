/**
 * alipayhk-sandbox/node: serves a standard fetch handler (such as a sandbox's) over HTTP with node:http, the small
 * adapter Node needs where Deno and Bun have Deno.serve and Bun.serve. Node-only: not part of the JSR package.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/** A standard fetch handler: `sandbox.fetch`, or anything with the same shape. */
export type FetchHandler = (request: Request) => Promise<Response>;

export interface ServeOptions {
  /** The port to listen on; 0 (the default) lets the OS pick a free one. */
  port?: number;
  /** The address to listen on; 127.0.0.1 by default. */
  host?: string;
}

export interface Server {
  /** Where it listens, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Serves `handler` over HTTP/1.1 until `close()`. Accepts both origin-form (`POST /path`) and absolute-form
 * (`POST http://host/path`) request targets. A handler that throws gets a 500, except a `SandboxDropError`, the
 * sandbox's dropped-connection fault, which breaks the connection on purpose.
 */
export async function serve(
  handler: FetchHandler,
  { port = 0, host = "127.0.0.1" }: ServeOptions = {},
): Promise<Server> {
  const server = createServer((req, res) => {
    void handle(handler, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The URL of a request: RFC 9112 §3.2.2 says a server MUST accept the absolute form, and then ignores Host. */
function requestUrl(target: string, hostHeader: string | undefined): URL {
  if (target.startsWith("/")) return new URL(`http://${hostHeader || "127.0.0.1"}${target}`);
  return new URL(target);
}

async function handle(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Everything happens inside the try: whatever throws (a target or Host header no URL can hold, a handler
  // failure, a header Node refuses to write) ends as a 500, never as a reset connection.
  try {
    const aborted = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    // The body is handed over as a stream, not read first: the handler decides how much of it to read (the
    // sandbox stops at maxBodyBytes), so a huge upload is never held in memory here.
    const request = new Request(requestUrl(req.url ?? "/", req.headers.host), {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: aborted.signal,
      duplex: "half",
    } as RequestInit);
    const response = await handler(request);
    const body = new Uint8Array(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(body);
  } catch (error) {
    if (error instanceof Error && error.name === "SandboxDropError") {
      req.socket.destroy();
      return;
    }
    if (res.headersSent) {
      res.destroy(); // nothing else can be said once the status line is out
      return;
    }
    res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "handler failed" }));
  }
}
