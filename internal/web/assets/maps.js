// Maps, drawn with Leaflet on the configured tiles from data in the page:
// - figure.day-map: a day's stops (the hotel as 0, then the items in
//   order) as numbered markers joined by a line, back to the hotel;
// - figure.places-map: the directory's places as markers named by title;
// - figure.pin-map, in a form with lat and lon fields: a click puts the pin
//   and fills them, dragging the pin corrects them, typing moves the pin.
// Each figure also says the same in text (the list of stops, the table of
// places); without this script or without tiles, that is what shows.
"use strict";
(function () {
  // setUp shows a map in el, on the tiles and with the attribution its
  // data attributes name, labelled for keyboards and screen readers.
  function setUp(el, label) {
    el.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, keyboard: true });
    el.setAttribute("role", "application");
    el.setAttribute("aria-label", label);
    if (el.dataset.tiles) {
      L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "" }).addTo(map);
    }
    if (el.dataset.attribution) {
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution(el.dataset.attribution.replace(/[<>&]/g, ""));
    }
    return map;
  }
  function draw(el, points, caption) {
    var map = setUp(el, caption + ". Arrow keys move the map, plus and minus zoom; the text beside the map names every place.");
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
  (function () {
    var el = document.querySelector(".pin-map .map-canvas");
    var form = el && el.closest("form");
    var lat = form && form.querySelector("input[name=lat]");
    var lon = form && form.querySelector("input[name=lon]");
    if (!lat || !lon) {
      return;
    }
    var map = setUp(el, "Map to place the pin; the latitude and longitude fields above take the same coordinates.");
    var pin = null;
    function read() {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      if (isNaN(a) || isNaN(b) || (a === 0 && b === 0) || Math.abs(a) > 90 || Math.abs(b) > 180) {
        return null;
      }
      return L.latLng(a, b);
    }
    var source = form.querySelector("input[name=coordinates_source]");
    function write(p) {
      lat.value = p.lat.toFixed(6);
      lon.value = p.lng.toFixed(6);
      if (source) {
        source.value = "map";
      }
    }
    function place(p) {
      if (pin) {
        pin.setLatLng(p);
        return;
      }
      var icon = L.divIcon({ className: "stop-marker", html: "●", iconSize: [28, 28], iconAnchor: [14, 14] });
      pin = L.marker(p, { icon: icon, draggable: true, title: "The place", alt: "The place", keyboard: true }).addTo(map);
      pin.on("dragend", function () { write(pin.getLatLng()); });
    }
    var start = read();
    if (start) {
      map.setView(start, 16);
      place(start);
    } else {
      var c = (el.dataset.center || "0,0").split(",").map(parseFloat);
      if (c[0] === 0 && c[1] === 0) {
        map.setView([20, 0], 2);
      } else {
        map.setView(c, 12);
      }
    }
    map.on("click", function (e) {
      place(e.latlng);
      write(e.latlng);
    });
    [lat, lon].forEach(function (input) {
      input.addEventListener("change", function () {
        if (source) {
          source.value = "typed";
        }
        var p = read();
        if (p) {
          place(p);
          map.panTo(p);
        }
      });
    });
  })();
})();
