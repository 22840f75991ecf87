// Field forms on a phone (issue #15 item 10): a "获取当前位置" button after every latitude/longitude
// input pair (names lat/lon, lat/lng, latitude/longitude, with any prefix such as venue_lat), filled
// from navigator.geolocation (WGS-84) with the accuracy shown; and the camera for every photo input.
// The user-visible texts come from this script tag's data-* attributes (translated by the template).
(function () {
  "use strict";
  var script = document.currentScript;
  function text(key, vars) {
    var value = (script && script.getAttribute("data-" + key)) || "";
    Object.keys(vars || {}).forEach(function (name) { value = value.replace("%(" + name + ")s", vars[name]); });
    return value;
  }

  var LAT = /^(.*?)(lat|latitude)$/;
  var LON_NAMES = ["lon", "lng", "longitude"];

  function pairs(root) {
    var found = [];
    root.querySelectorAll("input[name]").forEach(function (lat) {
      var match = LAT.exec(lat.name);
      if (!match || !lat.form) { return; }
      for (var i = 0; i < LON_NAMES.length; i += 1) {
        var lon = lat.form.querySelector('input[name="' + match[1] + LON_NAMES[i] + '"]');
        if (lon) { found.push({ lat: lat, lon: lon, prefix: match[1] }); return; }
      }
    });
    return found;
  }

  function fieldOf(input) { return input.closest(".field") || input; }

  function laterOf(a, b) {
    return (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) ? b : a;
  }

  function addLocate(pair) {
    if (pair.lat.hasAttribute("data-locate-added")) { return; }
    pair.lat.setAttribute("data-locate-added", "1");
    var form = pair.lat.form;
    var bar = document.createElement("div");
    bar.className = "toolbar geo-locate";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-secondary";
    button.textContent = text("locate");
    button.setAttribute("data-testid", "locate");
    var status = document.createElement("span");
    status.className = "muted";
    status.setAttribute("role", "status");
    status.setAttribute("data-testid", "locate-status");
    bar.appendChild(button);
    bar.appendChild(status);
    var after = laterOf(fieldOf(pair.lat), fieldOf(pair.lon));
    after.parentNode.insertBefore(bar, after.nextSibling);
    if (!("geolocation" in navigator)) {
      status.textContent = text("unsupported");
      button.disabled = true;
      return;
    }
    button.addEventListener("click", function () {
      status.textContent = text("waiting");
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        button.disabled = false;
        pair.lon.value = position.coords.longitude.toFixed(6);
        pair.lat.value = position.coords.latitude.toFixed(6);
        var metres = Math.round(position.coords.accuracy);
        var accuracy = form.querySelector('[name="' + pair.prefix + 'accuracy_m"], [name="' + pair.prefix + 'accuracy"]');
        if (accuracy) { accuracy.value = metres; }
        var crs = form.querySelector('[name="' + pair.prefix + 'crs"]') || form.querySelector('[name="crs"]');
        if (crs) { crs.value = "wgs84"; }
        [pair.lon, pair.lat].forEach(function (input) {
          input.dispatchEvent(new Event("change", { bubbles: true }));
        });
        status.textContent = text("done", { m: metres });
      }, function (error) {
        button.disabled = false;
        var key = { 1: "denied", 2: "unavailable", 3: "timeout" }[error && error.code] || "unavailable";
        status.textContent = text(key);
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
    });
    button.setAttribute("data-ready", "1");  // the listener is attached (tests wait for this)
  }

  var PHOTO = /photo|image|picture|snapshot/i;

  function addCamera(input) {
    var accept = (input.getAttribute("accept") || "").trim();
    var imagesOnly = accept && accept.split(",").every(function (type) { return type.trim().indexOf("image/") === 0; });
    if (!imagesOnly && !PHOTO.test(input.name || "")) { return; }  // documents keep their picker
    if (!imagesOnly) { input.setAttribute("accept", "image/*"); }  // a narrower image list is the server's
    input.setAttribute("capture", "environment");
  }

  function enhance(root) {
    pairs(root).forEach(addLocate);
    root.querySelectorAll('input[type="file"]').forEach(addCamera);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:afterSettle", function (event) { enhance(event.target || document); });
})();
