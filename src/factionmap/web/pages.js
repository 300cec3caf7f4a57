/* The pages: network, actor, document, camps, contradictions, documents, ingest. */
"use strict";
window.FM = window.FM || {};
const el = (...args) => FM.el(...args);

FM.TYPES = ["SUPPORT", "AID", "COOPERATE", "AGREE", "CONSULT", "CONCEDE", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];

FM.months = function (first, last) {
  if (!first || !last) return [];
  const out = [];
  let [y, m] = first.slice(0, 7).split("-").map(Number);
  const [ly, lm] = last.slice(0, 7).split("-").map(Number);
  while (y < ly || (y === ly && m <= lm)) { out.push(`${y}-${String(m).padStart(2, "0")}`); m += 1; if (m > 12) { m = 1; y += 1; } }
  return out;
};

FM.filterForm = function (state, health, outlets, onChange) {
  const months = FM.months(health.published_min, health.published_max);
  const typeSelect = el("select", { id: "f-type", "aria-label": "event type" }, el("option", { value: "", text: "all types" }),
    FM.TYPES.map((t) => el("option", { value: t, text: t, selected: state.type === t })));
  const outletSelect = el("select", { id: "f-outlet", "aria-label": "outlet" }, el("option", { value: "", text: "all outlets" }),
    outlets.map((o) => el("option", { value: o.outlet, text: `${o.outlet} (${o.documents})`, selected: state.outlet === o.outlet })));
  const confidence = el("input", { id: "f-conf", type: "range", min: 0, max: 1, step: 0.05, value: state.min_confidence || 0 });
  const confLabel = el("span", { class: "muted", text: Number(state.min_confidence || 0).toFixed(2) });
  const comments = el("input", { id: "f-comments", type: "checkbox", checked: !!state.include_comments });
  const actor = el("input", { id: "f-actor", type: "search", placeholder: "actor id or name", value: state.actor || "", list: "search-list" });
  const hops = el("select", { id: "f-hops", "aria-label": "hops" }, el("option", { value: "", text: "its conflict piece" }),
    [1, 2, 3].map((h) => el("option", { value: h, text: `ego, ${h} hop${h > 1 ? "s" : ""}`, selected: String(state.hops) === String(h) })));
  const country = el("input", { id: "f-country", type: "text", size: 4, maxlength: 3, placeholder: "ISO-3", value: state.country || "" });
  const slider = el("div", { class: "slider" });
  let since = null, until = null;
  if (months.length > 1) {
    since = el("input", { id: "f-since", type: "range", min: 0, max: months.length - 1, value: Math.max(0, months.indexOf(state.since || months[0])) });
    until = el("input", { id: "f-until", type: "range", min: 0, max: months.length - 1, value: state.until ? months.indexOf(state.until) : months.length - 1 });
    const label = el("span", { class: "muted" });
    const show = () => { label.textContent = `${months[since.value]} – ${months[until.value]}`; };
    since.addEventListener("input", show); until.addEventListener("input", show); show();
    FM.append(slider, [el("label", {}, "from ", since), el("label", {}, " to ", until), label]);
  } else {
    FM.append(slider, el("span", { class: "muted", text: months.length ? `all documents from ${months[0]}` : "no dated documents: time slider off" }));
  }
  confidence.addEventListener("input", () => { confLabel.textContent = Number(confidence.value).toFixed(2); });
  const form = el("form", { class: "filters", id: "filters" },
    el("fieldset", {}, el("legend", { text: "Time" }), slider),
    el("fieldset", {}, el("legend", { text: "Events" }), typeSelect, outletSelect,
      el("label", {}, " min confidence ", confidence, confLabel), el("label", {}, comments, " include comments")),
    el("fieldset", {}, el("legend", { text: "Scope" }), actor, hops, el("label", {}, " or country ", country)),
    el("button", { type: "submit", text: "Apply" }));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const next = {
      type: typeSelect.value, outlet: outletSelect.value, min_confidence: Number(confidence.value) || "",
      include_comments: comments.checked ? "true" : "", actor: actor.value.trim(), hops: actor.value.trim() ? hops.value : "",
      country: country.value.trim().toUpperCase(),
    };
    if (since && until) {
      const a = Math.min(Number(since.value), Number(until.value)), b = Math.max(Number(since.value), Number(until.value));
      if (a > 0) next.since = months[a];
      if (b < months.length - 1) next.until = months[b];
    }
    onChange(next);
  });
  return form;
};

