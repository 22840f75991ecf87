// The roster map: duty areas, check-ins and current patrol positions. No tile layer (intranets have
// no internet), only our own shapes.
(function () {
  "use strict";
  var el = document.getElementById("duty-map");
  var source = document.getElementById("duty-map-data");
  if (!el || !source || typeof L === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  // Leaflet puts a tooltip string in with innerHTML: every name here is free text, so escape it.
  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  // A view first: permanent tooltips need one when they are added.
  var map = L.map(el, { attributionControl: false }).setView([31.0, 120.9], 9);
  var bounds = L.latLngBounds([]);
  var styles = { roster: "#0969da", shift: "#8250df", division: "#57606a" };
  (data.areas || []).forEach(function (a) {
    var layer = L.geoJSON(a.geometry, { style: { color: styles[a.kind] || "#0969da", weight: 2,
      fillOpacity: a.kind === "division" ? 0.04 : 0.15 } }).bindTooltip(esc(a.name)).addTo(map);
    bounds.extend(layer.getBounds());
  });
  (data.check_ins || []).forEach(function (c) {
    L.circleMarker([c.lat, c.lon], { radius: 5, color: c.flag ? "#cf222e" : "#1a7f37", fillOpacity: 0.7 })
      .bindTooltip(esc(c.title)).addTo(map);
    bounds.extend([c.lat, c.lon]);
  });
  (data.positions || []).forEach(function (p) {
    L.circleMarker([p.lat, p.lon], { radius: 10, weight: 3, color: p.flag ? "#cf222e" : "#1a7f37", fillOpacity: 0.4 })
      .bindTooltip(esc(p.title), { permanent: true, direction: "right" }).addTo(map);
    bounds.extend([p.lat, p.lon]);
  });
  if (bounds.isValid()) { map.fitBounds(bounds.pad(0.1)); }
  el.setAttribute("data-ready", "1");
})();
