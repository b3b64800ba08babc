// The eventscope dashboard: a map, a timeline, a table and an incident view over /api.
// Article text only ever reaches the page through textContent, never as markup.
"use strict";

const COLOURS = {
  ASSAULT: "#d32f2f", COERCE: "#f57c00", PROTEST: "#7b1fa2", MOBILIZE: "#5d4037", THREATEN: "#c2185b",
  SANCTION: "#455a64", CONSULT: "#1976d2", AGREE: "#388e3c", REQUEST: "#0097a7", ACCUSE: "#fbc02d",
  REJECT: "#616161", AID: "#00796b", SUPPORT: "#689f38", COOPERATE: "#303f9f", CONCEDE: "#afb42b", RETREAT: "#8d6e63",
};
const SVG = "http://www.w3.org/2000/svg";
const $ = (selector) => document.querySelector(selector);

function element(tag, attributes = {}, text = null, namespace = null) {
  const node = namespace ? document.createElementNS(namespace, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

function filterParams() {
  const params = new URLSearchParams();
  for (const [key, value] of new FormData($("#filters"))) if (String(value).trim()) params.set(key, String(value).trim());
  return params;
}

async function getJSON(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

// Map: an equirectangular projection, x = longitude, y = -latitude, in the SVG's own units.
function ringPath(ring) {
  return "M" + ring.map(([x, y]) => `${x},${-y}`).join("L") + "Z";
}

async function drawLand() {
  const world = await getJSON("/static/world.geojson");
  const land = $("#land");
  for (const feature of world.features) {
    const d = feature.geometry.coordinates.map((polygon) => polygon.map(ringPath).join("")).join("");
    const path = element("path", { d }, null, SVG);
    path.appendChild(element("title", {}, feature.properties.name, SVG));
    land.appendChild(path);
  }
}

function drawMarkers(incidents) {
  const layer = $("#markers");
  layer.replaceChildren();
  const placed = incidents.filter((i) => i.lat !== null && i.lon !== null);
  // largest first, so small markers stay clickable on top
  placed.sort((a, b) => (b.fatalities || 0) - (a.fatalities || 0));
  for (const incident of placed) {
    const pixels = 4 + Math.sqrt(incident.fatalities || 0) * 2.5;  // area grows with the toll
    // a point for a whole district, province or country (a village the gazetteer lacks, a
    // report that names no town) is drawn dashed: the incident lies somewhere around it
    const approximate = incident.precision && incident.precision !== "town";
    const circle = element("circle", {
      cx: incident.lon, cy: -incident.lat, r: 1, "data-pixels": pixels,
      class: approximate ? "marker approximate" : "marker",
      fill: COLOURS[incident.type] || "#999", "data-incident": incident.incident_id,
    }, null, SVG);
    const where = approximate ? `${incident.place || ""} (placed at its ${incident.precision})` : incident.place || "";
    circle.appendChild(element("title", {}, `${incident.type} · ${where} · ${incident.date_start || ""}`, SVG));
    circle.addEventListener("click", () => openIncident(incident.incident_id));
    layer.appendChild(circle);
  }
  if (placed.length) fitTo(placed);
  scaleMarkers();
}

// Optional tiles in plate carrée (EPSG:4326), which matches this map's projection: at zoom z
// the world is 2^(z+1) by 2^z tiles of 180/2^z degrees, row 0 at the north.
let tileTemplate = null;

function drawTiles() {
  const layer = $("#tiles");
  if (!tileTemplate) return;
  const [x, y, w, h] = $("#map").getAttribute("viewBox").split(" ").map(Number);
  const z = Math.max(0, Math.min(12, Math.round(Math.log2(180 / (w / 4)))));
  const size = 180 / 2 ** z;
  layer.replaceChildren();
  for (let col = Math.max(0, Math.floor((x + 180) / size)); col <= Math.min(2 ** (z + 1) - 1, Math.floor((x + w + 180) / size)); col++) {
    for (let row = Math.max(0, Math.floor((y + 90) / size)); row <= Math.min(2 ** z - 1, Math.floor((y + h + 90) / size)); row++) {
      const href = tileTemplate.replace("{z}", z).replace("{x}", col).replace("{y}", row);
      layer.appendChild(element("image", { href, x: -180 + col * size, y: -90 + row * size, width: size, height: size,
        preserveAspectRatio: "none" }, null, SVG));
    }
  }
}

// Marker radii are in screen pixels whatever the zoom: convert to the map's units.
function scaleMarkers() {
  drawTiles();
  const map = $("#map");
  const width = Number(map.getAttribute("viewBox").split(" ")[2]);
  const perPixel = width / Math.max(map.getBoundingClientRect().width, 1);
  for (const marker of document.querySelectorAll("#markers .marker")) {
    marker.setAttribute("r", (Number(marker.dataset.pixels) * perPixel).toFixed(3));
  }
}

function fitTo(points) {
  const xs = points.map((p) => p.lon), ys = points.map((p) => -p.lat);
  const pad = 4;
  let [x0, x1, y0, y1] = [Math.min(...xs) - pad, Math.max(...xs) + pad, Math.min(...ys) - pad, Math.max(...ys) + pad];
  const width = Math.max(x1 - x0, 20), height = Math.max(y1 - y0, 10);
  $("#map").setAttribute("viewBox", `${(x0 + x1 - width) / 2} ${(y0 + y1 - height) / 2} ${width} ${height}`);
}

function enablePanZoom() {
  const map = $("#map");
  let drag = null;
  const box = () => map.getAttribute("viewBox").split(" ").map(Number);
  map.addEventListener("wheel", (event) => {
    event.preventDefault();
    const [x, y, w, h] = box();
    const factor = event.deltaY > 0 ? 1.25 : 0.8;
    const rect = map.getBoundingClientRect();
    const fx = (event.clientX - rect.left) / rect.width, fy = (event.clientY - rect.top) / rect.height;
    const nw = Math.min(360, w * factor), nh = Math.min(180, h * factor);
    map.setAttribute("viewBox", `${x + (w - nw) * fx} ${y + (h - nh) * fy} ${nw} ${nh}`);
    scaleMarkers();
  }, { passive: false });
  map.addEventListener("mousedown", (event) => { drag = { x: event.clientX, y: event.clientY, box: box() }; });
  window.addEventListener("mouseup", () => { drag = null; });
  window.addEventListener("resize", scaleMarkers);
  window.addEventListener("mousemove", (event) => {
    if (!drag) return;
    const rect = map.getBoundingClientRect();
    const [x, y, w, h] = drag.box;
    const dx = (event.clientX - drag.x) * w / rect.width, dy = (event.clientY - drag.y) * h / rect.height;
    map.setAttribute("viewBox", `${x - dx} ${y - dy} ${w} ${h}`);
  });
}

function drawLegend(incidents) {
  const legend = $("#legend");
  legend.replaceChildren();
  for (const type of [...new Set(incidents.map((i) => i.type))].sort()) {
    const swatch = element("span");
    swatch.style.background = COLOURS[type] || "#999";  // a CSSOM property: the CSP refuses style attributes
    legend.appendChild(swatch);
    legend.appendChild(document.createTextNode(type));
  }
}

function drawTimeline(days) {
  const svg = $("#timeline");
  svg.replaceChildren();
  if (!days.length) return;
  const first = Date.parse(days[0].date), last = Date.parse(days[days.length - 1].date);
  const span = Math.max(1, (last - first) / 86400000 + 1);
  const width = 1000 / span;
  const most = Math.max(...days.map((d) => d.incidents)), deadliest = Math.max(1, ...days.map((d) => d.fatalities));
  for (const day of days) {
    const x = ((Date.parse(day.date) - first) / 86400000) * width;
    const h = (day.incidents / most) * 100;
    const bar = element("rect", { x, y: 110 - h, width: Math.max(width * 0.45, 3), height: h, class: "bar" }, null, SVG);
    bar.appendChild(element("title", {}, `${day.date}: ${day.incidents} incidents, ${day.fatalities} deaths`, SVG));
    svg.appendChild(bar);
    const dh = (day.fatalities / deadliest) * 100;
    svg.appendChild(element("rect", { x: x + width * 0.5, y: 110 - dh, width: Math.max(width * 0.45, 3), height: dh, class: "deaths" }, null, SVG));
  }
}

function drawTable(incidents, total) {
  $("#count").textContent = String(total);
  const body = $("#table tbody");
  body.replaceChildren();
  for (const incident of incidents) {
    const row = element("tr", { "data-incident": incident.incident_id });
    for (const value of [incident.date_start, incident.type, incident.place, incident.country, incident.fatalities, incident.sources]) {
      row.appendChild(element("td", {}, value === null ? "" : value));
    }
    row.addEventListener("click", () => openIncident(incident.incident_id));
    body.appendChild(row);
  }
}

// A sentence with its evidence spans as <mark>s; spans that overlap an earlier one are skipped.
function highlighted(sentence, spans) {
  const container = element("blockquote", { class: "sentence" });
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;
    container.appendChild(document.createTextNode(sentence.slice(at, span.start)));
    container.appendChild(element("mark", { "data-field": span.field, title: span.field }, sentence.slice(span.start, span.end)));
    at = span.end;
  }
  container.appendChild(document.createTextNode(sentence.slice(at)));
  return container;
}

async function openIncident(incidentId) {
  const incident = await getJSON(`/api/incidents/${encodeURIComponent(incidentId)}`);
  document.querySelectorAll(".marker.selected").forEach((m) => m.classList.remove("selected"));
  document.querySelectorAll(`.marker[data-incident="${CSS.escape(incidentId)}"]`).forEach((m) => m.classList.add("selected"));
  $("#incident-title").textContent = `${incident.type}${incident.mode ? " (" + incident.mode + ")" : ""} · ${incident.place || incident.country || "place unknown"}`;
  const fields = $("#incident-fields");
  fields.replaceChildren();
  const deaths = incident.fatalities === null ? "not reported"
    : `${incident.fatalities} (range ${incident.fatalities_low}–${incident.fatalities_high}; ${incident.fatalities_rule})`;
  for (const [label, value] of [["Date", incident.date_start === incident.date_end ? incident.date_start : `${incident.date_start} – ${incident.date_end}`],
    ["ACLED", incident.acled_sub_event_type], ["Where", [incident.place, incident.admin1, incident.country].filter(Boolean).join(", ")],
    ["Deaths", deaths], ["Sources", `${incident.sources} report(s), ${incident.mentions} mention(s)`]]) {
    fields.appendChild(element("dt", {}, label));
    fields.appendChild(element("dd", {}, value || "—"));
  }
  const reports = $("#incident-reports");
  reports.replaceChildren();
  for (const report of incident.reports) {
    const item = element("li", { class: "report" });
    const heading = element("div", { class: "report-source" }, `${report.published || ""} · ${report.title || report.doc_id}`);
    item.appendChild(heading);
    item.appendChild(highlighted(report.sentence, report.spans));
    reports.appendChild(item);
  }
  $("#incident").hidden = false;
}

async function refresh() {
  const params = filterParams();
  params.set("limit", "1000");
  const [page, days] = await Promise.all([getJSON(`/api/incidents?${params}`), getJSON(`/api/series/daily?${filterParams()}`)]);
  drawMarkers(page.incidents);
  drawLegend(page.incidents);
  drawTimeline(days);
  drawTable(page.incidents, page.total);
  document.body.dataset.loaded = "true";
}

$("#filters").addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
$("#filters").addEventListener("reset", () => setTimeout(refresh, 0));
$("#close-incident").addEventListener("click", () => { $("#incident").hidden = true; });
enablePanZoom();
getJSON("/api/config").then((config) => {
  tileTemplate = config.tiles;
  if (tileTemplate) $("#land").classList.add("outline-only");  // the tiles show through
}).catch(() => {}).finally(() => drawLand().then(refresh));