FM.mapParams = function (state) {
  const keys = ["since", "until", "type", "outlet", "min_confidence", "include_comments", "actor", "hops", "country"];
  return Object.fromEntries(keys.filter((k) => state[k]).map((k) => [k, state[k]]));
};

FM.pages = {};

FM.pages.network = async function (view, state) {
  const [health, outlets] = await Promise.all([FM.api("/api/health"), FM.api("/api/outlets")]);
  const params = FM.mapParams(state);
  const graphBox = el("div", { class: "graph", id: "graph" }, el("p", { class: "muted", text: "Building the network…" }));
  const side = el("aside", { class: "side", id: "edge-panel" }, el("p", { class: "muted", text: "Click an edge to read the sentences it rests on." }));
  const campsBox = el("section", { class: "camps-box", id: "camps-box" });
  const table = el("section", { class: "edge-table" });
  const go = (next) => { window.location.hash = "#/network?" + new URLSearchParams(FM.mapParams(next)).toString(); };
  const formats = [["graphml", "GraphML"], ["gexf", "GEXF"], ["csv", "CSV tables"], ["parquet", "Parquet tables"], ["plover-jsonl", "PLOVER JSONL"], ["cameo-tsv", "CAMEO TSV"]];
  const downloads = el("p", { class: "downloads muted" }, "Download these events: ", formats.map(([f, label], i) => [i ? " · " : "",
    FM.downloadLink("/api/export", Object.assign({}, params, { format: f }), label)]));
  FM.append(FM.clear(view), [
    el("h1", { text: "Who sides with whom" }),
    FM.filterForm(state, health, outlets, go),
    el("div", { class: "network-row" }, graphBox, side),
    campsBox, downloads, table,
  ]);
  const campsAsked = FM.api("/api/camps", params);
  let data;
  try { data = await FM.api("/api/network", params); } catch (error) { FM.clear(graphBox).appendChild(FM.errorBox(error)); return; }
  if (!data.edges.length) { FM.clear(graphBox).appendChild(el("p", { class: "muted", text: "No relations match these filters. Ingest documents or widen the filters." })); return; }
  const showEdge = (edge) => FM.showEdge(side, edge, data, params);
  const drawn = FM.drawNetwork(graphBox, data, showEdge);
  FM.edgeTable(table, data, showEdge);
  FM.append(campsBox, el("p", { class: "muted", text: "Solving camps…" }));
  try {
    const camps = await campsAsked;
    camps.camps.forEach((camp, i) => camp.actors.forEach((a) => drawn.colour(a.id, i)));
    FM.campsSummary(campsBox, camps, data);
  } catch (error) { FM.clear(campsBox).appendChild(FM.errorBox(error)); }
  view.setAttribute("data-ready", "network");
};

FM.campsSummary = function (box, camps, data) {
  FM.append(FM.clear(box), el("h2", { text: `${camps.camps.length} camp${camps.camps.length === 1 ? "" : "s"}` }));
  camps.camps.forEach((camp, i) => {
    FM.append(box, el("div", { class: "camp", "data-camp": i },
      el("span", { class: "swatch", "data-colour": i }), el("strong", { text: `Camp ${i + 1}: ` }),
      camp.actors.map((a, j) => [j ? ", " : "", FM.actorLink(a)])));
  });
  if (camps.unassigned.length) FM.append(box, el("div", { class: "camp muted" }, "Unassigned: ", camps.unassigned.map((a, j) => [j ? ", " : "", FM.actorLink(a)])));
  const shown = data && data.edges.length ? ` · showing ${data.edges.length} of ${data.total_edges} edges` : "";
  FM.append(box, el("p", { class: "muted", text: `frustration ${camps.frustration} · ${camps.violations.length} violating edge(s)${shown}` }));
};

