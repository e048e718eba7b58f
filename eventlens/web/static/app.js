// Shared by every page: quad colours, the page's JSON data, and a filter form that keeps URLs short.
(function () {
  "use strict";
  var QUAD_COLOURS = {
    verbal_cooperation: "#74add1",
    material_cooperation: "#1a9850",
    verbal_conflict: "#fdae61",
    material_conflict: "#d73027"
  };
  var QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];

  function pageData() {
    var el = document.getElementById("page-data");
    return el ? JSON.parse(el.textContent) : {};
  }

  // Carry the current filters (the query string) to another path.
  function withFilters(path) {
    var params = new URLSearchParams(window.location.search);
    params.delete("cursor");
    var qs = params.toString();
    return path + (qs ? "?" + qs : "");
  }

  function articleUrl(articleId, eventId) {
    var url = "/articles/" + encodeURIComponent(articleId);
    if (eventId) { url += "?event=" + encodeURIComponent(eventId) + "#ev-" + encodeURIComponent(eventId); }
    return url;
  }

  // A time axis's zoom slider, at the bottom (legends are at the top). A few historical days (years before the rest)
  // would squeeze every other day into a corner: start zoomed on the bulk of the days (from the one where 5% of the
  // weight, e.g. the events, lies before), so long as that hides more than a year; the slider reaches the rest.
  function bulkZoom(days, weights) {
    var zoom = { type: "slider", height: 18, bottom: 10 };
    var pairs = days.map(function (d, i) { return [d, weights ? weights[i] : 1]; }).filter(function (p) { return p[0]; });
    pairs.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    var total = pairs.reduce(function (a, p) { return a + p[1]; }, 0);
    if (pairs.length > 20 && total > 0) {
      var seen = 0, low = pairs[0][0];
      for (var i = 0; i < pairs.length; i++) {
        seen += pairs[i][1];
        if (seen >= total * 0.05) { low = pairs[i][0]; break; }
      }
      if (Date.parse(low) - Date.parse(pairs[0][0]) > 365 * 86400000) { zoom.startValue = low; }
    }
    return zoom;
  }

  var form = document.getElementById("filters");
  if (form) {
    // Empty fields stay out of the URL, so a shared link shows only the filters that matter.
    form.addEventListener("submit", function () {
      Array.prototype.forEach.call(form.elements, function (el) {
        if (el.name && !el.value) { el.disabled = true; }
      });
    });
  }

  window.EL = {
    QUAD_COLOURS: QUAD_COLOURS,
    QUADS: QUADS,
    pageData: pageData,
    withFilters: withFilters,
    articleUrl: articleUrl,
    bulkZoom: bulkZoom,
    ready: function (name) { document.body.setAttribute("data-ready-" + name, "1"); }
  };
})();
