/**
 * An order's applied updates, oldest first. With many orders, histories are the bulk of what a sandbox holds, so
 * they are kept in three arrays of exact size (`concat` and `slice` allocate no spare room, unlike `push`) rather than
 * an object per update: about 55 bytes an update instead of 110, besides its requestId. Readers get the objects.
 */
import type { SandboxOrderUpdate } from "./records.js";

export class OrderHistory {
  private requestIds: readonly string[] = [];
  /** The status each update set; each one's `from` is the one before it. */
  private statuses: readonly string[] = [];
  /** orderModifyTime and `at` (epoch ms) of each update, in turn: an array of numbers only holds them unboxed. */
  private times: readonly number[] = [];
  /** The status before the oldest update kept (none when it created the order). */
  private before: string | undefined;

  get length(): number {
    return this.requestIds.length;
  }

  push(update: {
    readonly requestId: string;
    readonly from?: string;
    readonly to: string;
    readonly orderModifyTime: number;
    readonly at: number;
  }): void {
    if (this.requestIds.length === 0) this.before = update.from;
    this.requestIds = this.requestIds.concat(update.requestId);
    this.statuses = this.statuses.concat(update.to);
    this.times = this.times.concat(update.orderModifyTime, update.at);
  }

  /** Drops the oldest update. */
  shift(): void {
    this.before = this.statuses[0];
    this.requestIds = this.requestIds.slice(1);
    this.statuses = this.statuses.slice(1);
    this.times = this.times.slice(2);
  }

  /** The updates, oldest first, as `sandbox.order(...).history` gives them. */
  entries(): SandboxOrderUpdate[] {
    return this.requestIds.map((requestId, i) => {
      const from = i === 0 ? this.before : this.statuses[i - 1];
      const at = new Date(this.times[2 * i + 1]!).toISOString();
      return {
        requestId,
        ...(from !== undefined && { from }),
        to: this.statuses[i]!,
        orderModifyTime: this.times[2 * i]!,
        at,
      };
    });
  }
}