FM.edgeTable = function (box, data, onEdge) {
  const rows = data.edges.slice(0, 40).map((e) => el("tr", { class: "edge-row", "data-edge": e.source + "|" + e.target, tabindex: 0, onclick: () => onEdge(e) },
    el("td", { text: FM.nodeName(data, e.source) }), el("td", { text: FM.nodeName(data, e.target) }),
    el("td", { class: e.sign > 0 ? "pos" : e.sign < 0 ? "neg" : "", text: e.weight.toFixed(2) }),
    el("td", { text: e.count }), el("td", { text: Object.entries(e.types).map(([t, n]) => `${t}×${n}`).join(", ") })));
  FM.append(FM.clear(box), el("h2", { text: "Strongest edges" }),
    el("table", {}, el("thead", {}, el("tr", {}, ["source", "target", "weight", "events", "types"].map((h) => el("th", { text: h })))), el("tbody", {}, rows)));
};

FM.showEdge = async function (side, edge, data, params) {
  FM.clear(side).appendChild(el("p", { class: "muted", text: "Loading evidence…" }));
  try {
    const unscoped = Object.assign({}, params, { actor: "", hops: "", country: "" });
    const [body, months] = await Promise.all([
      FM.api("/api/edge", Object.assign({}, unscoped, { source: edge.source, target: edge.target })),
      FM.api("/api/timeline", Object.assign({}, unscoped, { of: edge.source, other: edge.target, period: "month" })),
    ]);
    FM.append(FM.clear(side), [
      el("h2", {}, FM.actorLink({ id: edge.source, name: FM.nodeName(data, edge.source) }), " – ", FM.actorLink({ id: edge.target, name: FM.nodeName(data, edge.target) })),
      el("p", { class: "muted", text: `weight ${edge.weight.toFixed(2)} · ${edge.count} event(s) · ${edge.documents} document(s)` }),
      months.length > 1 ? el("div", { class: "pair-timeline" }, el("h3", { text: "The pair month by month" }), FM.timelineChart(months, { width: 380, height: 150 })) : null,
      el("ol", { class: "events", id: "edge-events" }, body.items.map(FM.eventItem)),
    ]);
    side.setAttribute("data-edge", edge.source + "|" + edge.target);
  } catch (error) { FM.clear(side).appendChild(FM.errorBox(error)); }
};

