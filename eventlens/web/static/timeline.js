// Timeline: one row per dyad, one dot per event coloured by quad class; the dyad's daily
// cooperation–conflict score below. Clicking a dot opens the article at the event's sentence.
(function () {
  "use strict";
  var data = window.EL.pageData();
  var el = document.getElementById("chart-timeline");
  if (!window.echarts || !el) { return; }
  var rows = data.rows;
  var points = data.events.filter(function (e) {
    return e.day && rows.indexOf(e.dyad) >= 0;
  }).map(function (e) {
    return {
      value: [e.day, rows.indexOf(e.dyad)],
      itemStyle: { color: window.EL.QUAD_COLOURS[e.quad] || "#888" },
      event: e
    };
  });
  // A few historical events (years before the rest) would squeeze every other dot into a corner:
  // start zoomed on the bulk of the days; the slider reaches the outliers.
  var days = points.map(function (p) { return p.value[0]; }).sort();
  var zoom = { type: "slider", height: 16, bottom: 8 };
  if (days.length > 20) {
    var low = days[Math.floor(days.length * 0.05)];
    if (Date.parse(low) - Date.parse(days[0]) > 365 * 86400000) { zoom.startValue = low; }
  }
  var chart = window.echarts.init(el);
  el.style.height = Math.max(260, 60 + rows.length * 26) + "px";
  chart.resize();
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: function (p) {
        var e = p.data.event;
        return window.echarts.format.encodeHTML(e.day + " · " + e.dyad + " · " + e.type + " (" + e.factuality + ")");
      }
    },
    grid: { left: 160, right: 30, top: 20, bottom: 50 },
    xAxis: { type: "time" },
    yAxis: { type: "category", data: rows, inverse: true, axisLabel: { width: 150, overflow: "truncate" } },
    dataZoom: [zoom],
    series: [{ type: "scatter", symbolSize: 11, data: points }]
  });
  chart.on("click", function (p) {
    if (p.data && p.data.event) { window.location.href = window.EL.articleUrl(p.data.event.article_id, p.data.event.id); }
  });
  el.setAttribute("data-points", String(points.length));

  var scoreEl = document.getElementById("chart-score");
  if (scoreEl) {
    var score = window.echarts.init(scoreEl);
    score.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 50, right: 30, top: 40, bottom: 50 },
      xAxis: { type: "time" },
      yAxis: { type: "value", name: "score" },
      dataZoom: [{ type: "slider", height: 16, bottom: 8 }],
      series: data.scores.map(function (s) {
        return { name: s.dyad, type: "line", showSymbol: true, data: s.points.map(function (p) { return [p.day, p.score]; }) };
      })
    });
    window.addEventListener("resize", function () { score.resize(); });
  }
  window.addEventListener("resize", function () { chart.resize(); });
  window.EL.ready("timeline");
})();
