/* Searchable pickers and division cascaders (core/widgets.py).
 *
 * select[data-picker]     → a tom-select picker searching the option text and its data-search keywords
 *                            (short name, code, pinyin initials). Changes made to the <select> by other
 *                            scripts (select.value = …; dispatch "change") are shown by the picker.
 * [data-cascader=<id>]    → 省/市/区（县）/乡镇（街道） selects chained over the directory API, writing the
 *                            chosen code into input#<id> (and following that input when it is typed in
 *                            or filled by another script).
 * Without JavaScript (or without tom-select) the plain select and the code input work as they are. */
(function () {
  "use strict";

  // ---------------------------------------------------------------- pickers
  function enhanceSelect(select) {
    if (select.tomselect || typeof window.TomSelect === "undefined") { return; }
    var multiple = select.multiple;
    var picker = new window.TomSelect(select, {
      searchField: ["text", "search"],
      maxOptions: null,
      allowEmptyOption: !multiple,
      lockOptgroupOrder: true,
      placeholder: select.dataset.placeholder || "",
      plugins: multiple ? ["remove_button"] : [],
      onItemAdd: function () { if (!multiple) { this.blur(); } }
    });
    select.addEventListener("change", function () {
      if (multiple) { return; }
      if (picker.getValue() !== select.value) { picker.setValue(select.value, true); }
    });
  }

  // ---------------------------------------------------------------- cascaders
  var cache = {};

  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(String(response.status)); }
          return response.json();
        });
      cache[url].catch(function () { delete cache[url]; });
    }
    return cache[url];
  }

  function Cascader(box) {
    this.box = box;
    this.input = document.getElementById(box.dataset.cascader);
    this.source = box.dataset.source;
    this.levels = (box.dataset.levels || "").split(",").filter(Boolean);
    this.selects = [];
    this.writing = false;
    this.generation = 0;
  }

  Cascader.prototype.children = function (parent) {
    var query = parent ? "parent=" + encodeURIComponent(parent) : "level=province";
    return getJSON(this.source + "?" + query + "&page_size=100").then(function (page) {
      return page.items || [];
    });
  };

  Cascader.prototype.truncate = function (depth) {
    while (this.selects.length > depth) {
      var wrapper = this.selects.pop().parentNode;
      wrapper.parentNode.removeChild(wrapper);
    }
  };

  Cascader.prototype.addLevel = function (depth, items, selected) {
    var self = this;
    this.truncate(depth);
    if (!items.length) { return null; }
    var label = document.createElement("label");
    label.className = "cascader-level";
    var caption = document.createElement("span");
    caption.textContent = this.box.dataset["label" + items[0].level.charAt(0).toUpperCase() + items[0].level.slice(1)] || "";
    var select = document.createElement("select");
    select.dataset.level = items[0].level;
    var empty = document.createElement("option");
    empty.value = "";
    empty.textContent = this.box.dataset.empty || "—";
    select.appendChild(empty);
    items.forEach(function (item) {
      var option = document.createElement("option");
      option.value = item.code;
      option.textContent = item.name;
      option.dataset.level = item.level;
      if (item.code === selected) { option.selected = true; }
      select.appendChild(option);
    });
    select.addEventListener("change", function () { self.chosen(depth); });
    label.appendChild(caption);
    label.appendChild(select);
    this.box.appendChild(label);
    this.selects.push(select);
    return select;
  };

  Cascader.prototype.write = function (code) {
    if (this.input.value === code) { return; }
    this.writing = true;
    this.input.value = code;
    this.input.dispatchEvent(new Event("input", { bubbles: true }));
    this.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.writing = false;
  };

  // The deepest chosen division whose level may be written (or "").
  Cascader.prototype.current = function () {
    for (var i = this.selects.length - 1; i >= 0; i--) {
      var option = this.selects[i].selectedOptions[0];
      if (option && option.value) {
        return this.levels.length === 0 || this.levels.indexOf(option.dataset.level) >= 0 ? option.value : "";
      }
    }
    return "";
  };

  Cascader.prototype.chosen = function (depth) {
    var self = this;
    var code = this.selects[depth].value;
    var generation = ++this.generation;
    this.truncate(depth + 1);
    this.write(this.current());
    if (!code) { return; }
    this.children(code).then(function (items) {
      if (generation === self.generation) { self.addLevel(depth + 1, items, ""); }
    }).catch(function () { self.failed(); });
  };

  // Shows the chain down to `code` (from the API's ancestors) and the level below it.
  Cascader.prototype.follow = function (code) {
    var self = this;
    var generation = ++this.generation;
    var path = code ? getJSON(this.source + "/" + encodeURIComponent(code)).then(function (division) {
      return division.ancestors.map(function (a) { return a.code; }).concat([division.code]);
    }).catch(function () { return []; }) : Promise.resolve([]);
    path.then(function (codes) {
      var depth = 0;
      function step(parent) {
        return self.children(parent).then(function (items) {
          if (generation !== self.generation) { return; }
          var selected = codes[depth] || "";
          self.addLevel(depth, items, selected);
          if (selected && items.some(function (item) { return item.code === selected; })) {
            depth += 1;
            return step(selected);
          }
        });
      }
      return step("");
    }).catch(function () { self.failed(); });
  };

  Cascader.prototype.failed = function () {
    if (this.box.querySelector(".cascader-error")) { return; }
    var note = document.createElement("span");
    note.className = "cascader-error muted";
    note.textContent = this.box.dataset.error || "";
    this.box.appendChild(note);
  };

  Cascader.prototype.start = function () {
    var self = this;
    if (!this.input || !this.source) { return; }
    this.box.hidden = false;
    var timer = null;
    function typed() {
      if (self.writing) { return; }
      clearTimeout(timer);
      timer = setTimeout(function () {
        var code = self.input.value.trim();
        if (code === "" || /^\d{6}(\d{3})?$/.test(code)) { self.follow(code); }
      }, 300);
    }
    this.input.addEventListener("input", typed);
    this.input.addEventListener("change", typed);
    this.follow(this.input.value.trim());
  };

  // ---------------------------------------------------------------- wiring
  function enhance(root) {
    if (!root || !root.querySelectorAll) { return; }
    var selects = root.matches && root.matches("select[data-picker]") ? [root] : [];
    selects.concat(Array.prototype.slice.call(root.querySelectorAll("select[data-picker]"))).forEach(enhanceSelect);
    Array.prototype.forEach.call(root.querySelectorAll("[data-cascader]"), function (box) {
      if (box.dataset.started) { return; }
      box.dataset.started = "1";
      new Cascader(box).start();
    });
  }

  // htmx replaces a select (outerHTML): drop its picker first, then enhance what came in.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target) { return; }
    var selects = target.tomselect ? [target] : Array.prototype.slice.call(target.querySelectorAll("select"));
    selects.forEach(function (select) { if (select.tomselect) { select.tomselect.destroy(); } });
  });
  document.addEventListener("htmx:load", function (event) { enhance(event.detail && event.detail.elt); });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
