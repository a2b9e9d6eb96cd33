/**
 * The console's routes, served by the sandbox's own fetch handler:
 *   GET  /                the page
 *   GET  /console/state   what it shows (JSON), polled by the page: in full, a page of it
 *                         (?cards=&requests=&cardsAfter=&requestsBefore=), or what changed since the last poll
 *                         (?since=&epoch=&cardsUpTo=)
 *   POST /console/fault   {"kind": "<FaultKind>", "processed"?: boolean}: queue a fault for the next request
 *   POST /console/reset   forget all state
 * The POSTs require `Content-Type: application/json`, which a page on another origin cannot send without a CORS
 * preflight the sandbox never grants: no other site can drive a local sandbox through a visitor's browser.
 */
import { FAULT_KINDS, type FaultKind } from "../faults.js";
import type { EventLog } from "../log.js";
import type { Retention } from "../retention.js";
import type { RecordState } from "../store.js";
import { CONSOLE_SCRIPT, CONSOLE_STYLE, consolePage } from "./page.js";
import { consoleState, MAX_PAGE, type ConsoleView, type StateQuery } from "./state.js";

/** What the routes need from the sandbox beyond its public members. */
export interface ConsoleContext {
  /** The sandbox's members the routes use (named here rather than imported: sandbox.ts imports the routes). */
  readonly sandbox: ConsoleView["sandbox"] & {
    faultNext(kind: FaultKind, options?: { processed?: boolean }): void;
    reset(): void;
  };
  readonly queuedFaults: () => readonly FaultKind[];
  /** The current event log (a reset starts a new one). */
  readonly log: () => EventLog<RecordState>;
  readonly retention: Retention;
}

const NO_STORE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };

const json = (value: unknown, status = 200) => Response.json(value, { status, headers: NO_STORE });

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const sha256Source = async (text: string) =>
  `'sha256-${base64(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)))}'`;

// The value, not a pending promise, is kept: workerd does not let one request await another request's promise.
let page: { html: string; policy: string } | undefined;

/** The page and a Content-Security-Policy that allows its own inline style and script only, computed once. */
async function pageWithPolicy() {
  if (!page) {
    const [style, script] = await Promise.all([sha256Source(CONSOLE_STYLE), sha256Source(CONSOLE_SCRIPT)]);
    page = {
      html: consolePage(),
      policy: `default-src 'none'; style-src ${style}; script-src ${script}; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
    };
  }
  return page;
}

async function servePage(): Promise<Response> {
  const { html, policy } = await pageWithPolicy();
  return new Response(html, {
    headers: { ...NO_STORE, "Content-Type": "text/html; charset=UTF-8", "Content-Security-Policy": policy },
  });
}

async function readJson(request: Request): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^application\/json\b/i.test(type))
    return json({ error: "the Content-Type header must be application/json" }, 415);
  const text = await request.text();
  try {
    const value: unknown = text === "" ? {} : JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  return json({ error: "the body must be a JSON object" }, 400);
}

/** GET /console/state's query, or what is wrong with it. */
function stateQuery(params: URLSearchParams): StateQuery | string {
  const query: Record<string, number> = {};
  for (const name of ["since", "epoch", "cards", "requests", "cardsAfter", "cardsUpTo", "requestsBefore"]) {
    const text = params.get(name);
    if (text === null) continue;
    const value = Number(text);
    const size = name === "cards" || name === "requests"; // a page size
    if (!/^\d{1,15}$/.test(text) || (size && (value < 1 || value > MAX_PAGE))) {
      return `${name} must be an integer ${size ? `from 1 to ${MAX_PAGE}` : "from 0"} (got ${JSON.stringify(text)})`;
    }
    query[name] = value;
  }
  return query as unknown as StateQuery;
}

function state(url: URL, context: ConsoleContext): Response {
  const query = stateQuery(url.searchParams);
  if (typeof query === "string") return json({ error: query }, 400);
  return json(
    consoleState(
      {
        sandbox: context.sandbox,
        queuedFaults: context.queuedFaults(),
        log: context.log(),
        retention: context.retention,
      },
      query,
    ),
  );
}

async function queueFault(request: Request, context: ConsoleContext): Promise<Response> {
  const body = await readJson(request);
  if (body instanceof Response) return body;
  const { kind, processed } = body;
  if (typeof kind !== "string" || !FAULT_KINDS.includes(kind as FaultKind))
    return json({ error: `kind must be one of ${FAULT_KINDS.join(", ")}` }, 400);
  if (processed !== undefined && typeof processed !== "boolean")
    return json({ error: "processed must be true, false or absent" }, 400);
  context.sandbox.faultNext(kind as FaultKind, processed === undefined ? {} : { processed });
  return json({ queued: context.queuedFaults() });
}

async function reset(request: Request, context: ConsoleContext): Promise<Response> {
  const body = await readJson(request);
  if (body instanceof Response) return body;
  context.sandbox.reset();
  return json({ reset: true });
}

/** The console's answer to `request`, or undefined (synchronously) when it is not a console route. */
export function consoleRoute(request: Request, url: URL, context: ConsoleContext): Promise<Response> | undefined {
  const route = `${request.method} ${url.pathname}`;
  if (url.pathname !== "/" && !url.pathname.startsWith("/console/")) return undefined;
  switch (route) {
    case "GET /":
      return servePage();
    case "GET /console/state":
      return Promise.resolve(state(url, context));
    case "POST /console/fault":
      return queueFault(request, context);
    case "POST /console/reset":
      return reset(request, context);
    default:
      // POST / stays the sandbox's 404 (it is no console route), like any other unknown path
      return url.pathname === "/"
        ? undefined
        : Promise.resolve(
            json(
              {
                error: "not found",
                hint: "the console answers GET /, GET /console/state, POST /console/fault and POST /console/reset",
              },
              404,
            ),
          );
  }
}
