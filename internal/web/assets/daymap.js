// Maps, drawn with Leaflet on the configured tiles from data in the page:
// - figure.day-map: a day's stops (the hotel as 0, then the items in
//   order) as numbered markers joined by a line, back to the hotel;
// - figure.places-map: the directory's places as markers named by title.
// Each figure also says the same in text (the list of stops, the table of
// places); without this script or without tiles, that is what shows.
"use strict";
(function () {
  function draw(el, points, caption) {
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, keyboard: true });
    el.setAttribute("role", "application");
    el.setAttribute("aria-label", caption + ". Arrow keys move the map, plus and minus zoom; the text beside the map names every place.");
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "" }).addTo(map);
    }
    if (el.dataset.attribution) {
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(el.dataset.attribution.replace(/[<>&]/g, ""));
    }
    if (points.length === 1) {
      map.setView(points[0], 14);
    } else {
      map.fitBounds(L.latLngBounds(points), { padding: [24, 24] });
    }
    return map;
  }
  function parse(s) {
    try {
      return JSON.parse(s || "[]");
    } catch (e) {
      return [];
    }
  }
  if (!window.L) {
    return;
  }
  document.querySelectorAll(".day-map .map-canvas").forEach(function (el) {
    var stops = parse(el.dataset.stops);
    if (stops.length === 0) {
      return;
    }
    var line = stops.map(function (s) { return [s.lat, s.lon]; });
    var map = draw(el, line, el.closest("figure").querySelector("figcaption").textContent);
    stops.forEach(function (s) {
      var label = s.n === 0 ? "H" : String(s.n);
      var name = (s.n === 0 ? "Hotel: " : s.n + ". " + s.when + " " + s.title + ", ") + s.place;
      var icon = L.divIcon({ className: "stop-marker" + (s.n === 0 ? " hotel" : ""), html: label, iconSize: [28, 28], iconAnchor: [14, 14] });
      L.marker([s.lat, s.lon], { icon: icon, title: name, alt: name, keyboard: true }).addTo(map);
    });
    if (stops[0].n === 0 && stops.length > 1) {
      line.push(line[0]); // back to the hotel
    }
    L.polyline(line, { color: "#0b5cad", weight: 3, opacity: 0.8 }).addTo(map);
  });
  document.querySelectorAll(".places-map .map-canvas").forEach(function (el) {
    var places = parse(el.dataset.points);
    if (places.length === 0) {
      return;
    }
    var map = draw(el, places.map(function (p) { return [p.lat, p.lon]; }), el.closest("figure").querySelector("figcaption").textContent);
    places.forEach(function (p) {
      var name = p.name + " (" + p.kind + ")";
      var icon = L.divIcon({ className: "place-marker", iconSize: [14, 14], iconAnchor: [7, 7] });
      L.marker([p.lat, p.lon], { icon: icon, title: name, alt: name, keyboard: true }).addTo(map).bindTooltip(p.name);
    });
  });
})();
