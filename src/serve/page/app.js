// newsdex's page: plain JavaScript over the JSON API. The state (view, query, filters) is
// the URL's query string, so a link can be shared and the back button works.
"use strict";

const $ = (selector) => document.querySelector(selector);
const KINDS = [["person", "People"], ["org", "Organisations"], ["country", "Countries"], ["place", "Places"]];
const FILTERS = ["actor", "from", "to"];

// One element from a tag, attributes and children (strings become text, never HTML).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function state() {
  return new URLSearchParams(location.search);
}

// A link inside the page: a real address (it opens in a new tab too), followed with pushState.
function link(params, text, className) {
  const href = "/?" + params.toString();
  return el("a", {
    href, class: className, onclick: (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      go(params);
    },
  }, text);
}

function go(params) {
  history.pushState(null, "", "/?" + params.toString());
  render();
}

// The search state with a change applied, back on the results view.
function searchWith(change) {
  const params = new URLSearchParams();
  const current = state();
  if (current.get("q")) params.set("q", current.get("q"));
  for (const name of FILTERS) for (const value of current.getAll(name)) params.append(name, value);
  change(params);
  return params;
}

async function api(route, params) {
  const response = await fetch("/api/" + route + "?" + params.toString());
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

// Text with byte ranges (UTF-8, as the API gives them) wrapped in <mark>.
function highlighted(text, ranges) {
  const bytes = new TextEncoder().encode(text);
  const decode = (from, to) => new TextDecoder().decode(bytes.subarray(from, to));
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges || []) {
    if (start < at) continue;
    parts.push(decode(at, start), el("mark", {}, decode(start, end)));
    at = end;
  }
  parts.push(decode(at, bytes.length));
  return parts;
}

const day = (date) => (date ? date.slice(0, 10) : "undated");

function actorLink(actor) {
  return link(new URLSearchParams({ view: "actor", name: actor.name }), actor.name, "actor");
}

function articleParams(hit, q) {
  const params = new URLSearchParams({ view: "article", id: hit.article_id, path: hit.path });
  if (q) params.set("q", q);
  return params;
}

function hitCard(hit, q) {
  const actors = (hit.actors || []).slice(0, 8);
  const copies = hit.copies && hit.copies.length
    ? el("div", { class: "copies" }, `+${hit.copies.length} ${hit.copies.length === 1 ? "copy" : "copies"}: `,
      hit.copies.map((c) => `${c.source} ${day(c.date)}`).join(", "))
    : null;
  return el("div", { class: "hit" },
    el("h3", {}, link(articleParams(hit, q), hit.title || hit.article_id)),
    el("div", { class: "meta" }, `${day(hit.date)} · ${hit.source}`,
      actors.length ? " · " : "", actors.flatMap((a, i) => (i ? [", ", actorLink(a)] : [actorLink(a)]))),
    el("p", { class: "passage" }, highlighted(hit.text, hit.highlights)),
    copies);
}

// Bars of counts, clickable; peaks marked. `items`: {label, count, peak}.
function barChart(items, onPick, width = 600) {
  const ns = "http://www.w3.org/2000/svg";
  const height = 120, base = 100;
  const max = Math.max(1, ...items.map((i) => i.count));
  const step = width / Math.max(1, items.length);
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "chart");
  items.forEach((item, n) => {
    const h = Math.round((item.count / max) * (base - 12));
    const bar = document.createElementNS(ns, "rect");
    bar.setAttribute("x", n * step + 1);
    bar.setAttribute("y", base - h);
    bar.setAttribute("width", Math.max(1, step - 2));
    bar.setAttribute("height", Math.max(h, item.count ? 1 : 0));
    bar.setAttribute("class", item.peak ? "bar peak" : "bar");
    bar.setAttribute("data-bucket", item.label);
    const title = document.createElementNS(ns, "title");
    title.textContent = `${item.label}: ${item.count}${item.peak ? " (peak)" : ""}`;
    bar.append(title);
    bar.addEventListener("click", () => onPick(item));
    svg.append(bar);
    if (item.peak) {
      const mark = document.createElementNS(ns, "text");
      mark.setAttribute("x", n * step + step / 2);
      mark.setAttribute("y", base - h - 2);
      mark.setAttribute("text-anchor", "middle");
      mark.textContent = "▲";
      svg.append(mark);
    }
  });
  const labelEvery = Math.ceil(items.length / Math.max(1, Math.floor(width / 100)));
  items.forEach((item, n) => {
    if (n % labelEvery) return;
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", n * step + 1);
    label.setAttribute("y", height - 6);
    label.textContent = item.label;
    svg.append(label);
  });
  return svg;
}

