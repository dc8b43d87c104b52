/* okraina near me: pick the point by a click on the map or by the browser's location.
 * Both only fill the page's GET form and send it, so the page also works without JS. */
(function () {
  "use strict";
  var okraina = window.okraina = window.okraina || {};

  function submitPoint(form, lat, lon) {
    form.elements.lat.value = lat.toFixed(5);
    form.elements.lon.value = lon.toFixed(5);
    form.submit();
  }

  okraina.pickPoint = function (map, options) {
    var form = document.getElementById(options.form);
    if (!form) { return; }
    map.on("click", function (event) { submitPoint(form, event.latlng.lat, event.latlng.lng); });
    var button = document.getElementById("locate");
    var status = document.getElementById("locate-status");
    if (!button || !navigator.geolocation) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (status) { status.textContent = button.getAttribute("data-waiting"); }
      navigator.geolocation.getCurrentPosition(function (position) {
        submitPoint(form, position.coords.latitude, position.coords.longitude);
      }, function () {
        if (status) { status.textContent = button.getAttribute("data-failed"); }
      }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
    });
  };
})();
