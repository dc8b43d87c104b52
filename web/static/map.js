/* okraina: what every map of the app shares, loaded right after Leaflet (web/maps/base.py).
 * - no "Leaflet" prefix in the attribution: only what the data and the tiles need;
 * - the scale bar in the page's language (units from <body data-unit-m/-km>) and number format
 *   (<body data-group/-decimal>, the server's locale data);
 * - the page's legend (details.map-legend beside the map) becomes a control on the map, open
 *   where there is room;
 * - okraina.fitBounds(bounds, map): the first view fits the bounds inside what the controls leave
 *   free, and keeps fitting when the frame is resized until the reader moves the map;
 * - in an embed, attribution links open in a new tab (the frame is not the reader's page). */
(function () {
  "use strict";
  var okraina = window.okraina = window.okraina || {};
  var ROOM_WIDTH = 600, ROOM_HEIGHT = 300;  // a map this big keeps its legend open

  L.Control.Attribution.prototype.options.prefix = false;
  // Whole, half and quarter zooms: a fitted city fills its frame instead of a zoom level below.
  L.Map.mergeOptions({zoomSnap: 0.25});

  function locale(name, fallback) {
    var value = document.body && document.body.getAttribute("data-" + name);
    return value === null || value === undefined ? fallback : value;
  }

  okraina.formatNumber = function (value) {
    var group = locale("group", null), decimal = locale("decimal", ".");
    var parts = String(value).split(".");
    if (group !== null) { parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, group); }
    return parts.length > 1 ? parts[0] + decimal + parts[1] : parts[0];
  };

  L.Control.Scale.prototype._updateMetric = function (maxMeters) {
    var meters = this._getRoundNum(maxMeters);
    var metre = locale("unit-m", "m"), kilometre = locale("unit-km", "km");
    var label = meters < 1000 ? okraina.formatNumber(meters) + "\u00a0" + metre
      : okraina.formatNumber(meters / 1000) + "\u00a0" + kilometre;
    this._updateScale(this._mScale, label, meters / maxMeters);
  };

  var update = L.Control.Attribution.prototype._update;
  L.Control.Attribution.prototype._update = function () {
    update.call(this);
    if (this._container && this._map && this._map.getContainer().closest(".embed")) {
      newTab(this._container);
    }
  };

  function newTab(box) {
    var links = box.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      links[i].target = "_blank";
      links[i].rel = "noopener";
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var foot = document.querySelector(".embed .embed-foot");
    if (foot) { newTab(foot); }
  });

  function roomy(map) {
    var size = map.getSize();
    return size.x >= ROOM_WIDTH && size.y >= ROOM_HEIGHT;
  }

  // On a narrow map a popup spans the width: it opens below the controls at the top right
  // (the layer switch, the folded legend), which would otherwise cover its first lines.
  L.Map.addInitHook(function () {
    this.on("popupopen", function (event) {
      var popup = event.popup, size = this.getSize();
      if (size.x >= ROOM_WIDTH || !popup._adjustPan) { return; }
      var top = 12, controls = this.getContainer().querySelectorAll(".leaflet-top.leaflet-right .leaflet-control");
      for (var k = 0; k < controls.length; k++) { top = Math.max(top, controls[k].offsetTop + controls[k].offsetHeight + 8); }
      var padding = L.point(popup.options.autoPanPaddingTopLeft || [0, 0]);
      if (top <= padding.y) { return; }
      popup.options.autoPanPaddingTopLeft = [padding.x, Math.min(top, Math.round(size.y / 3))];
      popup._adjustPan();
    });
  });

  // The page's legend: a <details> next to the map's <div>, moved into the map's corner.
  L.Map.addInitHook(function () {
    var frame = this.getContainer().parentNode;
    var legend = frame && frame.querySelector(":scope > details.map-legend");
    if (!legend) { return; }
    var control = L.control({position: "topright"});
    control.onAdd = function () {
      legend.classList.add("leaflet-control");
      L.DomEvent.disableClickPropagation(legend);
      L.DomEvent.disableScrollPropagation(legend);
      return legend;
    };
    control.addTo(this);
    var map = this, body = legend.querySelector(".map-legend-body"), summary = legend.querySelector("summary");
    function fitBody() {  // the open legend scrolls inside the map, never past its bottom
      if (!body) { return; }
      var top = legend.getBoundingClientRect().top + (summary ? summary.offsetHeight : 0);
      body.style.maxHeight = Math.max(80, map.getContainer().getBoundingClientRect().bottom - top - 16) + "px";
    }
    // Below the controls the page's script adds next (the layer switch stays at the top).
    Promise.resolve().then(function () {
      if (legend.parentNode) { legend.parentNode.appendChild(legend); }
      fitBody();
    });
    legend.addEventListener("toggle", fitBody);
    this.on("resize", fitBody);
    legend.open = roomy(this);
  });

  /* Padding for fitBounds that keeps the bounds clear of the controls in the four corners:
   * each corner's controls cost either their width (pad that side) or their height (pad
   * top or bottom), whichever hides less of the map. */
  okraina.controlPadding = function (map) {
    var size = map.getSize(), box = map.getContainer().getBoundingClientRect();
    var pad = {top: 0, right: 0, bottom: 0, left: 0};
    ["topleft", "topright", "bottomleft", "bottomright"].forEach(function (corner) {
      var holder = map._controlCorners && map._controlCorners[corner];
      if (!holder) { return; }
      var width = 0, height = 0, controls = holder.children;
      for (var i = 0; i < controls.length; i++) {
        var r = controls[i].getBoundingClientRect();
        if (!r.width || !r.height) { continue; }
        var vertical = corner.indexOf("top") === 0 ? r.bottom - box.top : box.bottom - r.top;
        var horizontal = corner.indexOf("left") > 0 ? r.right - box.left : box.right - r.left;
        height = Math.max(height, vertical);
        width = Math.max(width, horizontal);
      }
      if (!width || !height) { return; }
      var side = corner.indexOf("left") > 0 ? "left" : "right", end = corner.indexOf("top") === 0 ? "top" : "bottom";
      if (width / size.x <= height / size.y) { pad[side] = Math.max(pad[side], width); }
      else { pad[end] = Math.max(pad[end], height); }
    });
    var margin = 12;  // about half a marker: a work on the edge of the bounds stays whole
    return {paddingTopLeft: L.point(pad.left + margin, pad.top + margin),
            paddingBottomRight: L.point(pad.right + margin, pad.bottom + margin)};
  };

  okraina.fitBounds = function (bounds, map) {
    var fitting = false, moved = false;
    function fit() {
      if (moved) { return; }
      fitting = true;
      map.fitBounds(bounds, L.extend({animate: false}, okraina.controlPadding(map)));
      fitting = false;
    }
    fit();
    // Once more when the page's script has added its last controls (a layer switch, a note).
    Promise.resolve().then(fit);
    map.on("movestart", function () { if (!fitting) { moved = true; } });
    map.on("resize", fit);
  };
})();
