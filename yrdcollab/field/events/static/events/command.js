// The event command page's map: zones coloured by ring, patrol positions and incidents, refreshed
// every 15 s from the page's JSON. No internet tiles unless an intranet tile URL is configured.
(function () {
  "use strict";
  var el = document.getElementById("event-map");
  var config = JSON.parse(document.getElementById("event-config").textContent);
  if (!el || typeof L === "undefined") { return; }
  var COLORS = { core: "#cf222e", control: "#d4a72c", buffer: "#2f81f7" };
  var map = L.map(el, { attributionControl: Boolean(config.tileUrl), zoomSnap: 0.25 });
  if (config.tileUrl) { L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map); }
  L.control.scale({ imperial: false }).addTo(map);
  var zoneLayer = L.layerGroup().addTo(map);
  var patrolLayer = L.layerGroup().addTo(map);
  var incidentLayer = L.layerGroup().addTo(map);
  var fitted = false;

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function draw(data) {
    zoneLayer.clearLayers(); patrolLayer.clearLayers(); incidentLayer.clearLayers();
    var bounds = L.latLngBounds([]);
    // outer rings first, so the core is drawn on top
    data.zones.slice().reverse().forEach(function (z) {
      var layer = L.geoJSON(z.geometry, { style: { color: COLORS[z.level] || "#57606a", weight: 2, fillOpacity: 0.18 } })
        .bindTooltip(esc(z.name) + " · " + z.response_minutes + " " + esc(config.text.minutes));
      layer.addTo(zoneLayer);
      bounds.extend(layer.getBounds());
    });
    if (data.venue) {
      L.circleMarker(data.venue, { radius: 5, color: "#24292f", fillOpacity: 1 }).bindTooltip(esc(config.venue)).addTo(zoneLayer);
      bounds.extend(data.venue);
    }
    data.positions.forEach(function (p) {
      L.circleMarker([p.lat, p.lon], { radius: 6, color: p.flag ? "#bf8700" : "#1a7f37", fillOpacity: 0.9 })
        .bindTooltip(esc(p.officer) + " · " + esc(p.agency) + " · " + esc(p.post)).addTo(patrolLayer);
    });
    data.incidents.forEach(function (i) {
      var open = i.status !== "resolved";
      var color = i.is_urgent && open ? "#cf222e" : (open ? "#fb8500" : "#8c959f");
      L.marker([i.lat, i.lon], { title: i.matter, icon: L.divIcon({ className: "event-incident" + (i.is_urgent ? " urgent" : ""),
        html: "<span style=\"background:" + color + "\"></span>", iconSize: [16, 16] }) })
        .bindTooltip(esc(i.matter) + (i.zone_name ? " · " + esc(i.zone_name) : "") + " · " + esc(i.description))
        .addTo(incidentLayer);
    });
    if (!fitted) {
      if (bounds.isValid()) { map.fitBounds(bounds.pad(0.1)); } else { map.setView([31.19, 121.3], 12); }
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
