/* okraina: fits the height of embedded okraina maps to what their content asks for.
   Paste after an <iframe data-okraina-embed src="https://.../embed/map?...">. The map
   posts {"okraina": "resize", "height": N}; only a message from that iframe's window and
   from its src's origin is obeyed. */
(function () {
  "use strict";
  if (window.okrainaResize) return;
  window.okrainaResize = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.okraina !== "resize") return;
    var height = Math.round(Number(data.height));
    if (!isFinite(height) || height < 100 || height > 4000) return;
    var frames = document.querySelectorAll("iframe[data-okraina-embed]");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i], origin;
      if (frame.contentWindow !== event.source) continue;
      try { origin = new URL(frame.src, document.baseURI).origin; } catch (e) { continue; }
      if (origin !== event.origin) continue;
      frame.style.height = height + "px";
      frame.setAttribute("height", String(height));
    }
  });
})();
