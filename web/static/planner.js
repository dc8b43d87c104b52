/* okraina planner: sort the districts table by any column.
   Progressive enhancement: without this script the table is a plain ranked table.
   Each sortable header gets a real <button> (Tab + Enter/Space), and aria-sort
   tells screen readers the current order. */
(function () {
  "use strict";
  var table = document.getElementById("planner-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);

  function value(row, index, type) {
    var cell = row.cells[index];
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    if (type === "number") {
      var number = parseFloat(raw);
      return isNaN(number) ? null : number;
    }
    return raw.trim().toLocaleLowerCase();
  }

  function sortBy(index, type, ascending) {
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, type), y = value(b, index, type);
      if (x === null || y === null) { return (x === null) - (y === null); }  // empty last
      var order = type === "number" ? x - y : x.localeCompare(y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  headers.forEach(function (th, index) {
    var type = th.getAttribute("data-sort");
    if (!type) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    while (th.firstChild) { button.appendChild(th.firstChild); }
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      sortBy(index, type, ascending);
    });
  });
  headers.forEach(function (th) {  // the page comes ranked
    if (th.getAttribute("data-col") === "rank") { th.setAttribute("aria-sort", "ascending"); }
  });

  // Column switches: without this script they are a form (?columns=); here they
  // show and hide the columns in place and keep the URL shareable.
  var chooser = document.querySelector(".column-chooser");
  if (!chooser) { return; }
  var boxes = Array.prototype.slice.call(chooser.querySelectorAll('input[type="checkbox"]'));
  var summary = chooser.querySelector("summary");
  chooser.classList.add("is-live");

  function apply() {
    var shown = boxes.filter(function (box) { return box.checked; })
                     .map(function (box) { return box.value; });
    boxes.forEach(function (box) {
      var cells = table.querySelectorAll('[data-col="' + box.value + '"]');
      Array.prototype.forEach.call(cells, function (cell) {
        cell.classList.toggle("col-off", !box.checked);
      });
    });
    summary.textContent = summary.getAttribute("data-template")
      .replace("{shown}", shown.length).replace("{all}", boxes.length);
    var value = shown.length ? shown.join(",") : "district";
    var url = new URL(window.location.href);
    url.searchParams.set("columns", value);
    window.history.replaceState(null, "", url.toString());
    var kept = document.getElementById("planner-columns");  // the period form keeps the choice
    if (!kept) {
      kept = document.createElement("input");
      kept.type = "hidden"; kept.name = "columns"; kept.id = "planner-columns";
      document.querySelector(".planner-form").appendChild(kept);
    }
    kept.value = value;
  }
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
}());
