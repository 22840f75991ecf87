// The event command page's map: zones coloured by ring, patrol positions and incidents on the shared
// base map (county boundaries, 定位我, clustered markers by kind), refreshed every 15 s from the
// page's JSON. No internet tiles unless an intranet tile URL is configured.
(function () {
  "use strict";
  var el = document.getElementById("event-map");
  var config = JSON.parse(document.getElementById("event-config").textContent);
  if (!el || typeof L === "undefined" || !window.YrdBaseMap) { return; }
  var COLORS = { core: "#cf222e", control: "#d4a72c", buffer: "#2f81f7" };
  var base = YrdBaseMap.create(el, { disableClusteringAtZoom: 13, clusterRadius: 30 });
  var map = base.map, esc = base.esc;
  var zoneLayer = L.layerGroup().addTo(map);
  var fitted = false;
  function label(name) { return el.getAttribute("data-label-" + name); }
  base.legend([
    { area: "rgba(207,34,46,.25)", border: COLORS.core, label: label("core") },
    { area: "rgba(212,167,44,.25)", border: COLORS.control, label: label("control") },
    { area: "rgba(47,129,247,.25)", border: COLORS.buffer, label: label("buffer") },
    "venue", "patrol", { kind: "incident", label: label("open") },
    { kind: "incident", color: "#cf222e", label: label("urgent") }, { kind: "incident", color: "#8c959f", label: label("resolved") }
  ]);

  function draw(data) {
    zoneLayer.clearLayers(); base.markers.clearLayers();
    var bounds = L.latLngBounds([]);
    // outer rings first, so the core is drawn on top
    data.zones.slice().reverse().forEach(function (z) {
      var layer = L.geoJSON(z.geometry, { style: { color: COLORS[z.level] || "#57606a", weight: 2, fillOpacity: 0.18 } })
        .bindTooltip(esc(z.name) + " · " + z.response_minutes + " " + esc(config.text.minutes));
      layer.addTo(zoneLayer);
      bounds.extend(layer.getBounds());
    });
    if (data.venue) {
      L.circleMarker(data.venue, { radius: 4, color: "#24292f", weight: 1, fillOpacity: 1 }).bindTooltip(esc(config.venue)).addTo(zoneLayer);
      base.marker("venue", data.venue, { title: config.venue, size: 22 }).addTo(zoneLayer);
      bounds.extend(data.venue);
    }
    data.positions.forEach(function (p) {
      base.marker("patrol", [p.lat, p.lon], { color: p.flag ? "#bf8700" : null })
        .bindTooltip(esc(p.officer) + " · " + esc(p.agency) + " · " + esc(p.post)).addTo(base.markers);
    });
    data.incidents.forEach(function (i) {
      var open = i.status !== "resolved";
      var color = i.is_urgent && open ? "#cf222e" : (open ? null : "#8c959f");
      base.marker("incident", [i.lat, i.lon], { title: i.matter, color: color, size: i.is_urgent ? 22 : 20,
                                                className: "event-incident" + (i.is_urgent ? " urgent" : "") })
        .bindTooltip(esc(i.matter) + (i.zone_name ? " · " + esc(i.zone_name) : "") + " · " + esc(i.description))
        .addTo(base.markers);
    });
    if (!fitted) {
      if (!base.fitData(bounds.pad(0.1))) { map.setView([31.19, 121.3], 12); base.fitted = true; }
      fitted = true;
    }
    el.setAttribute("data-zones", String(data.zones.length));
    el.setAttribute("data-incidents", String(data.incidents.length));
    el.setAttribute("data-positions", String(data.positions.length));
    el.setAttribute("data-ready", "1");
    var stamp = document.getElementById("live-at");
    if (stamp) { stamp.textContent = new Date(data.at).toLocaleTimeString(); }
  }

  draw(JSON.parse(document.getElementById("event-live").textContent));
  setInterval(function () {
    fetch(config.liveUrl, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { draw(data); } })
      .catch(function () {});
  }, config.refreshSeconds * 1000);

  // respond-by countdowns in the incident list
  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-respond-by]").forEach(function (node) {
      var left = Math.round((Date.parse(node.getAttribute("data-respond-by")) - now) / 1000);
      var m = Math.floor(Math.abs(left) / 60), s = Math.abs(left) % 60;
      node.textContent = (left < 0 ? config.text.overdue + " " : "") + m + ":" + (s < 10 ? "0" : "") + s;
      node.className = left < 0 ? "tag tag-danger" : (left < 300 ? "tag tag-warn" : "tag tag-info");
    });
  }
  tick();
  setInterval(tick, 1000);
})();
