/**
 * A call as the outbox keeps it: the operation, its requestId, fixed once at enqueue and re-sent on every attempt, and
 * the body, as JSON. Never a key or a signature: those are the worker's client's, applied at each send.
 */
import { OPERATIONS, ValidationError, newRequestId, validateRequest, type OperationId } from "alipayhk-order";
import { OutboxConfigError } from "./errors.js";

export interface StoredCall {
  readonly operationId: OperationId;
  readonly requestId: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** When it was enqueued (ms since the epoch): the retry window counts from here. */
  readonly enqueuedAt: number;
}

/**
 * Checks `body` as the client's method would before sending it (the spec's stated rules; the inferred ones too with
 * `strict`) and fixes its requestId. Throws the client's ValidationError, naming each field at fault: nothing is
 * stored then.
 */
export function prepareCall(operationId: string, body: unknown, { strict = false, now = Date.now() } = {}): StoredCall {
  if (!Object.hasOwn(OPERATIONS, operationId)) {
    throw new OutboxConfigError(
      `operationId: ${JSON.stringify(operationId)} is not an operation of the spec (${Object.keys(OPERATIONS).join(", ")})`,
    );
  }
  const op = operationId as OperationId;
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationError([{ path: "", message: "the body must be an object", keyword: "type" }], { operationId });
  }
  const key = OPERATIONS[op].idempotencyKey as string | undefined;
  if (key === undefined)
    throw new OutboxConfigError(
      `operationId: ${operationId} has no idempotency key, so a re-sent call could apply twice`,
    );
  const copy: Record<string, unknown> = { ...body };
  copy[key] ??= newRequestId();
  let stored: Record<string, unknown>;
  try {
    stored = JSON.parse(JSON.stringify(copy)); // what is kept is what can be kept: plain JSON
  } catch (cause) {
    throw new ValidationError(
      [{ path: "", message: `the body cannot be stored as JSON: ${(cause as Error).message}`, keyword: "type" }],
      { operationId, cause },
    );
  }
  const requestId = stored[key];
  const problems = validateRequest(op, stored).filter((p) => strict || p.inferred === undefined);
  if (problems.length || typeof requestId !== "string") {
    throw new ValidationError(problems, {
      operationId,
      requestId: typeof requestId === "string" ? requestId : undefined,
    });
  }
  return { operationId: op, requestId, body: stored, enqueuedAt: now };
}

/** A stored call read back, or why it cannot be delivered (a row written by something else, or damaged). */
export function readCall(raw: {
  operationId: unknown;
  requestId: unknown;
  body: unknown;
  enqueuedAt: unknown;
}): StoredCall | string {
  const { operationId, requestId, enqueuedAt } = raw;
  if (typeof operationId !== "string" || !Object.hasOwn(OPERATIONS, operationId))
    return `unknown operation ${JSON.stringify(operationId)}`;
  if (typeof requestId !== "string" || requestId === "") return "no requestId";
  if (typeof enqueuedAt !== "number" || !Number.isFinite(enqueuedAt)) return "no enqueue time";
  let body = raw.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return "the body is not JSON";
    }
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "the body is not a JSON object";
  const key = OPERATIONS[operationId as OperationId].idempotencyKey as string | undefined;
  if (key === undefined || (body as Record<string, unknown>)[key] !== requestId)
    return "the body's requestId is not the stored one";
  return { operationId: operationId as OperationId, requestId, body: body as Record<string, unknown>, enqueuedAt };
}
