// Maps, drawn with Leaflet on the configured tiles from data in the page:
// - figure.day-map: a day's stops (the hotel as 0, then the items in
//   order) as numbered markers joined by a line, back to the hotel;
// - figure.places-map: the directory's places as markers named by title;
// - figure.pin-map, in a form with lat and lon fields: a click puts the pin
//   and fills them, dragging the pin corrects them, typing moves the pin;
//   with a geocoder, a button finds the form's address and, when several
//   places match, lists them to choose from.
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
    // write fills the fields with p; from says where it came from (the
    // coordinates_source the form carries): the map unless told.
    function write(p, from) {
      lat.value = p.lat.toFixed(6);
      lon.value = p.lng.toFixed(6);
      if (source) {
        source.value = from || "map";
      }
    }
    function place(p) {
      if (pin) {
        pin.setLatLng(p);
        return;
      }
      var icon = L.divIcon({ className: "stop-marker", html: "●", iconSize: [28, 28], iconAnchor: [14, 14] });
      pin = L.marker(p, { icon: icon, draggable: true, title: "The place", alt: "The place", keyboard: true, zIndexOffset: 1000 }).addTo(map);
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
    lookUp(form, map, function (p) {
      place(p);
      write(p, "geocoder");
      map.setView(p, 16);
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

  // lookUp sets up the pin map's "Find the address on the map" button,
  // when the page has one (a geocoder is set up): it sends the form's
  // address to the lookup address the button's box names and says what
  // was found. One place: put is called with it. Several: each is listed
  // as a button and drawn as a numbered marker; choosing one calls put.
  function lookUp(form, map, put) {
    var box = form.querySelector(".pin-lookup");
    var address = form.querySelector("[name=address]");
    if (!box || !box.dataset.lookup || !address) {
      return;
    }
    var button = box.querySelector(".pin-lookup-button");
    var status = box.querySelector(".pin-lookup-status");
    var list = box.querySelector(".pin-choices");
    var markers = L.layerGroup().addTo(map);
    var unavailable = "The address could not be looked up just now. Try again in a moment, or click the map where it is.";
    box.hidden = false;
    function say(text) {
      status.textContent = text;
    }
    function clear() {
      list.textContent = "";
      list.hidden = true;
      markers.clearLayers();
    }
    function choose(m, chosen) {
      list.querySelectorAll("button").forEach(function (b) {
        b.setAttribute("aria-pressed", String(b === chosen));
      });
      put(L.latLng(m.lat, m.lon));
      say("The pin is on " + m.label + ". Drag it if it is not quite right.");
    }
    function show(matches, asked) {
      if (matches.length === 0) {
        say("No place matches \u201c" + asked + "\u201d. Check the address (street and number, city, country), or click the map where it is.");
        return;
      }
      if (matches.length === 1) {
        put(L.latLng(matches[0].lat, matches[0].lon));
        say("Found: " + matches[0].label + ". The pin is on it; drag it if it is not quite right.");
        return;
      }
      matches.forEach(function (m, i) {
        var n = String(i + 1);
        var li = document.createElement("li");
        var b = document.createElement("button");
        b.type = "button";
        b.className = "pin-choice";
        b.setAttribute("aria-pressed", "false");
        var num = document.createElement("span");
        num.className = "choice-n";
        num.setAttribute("aria-hidden", "true");
        num.textContent = n;
        var label = document.createElement("span");
        label.textContent = m.label;
        b.appendChild(num);
        b.appendChild(document.createTextNode(" "));
        b.appendChild(label);
        b.addEventListener("click", function () { choose(m, b); });
        li.appendChild(b);
        list.appendChild(li);
        var icon = L.divIcon({ className: "choice-marker", html: n, iconSize: [24, 24], iconAnchor: [12, 12] });
        L.marker([m.lat, m.lon], { icon: icon, title: n + ". " + m.label, alt: n + ". " + m.label, keyboard: true })
          .on("click", function () { choose(m, b); })
          .addTo(markers);
      });
      list.hidden = false;
      map.fitBounds(L.latLngBounds(matches.map(function (m) { return [m.lat, m.lon]; })), { padding: [32, 32], maxZoom: 16 });
      say(matches.length + " places match: choose one.");
    }
    button.addEventListener("click", function () {
      var asked = address.value.trim();
      clear();
      if (asked === "") {
        say("Type the address first, then find it on the map.");
        address.focus();
        return;
      }
      if (button.getAttribute("aria-busy") === "true") {
        return;
      }
      button.setAttribute("aria-busy", "true");
      say("Looking up the address\u2026");
      fetch(box.dataset.lookup + "?address=" + encodeURIComponent(asked), {
        headers: { Accept: "application/json" }, credentials: "same-origin"
      }).then(function (r) {
        return r.json().then(function (body) {
          return { ok: r.ok, body: body };
        }, function () {
          return { ok: false, body: {} };
        });
      }).then(function (res) {
        if (res.ok && Array.isArray(res.body.matches)) {
          show(res.body.matches, asked);
          return;
        }
        var e = res.body.error || {};
        say((e.fields && e.fields.address) || e.message || unavailable);
      }, function () {
        say(unavailable);
      }).then(function () {
        button.removeAttribute("aria-busy");
      });
    });
  }
})();
