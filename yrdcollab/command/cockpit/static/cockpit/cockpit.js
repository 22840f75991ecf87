/* The cockpit (指挥中心驾驶舱): fetches every figure of the actor's scope from
 * GET /api/v1/cockpit/series and draws it with ECharts (vendored) and the shared base map
 * (geo/basemap.js). Every figure carries the URL of the records behind it: a click goes there.
 * Page mode draws once; the big screen (mode "screen") refetches the JSON every refreshSeconds and
 * runs a clock. The words come from the #cockpit-config JSON (translated by the server). */
(function () {
  "use strict";
  var configNode = document.getElementById("cockpit-config");
  if (!configNode || !window.echarts) { return; }
  var CONFIG = JSON.parse(configNode.textContent);
  var T = CONFIG.text || {};
  var SCREEN = CONFIG.mode === "screen";
  var FONT = '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, sans-serif';
  var INK = SCREEN ? "#d7e6ff" : "#1f2933";
  var MUTED = SCREEN ? "#7f93b0" : "#5f6b7a";
  var GRID_LINE = SCREEN ? "rgba(124,196,255,.15)" : "#e5e9ef";
  var COLORS = {
    on_time: "#2f9e44", due_soon: "#fab005", overdue: "#e03131", none: "#868e96",
    level_1: "#d9480f", level_2: "#9c36b5", transfers: "#1c7ed6", assistance: "#12b886"
  };
  var PALETTE = ["#1c7ed6", "#12b886", "#f59f00", "#e64980", "#7950f2", "#20c997", "#fa5252", "#4c6ef5", "#82c91e", "#be4bdb", "#15aabf", "#fd7e14"];
  var charts = {};
  var data = null;
  var flowLevel = "regions";
  var mapHandle = null;
  var pointLayer = null;

  function esc(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function format(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (_, key) { return values[key] == null ? "" : values[key]; });
  }
  function number(value) {
    return Number(value || 0).toLocaleString(document.documentElement.lang || "zh-CN");
  }
  function go(url) { if (url) { window.location.href = url; } }

  // --- charts -----------------------------------------------------------------------------------
  function chart(name) {
    var el = document.querySelector('[data-chart="' + name + '"]');
    if (!el) { return null; }
    if (!charts[name]) {
      charts[name] = echarts.init(el, SCREEN ? "dark" : null, { renderer: "canvas" });
      charts[name].on("click", function (params) {
        var item = params.data || {};
        go(item.url);
      });
    }
    return charts[name];
  }
  function base(extra) {
    var option = {
      backgroundColor: "transparent",
      color: PALETTE,
      textStyle: { fontFamily: FONT, color: INK },
      tooltip: { trigger: "item", confine: true, textStyle: { fontFamily: FONT } },
      animationDuration: SCREEN ? 600 : 300
    };
    Object.keys(extra).forEach(function (key) { option[key] = extra[key]; });
    return option;
  }
  function empty(name, isEmpty) {
    var c = chart(name);
    if (!c) { return null; }
    if (isEmpty) {
      c.clear();
      c.setOption(base({ title: { text: T.noData, left: "center", top: "middle", textStyle: { color: MUTED, fontSize: 14, fontWeight: "normal", fontFamily: FONT } } }));
      return null;
    }
    return c;
  }
  function axisStyle(extra) {
    var axis = { axisLabel: { color: MUTED, fontFamily: FONT }, axisLine: { lineStyle: { color: GRID_LINE } },
                 splitLine: { lineStyle: { color: GRID_LINE } } };
    Object.keys(extra || {}).forEach(function (key) { axis[key] = extra[key]; });
    return axis;
  }
  function legend() {
    return { top: 0, textStyle: { color: INK, fontFamily: FONT }, itemWidth: 12, itemHeight: 10, type: "scroll" };
  }

  function drawFlows() {
    var links = (data.flows[flowLevel] || []).filter(function (link) { return link.value > 0; });
    var c = empty("flows", !links.length);
    if (!c) { return; }
    var nodes = {};
    var out = links.map(function (link) {
      var source = link.source + " ▸";
      var target = "▸ " + link.target;
      nodes[source] = { name: source, itemStyle: { color: "#1c7ed6" } };
      nodes[target] = { name: target, itemStyle: { color: "#12b886" } };
      return { source: source, target: target, value: link.value, url: link.url,
               transfers: link.transfers, assistance: link.assistance };
    });
    c.clear();
    c.setOption(base({
      tooltip: { trigger: "item", confine: true, formatter: function (p) {
        if (p.dataType !== "edge") { return esc(p.name) + "：" + number(p.value) + T.items; }
        return esc(p.data.source.replace(" ▸", "")) + " → " + esc(p.data.target.replace("▸ ", "")) + "<br>" +
          esc(T.transfers) + "：" + number(p.data.transfers) + T.items + "<br>" + esc(T.assistance) + "：" + number(p.data.assistance) + T.items;
      } },
      series: [{
        type: "sankey", left: 8, right: 90, top: 8, bottom: 8, nodeWidth: 14, nodeGap: 10, draggable: false,
        emphasis: { focus: "adjacency" }, data: Object.keys(nodes).map(function (k) { return nodes[k]; }), links: out,
        lineStyle: { color: "gradient", opacity: 0.45, curveness: 0.5 },
        label: { color: INK, fontFamily: FONT, fontSize: SCREEN ? 13 : 12 }
      }]
    }));
  }

  var STATES = ["on_time", "due_soon", "overdue", "none"];
  var LEVELS = ["level_1", "level_2"];
  function pipelineSeries(rows, horizontal) {
    var labels = data.pipeline.labels || {};
    return STATES.concat(LEVELS).map(function (key) {
      var isLevel = LEVELS.indexOf(key) >= 0;
      return {
        name: labels[key] || key, type: "bar", stack: isLevel ? "escalated" : "deadline",
        barMaxWidth: 28, itemStyle: { color: COLORS[key] },
        emphasis: { focus: "series" },
        label: { show: !horizontal && !isLevel && rows.length <= 6, position: "inside", color: "#fff", fontSize: 11,
                 formatter: function (p) { return p.value ? number(p.value) : ""; } },
        data: rows.map(function (row) { return { value: row[key], url: row.urls[key] }; })
      };
    });
  }
  function drawPipeline(name, rows, horizontal) {
    var total = rows.reduce(function (sum, row) { return sum + STATES.reduce(function (s, k) { return s + row[k]; }, 0); }, 0);
    var c = empty(name, !rows.length || !total);
    if (!c) { return; }
    var categories = rows.map(function (row) { return row.label; });
    var category = axisStyle({ type: "category", data: categories, axisLabel: { color: MUTED, fontFamily: FONT, interval: 0, width: horizontal ? 110 : 80, overflow: "truncate" } });
    var value = axisStyle({ type: "value", minInterval: 1 });
    c.clear();
    c.setOption(base({
      legend: legend(),
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      grid: { left: horizontal ? 120 : 40, right: 16, top: 30, bottom: horizontal ? 20 : 28, containLabel: false },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? { type: "category", data: categories, inverse: true, axisLabel: { color: MUTED, fontFamily: FONT, width: 110, overflow: "truncate" }, axisLine: { lineStyle: { color: GRID_LINE } } } : value,
      series: pipelineSeries(rows, horizontal)
    }));
  }

  function drawTrend(name, points) {
    var total = points.reduce(function (sum, p) { return sum + p.transfers + p.assistance; }, 0);
    var c = empty(name, !points.length || !total);
    if (!c) { return; }
    function line(key, label) {
      return { name: label, type: "line", smooth: false, symbolSize: 6, itemStyle: { color: COLORS[key] },
               areaStyle: { opacity: 0.12 },
               data: points.map(function (p) { return { value: p[key], url: p.url }; }) };
    }
    c.clear();
    c.setOption(base({
      legend: legend(),
      tooltip: { trigger: "axis", confine: true },
      grid: { left: 36, right: 14, top: 30, bottom: 24 },
      xAxis: axisStyle({ type: "category", boundaryGap: false, data: points.map(function (p) { return p.label; }) }),
      yAxis: axisStyle({ type: "value", minInterval: 1 }),
      series: [line("transfers", T.transfers), line("assistance", T.assistance)]
    }));
  }

  function drawPie(name, items) {
    var c = empty(name, !items.length);
    if (!c) { return; }
    c.clear();
    c.setOption(base({
      tooltip: { trigger: "item", confine: true, formatter: "{b}：{c}（{d}%）" },
      series: [{
        type: "pie", radius: ["38%", "68%"], center: ["50%", "55%"], avoidLabelOverlap: true,
        itemStyle: { borderColor: SCREEN ? "#0a1e3c" : "#fff", borderWidth: 2 },
        label: { color: INK, fontFamily: FONT, formatter: "{b}\n{c}", fontSize: 12, width: 90, overflow: "break" },
        data: items.map(function (item) { return { name: item.label, value: item.value, url: item.url }; })
      }]
    }));
  }

  function drawBars(name, items, color) {
    var c = empty(name, !items.length);
    if (!c) { return; }
    c.clear();
    c.setOption(base({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      grid: { left: 110, right: 30, top: 10, bottom: 20 },
      xAxis: axisStyle({ type: "value", minInterval: 1 }),
      yAxis: { type: "category", inverse: true, data: items.map(function (i) { return i.label; }),
               axisLabel: { color: MUTED, fontFamily: FONT, width: 100, overflow: "truncate" }, axisLine: { lineStyle: { color: GRID_LINE } } },
      series: [{ type: "bar", barMaxWidth: 18, itemStyle: { color: color || PALETTE[0], borderRadius: [0, 3, 3, 0] },
                 label: { show: true, position: "right", color: INK, fontSize: 11 },
                 data: items.map(function (i) { return { value: i.value, url: i.url }; }) }]
    }));
  }

  function drawCredit() {
    var credit = data.credit;
    var groups = [[T.records, credit.records, "#1c7ed6"], [T.listEntries, credit.list_entries, "#e03131"], [T.repairs, credit.repairs, "#12b886"]];
    var items = [];
    groups.forEach(function (group) {
      group[1].forEach(function (item) {
        items.push({ label: group[0] + "·" + item.label, value: item.value, url: item.url, itemStyle: { color: group[2] } });
      });
    });
    var c = empty("credit", !items.length);
    if (c) {
      c.clear();
      c.setOption(base({
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
        grid: { left: 130, right: 34, top: 10, bottom: 20 },
        xAxis: axisStyle({ type: "value", minInterval: 1 }),
        yAxis: { type: "category", inverse: true, data: items.map(function (i) { return i.label; }),
                 axisLabel: { color: MUTED, fontFamily: FONT, width: 122, overflow: "truncate" }, axisLine: { lineStyle: { color: GRID_LINE } } },
        series: [{ type: "bar", barMaxWidth: 16, label: { show: true, position: "right", color: INK, fontSize: 11 },
                   data: items.map(function (i) { return { value: i.value, url: i.url, itemStyle: i.itemStyle }; }) }]
      }));
    }
    document.querySelectorAll("[data-cockpit-repair]").forEach(function (node) {
      node.textContent = credit.repair_days == null ? T.repairNone : format(T.repairDays, { days: credit.repair_days, count: credit.repairs_decided });
    });
    // Records under publicity come from the worker's snapshot: say when it was taken.
    document.querySelectorAll("[data-cockpit-credit-as-of]").forEach(function (node) {
      node.textContent = credit.as_of ? format(T.creditAsOf, { time: hhmm(credit.as_of) }) : "";
      node.hidden = !credit.as_of;
    });
  }

  function drawAlertRegions() {
    var alerts = data.alerts;
    var codes = [];
    var labels = {};
    alerts.by_region.concat(alerts.claim_minutes).forEach(function (row) {
      if (codes.indexOf(row.key) < 0) { codes.push(row.key); labels[row.key] = row.label; }
    });
    var c = empty("alerts-region", !codes.length);
    if (!c) { return; }
    function find(list, code) { for (var i = 0; i < list.length; i += 1) { if (list[i].key === code) { return list[i]; } } return null; }
    c.clear();
    c.setOption(base({
      legend: legend(),
      tooltip: { trigger: "axis", confine: true },
      grid: { left: 40, right: 46, top: 30, bottom: 24 },
      xAxis: axisStyle({ type: "category", data: codes.map(function (k) { return labels[k]; }) }),
      yAxis: [axisStyle({ type: "value", minInterval: 1, name: T.count, nameTextStyle: { color: MUTED } }),
              axisStyle({ type: "value", name: T.minutes, nameTextStyle: { color: MUTED }, splitLine: { show: false } })],
      series: [
        { name: T.alert, type: "bar", barMaxWidth: 26, itemStyle: { color: "#e03131" },
          data: codes.map(function (k) { var row = find(alerts.by_region, k); return row ? { value: row.value, url: row.url } : { value: 0 }; }) },
        { name: T.avgMinutes, type: "line", yAxisIndex: 1, symbolSize: 8, itemStyle: { color: "#f59f00" },
          data: codes.map(function (k) { var row = find(alerts.claim_minutes, k); return row ? { value: row.value, url: row.url } : { value: null }; }) }
      ]
    }));
  }

  // --- numbers, lists, map -----------------------------------------------------------------------
  function drawKpis() {
    document.querySelectorAll("[data-cockpit-kpis]").forEach(function (box) {
      box.innerHTML = data.kpis.map(function (kpi) {
        var alarm = (kpi.key === "overdue" || kpi.key === "escalated") && kpi.value > 0;
        var body = '<div class="stat-label">' + esc(kpi.label) + '</div><div class="stat-value" data-kpi="' + esc(kpi.key) + '">' + number(kpi.value) + "</div>";
        var cls = "stat-card" + (alarm ? " kpi-alarm" : "");
        return kpi.url ? '<a class="' + cls + '" href="' + esc(kpi.url) + '">' + body + "</a>" : '<div class="' + cls + '">' + body + "</div>";
      }).join("");
    });
  }
  function activityList(title, items, total, url) {
    var html = "<div><h3><span>" + esc(title) + "（" + number(total) + "）</span>";
    if (url) { html += '<a href="' + esc(url) + '">' + esc(format(T.more, { count: number(total) })) + "</a>"; }
    html += "</h3>";
    if (!items.length) { return html + '<p class="muted">' + esc(T.none) + "</p></div>"; }
    html += "<ul>" + items.map(function (item) {
      return '<li><a href="' + esc(item.url) + '">' + esc(item.title) + '</a> <span class="muted">' + esc(item.agency) + " · " +
        esc(item.starts_on) + " — " + esc(item.ends_on) + "</span></li>";
    }).join("") + "</ul></div>";
    return html;
  }
  function drawActivities() {
    var ops = data.operations;
    document.querySelectorAll("[data-cockpit-activities]").forEach(function (box) {
      box.innerHTML = activityList(T.campaigns, ops.campaigns, ops.campaigns_total, ops.campaigns_url) +
        activityList(T.events, ops.events, ops.events_total, ops.events_url);
    });
  }
  function drawMap() {
    var el = document.querySelector("[data-cockpit-map]");
    if (!el || !window.YrdBaseMap) { return; }
    if (!mapHandle) {
      mapHandle = YrdBaseMap.create(el, { cluster: false, locate: false, fillOpacity: SCREEN ? 0.25 : 0.45,
        legend: SCREEN ? null : [{ kind: "alert", label: T.alert }, { kind: "incident", label: T.incident }] });
      pointLayer = L.layerGroup().addTo(mapHandle.map);
    }
    pointLayer.clearLayers();
    var colors = { alert: "#e03131", incident: "#fb8500" };
    data.map.forEach(function (point) {
      var color = colors[point.kind] || "#1c7ed6";
      // A heat-like glow: a wide faint halo under a small solid dot, both leading to the record.
      L.circleMarker([point.lat, point.lon], { radius: 16, stroke: false, fillColor: color, fillOpacity: 0.16, interactive: false }).addTo(pointLayer);
      var dot = L.circleMarker([point.lat, point.lon], { radius: 5, color: "#fff", weight: 1, fillColor: color, fillOpacity: 0.9 });
      dot.bindTooltip("<strong>" + esc(point.label) + "</strong><br>" + esc(point.title));
      dot.on("click", function () { go(point.url); });
      dot.addTo(pointLayer);
    });
    el.setAttribute("data-points", String(data.map.length));
  }

  function hhmm(iso) {
    return new Date(iso).toLocaleTimeString(document.documentElement.lang || "zh-CN", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Shanghai" });
  }
  function stamp() {
    var time = hhmm(data.generated_at);
    document.querySelectorAll("[data-cockpit-updated]").forEach(function (node) { node.textContent = format(T.updated, { time: time }); });
    document.querySelectorAll("[data-cockpit-period-label]").forEach(function (node) { node.textContent = data.period_label + "（" + data.first_day + " — " + data.last_day + "）"; });
  }

  function drawAll() {
    drawKpis();
    drawFlows();
    drawPipeline("pipeline-region", data.pipeline.by_region, false);
    drawPipeline("pipeline-agency", data.pipeline.by_agency, true);
    drawTrend("trend-daily", data.trends.daily);
    drawTrend("trend-monthly", data.trends.monthly);
    drawPie("matters", data.matters);
    drawCredit();
    drawBars("alerts-matter", data.alerts.by_matter, "#e03131");
    drawAlertRegions();
    drawActivities();
    drawMap();
    stamp();
    document.body.setAttribute("data-cockpit-loaded", data.generated_at);
  }

  function showError(text) {
    document.querySelectorAll("[data-cockpit-error]").forEach(function (node) { node.textContent = text || ""; node.hidden = !text; });
  }
  function load() {
    var url = CONFIG.api + "?period=" + encodeURIComponent(CONFIG.period) + (CONFIG.scope ? "&scope=" + encodeURIComponent(CONFIG.scope) : "");
    return fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) { throw new Error(body && body.message ? body.message : String(response.status)); }
          return body;
        });
      })
      .then(function (body) { data = body; showError(""); drawAll(); })
      .catch(function (error) { showError(T.loadFailed + (error && error.message ? "（" + error.message + "）" : "")); });
  }

  // --- flow level switch, resizing, clock, refresh ----------------------------------------------
  document.querySelectorAll("[data-flow-level]").forEach(function (button) {
    button.addEventListener("click", function () {
      flowLevel = button.getAttribute("data-flow-level");
      document.querySelectorAll("[data-flow-level]").forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
      if (data) { drawFlows(); }
    });
  });
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      Object.keys(charts).forEach(function (name) { charts[name].resize(); });
      if (mapHandle) { mapHandle.map.invalidateSize(); }
    }, 120);
  });
  window.addEventListener("beforeprint", function () { Object.keys(charts).forEach(function (name) { charts[name].resize(); }); });
  var clock = document.querySelector("[data-cockpit-clock]");
  if (clock) {
    var clockFormat = new Intl.DateTimeFormat(document.documentElement.lang || "zh-CN", {
      year: "numeric", month: "long", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit", second: "2-digit",
      hour12: false, timeZone: "Asia/Shanghai"
    });
    var tick = function () { clock.textContent = clockFormat.format(new Date()); };
    tick();
    setInterval(tick, 1000);
  }
  load();
  if (CONFIG.refreshSeconds > 0) { setInterval(load, CONFIG.refreshSeconds * 1000); }
})();
