/** The sandbox's own error: a typed `code`, like the client's and the signature package's errors. */
import { AlipayHKError } from "alipayhk-signature";

/**
 * A bad option of `createSandbox` (or a bad argument of `addMerchant` / `faultNext`): `option` names it, e.g.
 * `faults.http500` or `retention.events`, and the message says what it must be.
 */
export class SandboxConfigError extends AlipayHKError<"ERR_SANDBOX_CONFIG"> {
  override name = "SandboxConfigError";
  /** The option (or argument) at fault. */
  readonly option: string;
  constructor(option: string, message: string) {
    super("ERR_SANDBOX_CONFIG", `${option} ${message}`);
    this.option = option;
  }
}

/** A value as an error message shows it: strings and arrays as JSON (cut at 60 characters), others as text. */
export function shown(value: unknown): string {
  try {
    return typeof value === "string" || Array.isArray(value) ? JSON.stringify(value).slice(0, 60) : String(value);
  } catch {
    return typeof value; // a cycle, or an object without toString
  }
}
