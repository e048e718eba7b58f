// Offline map (Leaflet, no tiles): Natural Earth country shapes (world-atlas, served by the app) under one marker
// per place with events. Zoom and pan (wheel, drag, + and −, keyboard); nearby places are clustered (a numbered disc
// with their events in all; clicking it zooms in). A marker's size is its events, its colour the mean score, its shape
// the precision: a filled dot for a city or site, a ring for a region's centre, a square for a country's centre.
// Clicking a place lists exactly its events (by GeoNames id), with the filter shown in the filter bar.
(function () {
  "use strict";
  var data = window.EL.pageData();
  var el = document.getElementById("map");
  if (!el || !window.L || !window.topojson) { return; }
  var L = window.L;
  var map = L.map(el, {
    center: [20, 10], zoom: 2, minZoom: 1, maxZoom: 14, zoomSnap: 0.5, worldCopyJump: false,
    maxBounds: [[-85, -220], [85, 220]], attributionControl: true
  });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth via world-atlas");
  window.EL.map = map;

  function placeUrl(pt) {
    var params = new URLSearchParams(window.location.search);
    ["cursor", "place", "place_id"].forEach(function (k) { params.delete(k); });
    if (pt.geonameid !== null && pt.geonameid !== undefined) { params.set("place_id", String(pt.geonameid)); }
    else { params.set("place", String(pt.name)); }
    return "/timeline?" + params.toString();
  }

  var clusters = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 36,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: function (cluster) {
      var total = cluster.getAllChildMarkers().reduce(function (a, m) { return a + m.options.events; }, 0);
      var size = Math.round(26 + 6 * Math.log(1 + total));
      return L.divIcon({
        className: "cluster", html: "<span>" + total + "</span>", iconSize: [size, size]
      });
    }
  });
  var markers = data.points.map(function (pt) {
    var marker = L.marker([pt.lat, pt.lon], {
      icon: L.divIcon({
        className: "place " + pt.precision + " " + pt.tone, iconSize: [pt.size, pt.size]
      }),
      title: pt.name + (pt.country ? " (" + pt.country + ")" : "") + ": " + pt.events + " event" + (pt.events === 1 ? "" : "s") +
        (pt.precision === "country" ? ", placed at the country's centre" : pt.precision === "region" ? ", placed at the region's centre" : ""),
      events: pt.events,
      keyboard: true,
      riseOnHover: true
    });
    marker.on("click", function () { window.location.href = placeUrl(pt); });
    marker.on("add", function () {
      var icon = marker.getElement();
      if (icon) { icon.setAttribute("data-place", pt.geonameid !== null ? String(pt.geonameid) : pt.name); icon.setAttribute("data-events", String(pt.events)); }
    });
    return marker;
  });
  clusters.addLayers(markers);
  // For scripts and tests: the cluster group and each place's marker (by GeoNames id, else name).
  window.EL.mapClusters = clusters;
  window.EL.mapMarkers = {};
  data.points.forEach(function (pt, i) {
    window.EL.mapMarkers[pt.geonameid !== null ? String(pt.geonameid) : pt.name] = markers[i];
  });

  function ready() {
    el.setAttribute("data-points", String(data.points.length));
    el.setAttribute("data-zoom", String(map.getZoom()));
    window.EL.ready("map");
  }
  map.on("zoomend", function () { el.setAttribute("data-zoom", String(map.getZoom())); });

  // Rings that cross the antimeridian (Russia, Fiji, Antarctica) are unwrapped so that no edge spans the whole map;
  // the part past 180° is drawn beyond it.
  function unwrap(ring) {
    var prev = null, shift = 0;
    return ring.map(function (c) {
      var lon = c[0];
      if (prev !== null) {
        if (lon + shift - prev > 180) { shift -= 360; } else if (lon + shift - prev < -180) { shift += 360; }
      }
      prev = lon + shift;
      return [prev, c[1]];
    });
  }
  function unwrapped(feature) {
    var g = feature.geometry;
    if (!g) { return feature; }
    var polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
    var fixed = polys.map(function (p) { return p.map(unwrap); });
    return { type: "Feature", properties: feature.properties, geometry: { type: "MultiPolygon", coordinates: fixed } };
  }

  fetch(el.getAttribute("data-shapes")).then(function (r) { return r.json(); }).then(function (topology) {
    var countries = window.topojson.feature(topology, topology.objects.countries).features.map(unwrapped);
    L.geoJSON(countries, { interactive: false, style: { className: "country", weight: 0.6 } }).addTo(map);
    map.addLayer(clusters);
    if (markers.length) {
      map.fitBounds(L.latLngBounds(markers.map(function (m) { return m.getLatLng(); })).pad(0.15), { maxZoom: 5, animate: false });
    }
    ready();
  });
})();
