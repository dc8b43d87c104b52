/* okraina embed (inside the iframe): marks that JS runs, and asks the parent page for the
   height the map needs at this width: {"okraina": "resize", "height": N} (see resize.js). */
(function () {
  "use strict";
  document.documentElement.className += " js";
  var RATIO = 0.625, MIN_MAP = 200, MAX_MAP = 720, last = 0, timer;

  function wanted() {
    var head = document.querySelector(".embed-head"), foot = document.querySelector(".embed-foot");
    var map = Math.round(Math.min(MAX_MAP, Math.max(MIN_MAP, window.innerWidth * RATIO)));
    return Math.ceil((head ? head.offsetHeight : 0) + map + (foot ? foot.offsetHeight : 0));
  }

  function post() {
    if (window.parent === window) return;
    var height = wanted();
    if (height === last) return;
    last = height;
    window.parent.postMessage({okraina: "resize", height: height}, "*");  // not secret
  }

  window.addEventListener("load", post);
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(post, 100); });
})();
