// Offline map: Natural Earth country shapes (world-atlas, served by the app) in an equirectangular SVG,
// one circle per place with events (area by count, green when cooperation outweighs conflict).
(function () {
  "use strict";
  var data = window.EL.pageData();
  var svg = document.getElementById("map");
  if (!svg || !window.topojson) { return; }
  var NS = "http://www.w3.org/2000/svg";
  var W = 1000, H = 500;
  function x(lon) { return (lon + 180) / 360 * W; }
  function y(lat) { return (90 - lat) / 180 * H; }
  // Rings that cross the antimeridian (Russia, Fiji) are unwrapped so no edge spans the whole map;
  // the part past 180° falls outside the view box.
  function ring(coords) {
    var prev = null, shift = 0, out = [];
    coords.forEach(function (c) {
      var lon = c[0];
      if (prev !== null) {
        if (lon + shift - prev > 180) { shift -= 360; } else if (lon + shift - prev < -180) { shift += 360; }
      }
      prev = lon + shift;
      out.push([prev, c[1]]);
    });
    return out.map(function (c, i) { return (i ? "L" : "M") + x(c[0]).toFixed(1) + "," + y(c[1]).toFixed(1); }).join("") + "Z";
  }
  function pathOf(geometry) {
    if (!geometry) { return ""; }
    var polys = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polys.map(function (p) { return p.map(ring).join(""); }).join("");
  }
  fetch(svg.getAttribute("data-shapes")).then(function (r) { return r.json(); }).then(function (topology) {
    var countries = window.topojson.feature(topology, topology.objects.countries).features;
    var land = document.createElementNS(NS, "g");
    countries.forEach(function (f) {
      var p = document.createElementNS(NS, "path");
      p.setAttribute("class", "country");
      p.setAttribute("d", pathOf(f.geometry));
      var t = document.createElementNS(NS, "title");
      t.textContent = f.properties.name;
      p.appendChild(t);
      land.appendChild(p);
    });
    svg.appendChild(land);
    var maxN = Math.max.apply(null, [1].concat(data.points.map(function (p) { return p.events; })));
    var dots = document.createElementNS(NS, "g");
    data.points.forEach(function (pt) {
      var c = document.createElementNS(NS, "circle");
      c.setAttribute("class", "point" + (pt.score > 0 ? " coop" : ""));
      c.setAttribute("cx", x(pt.lon).toFixed(1));
      c.setAttribute("cy", y(pt.lat).toFixed(1));
      c.setAttribute("r", (2.5 + 12 * Math.sqrt(pt.events / maxN)).toFixed(1));
      var t = document.createElementNS(NS, "title");
      t.textContent = pt.name + ": " + pt.events + " event" + (pt.events === 1 ? "" : "s");
      c.appendChild(t);
      c.addEventListener("click", function () {
        var params = new URLSearchParams(window.location.search);
        params.set("place", String(pt.name));
        window.location.href = "/articles?" + params.toString();
      });
      dots.appendChild(c);
    });
    svg.appendChild(dots);
    svg.setAttribute("data-points", String(data.points.length));
    window.EL.ready("map");
  });
})();
