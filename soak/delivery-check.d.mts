// Types of soak/delivery-check.mjs, for test/security/delivery-check.test.ts.
export interface DeliveryUpdate {
  order: number;
  n: number;
  merchantBizNo: string;
  status: string;
  orderModifyTime: number;
  refused: boolean;
  body: Record<string, unknown>;
  requestId?: string;
}
export interface DeliveryEntry {
  requestId: string;
  state: string;
  deadReason?: string;
  lastFailure?: Record<string, any>;
}
export interface Invariant {
  ok: boolean;
  checked: number;
  violations: number;
  examples: string[];
}
export declare function checkDelivery(run: {
  updates: DeliveryUpdate[];
  entries: Map<string, DeliveryEntry | undefined>;
  events: readonly Record<string, any>[];
  orders: readonly Record<string, any>[];
}): {
  everyUpdateSettled: Invariant;
  noRequestIdAppliedTwice: Invariant;
  finalStateIsNewestUpdate: Invariant;
  deadLettersDefiniteOrExpired: Invariant;
};
