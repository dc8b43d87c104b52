/* okraina search box: suggestions from /api/search as the reader types (ARIA 1.2 combobox).
 * Without this script the box is a plain GET form to /search. Arrows move through the
 * suggestions, Enter opens the chosen one (or searches), Escape closes the list, then clears.
 * Every input with data-api is set up: its list and status are named by data-list and
 * data-status, data-kind restricts the kinds asked for, and data-pick="event" makes a choice
 * fire "okraina:pick" (detail: the result) on the input instead of opening its page (the
 * "raise a need" form uses it to put an address on its map).
 * Text from the data is set with textContent, never as HTML. */
(function () {
  "use strict";
  var MIN_CHARS = 2, DELAY_MS = 150, LIMIT = 8;

  function setUp(input) {
    var form = input.form;
    var list = document.getElementById(input.getAttribute("data-list"));
    var status = document.getElementById(input.getAttribute("data-status"));
    var kinds = JSON.parse(input.getAttribute("data-kinds") || "{}");
    var only = input.getAttribute("data-kind"), picks = input.getAttribute("data-pick") === "event";
    var results = [], active = -1, timer = null, pending = null, asked = "";

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");

    function say(text) { status.textContent = text; }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(index) {
      var options = list.children;
      if (active >= 0 && options[active]) { options[active].setAttribute("aria-selected", "false"); }
      active = index;
      if (index < 0) { input.removeAttribute("aria-activedescendant"); return; }
      options[index].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({block: "nearest"});
    }

    function option(result, index) {
      var item = document.createElement("li");
      item.id = list.id + "-option-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.className = "site-search-option";
      var label = document.createElement("span");
      label.className = "site-search-label";
      label.textContent = result.label;
      var meta = document.createElement("span");
      meta.className = "site-search-meta";
      meta.textContent = [kinds[result.kind] || result.kind, result.secondary].filter(Boolean).join(" · ");
      item.appendChild(label);
      item.appendChild(meta);
      // mousedown, not click: the input keeps its focus, so blur does not close the list first.
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        pick(result);
      });
      return item;
    }

    function pick(result) {
      if (!picks) { window.location.assign(result.url); return; }
      input.value = result.label;
      asked = result.label;
      close();
      input.dispatchEvent(new CustomEvent("okraina:pick", {detail: result, bubbles: true}));
    }

    function show(found) {
      results = found;
      list.textContent = "";
      results.forEach(function (result, index) { list.appendChild(option(result, index)); });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      say(results.length ? input.getAttribute("data-count").replace("%s", results.length)
                         : input.getAttribute("data-none"));
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < MIN_CHARS) { asked = ""; show([]); say(""); return; }
      if (text === asked) { return; }
      asked = text;
      if (pending) { pending.abort(); }
      pending = window.AbortController ? new AbortController() : null;
      var url = input.getAttribute("data-api") + "?q=" + encodeURIComponent(text) +
        "&lang=" + encodeURIComponent(input.getAttribute("data-lang")) + "&limit=" + LIMIT +
        (only ? "&kind=" + encodeURIComponent(only) : "");
      fetch(url, {signal: pending && pending.signal, headers: {Accept: "application/json"}})
        .then(function (response) { return response.ok ? response.json() : {results: []}; })
        .then(function (body) { if (text === input.value.trim()) { show(body.results || []); } })
        .catch(function () { /* aborted or offline: the form still searches */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!open) {
          if (results.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
          else { asked = ""; ask(); }
          event.preventDefault();
          return;
        }
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next >= results.length) { next = -1; }
        if (next < -1) { next = results.length - 1; }
        choose(next);
        event.preventDefault();
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        pick(results[active]);
      } else if (event.key === "Escape") {
        if (open) { close(); } else { input.value = ""; asked = ""; results = []; }
        event.preventDefault();
      }
    });
    input.addEventListener("blur", close);
    if (form) { form.addEventListener("submit", close); }
  }

  if (window.fetch && window.JSON && window.CustomEvent) {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-api][data-list]"), function (input) {
      var field = input.closest("[data-needs-script]");
      if (field) { field.hidden = false; }
      setUp(input);
    });
  }
})();
