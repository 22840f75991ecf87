/* 执法地图: county boundaries (WGS-84), markers of every registered source, click → jurisdiction. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("geo-config").textContent);
  var T = config.text;
  var FILL = { "310000": "#f3c4a8", "320000": "#b7d3f0", "330000": "#bfe3c4", "340000": "#ecdca6" };
  var DEMO_ZONE = ["310118", "320509", "330421"];
  var LABEL_ZOOM = 9;

  var map = L.map("geo-map", { zoomSnap: 0.25, minZoom: 5, maxZoom: 16, attributionControl: Boolean(config.tileUrl) });
  map.setView([31.2, 119.5], 7);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution, maxZoom: 18 }).addTo(map);
  }
  L.control.scale({ imperial: false }).addTo(map);
  map.createPane("geo-points").style.zIndex = 650;  // markers stay above highlighted boundaries

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  // --- boundary layer --------------------------------------------------------------------------
  var byCode = {};
  var highlighted = [];
  var labels = L.layerGroup();
  function baseStyle(feature) {
    return { color: "#5b6b7d", weight: 1, opacity: 0.9, fillColor: FILL[feature.properties.province] || "#ddd",
             fillOpacity: config.tileUrl ? 0.15 : 0.75 };
  }
  var boundaries = L.geoJSON(null, {
    style: baseStyle,
    onEachFeature: function (feature, layer) {
      var p = feature.properties;
      byCode[p.code] = layer;
      layer.bindTooltip("<strong>" + esc(p.name) + "</strong>" + (p.city ? " · " + esc(p.city) : "") +
                        "<br><span class=\"muted\">" + esc(p.code) + "</span>", { sticky: true, className: "geo-tip" });
      layer.on("mouseover", function () { if (highlighted.indexOf(layer) < 0) layer.setStyle({ weight: 2, color: "#1d4e89" }); });
      layer.on("mouseout", function () { if (highlighted.indexOf(layer) < 0) boundaries.resetStyle(layer); });
      if (p.label) {
        labels.addLayer(L.marker([p.label[1], p.label[0]], { interactive: false, keyboard: false,
          icon: L.divIcon({ className: "geo-label", html: esc(p.name), iconSize: null }) }));
      }
    }
  }).addTo(map);

  function syncLabels() {
    var show = map.getZoom() >= LABEL_ZOOM && map.hasLayer(boundaries);
    if (show && !map.hasLayer(labels)) labels.addTo(map);
    if (!show && map.hasLayer(labels)) map.removeLayer(labels);
  }
  map.on("zoomend", syncLabels);

  function boundsOf(codes) {
    var bounds = L.latLngBounds([]);
    codes.forEach(function (code) { if (byCode[code]) bounds.extend(byCode[code].getBounds()); });
    return bounds;
  }

  fetch(config.boundariesUrl, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      boundaries.addData(data);
      var start = boundsOf(DEMO_ZONE);
      map.fitBounds(boundaries.getBounds(), { padding: [10, 10], animate: false });
      document.getElementById("geo-map").dataset.ready = String(data.features.length);
      if (window.location.hash === "#demo" && start.isValid()) map.fitBounds(start, { padding: [20, 20], animate: false });
      syncLabels();
    });

  document.getElementById("layer-boundaries").addEventListener("change", function (e) {
    if (e.target.checked) boundaries.addTo(map); else map.removeLayer(boundaries);
    syncLabels();
  });
  document.getElementById("geo-province").addEventListener("change", function (e) {
    var value = e.target.value, codes = Object.keys(byCode);
    if (value === "demo") codes = DEMO_ZONE;
    else if (value) codes = codes.filter(function (c) { return c.slice(0, 2) === value; });
    var bounds = boundsOf(codes);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
  });

  // --- markers -----------------------------------------------------------------------------------
  var markerLayers = {};
  config.sources.forEach(function (source) { markerLayers[source.kind] = L.layerGroup().addTo(map); });
  function loadMarkers() {
    var kinds = config.sources.map(function (s) { return s.kind; });
    if (!kinds.length) return;
    fetch(config.markersUrl + "?kinds=" + encodeURIComponent(kinds.join(",")), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        config.sources.forEach(function (source) {
          var rows = (data.markers || {})[source.kind] || [];
          var layer = markerLayers[source.kind];
          layer.clearLayers();
          rows.forEach(function (m) {
            L.circleMarker([m.lat, m.lon], { pane: "geo-points", radius: 7, color: "#fff", weight: 2, fillColor: source.color, fillOpacity: 0.95 })
              .bindPopup("<strong>" + esc(m.title) + "</strong><br>" + esc(source.label) + (m.status ? " · " + esc(m.status) : "") +
                         (m.url ? "<br><a href=\"" + esc(m.url) + "\">" + esc(T.open) + "</a>" : ""))
              .addTo(layer);
          });
          var count = document.querySelector("[data-count=\"" + source.kind + "\"]");
          if (count) count.textContent = rows.length;
        });
      });
  }
  document.querySelectorAll("#marker-filters input[name=kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      var layer = markerLayers[box.value];
      if (box.checked) layer.addTo(map); else map.removeLayer(layer);
    });
  });
  loadMarkers();

  // --- click → jurisdiction --------------------------------------------------------------------------
  var result = document.getElementById("route-result");
  var pin = null;
  function clearHighlight() {
    highlighted.forEach(function (layer) { boundaries.resetStyle(layer); });
    highlighted = [];
  }
  function showRoute(data) {
    clearHighlight();
    var tag = data.status === "inside" ? "tag-ok" : data.status === "ambiguous" ? "tag-warn" : "";
    var html = "<p><span class=\"tag " + tag + "\" data-testid=\"route-status\" data-status=\"" + esc(data.status) + "\">" +
               esc(T[data.status] || data.status) + "</span></p>" +
               "<div class=\"geo-point\">" + esc(T.point) + " " + data.wgs84.lon.toFixed(6) + ", " + data.wgs84.lat.toFixed(6) + "</div>";
    if (data.candidates.length) {
      html += "<ol data-testid=\"route-candidates\">";
      data.candidates.forEach(function (c) {
        html += "<li><strong>" + esc(c.division.name) + "</strong> <span class=\"muted\">" + esc(c.division.code) + "</span>" +
                "<span class=\"muted geo-distance\">" + (c.distance_m === 0 ? esc(T.contains) : esc(T.distance) + " " + Math.round(c.distance_m) + " " + esc(T.metres)) + "</span><br>" +
                "<span class=\"geo-agency\">" + (c.agency ? esc(c.agency.name) : "<span class=\"muted\">" + esc(T.noAgency) + "</span>") + "</span></li>";
        var layer = byCode[c.division.code];
        if (layer) {
          layer.setStyle({ weight: 3, color: c.distance_m === 0 ? "#c8102e" : "#b26a00" });
          layer.bringToFront();
          highlighted.push(layer);
        }
      });
      html += "</ol>";
    }
    result.innerHTML = html;
    if (pin) map.removeLayer(pin);
    pin = L.layerGroup([
      L.circle([data.wgs84.lat, data.wgs84.lon], { pane: "geo-points", radius: data.band_m, color: "#c8102e", weight: 1, dashArray: "4 4", fill: false, interactive: false }),
      L.circleMarker([data.wgs84.lat, data.wgs84.lon], { pane: "geo-points", radius: 7, color: "#c8102e", weight: 3, fillColor: "#fff", fillOpacity: 1 })
    ]).addTo(map);
  }
  function route(lon, lat, crs) {
    result.innerHTML = "<p class=\"muted\">" + esc(T.loading) + "</p>";
    var query = "?lon=" + encodeURIComponent(lon) + "&lat=" + encodeURIComponent(lat) + "&crs=" + encodeURIComponent(crs);
    fetch(config.routeUrl + query, { credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (res.ok) showRoute(res.body);
        else result.innerHTML = "<p class=\"tag tag-danger\" data-testid=\"route-error\">" + esc(T.error) + "</p><p>" + esc(res.body.message) + "</p>";
      });
  }
  map.on("click", function (e) {
    document.getElementById("route-lon").value = e.latlng.lng.toFixed(6);
    document.getElementById("route-lat").value = e.latlng.lat.toFixed(6);
    document.getElementById("route-crs").value = "wgs84";
    route(e.latlng.lng.toFixed(6), e.latlng.lat.toFixed(6), "wgs84");
  });
  document.getElementById("route-form").addEventListener("submit", function (e) {
    e.preventDefault();
    route(document.getElementById("route-lon").value.trim(), document.getElementById("route-lat").value.trim(),
          document.getElementById("route-crs").value);
  });
  window.geoMap = map;
})();
