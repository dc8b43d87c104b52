/* okraina: draws the works of a page from one compact payload (web/maps/works_data.py).
 * Every text from the data goes into the page as a text node (textContent), never as HTML. */
(function () {
  "use strict";
  var okraina = window.okraina = window.okraina || {};

  /* An element with a class and a text node: data never goes in as HTML (needs.js uses it too). */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  okraina.el = el;

  /* Whole tenge with the page's own group sign (map.js reads the server's locale data), not
   * the browser's: Chromium writes "1,150,000" for kk where the pages write "1 150 000". */
  function money(amount) {
    return okraina.formatNumber(Math.round(Math.max(amount, 0))) + "\u00a0\u20b8";
  }

  /* Popups keep clear of the zoom buttons (top left) and fit a phone's map beside them. */
  function popupOptions(map) {
    return {maxWidth: Math.max(160, Math.min(280, map.getSize().x - 112)),
            autoPanPaddingTopLeft: [56, 12], autoPanPaddingBottomRight: [12, 12]};
  }
  okraina.popupOptions = popupOptions;  /* tiles.js too */

  /* The nearest ancestor of ``node`` that scrolls on its own (not the page), or null. */
  function scrollBox(node) {
    for (var box = node.parentElement; box && box !== document.body; box = box.parentElement) {
      var overflow = getComputedStyle(box).overflowY;
      if ((overflow === "auto" || overflow === "scroll") && box.scrollHeight > box.clientHeight) { return box; }
    }
    return null;
  }

  /* Shows ``item`` inside its own scrolling pane (the side list on a wide screen) without
   * moving the page: on a phone, a tap on the map keeps the map and its popup in view. */
  function revealInPane(item) {
    var box = scrollBox(item);
    if (!box) { return; }
    var itemBox = item.getBoundingClientRect(), paneBox = box.getBoundingClientRect();
    if (itemBox.top < paneBox.top) { box.scrollTop += itemBox.top - paneBox.top; }
    else if (itemBox.bottom > paneBox.bottom) { box.scrollTop += itemBox.bottom - paneBox.bottom; }
  }
  okraina.revealInPane = revealInPane;

  /* Brings the whole map into the window (from the list below it on a phone). */
  function revealMap(map) {
    var frame = map.getContainer(), box = frame.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= window.innerHeight) { return; }
    frame.scrollIntoView({block: box.height > window.innerHeight ? "start" : "nearest"});
  }
  okraina.revealMap = revealMap;

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) { DIGIT_VALUE[DIGITS.charCodeAt(d)] = d; }

  /* A packed column {w, s} (works_data.pack) back to numbers; -1 means missing. */
  function unpack(column, count) {
    var values = new Float64Array(count), w = column.w, s = column.s;
    for (var i = 0; i < count; i++) {
      var value = 0;
      for (var k = 0; k < w; k++) { value = value * 64 + DIGIT_VALUE[s.charCodeAt(i * w + k)]; }
      values[i] = value - 1;
    }
    return values;
  }
  okraina.unpack = unpack;  /* needs.js reads its payload the same way */

  function Works(data) {
    var n = data.ids.length;
    this.data = data;
    ["cat", "st", "year", "prog", "kzt", "dist", "x", "y"].forEach(function (name) {
      this[name] = unpack(data[name], n);
    }, this);
  }

  Works.prototype.latlng = function (x, y) {
    var d = this.data;
    return L.latLng(d.origin[1] + y / d.scale, d.origin[0] + x / d.scale);
  };

  Works.prototype.url = function (i) {
    return this.data.workUrl + encodeURIComponent(this.data.ids[i]) + this.data.query;
  };

  /* options.linkTarget: where the work's link opens ("_blank" in an embed's iframe). */
  Works.prototype.popup = function (i, linkTarget) {
    var d = this.data, labels = d.labels, category = d.categories[this.cat[i]], status = d.statuses[this.st[i]];
    var box = el("div", "okr-popup");
    box.appendChild(el("strong", "okr-popup-title", d.titles[i]));
    var list = el("dl");
    function row(term, value) {
      list.appendChild(el("dt", null, term));
      var dd = el("dd");
      if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = value; }
      list.appendChild(dd);
      return dd;
    }
    row(labels.category, category[2] + " " + category[1]);
    row(labels.status, status[3] + " " + status[1]);
    if (this.prog[i] >= 0) {
      var bar = el("progress");
      bar.max = 100;
      bar.value = this.prog[i];
      bar.setAttribute("aria-label", labels.progress);
      var progress = row(labels.progress, bar);
      progress.appendChild(document.createTextNode(" " + this.prog[i] + "%"));
    }
    if (this.year[i] >= 0) { row(labels.year, String(d.year0 + this.year[i])); }
    row(labels.funding, money(this.kzt[i]));
    if (this.dist[i] >= 0) { row(labels.district, d.districts[this.dist[i]][1]); }
    box.appendChild(list);
    var link = el("a", "okr-popup-link", labels.more);
    link.href = this.url(i);
    if (linkTarget) {
      link.target = linkTarget;
      link.rel = "noopener";
    }
    box.appendChild(link);
    return box;
  };

  okraina.Works = Works;  /* tiles.js builds a popup from one work's payload */

  Works.prototype.icon = function (i, cache) {
    return workIcon(this.data.statuses[this.st[i]], this.data.categories[this.cat[i]], cache);
  };

  /* A work's marker: colour and small sign = status ([code, label, colour, sign]), big sign =
   * category ([code, label, sign]); one icon per pair, kept in ``cache``. */
  function workIcon(status, category, cache) {
    var key = status[0] + " " + category[0];
    if (!cache[key]) {
      var pin = el("span", "okr-pin");
      pin.style.background = status[2];
      pin.appendChild(el("span", "okr-pin-symbol", category[2]));
      pin.appendChild(el("span", "okr-pin-status", status[3]));
      cache[key] = L.divIcon({className: "okr-work okr-status-" + status[0], html: pin.outerHTML,
                              iconSize: [28, 28], iconAnchor: [14, 14], popupAnchor: [0, -12]});
    }
    return cache[key];
  }
  okraina.workIcon = workIcon;

  function listItems(listId) {
    var byId = {};
    var list = listId && document.getElementById(listId);
    if (!list) { return byId; }
    var items = list.querySelectorAll("[data-work-id]");
    for (var k = 0; k < items.length; k++) { byId[items[k].getAttribute("data-work-id")] = items[k]; }
    return byId;
  }
  okraina.listItems = listItems;  /* the page's list items by data-work-id */

  /* A "Show on the map" button in each list item that ``find(id)`` knows ({title, open}); a
   * click elsewhere on the item (not on a link) shows it too. */
  function showButtons(items, label, find) {
    Object.keys(items).forEach(function (id) {
      var item = items[id], work = find(id);
      if (!work) { return; }
      var button = el("button", "okr-show", label);
      button.type = "button";
      button.setAttribute("aria-label", label + ": " + work.title);
      button.addEventListener("click", work.open);
      (item.tagName === "TR" ? item.cells[0] : item).appendChild(button);
      item.addEventListener("click", function (event) {
        if (event.target.closest("a, button")) { return; }
        work.open();
      });
    });
  }
  okraina.showButtons = showButtons;

  /* A line of text over the map (role=status), e.g. while the works load. */
  function notice(map, text, className) {
    var control = L.control({position: "bottomleft"});
    control.onAdd = function () {
      var box = el("div", "okr-works-note leaflet-control" + (className ? " " + className : ""), text);
      box.setAttribute("role", "status");
      return box;
    };
    return control.addTo(map);
  }
  okraina.notice = notice;  /* needs.js too */

  /* A payload from the app (/api/map/works, /api/map/needs): JSON, or an error naming the status. */
  function fetchPayload(src) {
    return fetch(src, {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      });
  }
  okraina.fetchPayload = fetchPayload;

  /* The works of ``data`` (a payload of works_data.py), or of the payload fetched from
   * options.src (/api/map/works) when data is null: markers (clustered) for every work,
   * lines and polygons drawn too. Returns one layer at once; fetched works fill it when
   * they arrive. */
  okraina.worksLayer = function (map, data, options) {
    options = options || {};
    var group = L.layerGroup().addTo(map);
    if (data) {
      fill(map, group, data, options);
      return group;
    }
    var messages = options.messages || {};
    var container = map.getContainer();
    var loading = notice(map, messages.loading);
    container.setAttribute("aria-busy", "true");
    fetchPayload(options.src)
      .then(function (fetched) {
        loading.remove();
        fill(map, group, fetched, options);
      })
      .catch(function (error) {
        loading.remove();
        notice(map, messages.failed, "okr-works-failed");
        container.setAttribute("data-works-error", String((error && error.message) || error));
      })
      .then(function () { container.removeAttribute("aria-busy"); });
    return group;
  };

  function fill(map, group, data, options) {
    var works = new Works(data), icons = {}, markers = [], byIndex = {}, popup = popupOptions(map);
    // Markers join the clusters in chunks (100,000 do not freeze the page); the works
    // count as drawn, and a work can be opened, once the last chunk is in.
    var ready = false, pending = null;
    var cluster = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
                                        maxClusterRadius: 50, chunkProgress: function (done, total) {
                                          // Our batch only (adding the group to the map reports an
                                          // empty one); its last clusters reach the map after this
                                          // call returns, in the same task: count them drawn then.
                                          if (total === markers.length && done >= total) {
                                            setTimeout(drawn, 0);
                                          }
                                        }});
    var shapes = L.featureGroup();
    var items = listItems(options.listId);
    var selected = null;

    function highlight(i) {
      if (selected) { selected.classList.remove("is-selected"); selected.removeAttribute("aria-current"); }
      selected = items[data.ids[i]] || null;
      if (selected) {
        selected.classList.add("is-selected");
        selected.setAttribute("aria-current", "true");
        revealInPane(selected);
      }
    }

    function popupFor(i) { return function () { return works.popup(i, options.linkTarget); }; }

    for (var i = 0; i < data.ids.length; i++) {
      var x = works.x[i], y = works.y[i];
      if (x < 0 || y < 0) { continue; }
      var marker = L.marker(works.latlng(x, y), {icon: works.icon(i, icons), title: data.titles[i],
                                                 alt: data.titles[i]});
      marker.bindPopup(popupFor(i), popup);
      marker.on("click", highlight.bind(null, i));
      markers.push(marker);
      byIndex[i] = marker;
    }

    data.shapes.forEach(function (shape) {
      var i = shape[0], status = data.statuses[works.st[i]];
      var parts = shape.slice(2).map(function (flat) {
        var ring = [];
        for (var k = 0; k + 1 < flat.length; k += 2) { ring.push(works.latlng(flat[k], flat[k + 1])); }
        return ring;
      });
      var style = {color: status[2], weight: 5, opacity: 0.9, dashArray: status[4] || null};
      var drawn = shape[1] === "p" ? L.polygon(parts, style) : L.polyline(parts, style);
      drawn.bindPopup(popupFor(i), popup);
      drawn.on("click", highlight.bind(null, i));
      shapes.addLayer(drawn);
    });

    group.addLayer(shapes);
    group.addLayer(cluster);
    cluster.addLayers(markers);
    if (!markers.length || !map.hasLayer(cluster)) { drawn(); }  // no chunks to wait for

    function drawn() {
      if (ready) { return; }
      ready = true;
      map.getContainer().setAttribute("data-works-drawn", String(markers.length));
      map.getContainer().setAttribute("data-shapes-drawn", String(shapes.getLayers().length));
      if (pending !== null) { open(pending); }
    }

    function open(i) {
      var marker = byIndex[i];
      if (!marker) { return; }
      if (!ready) { pending = i; return; }  // opened when the last chunk is in
      pending = null;
      highlight(i);
      revealMap(map);
      cluster.zoomToShowLayer(marker, function () { marker.openPopup(); });
    }

    var indexOf = {};
    data.ids.forEach(function (id, i) { indexOf[id] = i; });
    showButtons(items, data.labels.show, function (id) {
      var i = indexOf[id];
      return i === undefined || !byIndex[i] ? null : {title: data.titles[i], open: function () { open(i); }};
    });

    okraina.open = open;
  }
})();
