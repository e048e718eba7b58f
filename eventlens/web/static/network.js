// Actor network: actors as nodes (size by events), dyads as edges (width by events, colour by score sign).
// Labels stay readable: a white halo behind each, a size that does not shrink below legibility on screen (labels of
// small nodes hide when zoomed out, and come back when zoomed in), long names cut, and a layout that spaces nodes
// for their labels.
(function () {
  "use strict";
  var data = window.EL.pageData();
  var el = document.getElementById("network");
  if (!window.cytoscape || !el) { return; }
  var maxNode = Math.max.apply(null, [1].concat(data.nodes.map(function (n) { return n.events; })));
  var maxEdge = Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.events; })));
  var elements = data.nodes.map(function (n) {
    return { data: { id: n.id, label: n.label, size: 16 + 34 * Math.sqrt(n.events / maxNode) } };
  }).concat(data.edges.map(function (e, i) {
    var colour = e.score > 0 ? "#1a9850" : (e.score < 0 ? "#d73027" : "#9aa5b1");
    return { data: { id: "e" + i, source: e.source, target: e.target, width: 1.5 + 7 * e.events / maxEdge, colour: colour, events: e.events } };
  }));
  var layoutOptions = {
    name: "cose", animate: false, randomize: false, padding: 30, nodeDimensionsIncludeLabels: true,
    nodeRepulsion: function () { return 60000; }, idealEdgeLength: function () { return 90; },
    nodeOverlap: 40, componentSpacing: 100, gravity: 0.8, numIter: 2500
  };
  var cy = window.cytoscape({
    container: el,
    elements: elements,
    minZoom: 0.2,
    maxZoom: 4,
    layout: layoutOptions,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "width": "data(size)", "height": "data(size)", "background-color": "#1f4e79",
        "color": "#1d2733", "font-size": 13, "font-weight": 600, "text-valign": "bottom", "text-margin-y": 4,
        "text-outline-color": "#fff", "text-outline-width": 3, "text-outline-opacity": 0.95,
        "text-wrap": "ellipsis", "text-max-width": "140px" } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.7 } },
      { selector: "node:selected, node.hover", style: { "background-color": "#d08c00", "z-index": 10 } }
    ]
  });
  // Labels keep one size on screen (13px) whatever the zoom, so fitting a large network does not shrink them away.
  function scaleLabels() {
    var z = cy.zoom();
    cy.style().selector("node").style({
      "font-size": 13 / z, "text-outline-width": 3 / z, "text-margin-y": 4 / z, "text-max-width": (130 / z) + "px"
    }).update();
  }
  // Lay out twice: the second pass knows how large the labels will be on screen and makes room for them.
  scaleLabels();
  cy.layout(layoutOptions).run();
  scaleLabels();
  cy.on("zoom", scaleLabels);
  cy.on("mouseover", "node", function (evt) { evt.target.addClass("hover"); el.style.cursor = "pointer"; });
  cy.on("mouseout", "node", function (evt) { evt.target.removeClass("hover"); el.style.cursor = ""; });
  cy.on("tap", "node", function (evt) {
    var params = new URLSearchParams(window.location.search);
    params.delete("cursor");
    params.set("actor", evt.target.id());
    window.location.href = "/timeline?" + params.toString();
  });
  el.setAttribute("data-nodes", String(data.nodes.length));
  el.setAttribute("data-edges", String(data.edges.length));
  window.EL.cy = cy;
  window.EL.ready("network");
})();
