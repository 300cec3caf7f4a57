/* DOM helpers and the API client. Untrusted text only ever enters the page as text nodes. */
"use strict";
window.FM = window.FM || {};

FM.el = function (tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  FM.append(node, children);
  return node;
};

FM.svg = function (tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  return node;
};

FM.append = function (node, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
};

FM.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };

FM.token = function () { return sessionStorage.getItem("fm-token") || ""; };

FM.api = async function (path, params, options) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value === null || value === undefined || value === "" || value === false) continue;
    if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
    else url.searchParams.set(key, value);
  }
  const init = Object.assign({ headers: {} }, options || {});
  if (FM.token()) init.headers["Authorization"] = "Bearer " + FM.token();
  const response = await fetch(url, init);
  const body = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) {
    const error = new Error(body.error || response.statusText);
    error.status = response.status;
    error.param = body.param;
    throw error;
  }
  return body;
};

/* A download link to an API file. With a token the browser cannot send it on a plain link,
   so the click fetches the file with the Authorization header and saves it from a blob. */
FM.downloadLink = function (path, params, label) {
  const href = path + "?" + new URLSearchParams(params).toString();
  const link = FM.el("a", { href: href, download: "", text: label });
  link.addEventListener("click", async (event) => {
    if (!FM.token()) return;
    event.preventDefault();
    const response = await fetch(href, { headers: { Authorization: "Bearer " + FM.token() } });
    if (!response.ok) { link.replaceWith(FM.errorBox(new Error(label + ": " + response.statusText))); return; }
    const match = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
    const save = FM.el("a", { href: URL.createObjectURL(await response.blob()), download: match ? match[1] : "" });
    document.body.appendChild(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(save.href), 10000);
  });
  return link;
};

FM.errorBox = function (error) {
  return FM.el("p", { class: "error", role: "alert", text: "Error: " + error.message });
};

FM.actorLink = function (ref) {
  return FM.el("a", { href: "#/actor/" + encodeURIComponent(ref.id), class: "actor-link", text: ref.name || ref.id });
};

FM.docLink = function (id, title) {
  return FM.el("a", { href: "#/document/" + encodeURIComponent(id), text: title || id });
};

/* Text with spans highlighted: spans are {start, end, cls} in the text's own offsets. */
FM.highlighted = function (text, spans) {
  const points = new Set([0, text.length]);
  const clean = spans.filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length);
  clean.forEach((s) => { points.add(s.start); points.add(s.end); });
  const cuts = Array.from(points).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i], b = cuts[i + 1];
    const covering = clean.filter((s) => s.start <= a && s.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) { out.push(document.createTextNode(piece)); continue; }
    const mark = FM.el("mark", { class: covering.map((s) => s.cls).join(" "), title: covering.map((s) => s.title || s.cls).join(" · ") }, piece);
    out.push(mark);
  }
  return out;
};

FM.VOICE = { author: "author", speaker: "quoted speaker", commenter: "commenter" };

/* One event: its line, its sentence with trigger and actors highlighted, voice and outlet. */
FM.eventItem = function (e) {
  const base = e.sentence.start;
  const spans = e.mentions.map((m) => ({ start: m.start - base, end: m.end - base, cls: "hl-actor", title: m.actor }));
  spans.push({ start: e.trigger.start - base, end: e.trigger.end - base, cls: "hl-trigger", title: "trigger: " + e.type });
  const who = e.voice === "speaker" ? "quoted speaker: " + (e.asserted_by_name || e.asserted_by) : FM.VOICE[e.voice];
  const flags = [e.negated && "negated", e.hedged && "hedged", e.hypothetical && "hypothetical"].filter(Boolean);
  return FM.el("li", { class: "event sign" + e.sign },
    FM.el("div", { class: "event-line" },
      e.source.map((a, i) => [i ? ", " : "", FM.actorLink(a)]),
      FM.el("span", { class: "etype", text: " —" + e.type + "→ " }),
      e.target.map((a, i) => [i ? ", " : "", FM.actorLink(a)])),
    FM.el("blockquote", { class: "evidence" }, FM.highlighted(e.sentence.text.trim() ? e.sentence.text : "", spans)),
    FM.el("div", { class: "event-meta" },
      FM.el("span", { class: "voice", text: "voice: " + who }),
      FM.el("span", { text: " · outlet: " + (e.outlet || "unknown") }),
      FM.el("span", { text: " · " + e.section }),
      e.published ? FM.el("span", { text: " · " + e.published.slice(0, 10) }) : null,
      FM.el("span", { text: " · confidence " + e.confidence.toFixed(2) }),
      flags.length ? FM.el("span", { class: "flags", text: " · " + flags.join(", ") }) : null,
      " · ", FM.docLink(e.document, e.document_title || e.document)));
};
