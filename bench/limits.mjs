// @ts-check
// BENCHMARKS.md's "What limits each budget": for every budget, met or not, what sets the number, with this run's
// figures. Numbers that no run measures (the per-call costs of bench/profile.mjs) are quoted with the date they were
// taken; re-run `node bench/profile.mjs` when the client's per-call work changes.

const fx = (/** @type {unknown} */ n, digits = 2) => (typeof n === "number" ? n.toFixed(digits) : "–");
const bytes = (/** @type {unknown} */ n) => (typeof n === "number" ? `${n.toLocaleString("en-US")} B` : "–");

/**
 * "met (margin +0.04)", "NOT MET (short by 0.02)": how far a budget's number is from its line.
 * @param {import("./budgets.mjs").Budget} b
 */
export function statusOf(b) {
  if (b.met === null) return "not measured";
  const busy = b.busy ? ` (busy machine: ${b.otherCores} cores of other load)` : "";
  if (b.value === null || b.threshold === null) return `${b.met ? "met" : "NOT MET"}${busy}`;
  const margin = b.atMost ? b.threshold - b.value : b.value - b.threshold;
  const amount = b.bytes ? bytes(Math.abs(margin)) : Math.abs(margin).toFixed(3);
  return `${b.met ? `met (margin ${amount})` : `NOT MET (short by ${amount})`}${busy}`;
}

/**
 * The section, one line per kind of budget.
 * @param {{ results: any; budgets: import("./budgets.mjs").Budget[] }} run
 */
export function limitsSection({ results, budgets }) {
  const of = (/** @type {string} */ part) => budgets.filter((b) => b.name.includes(part) && b.met !== null);
  /** "node 0.990 (met), bun at 16 in flight 0.930 (NOT MET)": each runtime's number for one kind of budget. */
  const figures = (/** @type {string} */ part) =>
    of(part)
      .map((b) => {
        const where = b.name.includes(":") ? `${b.name.split(":")[0]} ` : "";
        const inFlight = / (\d+) in flight/.exec(b.name)?.[1];
        const value = b.bytes ? bytes(b.value) : fx(b.value, 3);
        return `${where}${inFlight ? `at ${inFlight} in flight ` : ""}${value} (${b.met ? "met" : "NOT MET"})`;
      })
      .join(", ");
  const R = (/** @type {string} */ name) => results.runtimes?.[name] ?? {};
  const out = [];
  const line = (/** @type {string} */ part, /** @type {string} */ title, /** @type {string} */ text) => {
    if (of(part).length) out.push(`- **${title}** (${figures(part)}): ${text}`);
  };

  line(
    "sign() ≥ 0.95",
    "sign() against crypto.subtle.sign",
    "both wait for the same RSA private-key operation (a few hundred µs). sign() adds a few µs around it: it " +
      "checks the message, encodes the content to sign, looks up the imported key and formats the Signature header.",
  );
  line(
    "verify() ≥",
    "verify() against crypto.subtle.verify",
    "the public-key operation is short (" +
      ["node", "deno", "bun"].map((n) => `${fx(1e6 / R(n).subtleVerifyPerSec, 0)} µs on ${n}`).join(", ") +
      "), so the strict reading of the Signature header (its form, percent-decoding, base64) shows: a few µs. " +
      "The interleaved ratios are the steadier estimate.",
  );
  line(
    "syncOrder ≥",
    "syncOrder against the baseline with the same timeout",
    "the baseline signs, sends with a timeout signal and verifies; syncOrder also validates the order, serialises " +
      "it once for every attempt and reads the bytes back (what is validated is what is sent), and classifies the " +
      "answer. `node bench/profile.mjs` (Node 20, 2026-12-07) puts that at about 50-65 µs of CPU per call with the " +
      "network taken out. What cost Node its gap at 1 in flight was validation run cold, between two HTTP calls: " +
      "its dozen keyword reads per schema node were megamorphic property loads on thirty-odd node shapes, and it " +
      "copied its context seven times per order. Each node is now read through one object shape, and the context is " +
      "spelled out: validateOrder timed between real calls (profile section 4) went from about 45 to 26-31 µs. " +
      "What is left is the rest of that per-call work and the spread between runs, which the 24 s of interleaved " +
      "pairs narrows. " +
      "At 16 in flight client and server share the two cores, so every µs of CPU counts.",
  );
  line(
    "openssl speed",
    "sign() against openssl speed, one core",
    `crypto.subtle.sign reaches ${fx(results.node?.ratios?.subtleSignVsOpenssl)} of it and node:crypto's synchronous ` +
      `sign ${fx(results.node?.ratios?.nodeCryptoSignVsOpenssl)}: every crypto.subtle call is a job handed to libuv's ` +
      "thread pool and back. Closing the gap would take a Node-only node:crypto path, which a library of web APIs " +
      "only cannot have.",
  );
  line(
    "alipay-sdk",
    "sign() against alipay-sdk's signing",
    "alipay-sdk hands node:crypto the PEM text on every call, which parses it each time; sign() imports the key " +
      "once. The RSA operation itself is the same.",
  );
  line(
    "cold start",
    "cold start",
    "beyond the baseline's inline sign and verify, a fresh client evaluates its bundle (the schema table " +
      "included), checks its options, reads the PEM containers, signs once at import to prove the private key " +
      "usable (Deno imports a damaged PKCS#8 key and fails only when signing), and validates with code that has " +
      "not run before.",
  );
  line(
    "calling only syncOrder",
    "the syncOrder-only bundle",
    `the signing core (key import in every form, sign, verify, Request-Time) and the validator come first; ` +
      `syncOrder's own schemas and client code add ${bytes(results.size?.perOperationGzip?.syncOrder)}. ` +
      "Each byte of per-call speed bought with code (a cache, a fast path) is paid here.",
  );
  line(
    "unused operations",
    "what unused operations add",
    "an operation's schemas live in its own descriptor, which a bundle imports by name, so the table of " +
      "another operation is left out; what remains is the shared descriptor code.",
  );
  const load = results.sandbox?.load;
  if (load)
    out.push(
      "- **The sandbox under load** (its own section): the event log, each order's history and the stored answers " +
        "are capped (the retention setting) and drop their oldest, so memory stops growing once they are full; the " +
        "console's state is built from the cards and requests the page shows, never from the whole log, and its poll " +
        "from what changed since the page's last sequence number.",
    );
  out.push(
    "- **Delivery**: see its own section. Bundle content checks pass or fail on what a bundle holds, not on a number.",
  );
  return `\n## What limits each budget\n\n${out.join("\n")}\n`;
}
