// The roster map: duty areas, check-ins and current patrol positions on the shared base map (county
// boundaries, 定位我, clustered markers; no internet tiles).
(function () {
  "use strict";
  var el = document.getElementById("duty-map");
  var source = document.getElementById("duty-map-data");
  if (!el || !source || typeof L === "undefined" || !window.YrdBaseMap) { return; }
  var data = JSON.parse(source.textContent);
  var base = YrdBaseMap.create(el, { legend: [] });
  var map = base.map, esc = base.esc;
  var bounds = L.latLngBounds([]);
  var styles = { roster: "#0969da", shift: "#8250df", division: "#57606a" };
  // Leaflet puts a tooltip string in with innerHTML: every name here is free text, so escape it.
  (data.areas || []).forEach(function (a) {
    var layer = L.geoJSON(a.geometry, { style: { color: styles[a.kind] || "#0969da", weight: 2,
      fillOpacity: a.kind === "division" ? 0.04 : 0.15 } }).bindTooltip(esc(a.name)).addTo(map);
    bounds.extend(layer.getBounds());
  });
  (data.check_ins || []).forEach(function (c) {
    base.marker("checkin", [c.lat, c.lon], { color: c.flag ? "#cf222e" : null, className: c.flag ? "bm-flagged" : "" })
      .bindTooltip(esc(c.title)).addTo(base.markers);
    bounds.extend([c.lat, c.lon]);
  });
  // current positions stay out of the clusters: their names are shown permanently
  (data.positions || []).forEach(function (p) {
    base.marker("patrol", [p.lat, p.lon], { color: p.flag ? "#cf222e" : null, size: 22 })
      .bindTooltip(esc(p.title), { permanent: true, direction: "right" }).addTo(map);
    bounds.extend([p.lat, p.lon]);
  });
  base.legend([
    { area: "rgba(9,105,218,.25)", border: "#0969da", label: el.getAttribute("data-label-area") },
    "patrol", "checkin", { kind: "checkin", color: "#cf222e", label: el.getAttribute("data-label-flagged") }
  ]);
  base.fitData(bounds.isValid() ? bounds.pad(0.1) : null);
  el.setAttribute("data-ready", "1");
})();
