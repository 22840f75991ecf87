{% autoescape off %}// Service worker of 长三角城管执法协作 (portal/pwa.py). Version {{ version }}.
// Keeps the app shell only (styles, scripts, icons, the offline page) and NEVER a page or an API
// answer: those carry personal data. A page that cannot load shows the offline page instead.
"use strict";
var CACHE = "yrd-shell-{{ version }}";
var SHELL = {{ shell_json }};
var OFFLINE_URL = {{ offline_url_json }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(SHELL.map(function (url) { return new Request(url, { credentials: "omit", cache: "reload" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name.indexOf("yrd-shell-") === 0 && name !== CACHE; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function isShell(url) {
  return url.origin === self.location.origin && SHELL.indexOf(url.pathname) !== -1;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }  // submissions go to the network; offline.js queues them
  var url = new URL(request.url);
  if (request.mode === "navigate") {
    // pages: always from the network, never stored; without a network, the offline page
    event.respondWith(fetch(request).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(OFFLINE_URL); });
    }));
    return;
  }
  if (!isShell(url) || url.search) { return; }  // everything else (API, photos, pages) untouched
  // the shell: the network first so a new deployment shows at once, the kept copy without signal
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(url.pathname, copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(url.pathname); });
  }));
});

// Background sync (where the browser has it): ask the open pages to send their queue; the page
// holds the CSRF cookie and the session, the worker does not send anything itself.
self.addEventListener("sync", function (event) {
  if (event.tag !== "yrd-offline") { return; }
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage({ type: "yrd-offline-flush" }); });
  }));
});
{% endautoescape %}
