/* okraina: works or needs served per view, as tiles of clusters (web/maps/tiles_data.py).
 *
 * For a big selection the page carries no works: on every move this layer asks the server
 * for the 256 px tiles of the view at the map's zoom (/api/map/tiles/<kind>/z/x/y.json, the
 * page's filters in the query), draws their clusters and single markers, and drops the
 * markers of tiles that left the view. Each work is in exactly one marker of one tile, so the
 * counts of the clusters add up to the works of the selection. A marker's popup fetches its
 * details when it opens (/api/map/works/<id>); a cluster zooms in to its works on a click or
 * Enter. Icons and popups are works.js's and needs.js's own; every text from the data goes
 * in as a text node, never as HTML. */
(function () {
  "use strict";
  var okraina = window.okraina = window.okraina || {};
  var el = okraina.el, TILE = 256, MAX_TILES = 64, KEEP_FETCHED = 512;

  /* ``spec``: tiles_data.layer_spec (kind, template, detailUrl, query, statuses, categories,
   * labels, maxClusterZoom); ``options``: show, listId, linkTarget, urlParam, messages. */
  okraina.tiledLayer = function (map, spec, options) {
    options = options || {};
    var works = spec.kind === "works", attribute = works ? "data-works" : "data-needs";
    var messages = options.messages || {}, labels = spec.labels || {};
    var container = map.getContainer(), group = L.layerGroup();
    var fetched = {}, fetchedOrder = [], shown = {}, generation = 0, icons = {}, failed = null;
    var items = works ? okraina.listItems(options.listId) : {}, selected = null;
    var popup = okraina.popupOptions(map);

    /* JSON of ``url``, fetched once (the last KEEP_FETCHED kept); a failure is not kept. */
    function load(url) {
      if (!fetched[url]) {
        fetched[url] = okraina.fetchPayload(url).catch(function (error) {
          delete fetched[url];
          throw error;
        });
        fetchedOrder.push(url);
        if (fetchedOrder.length > KEEP_FETCHED) { delete fetched[fetchedOrder.shift()]; }
      }
      return fetched[url];
    }

    /* The URLs of the tiles the view shows, at the map's whole zoom: on a map between two
     * zooms (a fitted city) the cells are drawn 64-128 px apart, so bubbles do not overlap. */
    function viewTiles() {
      var z = Math.max(0, Math.min(22, Math.floor(map.getZoom() + 1e-6))), last = Math.pow(2, z) - 1;
      var bounds = map.getBounds();
      var nw = map.project(bounds.getNorthWest(), z), se = map.project(bounds.getSouthEast(), z);
      var x0 = Math.max(0, Math.floor(nw.x / TILE)), x1 = Math.min(last, Math.floor(se.x / TILE));
      var y0 = Math.max(0, Math.floor(nw.y / TILE)), y1 = Math.min(last, Math.floor(se.y / TILE));
      var urls = [];
      for (var x = x0; x <= x1; x++) {
        for (var y = y0; y <= y1 && urls.length < MAX_TILES; y++) {
          urls.push(spec.template.replace("{z}", z).replace("{x}", x).replace("{y}", y));
        }
      }
      return urls;
    }

    function update() {
      if (!map.hasLayer(group)) { return; }
      var urls = viewTiles(), mine = ++generation;
      container.setAttribute("aria-busy", "true");
      Promise.all(urls.map(load)).then(function (tiles) {
        if (mine !== generation) { return; }  // the reader has moved on: a newer view draws
        var wanted = {}, count = 0;
        urls.forEach(function (url, k) {
          wanted[url] = true;
          if (!shown[url]) { shown[url] = draw(tiles[k]); }
          count += tiles[k].points.length;
          tiles[k].clusters.forEach(function (cluster) { count += cluster[2]; });
        });
        Object.keys(shown).forEach(function (url) {
          if (wanted[url]) { return; }
          shown[url].forEach(function (layer) { group.removeLayer(layer); });
          delete shown[url];
        });
        if (failed) { failed.remove(); failed = null; }
        container.removeAttribute(attribute + "-error");
        // How many of the selection the tiles of this view hold, and that they are drawn.
        container.setAttribute(attribute + "-drawn", String(count));
        container.setAttribute(attribute + "-tiles", String(urls.length));
        map.fire("okraina:drawn", {kind: spec.kind, count: count});
      }).catch(function (error) {
        if (mine !== generation) { return; }
        container.setAttribute(attribute + "-error", String((error && error.message) || error));
        if (!failed) { failed = okraina.notice(map, messages.failed, "okr-works-failed"); }
      }).then(function () {
        if (mine === generation) { container.removeAttribute("aria-busy"); }
      });
    }

    function draw(tile) {
      var layers = tile.clusters.map(clusterMarker).concat(tile.points.map(pointMarker));
      (tile.shapes || []).forEach(function (shape) { layers.push(shapeLayer(tile, shape)); });
      layers.forEach(function (layer) { group.addLayer(layer); });
      return layers;
    }

    /* [lat, lon, count, south, west, north, east]: a bubble with the count; a click or Enter
     * zooms in until its works part (at most to the zoom where every work shows). */
    function clusterMarker(cluster) {
      var count = cluster[2], text = okraina.formatNumber(count);
      var size = count < 10 ? "small" : count < 1000 ? "medium" : "large";
      var box = el("div");
      box.appendChild(el("span", null, text));
      var width = Math.max(40, 16 + 8 * text.length);
      var icon = L.divIcon({html: box.outerHTML, iconSize: L.point(width, 40),
                            className: works ? "marker-cluster okr-cluster marker-cluster-" + size
                              : "okr-need-cluster okr-cluster"});
      var label = (labels.cluster || "%s").replace("%s", text);
      var marker = L.marker([cluster[0], cluster[1]], {icon: icon, title: label, alt: label});
      function zoomIn() {
        var bounds = L.latLngBounds([cluster[3], cluster[4]], [cluster[5], cluster[6]]);
        var target = Math.min(map.getBoundsZoom(bounds), spec.maxClusterZoom + 1, map.getMaxZoom());
        map.setView(bounds.getCenter(), Math.max(target, Math.floor(map.getZoom()) + 1));
      }
      marker.on("click", zoomIn);
      // Leaflet turns Enter into a click only on layers with a popup.
      marker.on("keypress", function (event) { if (event.originalEvent.key === "Enter") { zoomIn(); } });
      return marker;
    }

    /* [id, lat, lon, status, category, title]: the work's (need's) own marker. */
    function pointMarker(point) {
      var status = spec.statuses[point[3]], category = spec.categories[point[4]];
      var icon = works ? okraina.workIcon(status, category, icons) : okraina.needIcon(status, icons);
      var marker = L.marker([point[1], point[2]], {icon: icon, title: point[5], alt: point[5]});
      bindDetails(marker, point[0]);
      return marker;
    }

    /* [index in points, "l"|"p", [x, y, ...], ...] from the tile's origin, in 1/scale degree. */
    function shapeLayer(tile, shape) {
      var point = tile.points[shape[0]], status = spec.statuses[point[3]];
      var parts = shape.slice(2).map(function (flat) {
        var ring = [];
        for (var k = 0; k + 1 < flat.length; k += 2) {
          ring.push(L.latLng(tile.origin[1] + flat[k + 1] / tile.scale, tile.origin[0] + flat[k] / tile.scale));
        }
        return ring;
      });
      var style = {color: status[2], weight: 5, opacity: 0.9, dashArray: status[4] || null};
      var layer = shape[1] === "p" ? L.polygon(parts, style) : L.polyline(parts, style);
      bindDetails(layer, point[0]);
      return layer;
    }

    /* The popup's box is built once per layer (Leaflet asks for the content again on every
     * update, and the details arriving update it). */
    function bindDetails(layer, id) {
      var box = null;
      layer.bindPopup(function () { return box || (box = details(id, layer)); }, popup);
      layer.on("click", function () { highlight(id); });
    }

    /* The popup of ``id``: "loading" at once, the details when they arrive. */
    function details(id, layer, then) {
      var box = el("div", "okr-popup", labels.loading);
      box.setAttribute("aria-busy", "true");
      load(spec.detailUrl + encodeURIComponent(id) + spec.query).then(function (payload) {
        var view = works ? new okraina.Works(payload) : new okraina.Needs(payload);
        var full = view.popup(0, options.linkTarget);
        box.className = full.className;
        box.textContent = "";
        while (full.firstChild) { box.appendChild(full.firstChild); }
        box.removeAttribute("aria-busy");
        var open = layer.getPopup && layer.getPopup();
        if (open && open.isOpen()) { open.update(); }
        if (then) { then(view); }
      }).catch(function () {
        box.textContent = labels.failed;
        box.removeAttribute("aria-busy");
      });
      return box;
    }

    function highlight(id) {
      if (selected) { selected.classList.remove("is-selected"); selected.removeAttribute("aria-current"); }
      selected = items[id] || null;
      if (selected) {
        selected.classList.add("is-selected");
        selected.setAttribute("aria-current", "true");
        okraina.revealInPane(selected);
      }
    }

    /* A work of the list shown on the map: its place comes with its details. */
    function open(id) {
      highlight(id);
      okraina.revealMap(map);
      var standalone = L.popup(popup);
      var box = details(id, standalone, function (view) {
        var x = view.x[0], y = view.y[0];
        if (x < 0 || y < 0) { return; }
        var latlng = view.latlng(x, y);
        map.setView(latlng, Math.max(map.getZoom(), spec.maxClusterZoom + 1));
        standalone.setLatLng(latlng).setContent(box).openOn(map);
      });
    }

    /* "Show on the map" in each item of the page's list of works. */
    function wireList() {
      items = okraina.listItems(options.listId);
      okraina.showButtons(items, labels.show, function (id) {
        var link = items[id].querySelector(".work-link");
        return {title: link ? link.textContent : id, open: function () { open(id); }};
      });
    }

    /* The list follows the map's view while the reader ticks the box: its page comes from
     * /list (the server's own template, with the view as bbox), and so do its pager's pages. */
    function followView(box) {
      var listBox = document.getElementById("works-list-box"), base = box.getAttribute("data-list-url");
      var path = base.split("?")[0], ticket = 0;
      if (!listBox) { return; }
      box.closest("label").hidden = false;
      function withView(url) {
        var b = map.getBounds(), clamp = function (v, limit) { return Math.max(-limit, Math.min(limit, v)).toFixed(5); };
        var bbox = [clamp(b.getWest(), 180), clamp(b.getSouth(), 90), clamp(b.getEast(), 180), clamp(b.getNorth(), 90)];
        return url + (url.indexOf("?") < 0 ? "?" : "&") + "bbox=" + bbox.join(",");
      }
      function fill(url) {
        var mine = ++ticket;
        listBox.setAttribute("aria-busy", "true");
        fetch(url, {credentials: "same-origin"})
          .then(function (response) {
            if (!response.ok) { throw new Error("HTTP " + response.status); }
            return response.text();
          })
          .then(function (html) {
            if (mine !== ticket) { return; }
            var parsed = new DOMParser().parseFromString(html, "text/html");
            listBox.replaceChildren.apply(listBox, Array.prototype.map.call(parsed.body.childNodes, function (node) {
              return document.importNode(node, true);
            }));
            wireList();
            listBox.setAttribute("data-list-view", box.checked ? "view" : "selection");
            // Said once by a screen reader (the list itself is not a live region: too long).
            var status = document.getElementById("works-list-status"), range = listBox.querySelector(".list-range, p");
            if (status && range) { status.textContent = range.textContent; }
          })
          .catch(function (error) { listBox.setAttribute("data-list-error", String(error.message || error)); })
          .then(function () { if (mine === ticket) { listBox.removeAttribute("aria-busy"); } });
      }
      box.addEventListener("change", function () { fill(box.checked ? withView(base) : base); });
      map.on("moveend", function () { if (box.checked) { fill(withView(base)); } });
      listBox.addEventListener("click", function (event) {
        var link = event.target.closest(".pager a");
        if (!link || !box.checked) { return; }
        event.preventDefault();
        fill(path + new URL(link.href, window.location.href).search);
      });
    }

    if (works) {
      wireList();
      okraina.open = open;
      var inView = document.getElementById("works-in-view");
      if (inView) { followView(inView); }
    }

    map.on("moveend", update);
    group.on("add", update);
    if (options.urlParam) {
      map.on("overlayadd", function (event) { if (event.layer === group) { okraina.keepInUrl(options.urlParam, true); } });
      map.on("overlayremove", function (event) { if (event.layer === group) { okraina.keepInUrl(options.urlParam, false); } });
    }
    if (options.show) { group.addTo(map); }
    return group;
  };
})();
