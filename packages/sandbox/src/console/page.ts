/**
 * The console page: plain HTML, CSS and JavaScript, no framework and nothing fetched from elsewhere. The script
 * loads /console/state once, then every second asks only for what changed since (`?since=<seq>`), merges it and
 * rebuilds the lists when something did; "Show more" buttons page through cards and requests. Everything from the
 * state is inserted as text (textContent / append of strings), never as HTML: bodies and Client-Ids come from
 * whoever sent requests.
 */

export const CONSOLE_STYLE = `
:root{--fg:#1b1f24;--muted:#4a5360;--bg:#f5f6f8;--card:#fff;--line:#cdd3db;--focus:#0b57d0;
--ok:#0a5c2b;--ok-bg:#e3f4e8;--warn:#6b4600;--warn-bg:#fdf1d3;--bad:#9e1020;--bad-bg:#fde4e7;--info:#4a2b8c;--info-bg:#ece6fa}
*{box-sizing:border-box}
body{margin:0;overflow-wrap:anywhere;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header.top{background:#10304f;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline}
header.top h1{font-size:1.25rem;margin:0}
header.top p{margin:0;color:#e3ecf5}
.skip{position:absolute;left:-100vw}.skip:focus{left:.5rem;top:.5rem;background:#fff;color:var(--fg);padding:.5rem;z-index:1}
main{padding:1rem;display:grid;gap:1rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:960px){main{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}#controls{grid-column:1/-1}}
h2{font-size:1.15rem;margin:0 0 .5rem}h3{font-size:1rem;margin:1rem 0 .5rem}h4{font-size:1rem;margin:0;overflow-wrap:anywhere}
section{min-width:0}
#controls{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:end}
#controls h2{flex-basis:100%;margin:0}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
label{display:flex;flex-direction:column;font-size:.875rem;color:var(--muted);gap:.15rem}
select,button{font:inherit;min-height:2.5rem;padding:.25rem .6rem;border:1px solid #6b7380;border-radius:6px;background:#fff;color:var(--fg)}
button{cursor:pointer;background:#0b57d0;border-color:#0b57d0;color:#fff;font-weight:600}
button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
#notice{margin:0;min-height:1.45em;flex-basis:100%;color:var(--muted)}
details.key{flex-basis:100%}
pre{margin:.25rem 0;padding:.5rem;background:#f0f2f5;border:1px solid var(--line);border-radius:6px;overflow-x:auto;font:13px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
ol,ul{margin:0;padding:0;list-style:none}
.cards{display:grid;gap:.75rem;grid-template-columns:repeat(auto-fill,minmax(min(100%,19rem),1fr))}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.75rem;min-width:0}
.scenario{margin:0;font-size:.875rem;color:var(--muted)}
.status{margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem .5rem;align-items:baseline}
.status strong{font-size:1.1rem}
.amount{margin:.25rem 0;font-size:1.1rem;font-weight:600}
dl{margin:.25rem 0;display:grid;grid-template-columns:auto minmax(0,1fr);gap:0 .5rem;font-size:.875rem}dt{color:var(--muted)}dd{margin:0;overflow-wrap:anywhere}
.timeline li{border-left:3px solid var(--line);padding:.25rem 0 .35rem .6rem;font-size:.875rem;overflow-wrap:anywhere}
.tag{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.02em}
.applied .tag,.ok{background:var(--ok-bg);color:var(--ok)}.stale .tag,.replayed .tag{background:var(--warn-bg);color:var(--warn)}
.refused .tag,.rejected .tag,.bad{background:var(--bad-bg);color:var(--bad)}.fault .tag,.faulted{background:var(--info-bg);color:var(--info)}
.timeline .applied{border-color:var(--ok)}.timeline .stale,.timeline .replayed{border-color:#b7860b}.timeline .refused{border-color:var(--bad)}
.muted{color:var(--muted)}
#log>li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem;margin-bottom:.5rem;min-width:0}
.meta{display:flex;flex-wrap:wrap;gap:.15rem .75rem;font-size:.875rem;overflow-wrap:anywhere}
.diagnosis{margin-top:.35rem;font-size:.875rem}.diagnosis p{margin:.25rem 0}
.diagnosis ul{list-style:disc;padding-left:1.25rem}
.tag.doubt,.note{background:var(--warn-bg);color:var(--warn)}
.note{margin:.35rem 0 0;padding:.25rem .5rem;border-radius:4px;font-size:.875rem}
`;

