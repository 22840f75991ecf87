/* 执法地图: county boundaries (WGS-84), markers of every registered source, click → jurisdiction. */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("geo-config").textContent);
  var T = config.text;
  var DEMO_ZONE = ["310118", "320509", "330421"];
  // a registered marker source → the shared symbol of its kind (basemap.js); unknown kinds: a circle in the source's colour
  var SYMBOL_OF = { transfers: "transfer", alerts: "alert", devices: "device", patrols: "patrol" };
  var highlighted = [];
  var boundaries = null;
  var base = YrdBaseMap.create("geo-map", {
    interactiveBoundaries: true, fillOpacity: 0.75, disableClusteringAtZoom: 14,
    onFeature: function (feature, layer) {
      layer.on("mouseover", function () { if (highlighted.indexOf(layer) < 0) layer.setStyle({ weight: 2, color: "#1d4e89" }); });
      layer.on("mouseout", function () { if (highlighted.indexOf(layer) < 0) boundaries.resetStyle(layer); });
    },
    legend: config.sources.map(function (source) {
      return { kind: SYMBOL_OF[source.kind] || source.kind, color: SYMBOL_OF[source.kind] ? null : source.color, label: source.label };
    })
  });
  var map = base.map, esc = base.esc, byCode = base.byCode;
  boundaries = base.boundaries;
  map.createPane("geo-points").style.zIndex = 650;  // the routed point stays above highlighted boundaries

  base.ready.then(function (data) {
    if (!data) { return; }
    var start = base.boundsOf(DEMO_ZONE);
    document.getElementById("geo-map").dataset.ready = String(data.features.length);
    if (window.location.hash === "#demo" && start.isValid()) map.fitBounds(start, { padding: [20, 20], animate: false });
  });

  document.getElementById("layer-boundaries").addEventListener("change", function (e) {
    if (e.target.checked) { boundaries.addTo(map); boundaries.bringToBack(); } else map.removeLayer(boundaries);
    base.syncLabels();
  });
  document.getElementById("geo-province").addEventListener("change", function (e) {
    var value = e.target.value, codes = Object.keys(byCode);
    if (value === "demo") codes = DEMO_ZONE;
    else if (value) codes = codes.filter(function (c) { return c.slice(0, 2) === value; });
    var bounds = base.boundsOf(codes);
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
  });

  // --- markers: one cluster group, a symbol per kind ----------------------------------------------
  var markerLayers = {};
  config.sources.forEach(function (source) {
    markerLayers[source.kind] = [];
    var dot = document.querySelector("#marker-filters input[value=\"" + source.kind + "\"] ~ .geo-dot");
    if (dot) { dot.outerHTML = YrdBaseMap.symbolSvg(SYMBOL_OF[source.kind] || source.kind, SYMBOL_OF[source.kind] ? null : source.color); }
  });
  function loadMarkers() {
    var kinds = config.sources.map(function (s) { return s.kind; });
    if (!kinds.length) return;
    fetch(config.markersUrl + "?kinds=" + encodeURIComponent(kinds.join(",")), { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        config.sources.forEach(function (source) {
          var rows = (data.markers || {})[source.kind] || [];
          var symbol = SYMBOL_OF[source.kind] || source.kind;
          base.markers.removeLayers(markerLayers[source.kind]);
          markerLayers[source.kind] = rows.map(function (m) {
            return base.marker(symbol, [m.lat, m.lon], { title: m.title, color: SYMBOL_OF[source.kind] ? null : source.color })
              .bindPopup("<strong>" + esc(m.title) + "</strong><br>" + esc(source.label) + (m.status ? " · " + esc(m.status) : "") +
                         (m.url ? "<br><a href=\"" + esc(m.url) + "\">" + esc(T.open) + "</a>" : ""));
          });
          var box = document.querySelector("#marker-filters input[value=\"" + source.kind + "\"]");
          if (!box || box.checked) base.markers.addLayers(markerLayers[source.kind]);
          var count = document.querySelector("[data-count=\"" + source.kind + "\"]");
          if (count) count.textContent = rows.length;
        });
      });
  }
  document.querySelectorAll("#marker-filters input[name=kind]").forEach(function (box) {
    box.addEventListener("change", function () {
      var layers = markerLayers[box.value] || [];
      if (box.checked) base.markers.addLayers(layers); else base.markers.removeLayers(layers);
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
