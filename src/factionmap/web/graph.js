/* The signed network as SVG: a deterministic force layout, nodes coloured by camp, edges by sign. */
"use strict";
window.FM = window.FM || {};

FM.CAMP_COLOURS = ["#2f6db5", "#e08a1e", "#8e44ad", "#16a085", "#c0392b", "#7f8c8d", "#d35400", "#2c3e50"];
FM.TYPE_COLOURS = ["#2f6db5", "#e08a1e", "#8e44ad", "#16a085", "#c0392b", "#7f8c8d", "#d35400", "#2c3e50",
  "#27ae60", "#f1c40f", "#1abc9c", "#e84393", "#6c5ce7", "#00b894", "#b33939", "#95a5a6"];

FM.layout = function (nodes, edges, width, height) {
  const n = nodes.length;
  const pos = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    return { x: width / 2 + (width / 3) * Math.cos(angle), y: height / 2 + (height / 3) * Math.sin(angle) };
  });
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target), e.sign]).filter((l) => l[0] !== undefined && l[1] !== undefined);
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
  const gravity = 0.03;
  const reach = 4 * k;
  let temperature = width / 8;
  const rounds = n > 200 ? 120 : 300;
  for (let round = 0; round < rounds; round++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
        const d = Math.max(Math.hypot(dx, dy), 0.01);
        if (d > reach) continue;  // far nodes do not push: loose pieces stay in view
        const f = (k * k) / d;
        dx /= d; dy /= d;
        disp[i].x += dx * f; disp[i].y += dy * f; disp[j].x -= dx * f; disp[j].y -= dy * f;
      }
    }
    for (const [a, b, sign] of links) {
      let dx = pos[a].x - pos[b].x, dy = pos[a].y - pos[b].y;
      const d = Math.max(Math.hypot(dx, dy), 0.01);
      const f = ((d * d) / k) * (sign < 0 ? 0.5 : 1.0);
      dx /= d; dy /= d;
      disp[a].x -= dx * f; disp[a].y -= dy * f; disp[b].x += dx * f; disp[b].y += dy * f;
    }
    for (let i = 0; i < n; i++) {
      disp[i].x += (width / 2 - pos[i].x) * gravity;
      disp[i].y += (height / 2 - pos[i].y) * gravity;
      const d = Math.max(Math.hypot(disp[i].x, disp[i].y), 0.01);
      pos[i].x += (disp[i].x / d) * Math.min(d, temperature);
      pos[i].y += (disp[i].y / d) * Math.min(d, temperature);
      pos[i].x = Math.min(width - 130, Math.max(30, pos[i].x));
      pos[i].y = Math.min(height - 20, Math.max(20, pos[i].y));
    }
    temperature *= 0.98;
  }
  return pos;
};

