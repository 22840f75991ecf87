/* Trend charts of the evaluation page (ECharts): per indicator the subject's line over the last
 * periods, drawn against the band of its peers (P25–P75 as a shaded band, the median dashed) — a band
 * to stand against, not a ranking. Data: the json_script "evaluation-charts" (presenters.chart_data). */
(function () {
  "use strict";

  function draw(el, chart) {
    var labels = chart.points.map(function (p) { return p.label; });
    var value = chart.points.map(function (p) { return p.value; });
    var low = chart.points.map(function (p) { return p.band ? p.band[0] : null; });
    var median = chart.points.map(function (p) { return p.band ? p.band[1] : null; });
    var width = chart.points.map(function (p) { return p.band ? p.band[2] - p.band[0] : null; });
    var unit = chart.unit === "%" ? "%" : "";
    var instance = echarts.init(el, null, { renderer: "svg" });
    instance.setOption({
      animation: false,
      grid: { left: 44, right: 12, top: 48, bottom: 28 },
      legend: { top: 0, textStyle: { fontSize: 11 }, data: [chart.labels.value, chart.labels.band, chart.labels.median] },
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          var i = items[0].dataIndex, p = chart.points[i];
          var lines = [p.label + (p.version ? "（v" + p.version + "）" : "")];
          lines.push(chart.labels.value + "：" + (p.value === null ? "—" : p.value + unit));
          if (p.band) {
            lines.push(chart.labels.band + "：" + p.band[0] + unit + "–" + p.band[2] + unit);
            lines.push(chart.labels.median + "：" + p.band[1] + unit);
          }
          return lines.join("<br>");
        }
      },
      xAxis: { type: "category", data: labels, axisLabel: { fontSize: 10 } },
      yAxis: { type: "value", axisLabel: { formatter: "{value}" + unit, fontSize: 10 }, scale: true },
      series: [
        { name: "base", type: "line", stack: "band", data: low, lineStyle: { opacity: 0 }, symbol: "none", silent: true, connectNulls: false },
        { name: chart.labels.band, type: "line", stack: "band", data: width, lineStyle: { opacity: 0 }, symbol: "none",
          areaStyle: { color: "rgba(9,105,218,0.15)" }, itemStyle: { color: "rgba(9,105,218,0.35)" }, silent: true },
        { name: chart.labels.median, type: "line", data: median, symbol: "none", lineStyle: { type: "dashed", color: "#57606a" }, itemStyle: { color: "#57606a" } },
        { name: chart.labels.value, type: "line", data: value, symbolSize: 6, lineStyle: { width: 2, color: "#c8102e" }, itemStyle: { color: "#c8102e" } }
      ]
    });
    window.addEventListener("resize", function () { instance.resize(); });
  }

  function start() {
    var source = document.getElementById("evaluation-charts");
    if (!source || typeof echarts === "undefined") { return; }
    JSON.parse(source.textContent).forEach(function (chart) {
      var el = document.querySelector('[data-chart="' + chart.code + '"]');
      if (el) { draw(el, chart); el.setAttribute("data-drawn", "true"); }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
