// @ts-check
// CPU accounting (Linux): how much CPU the machine spent, and how much of it went to processes other than the
// bench's own (the runtime under test, the server, this script). Other work on the machine slows both client and
// baseline, and is reported so that a number taken on a busy machine is not mistaken for a regression.
import { existsSync, readFileSync } from "node:fs";

/** @param {number} n */
const round = (n, digits = 0) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : null);

const TICKS_PER_SECOND = 100; // USER_HZ; the /proc interface reports in these units on Linux
const HAS_PROC = existsSync("/proc/stat");
function machineTicks() {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  return {
    busy: user + nice + system + irq + softirq + steal,
    total: fields.slice(0, 8).reduce((a, b) => a + b, 0),
    idle: idle + iowait,
  };
}
/** @param {number | undefined} pid */
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]); // utime stime cutime cstime
  } catch {
    return undefined; // exited
  }
}
/**
 * Samples the machine and the given pids every 200 ms; stop() returns average cores used.
 * @param {(number | undefined)[]} pids
 */
export function cpuMonitor(pids) {
  if (!HAS_PROC) return { add() {}, stop: () => null };
  const t0 = Date.now();
  const m0 = machineTicks();
  const self0 = process.cpuUsage();
  const first = new Map();
  const last = new Map();
  const sample = () => {
    for (const pid of pids) {
      const ticks = processTicks(pid);
      if (ticks === undefined) continue;
      if (!first.has(pid)) first.set(pid, ticks);
      last.set(pid, ticks);
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return {
    /** @param {number | undefined} pid */
    add(pid) {
      pids.push(pid);
      first.set(pid, 0); // a process started now: all its CPU time counts
      sample();
    },
    stop() {
      clearInterval(timer);
      sample();
      const seconds = (Date.now() - t0) / 1000;
      const m1 = machineTicks();
      const self = process.cpuUsage(self0);
      const ours =
        [...last.entries()].reduce((sum, [pid, ticks]) => sum + ticks - first.get(pid), 0) / TICKS_PER_SECOND +
        (self.user + self.system) / 1e6;
      const busy = (m1.busy - m0.busy) / TICKS_PER_SECOND;
      return {
        seconds: round(seconds, 1),
        machineBusyCores: round(busy / seconds, 2),
        benchCores: round(ours / seconds, 2),
        // what neither the runtime under test, the server nor this script used: other people's work
        otherCores: round(Math.max(0, busy - ours) / seconds, 2),
      };
    },
  };
}

/** More CPU than this (cores) used by other processes during a measurement: a noisy number, flagged as such. */
export const BUSY_CORES = 0.2;