FM.pages.actor = async function (view, state, id) {
  const a = await FM.api("/api/actors/" + encodeURIComponent(id), FM.mapParams(state));
  const partners = (title, list) => el("section", { class: "partners" }, el("h2", { text: title }),
    list.length ? el("ol", {}, list.map((p) => el("li", {}, FM.actorLink(p.actor), ` ${p.weight.toFixed(2)} (${p.events} events)`))) : el("p", { class: "muted", text: "none" }));
  const events = el("ol", { class: "events" });
  const more = el("button", { type: "button", text: "More events" });
  let cursor = null;
  const load = async () => {
    const page = await FM.api("/api/events", { actor: id, limit: 20, cursor: cursor });
    FM.append(events, page.items.map(FM.eventItem));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  more.addEventListener("click", load);
  FM.append(FM.clear(view), [
    el("h1", { text: a.name }),
    el("p", { class: "codes" }, el("span", { class: "code", text: a.code || "no code" }), ` ${a.kind} · country ${a.country || "–"} · sector ${a.sector || "–"} · ${a.known ? "in the actor file" : "not in any actor file"} · id ${a.id}`),
    el("p", {}, `${a.mentions} mentions in ${a.documents} documents, ${a.events} events.`),
    a.affiliations.length ? el("p", {}, "Affiliated with ", a.affiliations.map((x, i) => [i ? ", " : "", FM.actorLink(x)])) : null,
    el("p", { class: "muted", text: "Named as: " + a.names.map((n) => `${n.text} (${n.count})`).join(", ") }),
    el("p", {}, a.camp === null ? "No camp in its conflict piece." : [`Camp ${a.camp + 1} of its conflict piece, with `, a.camp_members.map((m, i) => [i ? ", " : "", FM.actorLink(m)]), "."],
      " ", el("a", { href: "#/network?actor=" + encodeURIComponent(a.id), text: "Show its piece on the network" })),
    el("h2", { text: "Timeline" }), FM.timelineChart(a.timeline),
    el("div", { class: "two" }, partners("Strongest allies", a.allies), partners("Strongest opponents", a.opponents)),
    el("h2", { text: "Events" }), events, more,
  ]);
  await load();
};

FM.sectionSpans = function (doc) {
  const spans = [];
  doc.actors.forEach((a) => a.mentions.forEach((m) => spans.push({ start: m.start, end: m.end, cls: "hl-actor", title: a.name })));
  doc.events.forEach((e) => spans.push({ start: e.trigger.start, end: e.trigger.end, cls: "hl-trigger", title: e.type }));
  doc.quotes.forEach((q) => spans.push({ start: q.start, end: q.end, cls: "hl-quote", title: "quote: " + q.speaker_text }));
  doc.figures.forEach((f) => spans.push({ start: f.start, end: f.end, cls: "hl-figure", title: `${f.kind}: ${f.value ?? "?"}` }));
  return spans;
};

FM.pages.document = async function (view, state, id) {
  const doc = await FM.api("/api/documents/" + encodeURIComponent(id));
  const spans = FM.sectionSpans(doc);
  const meta = [["outlet", doc.outlet], ["url", doc.url], ["author", doc.author], ["published", doc.published], ["language", doc.language], ["duplicate of", doc.duplicate_of]].filter((x) => x[1]);
  const sections = doc.sections.map((s) => {
    const local = spans.filter((x) => x.start >= s.start && x.end <= s.end).map((x) => Object.assign({}, x, { start: x.start - s.start, end: x.end - s.start }));
    return el("section", { class: "doc-section kind-" + s.kind, "data-kind": s.kind },
      el("div", { class: "kind", text: s.kind + (s.author ? " · " + s.author : "") + (s.published ? " · " + s.published.slice(0, 10) : "") }),
      el("div", { class: "doc-text" }, FM.highlighted(doc.text.slice(s.start, s.end), local)));
  });
  const names = doc.names || {};
  FM.append(FM.clear(view), [
    el("h1", { text: doc.title || doc.id }),
    el("p", { class: "muted" }, meta.map(([k, v]) => `${k}: ${v} · `), "id " + doc.id),
    el("p", { class: "legend" }, el("mark", { class: "hl-actor", text: "actor" }), " ", el("mark", { class: "hl-trigger", text: "trigger" }), " ",
      el("mark", { class: "hl-quote", text: "quote" }), " ", el("mark", { class: "hl-figure", text: "figure" })),
    el("div", { class: "doc" }, sections),
    el("h2", { text: `Events (${doc.events.length})` }),
    el("ol", { class: "plain" }, doc.events.map((e) => el("li", {}, e.source.map((a) => names[a] || a).join(", "), ` —${e.type}→ `, e.target.map((a) => names[a] || a).join(", "),
      el("span", { class: "muted", text: ` (${e.section}, asserted by ${names[e.asserted_by] || e.asserted_by}${e.negated ? ", negated" : ""}${e.hedged ? ", hedged" : ""})` })))),
    el("h2", { text: `Actors (${doc.actors.length})` }),
    el("p", {}, doc.actors.map((a, i) => [i ? ", " : "", FM.actorLink(a), ` (${a.code || "?"})`])),
  ]);
};

FM.pages.camps = async function (view, state) {
  const params = FM.mapParams(state);
  const input = el("input", { type: "search", placeholder: "actor: scope to its conflict piece", value: state.actor || "", list: "search-list" });
  const form = el("form", { class: "filters" }, input, el("button", { type: "submit", text: "Scope" }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); window.location.hash = "#/camps?" + new URLSearchParams(input.value ? { actor: input.value } : {}).toString(); });
  const result = await FM.api("/api/camps", params);
  const names = new Map([...result.camps.flatMap((c) => c.actors), ...result.unassigned].map((a) => [a.id, a]));
  const ref = (id) => FM.actorLink(names.get(id) || { id: id, name: id });
  const violations = result.violations.map((v) => el("li", {}, el("strong", { text: v.kind.replace("_", " ") + ": " }),
    ref(v.actors[0]), " – ", ref(v.actors[1]), ` (weight ${v.weight})`,
    el("ul", {}, v.evidence.slice(0, 3).map((e) => el("li", { class: "evidence" }, e.text, " ", FM.docLink(e.document, "[doc]"))))));
  FM.append(FM.clear(view), [
    el("h1", { text: state.actor ? `Camps in the conflict of ${state.actor}` : "Camps" }), form,
    el("section", { id: "camps-box" }),
    el("h2", { text: "Edges the camps contradict" }), el("ol", {}, violations),
  ]);
  FM.campsSummary(view.querySelector("#camps-box"), result, null);
};