export const CONSOLE_SCRIPT = `
"use strict";
const $ = (id) => document.getElementById(id);
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) if (v !== undefined && v !== false) node.setAttribute(k, v === true ? "" : v);
  for (const c of children.flat(9)) if (c !== undefined && c !== null && c !== false) node.append(c);
  return node;
}
const clock = (iso) => iso.slice(11, 19);
// Hong Kong time: UTC+8 all year (no daylight saving); the date too when it is not UTC's
const hongKong = (iso) => {
  const hk = new Date(Date.parse(iso) + 8 * 3600e3).toISOString();
  return (hk.slice(0, 10) === iso.slice(0, 10) ? "" : hk.slice(5, 10) + " ") + clock(hk);
};
const OUTCOME_WORDS = { applied: "applied", stale: "ignored as stale", refused: "refused", replayed: "replayed" };

function card(c) {
  const id = "card-" + c.id;
  return h("li", {}, h("article", { class: "card", "aria-labelledby": id },
    h("h4", { id }, c.title),
    h("p", { class: "scenario" }, c.scenario + (c.scenarioText ? " · " + c.scenarioText : "")),
    h("p", { class: "status" }, c.status ? h("strong", {}, c.status) : h("strong", {}, "no status"), h("span", {}, c.statusText)),
    c.amount && h("p", { class: "amount" }, h("span", { class: "muted" }, "amount "), c.amount),
    c.facts.length > 0 && h("dl", {}, c.facts.map((f) => [h("dt", {}, f.label), h("dd", {}, f.value)])),
    h("h5", { class: "muted" }, "Timeline" + (c.earlier ? " (" + c.earlier + " earlier updates not kept)" : "")),
    h("ol", { class: "timeline" }, c.timeline.map((t) =>
      h("li", { class: t.outcome },
        h("span", { class: "tag" }, OUTCOME_WORDS[t.outcome]), " ",
        h("strong", {}, (t.from && t.outcome === "applied" ? t.from + " → " : "") + (t.to || "")),
        t.resultCode ? " · " + t.resultCode : "",
        h("br"),
        h("span", { class: "muted" }, (t.moment ? t.moment.label + " " + t.moment.text : "") + " · seen " + clock(t.at)),
        t.outcome !== "applied" && t.message ? h("div", {}, t.message) : null)))));
}

function diagnosis(d) {
  if (d.kind === "params") return h("div", { class: "diagnosis" }, h("p", {}, "Validation problems:"), h("ul", {}, d.problems.map((p) => h("li", {}, p))));
  if (d.kind === "status") return h("div", { class: "diagnosis" }, h("p", {}, "Refused by the rule: ", h("strong", {}, d.rule)));
  return h("div", { class: "diagnosis" },
    h("p", {}, h("strong", {}, "Likely cause: "), d.explanation),
    h("p", {}, "keyVersion: " + (d.keyVersion ?? "none in the header") + (d.algorithm ? " · algorithm: " + d.algorithm : "")),
    h("p", {}, "Expected signed content (POST <path>, newline, <Client-Id>.<Request-Time>.<body>):"),
    h("pre", { class: "expected" }, d.expectedContent),
    h("p", { class: "muted" }, "SHA-256 of it: " + d.expectedDigest + (d.signedDigest ? "; the signature covers: " + d.signedDigest : "")));
}

function request(r) {
  const refused = r.outcome === "rejected";
  return h("li", { class: r.fault ? "fault" : r.outcome },
    h("div", { class: "meta" },
      h("time", { datetime: r.at, title: r.at }, clock(r.at) + " UTC · " + hongKong(r.at) + " HKT"),
      h("strong", {}, r.operation),
      h("span", {}, "Client-Id " + (r.clientId ?? "—")),
      r.merchantBizNo !== undefined ? h("span", {}, "merchantBizNo " + r.merchantBizNo) : null,
      h("span", {}, "requestId " + (r.requestId ?? "—")),
      r.status !== undefined ? h("span", {}, "status sent " + r.status) : null,
      h("span", { class: "tag " + (refused ? "bad" : r.note ? "doubt" : r.resultCode === "SUCCESS" ? "ok" : "") },
        r.resultCode || "HTTP " + (r.httpStatus ?? "none")),
      r.attempt > 1 ? h("span", {}, "attempt " + r.attempt) : null,
      r.fault ? h("span", { class: "tag faulted" }, "fault " + r.fault) : null,
      r.outcome === "stale" ? h("span", { class: "tag stale" }, "ignored as stale") : null),
    refused && r.message && !r.diagnosis ? h("p", { class: "diagnosis" }, r.message) : null,
    r.note ? h("p", { class: "note" }, h("strong", {}, "Note: "), r.note) : null,
    r.diagnosis ? diagnosis(r.diagnosis) : null);
}

// What the page shows: the last state's header, the cards by id (Map order: id order) and the requests, newest first.
let view = null, last = "";
const get = async (query) => (await fetch("console/state" + query, { cache: "no-store" })).text();
const lastId = () => [...view.cards.keys()].pop() ?? 0;

function render() {
  const s = view.s, cards = [...view.cards.values()], requests = view.requests;
  const orders = cards.filter((c) => c.status).length;
  const refused = requests.filter((r) => r.outcome === "rejected").length;
  $("summary").textContent = orders + " order" + (orders === 1 ? "" : "s") + " · " + s.requestCount + " request" + (s.requestCount === 1 ? "" : "s") + " · " + refused + " refused · seed " + s.seed;
  const kind = $("kind");
  if (!kind.options.length) kind.replaceChildren(...s.faultKinds.map((k) => h("option", { value: k }, k)));
  const q = s.queuedFaults;
  $("queued").textContent = q.length ? "Queued for the next request" + (q.length > 1 ? "s, in order: " : ": ") + q.join(", ") : "No fault queued.";
  $("key").textContent = s.alipayPublicKey;
  const merchants = new Map();
  for (const c of cards) merchants.has(c.clientId) ? merchants.get(c.clientId).push(c) : merchants.set(c.clientId, [c]);
  $("merchants").replaceChildren(...(merchants.size ? [...merchants].map(([id, list]) =>
    h("section", { "aria-label": "Merchant " + id }, h("h3", {}, "Client-Id " + id), h("ol", { class: "cards" }, list.map(card))))
    : [h("p", { class: "muted" }, "No orders yet. Sync one with the client, pointed at this address.")]));
  $("more-cards").hidden = !view.more;
  $("more-cards").textContent = "Show more (" + Math.max(0, s.cardCount - cards.length) + " not shown)";
  $("log").replaceChildren(...requests.map(request));
  const older = Math.max(0, s.requestTotal - requests.length);
  $("older").textContent = older ? older + " older requests not shown." : requests.length ? "" : "No requests yet.";
  $("more-requests").hidden = !older;
  const d = s.retention.dropped, l = s.retention.limits;
  $("dropped").textContent = d.events + d.history + d.answers ? "Dropped so far, oldest first: " + d.events + " events, " + d.history + " history entries, " + d.answers +
    " remembered answers (kept: the newest " + l.events + " events, " + l.historyPerOrder + " updates per order, " + l.answers + " answers per Client-Id)." : "";
}

// A full state replaces what is shown; an incremental one (full: false) is merged into it.
function take(text) {
  if (text === last) return;
  last = text;
  const s = JSON.parse(text);
  if (s.full || !view) view = { cards: new Map(), requests: [], keep: 200, more: s.nextCards !== undefined };
  for (const m of s.merchants) for (const c of m.cards) view.cards.set(c.id, c);
  // more new requests than one answer holds (olderRequests): the new ones replace the list
  view.requests = (s.full || s.olderRequests ? s.requests : s.requests.concat(view.requests)).slice(0, view.keep);
  // earlier requests whose note changed (a re-send of their requestId came)
  for (const u of s.updatedRequests || []) {
    const i = view.requests.findIndex((r) => r.seq === u.seq);
    if (i >= 0) view.requests[i] = u;
  }
  view.s = s;
  render();
}

const since = () => view ? "?since=" + view.s.seq + "&epoch=" + view.s.epoch + (view.more ? "&cardsUpTo=" + lastId() : "") : "";

async function poll() {
  try {
    take(await get(since()));
  } catch (e) {
    $("summary").textContent = "The sandbox does not answer; retrying.";
  }
  setTimeout(poll, 1000);
}

// The next page of a list: cards after the last shown, requests before the oldest shown.
async function more(query, add) {
  try {
    const s = JSON.parse(await get(query));
    if (s.epoch !== view.s.epoch) view = null, last = ""; // reset meanwhile: the next poll starts over
    else add(s), render();
  } catch (e) {
    $("notice").textContent = "The sandbox does not answer.";
  }
}
$("more-cards").addEventListener("click", () => more("?cardsAfter=" + lastId(), (s) => {
  for (const m of s.merchants) for (const c of m.cards) view.cards.set(c.id, c);
  view.more = s.nextCards !== undefined;
}));
$("more-requests").addEventListener("click", () => more("?requestsBefore=" + view.requests[view.requests.length - 1].seq, (s) => {
  view.requests = view.requests.concat(s.requests);
  view.keep = view.requests.length;
}));

async function post(path, body, done) {
  try {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
    const answer = await response.json();
    $("notice").textContent = response.ok ? done : "Refused: " + answer.error;
    view = null, last = "";
    take(await get(""));
  } catch (e) {
    $("notice").textContent = "The sandbox does not answer: nothing was changed.";
  }
}

$("fault").addEventListener("submit", (event) => {
  event.preventDefault();
  const kind = $("kind").value, processed = $("processed").value;
  post("console/fault", processed ? { kind, processed: processed === "yes" } : { kind }, "");
});
$("reset").addEventListener("click", () => post("console/reset", {}, "The sandbox was reset: no orders, requests or queued faults."));
poll();
`;

