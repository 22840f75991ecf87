/* The point picker (geo/_point_picker.html): a click on the map, or 定位我, fills the form's latitude
 * and longitude inputs (WGS-84), asks the route endpoint which county the point lies in, fills the
 * division input when it is empty, shows the suggested receiver agency (and selects it when the
 * receiver select is empty) and warns when the division typed in disagrees with the point. The form's
 * inputs are found by their name attributes; the server checks everything again. */
(function () {
  "use strict";
  if (typeof L === "undefined" || !window.YrdBaseMap) { return; }

  function fire(input, type) { input.dispatchEvent(new Event(type, { bubbles: true })); }
  function number(input) {
    var value = input ? parseFloat(String(input.value).replace(/，/g, ".")) : NaN;
    return isFinite(value) ? value : null;
  }
  // a typed code agrees with a county when it is that county or one of its towns, or contains it (a city or province code)
  function agrees(entered, county) {
    if (!entered) { return true; }
    if (entered.slice(0, 6) === county) { return true; }
    var prefix = entered.length === 6 ? entered.replace(/(00)+$/, "") : null;
    return Boolean(prefix && prefix.length >= 2 && prefix.length < 6 && county.indexOf(prefix) === 0);
  }

  function setUp(block) {
    var form = block.closest("form") || document;
    function field(name) { return name ? form.querySelector("[name=\"" + name + "\"]") : null; }
    var latInput = field(block.getAttribute("data-lat"));
    var lonInput = field(block.getAttribute("data-lon"));
    var divisionName = block.getAttribute("data-division");
    var receiverName = block.getAttribute("data-receiver");
    var result = block.querySelector("[data-pick-result]");
    var warning = block.querySelector("[data-pick-warning]");
    if (!latInput || !lonInput) { return; }
    var base = YrdBaseMap.create(block.querySelector(".bm-pick-map"), { cluster: false, fillOpacity: 0.3,
      onLocate: function (latlng) { pick(latlng, true); } });
    var map = base.map, T = base.text, esc = base.esc;
    var pin = null;
    var routed = null;  // the last answer of the route endpoint
    result.textContent = T.pickHint;

    function place(latlng) {
      if (pin) { pin.setLatLng(latlng); }
      else { pin = base.marker("incident", latlng, { size: 24, className: "bm-picked" }).addTo(map); }
    }
    function check() {
      var division = field(divisionName);
      if (!routed || !division || !routed.candidates.length) { warning.hidden = true; return; }
      var entered = division.value.trim();
      var codes = routed.candidates.map(function (c) { return c.division.code; });
      var ok = codes.some(function (code) { return agrees(entered, code); });
      if (ok) { warning.hidden = true; return; }
      var first = routed.candidates[0].division;
      warning.textContent = base.format(T.mismatch, { point: first.name + "（" + first.code + "）", entered: entered });
      warning.hidden = false;
    }
    function chooseReceiver(agency) {
      var select = field(receiverName);
      if (!select || !agency || select.value) { return; }
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === agency.id; });
      if (option) { select.value = agency.id; fire(select, "change"); }
    }
    function show(data, fillDivision) {
      routed = data;
      var lines = [];
      if (data.status === "outside" || !data.candidates.length) {
        lines.push(esc(T.pointOutside));
      } else if (data.status === "ambiguous") {
        lines.push(esc(base.format(T.pointAmbiguous, { names: data.candidates.map(function (c) { return c.division.name; }).join("、") })));
      } else {
        lines.push(esc(base.format(T.pointIn, { division: data.candidates[0].division.name, code: data.candidates[0].division.code })));
      }
      var top = data.candidates[0];
      if (top && receiverName) {
        lines.push(top.agency ? "<span data-testid=\"suggested-agency\">" + esc(base.format(T.suggested, { agency: top.agency.name })) + "</span>"
                              : esc(T.noAgency));
      }
      result.innerHTML = lines.join("<br>");
      var division = field(divisionName);
      if (top && fillDivision && division && !division.value.trim() && data.status === "inside") {
        division.value = top.division.code;
        fire(division, "input");
        fire(division, "change");
      }
      if (top && top.agency && data.status === "inside") {
        chooseReceiver(top.agency);
        // the receiver field may be redrawn (htmx) after the division changed: choose again then
        document.body.addEventListener("htmx:afterSettle", function again() {
          document.body.removeEventListener("htmx:afterSettle", again);
          chooseReceiver(top.agency);
        });
      }
      check();
      block.setAttribute("data-routed", data.status);
    }
    function route(latlng, fillDivision) {
      var url = base.config.routeUrl;
      if (!url) { return; }
      result.textContent = T.routing;
      var query = "?lon=" + latlng.lng.toFixed(6) + "&lat=" + latlng.lat.toFixed(6) + "&crs=wgs84";
      fetch(url + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (res.ok) { show(res.body, fillDivision); }
          else { routed = null; result.textContent = base.format(T.routeFailed, { message: res.body.message || "" }); }
        })
        .catch(function () { routed = null; result.textContent = base.format(T.routeFailed, { message: "" }); });
    }
    function pick(latlng, fillDivision) {
      latInput.value = latlng.lat.toFixed(6);
      lonInput.value = latlng.lng.toFixed(6);
      var crs = form.querySelector("select[name=crs]");
      if (crs) { crs.value = "wgs84"; fire(crs, "change"); }
      fire(latInput, "change");
      fire(lonInput, "change");
      place(latlng);
      route(latlng, fillDivision);
    }
    map.on("click", function (e) { pick(e.latlng, true); });
    function typed() {
      var lat = number(latInput), lon = number(lonInput);
      if (lat === null || lon === null || Math.abs(lat) > 90 || Math.abs(lon) > 180) { return; }
      var crs = form.querySelector("select[name=crs]");
      if (crs && crs.value && crs.value !== "wgs84") { return; }  // only WGS-84 can be drawn as it is
      place(L.latLng(lat, lon));
      route(L.latLng(lat, lon), false);
    }
    latInput.addEventListener("input", typed);
    lonInput.addEventListener("input", typed);
    var division = field(divisionName);
    if (division) { division.addEventListener("input", check); division.addEventListener("change", check); }
    // a redisplayed form (or an edit) already has a point: show it
    if (number(latInput) !== null && number(lonInput) !== null) {
      typed();
      base.fitData(L.latLngBounds([[number(latInput), number(lonInput)]]), { maxZoom: 12 });
    }
    block.bmPick = { base: base, pick: pick };
  }

  document.querySelectorAll("[data-bm-pick]").forEach(setUp);
})();
