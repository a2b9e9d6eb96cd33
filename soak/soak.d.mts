// Types of soak/soak.mjs, for test/security/soak.test.ts.
export declare const ORDER_ERROR_CODES: readonly string[];
export declare const DEFAULT_FAULTS: Record<string, number>;
export interface SoakOptions {
  syncs: number;
  concurrency: number;
  seed: number;
  host: "worker" | "inline";
  timeoutMs: number;
  latencyMs: readonly [number, number];
  maxAttempts: number;
  maxResponseSkewMs: number;
  skewSpikeRate: number;
  skewSpikeMs: number;
  encryptedShare: number;
  probeShare: number;
  forgedShare: number;
  recoveryRounds: number;
  deadlineMs: number;
  hangMs: number;
}
export declare const FULL: SoakOptions;
export declare const SHORT: SoakOptions;
export declare const LIFECYCLES: Record<string, readonly (readonly string[])[]>;

export interface ObservedAttempt {
  status?: number | undefined;
  error?: string | undefined;
  genuine: boolean;
  encrypted: boolean;
  resultStatus?: string | undefined;
  resultCode?: string | undefined;
  skewSpike: boolean;
}
export interface SyncRecord {
  phase: "main" | "inline-recovery" | "recovery";
  ok: boolean;
  code: string;
  outcome?: string | undefined;
  attempts?: number | undefined;
  requestId?: string | undefined;
  resultStatus?: string | undefined;
  orderStatus?: string | undefined;
  isOrderError?: boolean;
  isResultError?: boolean;
  name?: string;
  message?: string;
  hung?: boolean;
  observed: ObservedAttempt[];
}
export interface SoakStep {
  kind: "lifecycle" | "probe" | "forged";
  order: SoakOrder;
  n: number;
  requestId: string;
  status: string;
  orderModifyTime: number;
  body?: Record<string, unknown>;
  expectCode?: string;
  syncs: SyncRecord[];
  final: "success" | "failed" | "unknown" | undefined;
}
export interface SoakOrder {
  key: string;
  clientId: string;
  merchantBizNo: string;
  bizType: string;
  encrypted?: boolean;
  steps: SoakStep[];
  knownStatus?: string | undefined;
}
export interface SandboxSnapshot {
  events: readonly Record<string, any>[];
  orders: readonly Record<string, any>[];
  stats: Record<string, any>;
}
export interface SoakReport {
  options: SoakOptions & { faults: Record<string, unknown> };
  orders: number;
  snapshot: SandboxSnapshot;
  observer: { attempts: number; skewSpikes: number; nonLoopback: number; outsideSync: number };
  unknownAfterMain: number;
  mainMs: number;
  totalMs: number;
  failures: string[];
  table: string;
  summary: {
    logicalSyncs: number;
    recoverySyncs: number;
    byCode: Record<string, number>;
    events: Record<string, number>;
    faults: Record<string, number>;
  };
}
export declare function makePlan(
  options: Pick<SoakOptions, "syncs" | "seed" | "encryptedShare" | "probeShare" | "forgedShare">,
  clientIds: { plain: string; encrypted: string },
): SoakOrder[];
export declare function runSoak(
  options?: Partial<SoakOptions> & {
    faults?: Record<string, unknown>;
    log?: (line: string) => void;
  },
): Promise<SoakReport>;
export declare function checkSoak(input: {
  orders: SoakOrder[];
  snapshot: Pick<SandboxSnapshot, "events" | "orders">;
  maxAttempts: number;
}): string[];
export declare function formatReport(report: unknown): string;