// The side panel: active filters as chips, the date range, the histogram, top actors per kind.
function panel(facets) {
  const current = state();
  const chips = [];
  for (const actor of current.getAll("actor")) {
    chips.push(el("span", { class: "chip" }, actor, el("button", {
      "aria-label": `Remove ${actor}`, title: "Remove",
      onclick: () => go(searchWith((p) => {
        const kept = p.getAll("actor").filter((a) => a !== actor);
        p.delete("actor");
        kept.forEach((a) => p.append("actor", a));
      })),
    }, "×")));
  }
  if (current.get("from") || current.get("to")) {
    chips.push(el("span", { class: "chip" }, `${current.get("from") || "…"} – ${current.get("to") || "…"}`,
      el("button", { "aria-label": "Remove the date range", title: "Remove",
        onclick: () => go(searchWith((p) => { p.delete("from"); p.delete("to"); })) }, "×")));
  }
  const from = el("input", { name: "from", placeholder: "from", value: current.get("from") || "" });
  const to = el("input", { name: "to", placeholder: "to", value: current.get("to") || "" });
  const range = el("form", { class: "range", onsubmit: (event) => {
    event.preventDefault();
    go(searchWith((p) => {
      p.delete("from"); p.delete("to");
      if (from.value.trim()) p.set("from", from.value.trim());
      if (to.value.trim()) p.set("to", to.value.trim());
    }));
  } }, from, to, el("button", { type: "submit" }, "Set"));
  const parts = [];
  if (chips.length) parts.push(el("h2", {}, "Filters"), el("div", { class: "chips" }, chips));
  parts.push(el("h2", {}, "Dates"), range);
  if (facets && facets.dates.length) {
    parts.push(barChart(facets.dates.map((d) => ({ label: d.bucket, count: d.count })),
      (item) => go(searchWith((p) => { p.set("from", item.label); p.set("to", item.label); })), 280));
  }
  for (const [kind, heading] of KINDS) {
    const actors = facets ? facets.actors.filter((a) => a.kind === kind) : [];
    if (!actors.length) continue;
    parts.push(el("h2", {}, heading), el("ul", { class: "facet", "data-kind": kind }, actors.map((a) =>
      el("li", {}, el("button", {
        "data-actor": a.name,
        onclick: () => go(searchWith((p) => {
          if (!p.getAll("actor").includes(a.name)) p.append("actor", a.name);
        })),
      }, el("span", {}, a.name), el("span", { class: "count" }, String(a.articles)))))));
  }
  $("#panel").replaceChildren(...parts);
}

async function showSearch() {
  const current = state();
  const q = current.get("q") || "";
  const hasFilter = FILTERS.some((name) => current.get(name));
  if (!q.trim() && !hasFilter) {
    panel(null);
    $("#view").replaceChildren(el("p", { class: "summary" },
      "Type a query above: words, \"a phrase\", -excluded, title:word, AND / OR. ",
      "Click an actor to see their timeline."));
    return;
  }
  const params = searchWith(() => {});
  const offset = Number(current.get("offset") || 0);
  params.set("limit", "10");
  if (offset) params.set("offset", String(offset));
  const started = performance.now();
  const result = await api("search", params);
  const total = result.total;
  panel(result.facets);
  const hits = result.hits.map((hit) => hitCard(hit, q));
  const pager = el("div", { class: "pager" });
  if (offset > 0) {
    pager.append(link(searchWith((p) => p.set("offset", String(Math.max(0, offset - 10)))), "← Previous"));
  }
  if (result.hits.length === 10) {
    pager.append(link(searchWith((p) => p.set("offset", String(offset + 10))), "Next →"));
  }
  $("#view").replaceChildren(
    el("p", { class: "summary", id: "summary" }, total.articles
      ? `${total.articles} article${total.articles === 1 ? "" : "s"}, ${total.passages} passage${total.passages === 1 ? "" : "s"}`
      : "No matches", ` (${Math.round(performance.now() - started)} ms)`),
    el("div", { id: "hits" }, hits), pager);
  document.title = `${q || "filters"} · newsdex`;
  window.__newsdexShown = performance.now();
}

async function showArticle() {
  const current = state();
  const params = new URLSearchParams({ id: current.get("id") || "" });
  if (current.get("path")) params.set("path", current.get("path"));
  if (current.get("q")) params.set("q", current.get("q"));
  const article = await api("article", params);
  panel(null);
  const back = current.get("q") ? link(new URLSearchParams({ q: current.get("q") }), "← Results") : null;
  $("#view").replaceChildren(el("article", { class: "full" },
    back,
    el("h1", {}, article.title),
    el("div", { class: "meta" }, `${day(article.date)} · ${article.source} · ${article.path}`),
    el("div", { class: "meta" }, (article.actors || []).flatMap((a, i) => (i ? [", ", actorLink(a)] : [actorLink(a)]))),
    article.passages.map((p) => el("p", {}, highlighted(p.text, p.highlights)))));
  document.title = `${article.title} · newsdex`;
}

