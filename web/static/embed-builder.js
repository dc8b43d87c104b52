/* okraina embed builder: refreshes the preview and the snippets as the form changes
   (by asking the server for the same page, so the snippets are written in one place),
   and copies a snippet with one click. Without JS the form submits as a GET. */
(function () {
  "use strict";
  var form = document.getElementById("builder-form");
  var copiedText = document.currentScript && document.currentScript.getAttribute("data-copied");
  var timer, controller;
  if (!form) return;

  function wireCopy() {
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      button.hidden = false;
      button.addEventListener("click", function (event) {
        var target = event.currentTarget, area = document.getElementById(target.getAttribute("data-copy"));
        area.select();
        var done = function () { target.textContent = copiedText || target.textContent; };
        if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(done, function () {});
        else if (document.execCommand("copy")) done();
      });
    }
  }

  function refresh() {
    var url = form.action + "?" + new URLSearchParams(new FormData(form)).toString();
    if (controller) controller.abort();
    controller = new AbortController();
    fetch(url, {signal: controller.signal}).then(function (response) {
      return response.ok ? response.text() : Promise.reject(response.status);
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("builder-output");
      var output = document.getElementById("builder-output");
      if (!fresh || !output) return;
      output.replaceWith(document.importNode(fresh, true));
      wireCopy();
      history.replaceState(null, "", url);
    }).catch(function () {});
  }

  form.addEventListener("input", function (event) {
    if (event.target.name === "width" || event.target.name === "height") {
      var custom = form.querySelector("input[name=size][value=custom]");
      if (custom) custom.checked = true;
    }
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); refresh(); });
  wireCopy();
})();
