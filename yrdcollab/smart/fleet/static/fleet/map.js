// The fleet pages' maps (approved sites and routes; a truck's track and stops) on the shared base map:
// county boundaries, 定位我, clustered markers by kind. No internet tiles.
(function () {
  "use strict";
  var el = document.getElementById("fleet-map");
  var source = document.getElementById("fleet-map-data");
  if (!el || !source || typeof L === "undefined" || !window.YrdBaseMap) { return; }
  var data = JSON.parse(source.textContent);
  var base = YrdBaseMap.create(el);
  var map = base.map, esc = base.esc;
  var bounds = L.latLngBounds([]);
  var legend = [];
  function label(name) { return el.getAttribute("data-label-" + name); }
  function addShape(item, color) {
    var layer = L.geoJSON(item.geometry, { style: { color: color, weight: 2, fillOpacity: item.active === false ? 0.05 : 0.25 } })
      .bindTooltip(esc(item.name)).addTo(map);
    bounds.extend(layer.getBounds());
  }
  (data.sites || []).forEach(function (s) { addShape(s, "#1a7f37"); });
  (data.routes || []).forEach(function (r) { addShape(r, "#0969da"); });
  if (data.sites) { legend.push({ area: "rgba(26,127,55,.3)", border: "#1a7f37", label: label("site") }); }
  if (data.routes) { legend.push({ area: "rgba(9,105,218,.3)", border: "#0969da", label: label("route") }); }
  if (data.positions && data.positions.length) {
    var line = L.polyline(data.positions, { color: "#57606a", weight: 2 }).addTo(map);
    bounds.extend(line.getBounds());
    // newest first: the truck is where its last position is
    base.marker("truck", data.positions[0], { title: label("truck"), size: 24 }).addTo(map);
    legend.push({ area: "#57606a", label: label("track") }, { kind: "truck", label: label("truck") });
  }
  if (data.stops) {
    (data.stops || []).forEach(function (s) {
      var suspected = s.kind === "suspected";
      base.marker(suspected ? "alert" : "stop", [s.lat, s.lon], { title: suspected ? label("suspected") : label("stop") })
        .addTo(base.markers);
      bounds.extend([s.lat, s.lon]);
    });
    legend.push({ kind: "stop", label: label("stop") }, { kind: "alert", label: label("suspected") });
  }
  base.legend(legend);
  base.fitData(bounds.isValid() ? bounds.pad(0.2) : null);
  el.setAttribute("data-ready", "1");
})();
