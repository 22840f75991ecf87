// Offline queue for field forms (issue #15 item 10). A form marked data-offline-queue (the check-in,
// the incident report) submitted without a connection is kept in IndexedDB — its fields, its photo,
// a key made here (client_id) and the moment it was made (made_at) — and sent when the connection
// returns (the online event, a message from the service worker's sync, the next page load). The
// server records a key once per user (core/replay.py), so a resend never makes a second record.
// The CSRF token is read when sending, from the cookie (or the page), never stored with the form.
// Also registers the service worker (/sw.js). Texts come from this script tag's data-* attributes.
(function () {
  "use strict";
  var script = document.currentScript;
  var DB_NAME = "yrd-offline";
  var STORE = "submissions";
  var PROBE_MS = 4000;

  function text(key, vars) {
    var value = (script && script.getAttribute("data-" + key)) || "";
    Object.keys(vars || {}).forEach(function (name) { value = value.replace("%(" + name + ")s", vars[name]); });
    return value;
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // --- IndexedDB -------------------------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(STORE, { keyPath: "id" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && "result" in result ? result.result : undefined); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function queued() {
    return withStore("readonly", function (store) { return store.getAll(); }).then(function (items) {
      return (items || []).sort(function (a, b) { return a.made_at < b.made_at ? -1 : 1; });
    });
  }
  function keep(item) { return withStore("readwrite", function (store) { store.put(item); }); }
  function drop(id) { return withStore("readwrite", function (store) { store.delete(id); }); }

  // --- what the user sees ----------------------------------------------------------------------
  function say(message, kind) {
    var box = document.querySelector("[data-testid=offline-status]");
    if (!message) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("div");
      box.className = "messages offline-status";
      box.setAttribute("data-testid", "offline-status");
      box.setAttribute("aria-live", "polite");
      var main = document.querySelector("main.content") || document.body;
      main.insertBefore(box, main.firstChild);
    }
    box.innerHTML = "";
    var line = document.createElement("div");
    line.className = "message " + (kind || "warning");
    line.setAttribute("role", "status");
    line.textContent = message;
    box.appendChild(line);
    if (box.scrollIntoView) { box.scrollIntoView({ block: "nearest" }); }
  }

  // --- sending ---------------------------------------------------------------------------------
  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) { return decodeURIComponent(match[1]); }
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function send(item) {
    var body = new FormData();
    item.fields.forEach(function (pair) { body.append(pair[0], pair[1]); });
    item.files.forEach(function (file) { body.append(file.name, file.blob, file.filename); });
    var token = csrfToken();
    body.set("csrfmiddlewaretoken", token);
    body.set("client_id", item.id);
    body.set("made_at", item.made_at);
    return fetch(item.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Idempotency-Key": item.id },
    }).then(function (response) {
      var login = script && script.getAttribute("data-login");
      if (response.redirected && login && new URL(response.url).pathname.indexOf(login) === 0) {
        return { outcome: "retry" };  // signed out meanwhile: kept until the officer signs in again
      }
      if (response.ok) { return { outcome: "sent" }; }
      if (response.status === 401 || response.status === 403 || response.status === 408
          || response.status === 429 || response.status >= 500) {
        return { outcome: "retry" };
      }
      return response.text().then(function (html) {  // refused for good (422, 409, 404): say why
        var page = new DOMParser().parseFromString(html, "text/html");
        var reason = page.querySelector(".errorlist, .message.error");
        return { outcome: "refused", reason: reason ? reason.textContent.trim() : String(response.status) };
      });
    }, function () { return { outcome: "retry" }; });
  }

  var flushing = false;

  function flush() {
    if (flushing || !navigator.onLine || !window.indexedDB) { return Promise.resolve(); }
    flushing = true;
    var sent = 0;
    var refused = [];
    return queued().then(function (items) {
      if (!items.length) { return; }
      say(text("sending"), "warning");
      var chain = Promise.resolve(true);
      items.forEach(function (item) {
        chain = chain.then(function (goOn) {
          if (!goOn) { return false; }
          return send(item).then(function (result) {
            if (result.outcome === "retry") { return false; }
            if (result.outcome === "sent") { sent += 1; } else { refused.push(result.reason); }
            return drop(item.id).then(function () { return true; });
          });
        });
      });
      return chain;
    }).then(showState).then(function () {
      if (refused.length) {
        say(text("refused", { n: refused.length, reason: refused.join("；") }), "error");
      } else if (sent) {
        say(text("sent", { n: sent }), "success");
      }
    }).catch(function () { /* IndexedDB unavailable: nothing was queued */ })
      .then(function () { flushing = false; });
  }

  function showState() {
    return queued().then(function (items) {
      if (items.length) { say(text("queued", { n: items.length }), "warning"); }
      return items.length;
    });
  }

  // --- submitting ------------------------------------------------------------------------------
  function online() {
    if (!navigator.onLine) { return Promise.resolve(false); }
    var controller = window.AbortController ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) { controller.abort(); } }, PROBE_MS);
    var probe = (script && script.getAttribute("data-probe")) || "/healthz";
    return fetch(probe, { cache: "no-store", credentials: "same-origin", signal: controller && controller.signal })
      .then(function (response) { return response.ok; }, function () { return false; })
      .then(function (ok) { clearTimeout(timer); return ok; });
  }

  function hidden(form, name) {
    var input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    return input;
  }

  function snapshot(form, id, madeAt) {
    var item = { id: id, made_at: madeAt, url: new URL(form.getAttribute("action") || location.href, location.href).href,
                 kind: form.getAttribute("data-offline-queue"), fields: [], files: [] };
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrfmiddlewaretoken" || el.name === "client_id" || el.name === "made_at") { return; }
      if (el.type === "submit" || el.type === "button" || el.type === "reset") { return; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      if (el.type === "file") {
        Array.prototype.forEach.call(el.files || [], function (file) {
          item.files.push({ name: el.name, blob: file, filename: file.name });
        });
        return;
      }
      if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.selectedOptions, function (option) { item.fields.push([el.name, option.value]); });
        return;
      }
      item.fields.push([el.name, el.value]);
    });
    return item;
  }

  function park(form, id) {
    var item = snapshot(form, id, new Date().toISOString());
    return keep(item).then(function () {
      form.reset();
      hidden(form, "client_id").value = "";
      hidden(form, "made_at").value = "";
      if ("serviceWorker" in navigator && navigator.serviceWorker.ready) {
        navigator.serviceWorker.ready.then(function (registration) {
          if (registration.sync) { return registration.sync.register("yrd-offline"); }
        }).catch(function () { /* no background sync: the online event and the next page load send it */ });
      }
      return showState();
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-offline-queue]") || form.getAttribute("data-sending") === "1") { return; }
    if (event.defaultPrevented || !window.indexedDB) { return; }
    event.preventDefault();
    var key = hidden(form, "client_id");
    if (!key.value) { key.value = uuid(); }  // a double submission (or a resend) is recorded once
    var button = form.querySelector("[type=submit]");
    if (button) { button.disabled = true; }
    online().then(function (up) {
      if (up) {
        form.setAttribute("data-sending", "1");
        HTMLFormElement.prototype.submit.call(form);
        return;
      }
      return park(form, key.value).then(function () { if (button) { button.disabled = false; } });
    }).catch(function () {
      if (button) { button.disabled = false; }
      say(text("unsaved"), "error");
    });
  });

  window.addEventListener("online", flush);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "yrd-offline-flush") { flush(); }
    });
    var worker = script && script.getAttribute("data-sw");
    if (worker && window.isSecureContext) {
      navigator.serviceWorker.register(worker, { scope: "/" }).catch(function () { /* the pages work without it */ });
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.indexedDB) { return; }
    showState().then(function (count) { if (count) { flush(); } }).catch(function () {});
    document.documentElement.setAttribute("data-offline-ready", "1");  // tests wait for this
  });
})();
