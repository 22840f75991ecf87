/* The shared base map of every map page. No internet: the county boundaries ARE the base map (an
 * intranet tile service only if one is configured). Gives each map the same boundaries, collaboration
 * zones, scale bar, 定位我 control, marker symbols (shape + colour per kind), clustering and legend.
 *
 *   var base = YrdBaseMap.create(element, { legend: ["device", "patrol"], cluster: true });
 *   base.marker("device", [lat, lon], { title: "…" }).addTo(base.markers);
 *   base.fitData(bounds);            // fit to the page's data (else to the boundaries once loaded)
 *
 * The configuration comes from the {% basemap_config %} JSON script (id basemap-config). */
(function () {
  "use strict";
  var FILL = { "310000": "#f3c4a8", "320000": "#b7d3f0", "330000": "#bfe3c4", "340000": "#ecdca6" };
  var ZONE_COLORS = { demonstration_zone: "#c2255c", pilot_area: "#5f3dc4" };
  var LABEL_ZOOM = 9;
  // One symbol per kind of thing: a different shape AND colour, so a grey-scale print still tells them apart.
  var SYMBOLS = {
    device: { shape: "square", color: "#6f42c1" },
    patrol: { shape: "circle", color: "#1a7f37" },
    officer: { shape: "circle", color: "#0969da" },
    alert: { shape: "triangle", color: "#cf222e" },
    truck: { shape: "truck", color: "#9a6700" },
    incident: { shape: "diamond", color: "#fb8500" },
    transfer: { shape: "hexagon", color: "#d9480f" },
    checkin: { shape: "dot", color: "#1a7f37" },
    venue: { shape: "star", color: "#24292f" },
    stop: { shape: "ring", color: "#57606a" }
  };
  var SHAPES = {
    circle: '<circle cx="10" cy="10" r="7"/>',
    dot: '<circle cx="10" cy="10" r="5"/>',
    ring: '<circle cx="10" cy="10" r="6" fill="#fff" stroke-width="4"/>',
    square: '<rect x="3" y="3" width="14" height="14" rx="2"/>',
    triangle: '<path d="M10 1.5 18.8 17.5H1.2Z"/>',
    diamond: '<path d="M10 1.2 18.8 10 10 18.8 1.2 10Z"/>',
    hexagon: '<path d="M10 1.2 17.8 5.6V14.4L10 18.8 2.2 14.4V5.6Z"/>',
    star: '<path d="M10 1.2l2.6 5.6 6.1.7-4.5 4.2 1.2 6-5.4-3-5.4 3 1.2-6L1.3 7.5l6.1-.7Z"/>',
    truck: '<path d="M1 4.5h11v9.5H1ZM12 7.5h3.8l3.2 3.4V14H12Z"/><circle cx="5" cy="15.5" r="2.2"/><circle cx="15" cy="15.5" r="2.2"/>'
  };
  var configNode = document.getElementById("basemap-config");
  var CONFIG = configNode ? JSON.parse(configNode.textContent) : { text: { kinds: {} }, zones: [] };
  var T = CONFIG.text || {};
  var boundaryRequest = null;  // one fetch per page, however many maps it has

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function format(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  }
  function symbolSvg(kind, color) {
    var symbol = SYMBOLS[kind] || { shape: "circle", color: "#1f5fbf" };
    return '<svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" fill="' + esc(color || symbol.color) +
      '" stroke="' + (symbol.shape === "ring" ? esc(color || symbol.color) : "#fff") + '" stroke-width="2">' + SHAPES[symbol.shape] + "</svg>";
  }
  function icon(kind, options) {
    options = options || {};
    var size = options.size || 20;
    return L.divIcon({
      className: "bm-marker bm-kind-" + kind + (options.className ? " " + options.className : ""),
      html: symbolSvg(kind, options.color), iconSize: [size, size], iconAnchor: [size / 2, size / 2],
      tooltipAnchor: [size / 2, 0], popupAnchor: [0, -size / 2]
    });
  }
  function loadBoundaries() {
    if (!boundaryRequest) {
      boundaryRequest = fetch(CONFIG.boundariesUrl, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); });
    }
    return boundaryRequest;
  }

  // --- 定位我 ------------------------------------------------------------------------------------
  var LocateControl = L.Control.extend({
    options: { position: "topleft" },
    onAdd: function (map) {
      var box = L.DomUtil.create("div", "leaflet-bar bm-locate");
      var button = L.DomUtil.create("button", "bm-locate-button", box);
      button.type = "button";
      button.textContent = T.locate;
      button.title = T.locate;
      button.setAttribute("data-testid", "locate-me");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.on(button, "click", function (e) { L.DomEvent.preventDefault(e); this._handle.locate(); }, this);
      return box;
    }
  });

  function create(element, options) {
    options = options || {};
    var el = typeof element === "string" ? document.getElementById(element) : element;
    var map = L.map(el, { zoomSnap: 0.25, minZoom: 5, maxZoom: 18, attributionControl: Boolean(CONFIG.tileUrl) });
    map.setView(options.center || [31.2, 119.5], options.zoom || 7);
    if (CONFIG.tileUrl) {
      L.tileLayer(CONFIG.tileUrl, { attribution: CONFIG.tileAttribution, maxZoom: 18 }).addTo(map);
    }
    L.control.scale({ imperial: false }).addTo(map);
    el.classList.add("bm-map");
    el.bmBase = null;  // set below: tests and page scripts reach the map through the element

    var handle = { map: map, element: el, byCode: {}, fitted: false, esc: esc, format: format, text: T, config: CONFIG };
    var labels = L.layerGroup();
    var zoneLayer = L.layerGroup();
    var interactive = Boolean(options.interactiveBoundaries);
    function baseStyle(feature) {
      return { color: "#7b8a99", weight: 1, opacity: 0.9, fillColor: FILL[feature.properties.province] || "#ddd",
               fillOpacity: CONFIG.tileUrl ? 0.12 : (options.fillOpacity == null ? 0.45 : options.fillOpacity) };
    }
    var boundaries = L.geoJSON(null, {
      style: baseStyle,
      interactive: interactive,
      pmIgnore: true,  // never edited by the drawing tool (area_draw.js)
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        handle.byCode[p.code] = layer;
        if (options.onFeature) { options.onFeature(feature, layer); }
        if (interactive) {
          layer.bindTooltip("<strong>" + esc(p.name) + "</strong>" + (p.city ? " · " + esc(p.city) : "") +
                            "<br><span class=\"muted\">" + esc(p.code) + "</span>", { sticky: true, className: "geo-tip" });
        }
        if (p.label) {
          labels.addLayer(L.marker([p.label[1], p.label[0]], { interactive: false, keyboard: false, pmIgnore: true,
            icon: L.divIcon({ className: "geo-label", html: esc(p.name), iconSize: null }) }));
        }
      }
    }).addTo(map);
    handle.boundaries = boundaries;
    handle.baseStyle = baseStyle;
    zoneLayer.addTo(map);

    function syncLabels() {
      var show = map.getZoom() >= (options.labelZoom || LABEL_ZOOM) && map.hasLayer(boundaries);
      if (show && !map.hasLayer(labels)) { labels.addTo(map); }
      if (!show && map.hasLayer(labels)) { map.removeLayer(labels); }
    }
    map.on("zoomend", syncLabels);
    handle.syncLabels = syncLabels;

    handle.boundsOf = function (codes) {
      var bounds = L.latLngBounds([]);
      codes.forEach(function (code) { if (handle.byCode[code]) { bounds.extend(handle.byCode[code].getBounds()); } });
      return bounds;
    };
    function drawZones() {
      if (options.zones === false) { return; }
      (CONFIG.zones || []).forEach(function (zone) {
        var color = ZONE_COLORS[zone.kind] || "#c2255c";
        zone.codes.forEach(function (code) {
          var county = handle.byCode[code];
          if (!county) { return; }
          L.geoJSON(county.feature, { interactive: false, pmIgnore: true, style: { color: color, weight: 3, opacity: 0.9, dashArray: "7 5", fill: false } })
            .addTo(zoneLayer);
        });
      });
    }

    handle.ready = loadBoundaries().then(function (data) {
      boundaries.addData(data);
      drawZones();
      // below the page's own shapes, whatever order they arrived in
      zoneLayer.eachLayer(function (layer) { layer.bringToBack(); });
      boundaries.bringToBack();
      el.setAttribute("data-boundaries", String(data.features.length));
      if (!handle.fitted && options.fitBoundaries !== false) {
        var bounds = boundaries.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10], animate: false }); }
      }
      syncLabels();
      return data;
    }).catch(function () {
      el.setAttribute("data-boundaries", "0");
      handle.message(T.boundariesFailed, "warn");
    });

    // --- markers: one cluster group, symbols per kind ----------------------------------------------
    handle.markers = options.cluster === false ? L.layerGroup() : L.markerClusterGroup({
      maxClusterRadius: options.clusterRadius || 45, showCoverageOnHover: false,
      disableClusteringAtZoom: options.disableClusteringAtZoom || 17, spiderfyOnMaxZoom: true
    });
    handle.markers.addTo(map);
    handle.marker = function (kind, latlng, markerOptions) {
      markerOptions = markerOptions || {};
      return L.marker(latlng, { icon: icon(kind, markerOptions), title: markerOptions.title || "", keyboard: true,
                                riseOnHover: true });
    };
    handle.icon = icon;

    // --- fitting ---------------------------------------------------------------------------------
    handle.fitData = function (bounds, fitOptions) {
      if (bounds && bounds.isValid && bounds.isValid()) {
        map.fitBounds(bounds, L.extend({ padding: [24, 24], maxZoom: 15, animate: false }, fitOptions || {}));
        handle.fitted = true;
      }
      return handle.fitted;
    };

    // --- messages on the map (定位 errors, failed loads) ------------------------------------------
    var messageBox = L.DomUtil.create("div", "bm-message", el);
    messageBox.setAttribute("role", "status");
    messageBox.setAttribute("data-testid", "map-message");
    messageBox.hidden = true;
    var messageTimer = null;
    handle.message = function (text, level) {
      messageBox.textContent = text;
      messageBox.className = "bm-message" + (level ? " bm-" + level : "");
      messageBox.hidden = !text;
      clearTimeout(messageTimer);
      if (text && level !== "error") { messageTimer = setTimeout(function () { messageBox.hidden = true; }, 10000); }
    };

    // --- 定位我 ------------------------------------------------------------------------------------
    var you = null;
    handle.locate = function () {
      if (!navigator.geolocation) { handle.message(T.locateUnsupported, "error"); return; }
      handle.message(T.locating);
      navigator.geolocation.getCurrentPosition(function (position) {
        var latlng = L.latLng(position.coords.latitude, position.coords.longitude);
        handle.message("");
        if (you) { map.removeLayer(you); }
        you = L.layerGroup([
          L.circle(latlng, { radius: Math.min(position.coords.accuracy || 0, 2000), color: "#0969da", weight: 1, fillOpacity: 0.1, interactive: false, pmIgnore: true }),
          L.marker(latlng, { icon: L.divIcon({ className: "bm-you", html: "<span></span>", iconSize: [18, 18] }), title: T.located, pmIgnore: true })
        ]).addTo(map);
        map.setView(latlng, Math.max(map.getZoom(), 15));
        if (options.onLocate) { options.onLocate(latlng, position.coords.accuracy); }
      }, function (error) {
        var text = error.code === 1 ? T.locateDenied : error.code === 3 ? T.locateTimeout : T.locateUnavailable;
        handle.message(text, "error");
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
    };
    if (options.locate !== false) {
      var control = new LocateControl();
      control._handle = handle;
      control.addTo(map);
    }

    // --- legend, below the map ---------------------------------------------------------------------
    handle.legend = function (items) {
      var legend = el.parentNode.querySelector(".bm-legend[data-for=\"" + el.id + "\"]");
      if (!legend) {
        legend = document.createElement("div");
        legend.className = "bm-legend";
        legend.setAttribute("data-for", el.id);
        legend.setAttribute("data-testid", "map-legend");
        el.parentNode.insertBefore(legend, el.nextSibling);
      }
      var html = "";
      (items || []).forEach(function (item) {
        if (typeof item === "string") { item = { kind: item }; }
        if (item.kind) {
          html += "<span class=\"bm-legend-item\">" + symbolSvg(item.kind, item.color) + esc(item.label || (T.kinds || {})[item.kind] || item.kind) + "</span>";
        } else if (item.area) {
          html += "<span class=\"bm-legend-item\"><i class=\"bm-swatch\" style=\"background:" + esc(item.area) + ";border-color:" + esc(item.border || item.area) + "\"></i>" + esc(item.label) + "</span>";
        }
      });
      if (options.zones !== false) {
        var seen = {};
        (CONFIG.zones || []).forEach(function (zone) {
          if (seen[zone.kind]) { return; }
          seen[zone.kind] = true;
          html += "<span class=\"bm-legend-item\"><i class=\"bm-swatch bm-swatch-zone\" style=\"border-color:" + (ZONE_COLORS[zone.kind] || "#c2255c") + "\"></i>" + esc(zone.name) + "</span>";
        });
      }
      html += "<span class=\"bm-legend-item\"><i class=\"bm-swatch bm-swatch-county\"></i>" + esc(T.boundaries) + "</span>";
      if (options.cluster !== false) {
        html += "<span class=\"bm-legend-item\"><i class=\"bm-cluster-sample\">3</i>" + esc(T.cluster) + "</span>";
      }
      legend.innerHTML = html;
      return legend;
    };
    if (options.legend) { handle.legend(options.legend); }
    el.bmBase = handle;
    return handle;
  }

  window.YrdBaseMap = { create: create, icon: icon, symbolSvg: symbolSvg, esc: esc, format: format, config: CONFIG, text: T, SYMBOLS: SYMBOLS };
})();
