// The public device map (no login): published devices as clustered squares on the county boundaries.
(function () {
  "use strict";
  var el = document.getElementById("device-map");
  var source = document.getElementById("device-data");
  if (!el || !source || typeof L === "undefined" || !window.YrdBaseMap) { return; }
  var devices = JSON.parse(source.textContent);
  var base = YrdBaseMap.create(el, { legend: ["device"] });
  var bounds = L.latLngBounds([]);
  devices.forEach(function (d) {
    var label = document.createElement("span");  // text, never HTML
    label.textContent = d.name + " · " + d.type_label + " · " + d.address;
    base.marker("device", [d.lat, d.lon], { title: d.name }).bindPopup(label).addTo(base.markers);
    bounds.extend([d.lat, d.lon]);
  });
  base.fitData(bounds, { padding: [30, 30], maxZoom: 14 });
  el.setAttribute("data-ready", String(devices.length));
})();
