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
    ready: function (name) { document.body.setAttribute("data-ready-" + name, "1"); }
  };
})();
