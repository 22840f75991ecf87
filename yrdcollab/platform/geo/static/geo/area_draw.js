/* Drawn areas instead of pasted GeoJSON: every [data-bm-draw] block (geo/_area_draw.html) gets a base
 * map with the geoman polygon tool. Drawing, editing (drag a vertex) or clearing writes the GeoJSON
 * into the block's textarea, which stays the posted field (under “高级：粘贴 GeoJSON”); the server
 * validates it as before. Drawings are WGS-84, so the form's 坐标系 is set to WGS-84 when drawing. */
(function () {
  "use strict";
  if (typeof L === "undefined" || !window.YrdBaseMap) { return; }

  function polygonsOf(geometry) {
    if (!geometry) { return []; }
    if (geometry.type === "Feature") { return polygonsOf(geometry.geometry); }
    if (geometry.type === "FeatureCollection") {
      return (geometry.features || []).reduce(function (all, f) { return all.concat(polygonsOf(f)); }, []);
    }
    if (geometry.type === "Polygon") { return [geometry.coordinates]; }
    if (geometry.type === "MultiPolygon") { return geometry.coordinates.slice(); }
    return [];
  }

  function setUp(block) {
    var textarea = block.querySelector("textarea, input[type=text], input[type=hidden]");
    var mapEl = block.querySelector(".bm-draw-map");
    var status = block.querySelector("[data-draw-status]");
    if (!textarea || !mapEl) { return; }
    var form = block.closest("form");
    var crs = form ? form.querySelector("select[name=crs]") : null;
    var base = YrdBaseMap.create(mapEl, { cluster: false, fillOpacity: 0.3 });
    var map = base.map, T = base.text;
    var drawn = L.featureGroup().addTo(map);
    var style = { color: "#0969da", weight: 3, fillOpacity: 0.2 };

    function layers() { return drawn.getLayers(); }
    function write() {
      var rings = layers().map(function (layer) { return layer.toGeoJSON().geometry.coordinates; });
      if (!rings.length) { textarea.value = ""; }
      else if (rings.length === 1) { textarea.value = JSON.stringify({ type: "Polygon", coordinates: rings[0] }); }
      else { textarea.value = JSON.stringify({ type: "MultiPolygon", coordinates: rings }); }
      if (crs && rings.length) { crs.value = "wgs84"; }
      textarea.dispatchEvent(new Event("change", { bubbles: true }));
      showStatus();
    }
    function showStatus(text) {
      status.textContent = text || (layers().length ? base.format(T.drawDone, { n: layers().length }) : T.drawEmpty + " " + T.drawHint);
      block.setAttribute("data-polygons", String(layers().length));
    }
    function watch(layer) {
      layer.on("pm:edit pm:dragend pm:markerdragend pm:vertexadded pm:vertexremoved", write);
    }
    function read() {
      // what the field already holds (an edit page, or a redisplayed form): shown and editable
      drawn.clearLayers();
      var text = textarea.value.trim();
      if (!text) { showStatus(); return; }
      if (crs && crs.value && crs.value !== "wgs84") { showStatus(T.drawUnreadable); return; }
      try {
        polygonsOf(JSON.parse(text)).forEach(function (rings) {
          var layer = L.polygon(rings.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); }), style);
          drawn.addLayer(layer);
          watch(layer);
        });
        showStatus(layers().length ? "" : T.drawUnreadable);
        if (layers().length) { base.fitData(drawn.getBounds()); }
      } catch (e) {
        showStatus(T.drawUnreadable);
      }
    }

    map.pm.setGlobalOptions({ pathOptions: style, snappable: true, allowSelfIntersection: false });
    map.pm.addControls({ position: "topright", drawMarker: false, drawCircleMarker: false, drawPolyline: false,
      drawRectangle: true, drawPolygon: true, drawCircle: false, drawText: false, cutPolygon: false,
      rotateMode: false, editMode: true, dragMode: true, removalMode: true });
    map.on("pm:create", function (e) {
      map.removeLayer(e.layer);
      drawn.addLayer(e.layer);
      watch(e.layer);
      write();
    });
    map.on("pm:remove", function (e) { drawn.removeLayer(e.layer); write(); });
    block.querySelector("[data-draw-start]").addEventListener("click", function () {
      map.pm.enableDraw("Polygon");
      showStatus(T.drawHint);
    });
    block.querySelector("[data-draw-clear]").addEventListener("click", function () {
      map.pm.disableDraw();
      drawn.clearLayers();
      write();
    });
    textarea.addEventListener("input", read);  // pasted by hand under “高级”
    read();
    mapEl.bmDraw = { base: base, drawn: drawn };
  }

  document.querySelectorAll("[data-bm-draw]").forEach(setUp);
})();
