/* okraina: draws residents' needs from one compact payload (web/maps/needs_data.py), after
 * works.js (okraina.unpack). A need is a square marker (a work is a round one) whose colour
 * and sign say its status type (waiting, met, closed); needs cluster apart from works.
 * Every text from the data goes into the page as a text node, never as HTML. */
(function () {
  "use strict";
  var okraina = window.okraina = window.okraina || {};

  var el = okraina.el;  /* works.js: an element with a class and a text node, never HTML */

  function Needs(data) {
    var n = data.ids.length;
    this.data = data;
    ["st", "cat", "year", "cycle", "dist", "x", "y"].forEach(function (name) {
      this[name] = okraina.unpack(data[name], n);
    }, this);
  }

  Needs.prototype.popup = function (i, linkTarget) {
    var d = this.data, labels = d.labels, status = d.statuses[this.st[i]], category = d.categories[this.cat[i]];
    var box = el("div", "okr-popup okr-need-popup");
    box.appendChild(el("span", "okr-popup-kind", labels.kind));
    box.appendChild(el("strong", "okr-popup-title", d.titles[i]));
    var list = el("dl");
    function row(term, value) {
      list.appendChild(el("dt", null, term));
      list.appendChild(el("dd", null, value));
    }
    row(labels.status, status[4] + " " + status[1]);
    row(labels.category, category[2] + " " + category[1]);
    row(labels.raised, String(d.year0 + this.year[i]) + " · " + labels.cycle.replace("%s", String(this.cycle[i])));
    if (this.dist[i] >= 0) { row(labels.district, d.districts[this.dist[i]][1]); }
    box.appendChild(list);
    var link = el("a", "okr-popup-link", labels.more);
    link.href = d.needUrl + encodeURIComponent(d.ids[i]) + d.query;
    if (linkTarget) {
      link.target = linkTarget;
      link.rel = "noopener";
    }
    box.appendChild(link);
    return box;
  };

  okraina.Needs = Needs;  /* tiles.js builds a popup from one need's payload */

  Needs.prototype.icon = function (i, cache) {
    return needIcon(this.data.statuses[this.st[i]], cache);
  };

  /* A need's square marker: colour and sign = its status type ([code, label, type, colour, sign]). */
  function needIcon(status, cache) {
    var key = status[0];
    if (!cache[key]) {
      var pin = el("span", "okr-need-pin");
      pin.style.background = status[3];
      pin.appendChild(el("span", "okr-need-sign", status[4]));
      cache[key] = L.divIcon({className: "okr-need okr-need-" + status[2], html: pin.outerHTML,
                              iconSize: [24, 24], iconAnchor: [12, 12], popupAnchor: [0, -10]});
    }
    return cache[key];
  }
  okraina.needIcon = needIcon;

  /* Clusters of needs are squares too, so that they never pass for clusters of works. */
  function clusterIcon(cluster) {
    var box = el("div");
    box.appendChild(el("span", null, cluster.getChildCount()));
    return L.divIcon({html: box.outerHTML, className: "okr-need-cluster", iconSize: L.point(34, 34)});
  }

  /* A line of text over the map (role=status), as works.js shows for the works. */
  var note = okraina.notice;  /* works.js: a status line at the map's bottom left */

  /* The current URL with the layer's parameter set ("1") or removed (null). */
  function keepInUrl(param, on) {
    if (!param || !window.history || !window.history.replaceState) { return; }
    var url = new URL(window.location.href);
    if (on) { url.searchParams.set(param, "1"); } else { url.searchParams.delete(param); }
    window.history.replaceState(window.history.state, "", url.toString());
    var boxes = document.querySelectorAll("input[type=checkbox][name='" + param + "']");
    for (var k = 0; k < boxes.length; k++) { boxes[k].checked = on; }
  }
  okraina.keepInUrl = keepInUrl;  /* tiles.js: the needs layer served per view */

  /* The needs of ``data`` (a payload of needs_data.py), or of the payload fetched from
   * options.src (/api/map/needs) the first time the layer is on the map, as one clustered
   * layer; it starts on the map when options.show. options.urlParam: the query parameter
   * kept in step when the reader switches the layer in the layer control. */
  okraina.needsLayer = function (map, data, options) {
    options = options || {};
    var container = map.getContainer();
    var cluster = L.markerClusterGroup({
      showCoverageOnHover: false, maxClusterRadius: 40, iconCreateFunction: clusterIcon,
      // In chunks, as the works: 50,000 needs must not freeze the page.
      chunkedLoading: true, chunkProgress: function (done, total) {
        // Our batch only (adding the group to the map reports an empty one).
        var batch = cluster.okrBatch;
        if (batch && total === batch && done >= total) {
          setTimeout(function () { container.setAttribute("data-needs-drawn", String(batch)); }, 0);
        }
      }});
    var requested = false;
    function load() {
      if (requested) { return; }
      requested = true;
      if (data) { fill(map, cluster, data, options); return; }
      container.setAttribute("aria-busy", "true");
      var loading = note(map, (options.messages || {}).loading);
      okraina.fetchPayload(options.src)
        .then(function (fetched) {
          loading.remove();
          fill(map, cluster, fetched, options);
        })
        .catch(function (error) {
          loading.remove();
          requested = false;  // switching the layer on again tries again
          container.setAttribute("data-needs-error", String((error && error.message) || error));
          var failed = note(map, (options.messages || {}).failed, "okr-works-failed");
          setTimeout(function () { failed.remove(); }, 8000);
        })
        .then(function () { container.removeAttribute("aria-busy"); });
    }
    cluster.on("add", load);
    if (options.show) { cluster.addTo(map); }
    map.on("overlayadd", function (event) { if (event.layer === cluster) { keepInUrl(options.urlParam, true); } });
    map.on("overlayremove", function (event) { if (event.layer === cluster) { keepInUrl(options.urlParam, false); } });
    return cluster;
  };

  function fill(map, cluster, data, options) {
    var needs = new Needs(data), icons = {}, markers = [];
    var popup = okraina.popupOptions(map);  /* works.js: clear of the map's controls */
    for (var i = 0; i < data.ids.length; i++) {
      var x = needs.x[i], y = needs.y[i];
      if (x < 0 || y < 0) { continue; }
      var latlng = L.latLng(data.origin[1] + y / data.scale, data.origin[0] + x / data.scale);
      var marker = L.marker(latlng, {icon: needs.icon(i, icons), title: data.titles[i], alt: data.titles[i]});
      marker.bindPopup((function (k) { return function () { return needs.popup(k, options.linkTarget); }; })(i), popup);
      markers.push(marker);
    }
    cluster.okrBatch = markers.length;
    if (!markers.length) { map.getContainer().setAttribute("data-needs-drawn", "0"); }
    cluster.addLayers(markers);  // data-needs-drawn once its last chunk is in (chunkProgress)
  }
})();
