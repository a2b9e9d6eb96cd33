/**
 * The answers the sandbox replays to a retried requestId: per Client-Id, the first answers of its newest `limit`
 * requestIds, the oldest forgotten first. They are most of what a long-lived sandbox holds, so each is kept small.
 */
import { fingerprint } from "./retention.js";
import type { Answer, ResultCode } from "./records.js";

const NONE: readonly never[] = Object.freeze([]);

/** A remembered answer: a fingerprint of the body it answered rather than the body, and a flat copy of the answer. */
export class Remembered {
  // the fingerprint's two halves: small integers, stored in place rather than one boxed number
  private readonly high: number;
  private readonly low: number;
  private readonly httpStatus: number;
  private readonly code: ResultCode;
  private readonly message: string;
  private readonly fields: Answer["fields"];

  constructor(text: string, answer: Answer) {
    const print = fingerprint(text);
    this.high = Math.floor(print / 2 ** 32);
    this.low = (print % 2 ** 32) | 0;
    this.httpStatus = answer.httpStatus;
    this.code = answer.code;
    this.message = answer.message;
    // a plain copy (the answer's own object, built by spreading, takes about three times the room), empty arrays shared
    this.fields =
      answer.fields &&
      Object.fromEntries(
        Object.entries(answer.fields).map(([k, v]) => [k, Array.isArray(v) && v.length === 0 ? NONE : v]),
      );
  }

  /** Whether `text` is the body this answered (the same fingerprint: two bodies share one with a chance of 1 in 2^53). */
  sameBody(text: string): boolean {
    const print = fingerprint(text);
    return Math.floor(print / 2 ** 32) === this.high && ((print % 2 ** 32) | 0) === this.low;
  }

  get answer(): Answer {
    return {
      httpStatus: this.httpStatus,
      code: this.code,
      message: this.message,
      ...(this.fields && { fields: this.fields }),
    };
  }
}

interface ClientAnswers {
  readonly byId: Map<string, Remembered>;
  /** requestIds oldest first, from `head` on: a Map's own order is as slow to take the oldest from as it is to search. */
  readonly queue: (string | undefined)[];
  head: number;
}

export class RememberedAnswers {
  /** Answers forgotten so far. */
  dropped = 0;
  private readonly clients = new Map<string, ClientAnswers>();

  constructor(private readonly limit: number) {}

  get(clientId: string, requestId: string): Remembered | undefined {
    return this.clients.get(clientId)?.byId.get(requestId);
  }

  /** Remembers the first answer to (clientId, requestId); past the limit, that Client-Id's oldest is forgotten. */
  set(clientId: string, requestId: string, text: string, answer: Answer): void {
    let client = this.clients.get(clientId);
    if (!client) this.clients.set(clientId, (client = { byId: new Map(), queue: [], head: 0 }));
    if (!client.byId.has(requestId)) client.queue.push(requestId);
    client.byId.set(requestId, new Remembered(text, answer));
    if (client.byId.size <= this.limit) return;
    client.byId.delete(client.queue[client.head]!);
    client.queue[client.head++] = undefined;
    this.dropped++;
    if (client.head >= 1024 && client.head * 2 >= client.queue.length) {
      client.queue.copyWithin(0, client.head);
      client.queue.length -= client.head;
      client.head = 0;
    }
  }
}
