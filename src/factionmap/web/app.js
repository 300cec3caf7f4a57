/* The router: #/page/ID?params → FM.pages[page](view, params, id). */
"use strict";

FM.route = async function () {
  const view = document.getElementById("view");
  const hash = window.location.hash.replace(/^#\/?/, "") || "network";
  const [path, search] = hash.split("?");
  const [page, ...rest] = path.split("/");
  const state = Object.fromEntries(new URLSearchParams(search || ""));
  const handler = FM.pages[page] || FM.pages.network;
  document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === "#/" + page));
  view.removeAttribute("data-ready");
  try {
    await handler(view, state, decodeURIComponent(rest.join("/")));
  } catch (error) {
    FM.clear(view).appendChild(FM.errorBox(error));
  }
};

FM.search = function () {
  const input = document.getElementById("search-input");
  const list = document.getElementById("search-list");
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value.length < 2) return;
      const found = await FM.api("/api/actors", { q: input.value, limit: 12 }).catch(() => []);
      FM.clear(list);
      found.forEach((a) => list.appendChild(FM.el("option", { value: a.id, text: `${a.name} (${a.code || "?"})` })));
    }, 200);
  });
  document.getElementById("search").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    const found = await FM.api("/api/actors", { q: q, limit: 1 }).catch(() => []);
    if (found.length) window.location.hash = "#/actor/" + encodeURIComponent(found[0].id);
  });
};

window.addEventListener("hashchange", FM.route);
window.addEventListener("DOMContentLoaded", () => { FM.search(); FM.route(); });
