/** One request as an operation's behaviour sees it, and how a behaviour answers it. */
import type { Problem } from "alipayhk-spec";
import type { Answer, SandboxEvent, SandboxEventType, Store } from "./store.js";

/** What processing a request did. */
export interface Outcome {
  readonly answer: Answer;
  readonly event: SandboxEventType;
}

/** What an operation's behaviour is given: the request, already checked for idempotency. */
export interface Call {
  readonly store: Store;
  readonly operationId: string;
  readonly clientId: string;
  readonly body: Record<string, unknown>;
  /** What the spec's validator found wrong with the body. */
  readonly problems: readonly Problem[];
  /** The event fields every record of this call carries. */
  readonly facts: Omit<SandboxEvent, "seq" | "at" | "type">;
}

/** An operation with behaviour of its own. It records its event and returns the answer. */
export type Behaviour = (call: Call) => Outcome;

export const describeProblems = (problems: readonly Problem[]) => problems.map((p) => (p.path ? `${p.path} ${p.message}` : p.message)).join("; ");

/** Records the event of `call` and returns its answer. */
export function finish(call: Call, event: SandboxEventType, answer: Answer, facts: Partial<SandboxEvent> = {}): Outcome {
  call.store.record({ type: event, ...call.facts, ...facts, resultCode: answer.code, message: answer.message });
  return { answer, event };
}