// The day before an ISO date (a bucket's `end` is the first day after it).
function dayBefore(iso) {
  const date = new Date(iso + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

async function showActor() {
  const current = state();
  const name = current.get("name") || "";
  const by = current.get("by") || "month";
  const scope = new URLSearchParams();
  for (const f of ["from", "to"]) if (current.get(f)) scope.set(f, current.get(f));
  const timelineParams = new URLSearchParams(scope);
  timelineParams.set("target", name);
  timelineParams.set("by", by);
  const cooccurParams = new URLSearchParams(scope);
  cooccurParams.set("name", name);
  cooccurParams.set("min-articles", "1");
  const [timeline, cooccur] = await Promise.all([
    api("timeline", timelineParams),
    api("cooccur", cooccurParams).catch(() => ({ items: [] })),
  ]);
  panel(null);
  const shown = timeline.actor || name;
  const chart = barChart(timeline.items.map((b) => ({ label: b.bucket, count: b.count, peak: b.peak, bucket: b })),
    (item) => go(new URLSearchParams([["actor", shown], ["from", item.bucket.start], ["to", dayBefore(item.bucket.end)]])));
  const units = ["day", "week", "month", "year"].map((unit) => unit === by
    ? el("strong", {}, unit)
    : link(new URLSearchParams({ view: "actor", name, by: unit }), unit));
  const buckets = timeline.items.filter((b) => b.best).map((b) => el("div", { class: "hit bucket" },
    el("h3", {}, `${b.bucket} · ${b.count} article${b.count === 1 ? "" : "s"} `, b.peak ? el("span", { class: "peak-tag" }, "peak") : null),
    el("div", { class: "meta" }, link(articleParams(b.best, ""), b.best.title), ` · ${b.best.source}`),
    el("p", { class: "passage" }, highlighted(b.best.text, b.best.highlights))));
  const rows = cooccur.items.map((row) => el("li", {},
    link(new URLSearchParams({ view: "actor", name: row.name }), row.name, "actor"),
    el("span", { class: "meta" }, ` ${row.kind} · ${row.articles} article${row.articles === 1 ? "" : "s"} together · npmi ${row.npmi}`),
    row.evidence ? el("p", { class: "passage" }, highlighted(row.evidence.text, row.evidence.highlights)) : null));
  $("#view").replaceChildren(
    el("h1", { id: "actor-name" }, shown),
    el("p", { class: "summary" }, link(new URLSearchParams([["actor", shown]]), "Search their articles"),
      " · by ", units.flatMap((u, i) => (i ? [" ", u] : [u]))),
    el("section", { id: "timeline" }, chart),
    el("h2", {}, "Seen with"), el("ul", { class: "cooccur", id: "cooccur" }, rows.length ? rows : el("li", {}, "No actor seen with them.")),
    el("h2", {}, "Best passage of each period"), el("div", { id: "buckets" }, buckets));
  document.title = `${shown} · newsdex`;
}

async function render() {
  const current = state();
  $("#q").value = current.get("view") === "actor" ? "" : current.get("q") || "";
  const view = current.get("view") || "search";
  try {
    if (view === "article") await showArticle();
    else if (view === "actor") await showActor();
    else await showSearch();
  } catch (error) {
    $("#view").replaceChildren(el("p", { class: "error", role: "alert" }, error.message));
  }
}

$("#search").addEventListener("submit", (event) => {
  event.preventDefault();
  go(searchWith((p) => {
    p.delete("q");
    const q = $("#q").value.trim();
    if (q) p.set("q", q);
  }));
});

document.querySelectorAll("[data-nav]").forEach((a) => a.addEventListener("click", (event) => {
  event.preventDefault();
  go(new URLSearchParams());
}));

// `/` focuses the search box, unless one is typing somewhere already.
document.addEventListener("keydown", (event) => {
  const typing = ["INPUT", "TEXTAREA"].includes(document.activeElement.tagName);
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    $("#q").focus();
    $("#q").select();
  }
});

window.addEventListener("popstate", render);

api("stats", new URLSearchParams()).then((stats) => {
  $("#stats").textContent = `${stats.articles} articles · ${stats.passages} passages · ${stats.actors} actors` +
    (stats.date_from ? ` · ${stats.date_from.slice(0, 10)} to ${(stats.date_to || "").slice(0, 10)}` : "");
}).catch(() => {});

render();
