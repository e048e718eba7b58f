// Timeline: one row per dyad (the busiest), one dot per dyad, day (or week) and quad class, sized by its number of
// events: every matching event is counted, none is dropped. A dot of one event opens the article at its sentence;
// a dot of several lists them (the page narrowed to that dyad, day and quad class). The dyads' daily
// cooperation–conflict score is drawn below.
(function () {
  "use strict";
  var data = window.EL.pageData();
  var el = document.getElementById("chart-timeline");
  if (!window.echarts || !el) { return; }
  var rows = data.rows;
  var maxN = Math.max.apply(null, [1].concat(data.dots.map(function (d) { return d.n; })));
  var points = data.dots.map(function (d) {
    return {
      value: [d.day, d.row],
      symbolSize: 9 + 17 * Math.sqrt(d.n / maxN),
      itemStyle: { color: window.EL.QUAD_COLOURS[d.quad] || "#888", opacity: 0.85 },
      dot: d
    };
  });
  function pad(v) { return Math.max(3 * 86400000, (v.max - v.min) * 0.02); }
  var chart = window.echarts.init(el);
  el.style.height = Math.max(260, 90 + rows.length * 28) + "px";
  chart.resize();
  chart.setOption({
    animation: false,
    tooltip: {
      trigger: "item",
      formatter: function (p) {
        var d = p.data.dot;
        var when = d.day === d.until ? d.day : d.day + " to " + d.until;
        var what = d.n === 1 ? "1 event (click to read it)" : d.n + " events (click to list them)";
        return window.echarts.format.encodeHTML(rows[d.row] + " · " + when + " · " + d.quad.replace("_", " ") + ": " + what);
      }
    },
    grid: { left: 170, right: 30, top: 16, bottom: 64 },
    // A little room either side, so the first and last dots are not cut by the axes.
    xAxis: { type: "time", min: function (v) { return v.min - pad(v); }, max: function (v) { return v.max + pad(v); } },
    yAxis: { type: "category", data: rows, inverse: true, axisLabel: { width: 160, overflow: "truncate" } },
    dataZoom: [window.EL.bulkZoom(data.dots.map(function (d) { return d.day; }), data.dots.map(function (d) { return d.n; }))],
    series: [{ type: "scatter", data: points }]
  });
  chart.on("click", function (p) {
    var d = p.data && p.data.dot;
    if (!d) { return; }
    if (d.n === 1) {
      window.location.href = window.EL.articleUrl(d.event.article_id, d.event.id);
      return;
    }
    var params = new URLSearchParams(window.location.search);
    ["cursor", "since", "until", "quad", "recipient"].forEach(function (k) { params.delete(k); });
    params.set("since", d.day);
    params.set("until", d.until);
    params.set("quad", d.quad);
    if (d.source !== null && d.target !== null) {
      params.set("actor", d.source);
      params.set("recipient", d.target);
    }
    window.location.href = "/timeline?" + params.toString();
  });
  el.setAttribute("data-points", String(points.length));
  el.setAttribute("data-events", String(data.dots.reduce(function (a, d) { return a + d.n; }, 0)));

  var scoreEl = document.getElementById("chart-score");
  if (scoreEl) {
    var score = window.echarts.init(scoreEl);
    score.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 50, right: 30, top: 44, bottom: 64 },
      xAxis: { type: "time" },
      yAxis: { type: "value", name: "score", min: -1, max: 1, interval: 0.5 },
      dataZoom: [window.EL.bulkZoom([].concat.apply([], data.scores.map(function (s) { return s.points.map(function (p) { return p.day; }); })))],
      series: data.scores.map(function (s) {
        return { name: s.dyad, type: "line", showSymbol: true, data: s.points.map(function (p) { return [p.day, p.score]; }) };
      })
    });
    window.addEventListener("resize", function () { score.resize(); });
  }
  window.addEventListener("resize", function () { chart.resize(); });
  window.EL.ready("timeline");
})();
