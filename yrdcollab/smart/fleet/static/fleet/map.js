// Small Leaflet maps of the fleet pages: no tile layer (intranets have no internet), only our shapes.
(function () {
  "use strict";
  var el = document.getElementById("fleet-map");
  var source = document.getElementById("fleet-map-data");
  if (!el || !source || typeof L === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var map = L.map(el, { attributionControl: false });
  var bounds = L.latLngBounds([]);
  function addShape(item, color) {
    var layer = L.geoJSON(item.geometry, { style: { color: color, weight: 2, fillOpacity: item.active === false ? 0.05 : 0.25 } })
      .bindTooltip(item.name).addTo(map);
    bounds.extend(layer.getBounds());
  }
  (data.sites || []).forEach(function (s) { addShape(s, "#1a7f37"); });
  (data.routes || []).forEach(function (r) { addShape(r, "#0969da"); });
  if (data.positions && data.positions.length) {
    var line = L.polyline(data.positions, { color: "#57606a", weight: 2 }).addTo(map);
    bounds.extend(line.getBounds());
  }
  (data.stops || []).forEach(function (s) {
    var color = s.kind === "suspected" ? "#cf222e" : "#1a7f37";
    L.circleMarker([s.lat, s.lon], { radius: 7, color: color, fillOpacity: 0.8 }).addTo(map);
    bounds.extend([s.lat, s.lon]);
  });
  if (bounds.isValid()) { map.fitBounds(bounds.pad(0.2)); } else { map.setView([31.0, 120.9], 9); }
  el.setAttribute("data-ready", "1");
})();
