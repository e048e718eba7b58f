// Overview: articles and events per day (or week), the quad-class mix, on a time axis: a gap of years between two
// reports is drawn as years, not as the width of one bar. Legends sit at the top, the zoom slider at the bottom.
(function () {
  "use strict";
  var data = window.EL.pageData();
  if (!window.echarts) { return; }
  var rows = data.series;
  var days = rows.map(function (r) { return r.day; });
  var weights = rows.map(function (r) { return r.events + r.articles; });
  // Bars on a time axis are as wide as the shortest gap allows; a week's bar gets a week.
  var barWidth = data.weekly ? "60%" : undefined;
  function points(value) { return rows.map(function (r) { return [r.day, value(r)]; }); }
  // A line drawn across a gap of empty days would suggest events there: it drops to zero after the last bucket
  // with events and rises from zero before the next.
  var step = (data.weekly ? 7 : 1) * 86400000;
  function withZeros(value) {
    var out = [];
    rows.forEach(function (r, i) {
      var t = Date.parse(r.day);
      if (i && t - Date.parse(rows[i - 1].day) > step) {
        var prev = Date.parse(rows[i - 1].day);
        out.push([new Date(prev + step).toISOString().slice(0, 10), 0]);
        if (t - step > prev + step) { out.push([new Date(t - step).toISOString().slice(0, 10), 0]); }
      }
      out.push([r.day, value(r)]);
    });
    return out;
  }

  var activity = window.echarts.init(document.getElementById("chart-activity"));
  activity.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: ["articles", "events"], top: 0, left: "center" },
    grid: { left: 44, right: 44, top: 48, bottom: 64 },
    xAxis: { type: "time" },
    yAxis: [{ type: "value", minInterval: 1, name: "events" }, { type: "value", minInterval: 1, name: "articles" }],
    dataZoom: [window.EL.bulkZoom(days, weights)],
    series: [
      { name: "articles", type: "bar", yAxisIndex: 1, barMaxWidth: 14, barWidth: barWidth, data: points(function (r) { return r.articles; }), itemStyle: { color: "#9fb3c8" } },
      { name: "events", type: "line", symbolSize: function (v) { return v[1] ? 5 : 0; }, data: withZeros(function (r) { return r.events; }), itemStyle: { color: "#1f4e79" } }
    ]
  });

  var mix = window.echarts.init(document.getElementById("chart-quads"));
  mix.setOption({
    animation: false,
    tooltip: { trigger: "axis" },
    legend: { data: window.EL.QUADS, top: 0, left: "center", formatter: function (q) { return q.replace("_", " "); } },
    grid: { left: 44, right: 20, top: 48, bottom: 64 },
    xAxis: { type: "time" },
    yAxis: { type: "value", minInterval: 1 },
    dataZoom: [window.EL.bulkZoom(days, weights)],
    series: window.EL.QUADS.map(function (q) {
      return {
        name: q, type: "bar", stack: "quad", barMaxWidth: 14, barWidth: barWidth, itemStyle: { color: window.EL.QUAD_COLOURS[q] },
        data: points(function (r) { return (r.quads && r.quads[q]) || 0; })
      };
    })
  });
  window.addEventListener("resize", function () { activity.resize(); mix.resize(); });
  window.EL.ready("overview");
})();