/** The whole page, with the style and script inline (the routes allow exactly these by hash). */
export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AlipayHK sandbox console</title>
<style>${CONSOLE_STYLE}</style>
</head>
<body>
<a class="skip" href="#orders">Skip to orders</a>
<header class="top"><h1>AlipayHK sandbox console</h1><p id="summary" role="status">Loading…</p></header>
<main>
<section id="controls" aria-labelledby="controls-title">
<h2 id="controls-title">Controls</h2>
<form id="fault">
<label>Fault for the next request<select id="kind" name="kind"></select></label>
<label>Processed before the fault?<select id="processed" name="processed"><option value="">as the seed decides</option><option value="yes">yes</option><option value="no">no</option></select></label>
<button type="submit">Queue fault</button>
</form>
<p id="queued" role="status">No fault queued.</p>
<button id="reset" type="button" class="danger">Reset sandbox</button>
<p id="notice" role="status" aria-live="polite"></p>
<details class="key"><summary>The sandbox's public key (the client's alipayPublicKey)</summary><pre id="key"></pre></details>
</section>
<section id="orders" aria-labelledby="orders-title" tabindex="-1">
<h2 id="orders-title">Orders, by merchant</h2>
<div id="merchants"></div>
<button id="more-cards" type="button" hidden>Show more</button>
</section>
<section id="requests" aria-labelledby="requests-title">
<h2 id="requests-title">Requests, newest first</h2>
<ol id="log"></ol>
<p id="older" class="muted"></p>
<button id="more-requests" type="button" hidden>Show older requests</button>
<p id="dropped" class="muted"></p>
</section>
</main>
<script>${CONSOLE_SCRIPT}</script>
</body>
</html>
`;
}
