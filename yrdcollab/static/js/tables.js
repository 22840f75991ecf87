// Tables on phones (issue #15): below 600 px a list table becomes a stack of cards, each cell
// labelled with its column's heading, and a label/value table stacks each label above its value.
// The headings are copied into data-label here, so no template repeats them.
(function () {
  "use strict";

  function prepare(table) {
    if (table.dataset.prepared) return;
    table.dataset.prepared = "1";
    var head = table.tHead;
    if (head && head.rows.length) {
      var labels = [];
      Array.prototype.forEach.call(head.rows[head.rows.length - 1].cells, function (cell) {
        for (var i = 0; i < (cell.colSpan || 1); i++) labels.push(cell.textContent.trim());
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var column = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (!cell.hasAttribute("data-label")) cell.setAttribute("data-label", labels[column] || "");
            column += cell.colSpan || 1;
          });
        });
      });
      table.classList.add("cards");
    } else if (table.querySelector("tr > th:first-child")) {
      table.classList.add("facts");
    } else {
      table.classList.add("cards");
    }
  }

  function prepareAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("table.data"), prepare);
  }

  document.addEventListener("DOMContentLoaded", function () { prepareAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { prepareAll(event.target); });
})();
