/** One request as an operation's behaviour sees it, and how a behaviour answers it. */
import type { Problem } from "alipayhk-spec";
import type { Answer, SandboxEvent, SandboxEventType } from "./records.js";
import type { Store } from "./store.js";

/** What processing a request did. */
export interface Outcome {
  readonly answer: Answer;
  readonly event: SandboxEventType;
}

/** What an operation's behaviour is given: the request, already checked for idempotency. */
export interface Call {
  readonly store: Store;
  readonly clientId: string;
  readonly body: Record<string, unknown>;
  /** The call's ID (the body's idempotency key, `requestId`), when it has a valid one. */
  readonly requestId: string | undefined;
  /** What the spec's validator found wrong with the body (without the inferred rules unless strict). */
  readonly problems: readonly Problem[];
  /** Whether the rules that are this SDK's reading (x-inferred) are enforced. */
  readonly strict: boolean;
  /** The event fields every record of this call carries. */
  readonly facts: Omit<SandboxEvent, "seq" | "at" | "type">;
}

/** An operation with behaviour of its own. It records its event and returns the answer. */
export type Behaviour = (call: Call) => Outcome;

/** A refusal's text for a rule that is our reading: what, why, and how to accept it. */
export const inferredNote = (why: string) => ` (inferred: ${why} createSandbox({ strict: false }) accepts it)`;

/** One sentence for a problem; an inferred one says so. */
const describeProblem = (p: Problem) =>
  (p.path ? `${p.path} ${p.message}` : p.message) + (p.inferred === undefined ? "" : inferredNote(p.inferred));

/** The problems as one resultMessage. */
export const describeProblems = (problems: readonly Problem[]) => problems.map(describeProblem).join("; ");

/** For the event log: each problem's sentence, and the reasons of the inferred rules among them. */
export const inferredOf = (problems: readonly Problem[]) => {
  const whys = [...new Set(problems.flatMap((p) => (p.inferred === undefined ? [] : [p.inferred])))];
  return {
    ...(problems.length && { problems: problems.map(describeProblem) }),
    ...(whys.length && { inferred: whys }),
  };
};

/** Records the event of `call` and returns its answer. */
export function finish(
  call: Call,
  event: SandboxEventType,
  answer: Answer,
  facts: Partial<SandboxEvent> = {},
): Outcome {
  call.store.record({ type: event, ...call.facts, ...facts, resultCode: answer.code, message: answer.message });
  return { answer, event };
}
