// The map of a form with coordinates: a click puts the pin and fills the
// form's lat and lon fields; dragging the pin corrects them; typing in the
// fields moves the pin. The fields stay, for keyboards and for coordinates
// copied from elsewhere.
"use strict";
(function () {
  var el = document.querySelector(".pin-map .map-canvas");
  var form = el && el.closest("form");
  var lat = form && form.querySelector("input[name=lat]");
  var lon = form && form.querySelector("input[name=lon]");
  if (!window.L || !lat || !lon) {
    return;
  }
  el.hidden = false;
  var map = L.map(el, { scrollWheelZoom: false, keyboard: true });
  el.setAttribute("role", "application");
  el.setAttribute("aria-label", "Map to place the pin; the latitude and longitude fields above take the same coordinates.");
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 19, attribution: "" }).addTo(map);
  }
  if (el.dataset.attribution) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(el.dataset.attribution.replace(/[<>&]/g, ""));
  }
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
