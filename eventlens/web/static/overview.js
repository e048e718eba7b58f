// Overview: articles and events per day, the quad-class mix per day.
(function () {
  "use strict";
  var data = window.EL.pageData();
  if (!window.echarts) { return; }
  var days = data.series.map(function (r) { return r.day; });

  var activity = window.echarts.init(document.getElementById("chart-activity"));
  activity.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: ["articles", "events"] },
    grid: { left: 40, right: 40, top: 40, bottom: 50 },
    xAxis: { type: "category", data: days },
    yAxis: [{ type: "value", minInterval: 1, name: "events" }, { type: "value", minInterval: 1, name: "articles" }],
    dataZoom: [{ type: "slider", height: 16, bottom: 8 }],
    series: [
      { name: "articles", type: "bar", yAxisIndex: 1, data: data.series.map(function (r) { return r.articles; }), itemStyle: { color: "#9fb3c8" } },
      { name: "events", type: "line", data: data.series.map(function (r) { return r.events; }), itemStyle: { color: "#1f4e79" } }
    ]
  });

  var mix = window.echarts.init(document.getElementById("chart-quads"));
  mix.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: window.EL.QUADS },
    grid: { left: 40, right: 20, top: 50, bottom: 50 },
    xAxis: { type: "category", data: days },
    yAxis: { type: "value", minInterval: 1 },
    dataZoom: [{ type: "slider", height: 16, bottom: 8 }],
    series: window.EL.QUADS.map(function (q) {
      return {
        name: q, type: "bar", stack: "quad", itemStyle: { color: window.EL.QUAD_COLOURS[q] },
        data: data.series.map(function (r) { return (r.quads && r.quads[q]) || 0; })
      };
    })
  });
  window.addEventListener("resize", function () { activity.resize(); mix.resize(); });
  window.EL.ready("overview");
})();