FM.drawNetwork = function (container, data, onEdge) {
  const width = Math.max(container.clientWidth || 900, 600), height = 560;
  const svg = FM.svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", height: height, class: "network", role: "img", "aria-label": "signed network" });
  const nodes = data.nodes, edges = data.edges;
  const pos = FM.layout(nodes, edges, width, height);
  const at = new Map(nodes.map((node, i) => [node.id, pos[i]]));
  const maxWeight = Math.max(1e-9, ...edges.map((e) => Math.abs(e.weight)));
  const maxStrength = Math.max(1e-9, ...nodes.map((nd) => nd.strength));
  const edgeLayer = FM.svg("g", { class: "edges" }), nodeLayer = FM.svg("g", { class: "nodes" });
  for (const e of edges) {
    const a = at.get(e.source), b = at.get(e.target);
    if (!a || !b) continue;
    const colour = e.sign > 0 ? "#27ae60" : e.sign < 0 ? "#c0392b" : "#95a5a6";
    const group = FM.svg("g", { class: "edge", "data-edge": e.source + "|" + e.target, tabindex: 0 });
    group.appendChild(FM.svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour, "stroke-opacity": 0.75, "stroke-width": 1 + 6 * Math.abs(e.weight) / maxWeight }));
    group.appendChild(FM.svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "hit", stroke: "transparent", "stroke-width": 12 }));
    const title = FM.svg("title", { text: `${FM.nodeName(data, e.source)} → ${FM.nodeName(data, e.target)}: ${e.weight.toFixed(2)} (${e.count} events)` });
    group.appendChild(title);
    group.addEventListener("click", () => onEdge(e));
    group.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onEdge(e); });
    edgeLayer.appendChild(group);
  }
  const byId = new Map();
  nodes.forEach((node, i) => {
    const p = pos[i];
    const link = FM.svg("a", { href: "#/actor/" + encodeURIComponent(node.id), class: "node", "data-node": node.id, "data-camp": "" });
    const circle = FM.svg("circle", { cx: p.x, cy: p.y, r: 5 + 10 * Math.sqrt(node.strength / maxStrength), fill: "#b0b7bf", stroke: "#fff", "stroke-width": 1.5 });
    const title = FM.svg("title", { text: `${node.name} (${node.code || "no code"}) · no camp` });
    link.appendChild(circle);
    link.appendChild(FM.svg("text", { x: p.x + 9, y: p.y + 4, class: "label", text: node.name }));
    link.appendChild(title);
    nodeLayer.appendChild(link);
    byId.set(node.id, { node, link, circle, title });
  });
  svg.appendChild(edgeLayer);
  svg.appendChild(nodeLayer);
  FM.clear(container).appendChild(svg);
  return {
    /* Colour a node by its camp once the camps are solved. */
    colour(id, camp) {
      const item = byId.get(id);
      if (!item) return;
      item.circle.setAttribute("fill", FM.CAMP_COLOURS[camp % FM.CAMP_COLOURS.length]);
      item.link.setAttribute("data-camp", camp);
      item.title.textContent = `${item.node.name} (${item.node.code || "no code"}) · camp ${camp + 1}`;
    },
  };
};

FM.nodeName = function (data, id) {
  const node = data.nodes.find((n) => n.id === id);
  return node ? node.name : id;
};

/* Stacked bars of events by type per period. */
FM.timelineChart = function (buckets, size) {
  const width = (size && size.width) || 760, height = (size && size.height) || 200, pad = 28;
  const svg = FM.svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", height: height, class: "timeline", role: "img", "aria-label": "events by type per period" });
  if (!buckets.length) return svg;
  const types = Array.from(new Set(buckets.flatMap((b) => Object.keys(b.counts)))).sort();
  const max = Math.max(...buckets.map((b) => b.total), 1);
  const barWidth = Math.max(2, Math.min(48, (width - 2 * pad - 130) / buckets.length - 4));
  const every = Math.ceil(buckets.length / 10);
  buckets.forEach((b, i) => {
    let y = height - pad;
    const x = pad + i * (barWidth + 4);
    types.forEach((t, ti) => {
      const count = b.counts[t] || 0;
      if (!count) return;
      const h = ((height - 2 * pad) * count) / max;
      y -= h;
      const rect = FM.svg("rect", { x: x, y: y, width: barWidth, height: h, fill: FM.TYPE_COLOURS[ti % FM.TYPE_COLOURS.length] });
      rect.appendChild(FM.svg("title", { text: `${b.period}: ${t} × ${count}` }));
      svg.appendChild(rect);
    });
    if (i % every === 0) svg.appendChild(FM.svg("text", { x: x, y: height - 8, class: "axis", text: b.period }));
  });
  const legend = FM.svg("g", {});
  types.forEach((t, ti) => {
    legend.appendChild(FM.svg("rect", { x: width - 110, y: 4 + ti * 12, width: 9, height: 9, fill: FM.TYPE_COLOURS[ti % FM.TYPE_COLOURS.length] }));
    legend.appendChild(FM.svg("text", { x: width - 97, y: 12 + ti * 12, class: "axis", text: t }));
  });
  svg.appendChild(legend);
  return svg;
};
