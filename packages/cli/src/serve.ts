/**
 * Serves a standard fetch handler (such as a sandbox's) over HTTP with node:http: the "small adapter" Node needs,
 * where Deno and Bun have Deno.serve and Bun.serve.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

export type FetchHandler = (request: Request) => Promise<Response>;

export interface Server {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `handler` on `hostname` (127.0.0.1 by default) and `port` (0: the OS picks one). */
export async function serve(handler: FetchHandler, { port = 0, hostname = "127.0.0.1" } = {}): Promise<Server> {
  const server = createServer((req, res) => {
    handle(handler, req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(handler: FetchHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const aborted = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) aborted.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // The body is handed over as a stream, not read first: the handler decides how much of it to read (the sandbox
  // stops at maxBodyBytes), so a huge upload is never held in memory here.
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: aborted.signal,
    duplex: "half",
  } as RequestInit);
  let response: Response;
  try {
    response = await handler(request);
  } catch (error) {
    // The sandbox's dropped-connection fault: break the connection. Any other failure is a 500, not a silent reset.
    if (error instanceof Error && error.name === "SandboxDropError") {
      req.socket.destroy();
      return;
    }
    res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: "handler failed" }));
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}
