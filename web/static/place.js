/* okraina "raise a need": a tap on the map, the browser's location, an address chosen in
 * the search field (search.js fires "okraina:pick") or typed numbers set the need's place. Only the form's lon/lat inputs are filled; the form works without JS. */
(function () {
  "use strict";
  var okraina = window.okraina = window.okraina || {};

  okraina.pickPlace = function (map, options) {
    var form = document.getElementById(options.form);
    if (!form) { return; }
    var lat = form.elements.lat, lon = form.elements.lon, marker = null;
    var status = document.getElementById("place-status");

    function mark(latValue, lonValue, move) {
      var point = L.latLng(latValue, lonValue);
      if (marker) { marker.setLatLng(point); } else {
        marker = L.circleMarker(point, {radius: 8, color: "#1d2428", weight: 2, fillColor: "#e6ab02",
                                        fillOpacity: 1, interactive: false}).addTo(map);
      }
      if (move) { map.setView(point, Math.max(map.getZoom(), 15)); }
    }
    function fill(latValue, lonValue, move) {
      lat.value = latValue.toFixed(6);
      lon.value = lonValue.toFixed(6);
      mark(latValue, lonValue, move);
      if (status) { status.textContent = status.getAttribute("data-chosen"); }
    }
    function typed() {
      var a = parseFloat(lat.value.replace(",", ".")), b = parseFloat(lon.value.replace(",", "."));
      if (isFinite(a) && isFinite(b) && Math.abs(a) <= 90 && Math.abs(b) <= 180) { mark(a, b, true); }
    }
    if (options.point) { mark(options.point[1], options.point[0], false); }
    map.on("click", function (event) { fill(event.latlng.lat, event.latlng.lng, false); });
    lat.addEventListener("change", typed);
    lon.addEventListener("change", typed);
    var address = document.getElementById("place-search-q");
    if (address) {
      address.addEventListener("okraina:pick", function (event) {
        var found = event.detail || {}, box = found.bbox, point = found.point;
        if (!point && box) { point = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2]; }
        if (point) { fill(point[1], point[0], true); }
      });
    }

    var button = document.getElementById("locate");
    if (!button || !navigator.geolocation) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (status) { status.textContent = button.getAttribute("data-waiting"); }
      navigator.geolocation.getCurrentPosition(function (position) {
        fill(position.coords.latitude, position.coords.longitude, true);
      }, function () {
        if (status) { status.textContent = button.getAttribute("data-failed"); }
      }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
    });
  };
})();
