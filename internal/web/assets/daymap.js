// Day maps: each figure.day-map holds its stops (the hotel as 0, then the
// day's items in order) as JSON; this draws them with Leaflet as numbered
// markers joined by a line, back to the hotel, on the configured tiles.
// The ordered list beside the map says the same in text; without this
// script or without tiles, it is what the page shows.
"use strict";
document.querySelectorAll(".day-map .map-canvas").forEach(function (el) {
  var stops;
  try {
    stops = JSON.parse(el.dataset.stops || "[]");
  } catch (e) {
    return;
  }
  if (!window.L || stops.length === 0) {
    return;
  }
  el.hidden = false;
  var map = L.map(el, { scrollWheelZoom: false, keyboard: true });
  el.setAttribute("role", "application");
  el.setAttribute("aria-label", el.closest("figure").querySelector("figcaption").textContent +
    ". Arrow keys move the map, plus and minus zoom; the list that follows names every stop.");
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "" }).addTo(map);
  }
  if (el.dataset.attribution) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(el.dataset.attribution.replace(/[<>&]/g, ""));
  }
  var line = [];
  stops.forEach(function (s) {
    var label = s.n === 0 ? "H" : String(s.n);
    var name = (s.n === 0 ? "Hotel: " : s.n + ". " + s.when + " " + s.title + ", ") + s.place;
    var icon = L.divIcon({ className: "stop-marker" + (s.n === 0 ? " hotel" : ""), html: label, iconSize: [28, 28], iconAnchor: [14, 14] });
    L.marker([s.lat, s.lon], { icon: icon, title: name, alt: name, keyboard: true }).addTo(map);
    line.push([s.lat, s.lon]);
  });
  if (stops[0].n === 0 && stops.length > 1) {
    line.push([stops[0].lat, stops[0].lon]); // back to the hotel
  }
  L.polyline(line, { color: "#0b5cad", weight: 3, opacity: 0.8 }).addTo(map);
  if (line.length === 1) {
    map.setView(line[0], 14);
  } else {
    map.fitBounds(L.latLngBounds(line), { padding: [24, 24] });
  }
});