FM.pages.contradictions = async function (view, state) {
  const body = await FM.api("/api/contradictions", FM.mapParams(state));
  const found = body.contradictions;
  FM.append(FM.clear(view), [
    el("h1", { text: `Contradictions (${found.length})` }),
    el("p", { class: "muted", text: "mixed signs: one voice says both; backs both sides: one actor backs two opponents; outlets disagree: opposite signs in one period." }),
    el("ol", {}, found.map((c) => el("li", { class: "contradiction" }, el("strong", { text: c.kind.replaceAll("_", " ") + ": " }),
      c.actors.map((a, i) => [i ? ", " : "", FM.actorLink({ id: a, name: body.names[a] || a })]),
      el("ul", {}, c.evidence.slice(0, 4).map((e) => el("li", { class: "evidence" }, e.text, " ", FM.docLink(e.document, "[doc]"))))))),
  ]);
};

FM.pages.documents = async function (view, state) {
  const input = el("input", { type: "search", placeholder: "search text", value: state.q || "" });
  const form = el("form", { class: "filters" }, input, el("button", { type: "submit", text: "Search" }));
  form.addEventListener("submit", (ev) => { ev.preventDefault(); window.location.hash = "#/documents?" + new URLSearchParams(input.value ? { q: input.value } : {}).toString(); });
  const list = el("ol", { class: "plain" });
  const more = el("button", { type: "button", text: "More" });
  const count = el("p", { class: "muted" });
  let cursor = null;
  const load = async () => {
    const page = await FM.api("/api/documents", { q: state.q, limit: 50, cursor: cursor });
    count.textContent = `${page.total} document(s)`;
    FM.append(list, page.items.map((d) => el("li", {}, FM.docLink(d.id, d.title || d.name || d.id),
      el("span", { class: "muted", text: ` · ${d.outlet || "unknown outlet"} · ${d.published ? d.published.slice(0, 10) : "undated"} · ${d.events} events` }))));
    cursor = page.next_cursor;
    more.hidden = !cursor;
  };
  more.addEventListener("click", load);
  FM.append(FM.clear(view), [el("h1", { text: "Documents" }), form, count, list, more]);
  await load();
};

FM.pages.ingest = async function (view) {
  const text = el("textarea", { id: "ingest-text", rows: 12, placeholder: "Paste an article's text or HTML…" });
  const url = el("input", { id: "ingest-url", type: "url", placeholder: "…or an article's URL (http/https)" });
  const title = el("input", { id: "ingest-title", type: "text", placeholder: "title (optional)" });
  const file = el("input", { id: "ingest-file", type: "file", accept: ".txt,.html,.htm,.md,text/plain,text/html", "aria-label": "or a file" });
  const token = el("input", { id: "ingest-token", type: "password", placeholder: "token (if the server has one)", value: FM.token() });
  const out = el("div", { id: "ingest-result", role: "status" });
  const form = el("form", { class: "ingest" }, text, url, el("label", {}, "…or a file: ", file), title, token,
    el("button", { type: "submit", text: "Analyse and store" }), out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (token.value) sessionStorage.setItem("fm-token", token.value); else sessionStorage.removeItem("fm-token");
    let request;
    if (file.files.length) {
      const form = new FormData();
      form.append("file", file.files[0]);
      if (title.value.trim()) form.append("title", title.value.trim());
      request = { method: "POST", body: form };
    } else {
      const body = url.value.trim() ? { url: url.value.trim() } : /^\s*</.test(text.value) ? { html: text.value } : { text: text.value };
      if (title.value.trim()) body.title = title.value.trim();
      request = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    }
    FM.clear(out).appendChild(el("p", { class: "muted", text: "Analysing… (the first ingest loads the language model)" }));
    try {
      const result = await FM.api("/api/ingest", {}, request);
      const f = result.findings;
      FM.append(FM.clear(out), el("p", {}, result.new ? "Stored " : "Already stored: ", FM.docLink(result.id, f.title || result.id),
        ` — ${f.actors.length} actors, ${f.events.length} events, ${f.quotes.length} quotes, ${f.figures.length} figures.`));
    } catch (error) { FM.clear(out).appendChild(FM.errorBox(error)); }
  });
  FM.append(FM.clear(view), [el("h1", { text: "Ingest a document" }), form]);
};
