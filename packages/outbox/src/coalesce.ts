/**
 * Coalescing (the outbox's `coalesce` option): which order a call updates, and whether it may be left unsent when a
 * newer update of that order is delivered. Only order sync coalesces:
 * - its order is (merchantAccountId, merchantBizNo) within one client, and AlipayHK applies an update only when its
 *   orderModifyTime is newer than the last applied one; so once a newer update is delivered, an older one sent
 *   afterwards changes nothing;
 * - performance notifications do not: `SEND` creates a notification that `UPDATE` needs (an UPDATE of a missing one
 *   is refused), a lapsed one needs its SEND again, and that an older `bizDate` is discarded is only our reading of
 *   the pages. Skipping one of them could change what AlipayHK shows, not just save a request.
 */
import { VARIANTS } from "alipayhk-order";
import type { StoredCall } from "./call.js";
import type { OrderRef } from "./store.js";

interface VariantRules {
  readonly endStatuses: readonly string[];
  readonly onlyFrom: Readonly<Record<string, readonly string[]>>;
  readonly onlyTo: Readonly<Record<string, readonly string[]>>;
}

/** The call's order and its place among that order's updates, or undefined for a call that never coalesces. */
export function orderRef(call: StoredCall): OrderRef | undefined {
  if (call.operationId !== "syncOrder") return undefined;
  const { merchantBizNo, merchantAccountId, merchantId, orderModifyTime, merchantBizType, orderStatus } = call.body;
  if (typeof merchantBizNo !== "string" || !Number.isSafeInteger(orderModifyTime)) return undefined;
  // the deprecated merchantId names the same account; a call that names neither is the direct merchant's
  const account = [merchantAccountId, merchantId].find((id) => typeof id === "string") ?? null;
  return {
    key: JSON.stringify([call.operationId, account, merchantBizNo]),
    at: orderModifyTime as number,
    skippable: skippable(merchantBizType, orderStatus),
  };
}

/**
 * Whether a newer update applied without this one is accepted as it would be after it (for updates that move the
 * order forward): not when its status is an end status (no other status may follow it), nor one the scenario's move
 * rules name (LINE_UP's CANCELLED comes only after CALL_NUM: dropping a CALL_NUM would get the CANCELLED refused).
 */
function skippable(bizType: unknown, status: unknown): boolean {
  const scenarios: Record<string, VariantRules> = VARIANTS.syncOrder.values;
  if (typeof bizType !== "string" || typeof status !== "string" || !Object.hasOwn(scenarios, bizType)) return false;
  const { endStatuses, onlyFrom, onlyTo } = scenarios[bizType]!;
  const named = [onlyFrom, onlyTo].some(
    (rule) => Object.hasOwn(rule, status) || Object.values(rule).some((list) => list.includes(status)),
  );
  return !endStatuses.includes(status) && !named;
}
