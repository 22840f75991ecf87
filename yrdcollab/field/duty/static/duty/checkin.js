// Check-in form: fill lon/lat/accuracy from the phone's GPS (navigator.geolocation reports WGS-84);
// the fields stay editable as the fallback when location is unavailable or refused.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("locate");
    var status = document.getElementById("locate-status");
    if (!button || !status) { return; }
    function field(name) { return document.querySelector('[name="' + name + '"]'); }
    function say(key) { status.textContent = status.getAttribute("data-" + key) || ""; }
    if (!("geolocation" in navigator)) { say("failed"); button.disabled = true; return; }
    button.addEventListener("click", function () {
      say("waiting");
      navigator.geolocation.getCurrentPosition(function (pos) {
        field("lon").value = pos.coords.longitude.toFixed(6);
        field("lat").value = pos.coords.latitude.toFixed(6);
        if (field("accuracy_m")) { field("accuracy_m").value = Math.round(pos.coords.accuracy); }
        if (field("crs")) { field("crs").value = "wgs84"; }
        say("done");
      }, function () { say("failed"); }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 0 });
    });
    button.setAttribute("data-ready", "1");  // the listener is attached (tests wait for this)
  });
})();
