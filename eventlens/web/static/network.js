// Actor network: actors as nodes (size by events), dyads as edges (width by events, colour by score sign).
(function () {
  "use strict";
  var data = window.EL.pageData();
  var el = document.getElementById("network");
  if (!window.cytoscape || !el) { return; }
  var maxNode = Math.max.apply(null, [1].concat(data.nodes.map(function (n) { return n.events; })));
  var maxEdge = Math.max.apply(null, [1].concat(data.edges.map(function (e) { return e.events; })));
  var elements = data.nodes.map(function (n) {
    return { data: { id: n.id, label: n.label, size: 14 + 36 * Math.sqrt(n.events / maxNode) } };
  }).concat(data.edges.map(function (e, i) {
    var colour = e.score > 0 ? "#1a9850" : (e.score < 0 ? "#d73027" : "#9aa5b1");
    return { data: { id: "e" + i, source: e.source, target: e.target, width: 1 + 7 * e.events / maxEdge, colour: colour, events: e.events } };
  }));
  var cy = window.cytoscape({
    container: el,
    elements: elements,
    layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90 },
    style: [
      { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)",
        "background-color": "#1f4e79", "color": "#1d2733", "font-size": 10, "text-valign": "bottom", "text-margin-y": 3 } },
      { selector: "edge", style: { "width": "data(width)", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "target-arrow-shape": "triangle", "curve-style": "bezier", "opacity": 0.75 } }
    ]
  });
  cy.on("tap", "node", function (evt) {
    var params = new URLSearchParams(window.location.search);
    params.set("actor", evt.target.id());
    window.location.href = "/timeline?" + params.toString();
  });
  el.setAttribute("data-nodes", String(data.nodes.length));
  el.setAttribute("data-edges", String(data.edges.length));
  window.EL.ready("network");
})();
