/**
 * alipayhk-sandbox: a local AlipayHK (order sync, performance notifications: every operation of the spec) as a
 * standard fetch handler, for tests and demos.
 * It checks signatures, decrypts RSA_AES bodies, enforces the spec's order rules, signs (and encrypts)
 * its answers, and can inject reproducible faults. At `GET /` it serves a console: the orders as cards with their
 * timelines, and the request log with why each refused request was refused.
 * @module
 */
export { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.js";
export type { SignatureCause, SignatureDiagnosis } from "./diagnose.js";
export { FAULT_KINDS, SandboxDropError, type FaultKind, type FaultOptions } from "./faults.js";
export { DEFAULT_RETENTION, type Retention, type RetentionOptions } from "./retention.js";
export { SandboxConfigError } from "./errors.js";
export type {
  ResultCode,
  SandboxEvent,
  SandboxEventType,
  SandboxNotification,
  SandboxNotificationUpdate,
  SandboxOrder,
  SandboxOrderUpdate,
  SandboxStats,
} from "./store.js";
