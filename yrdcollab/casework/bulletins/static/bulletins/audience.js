// Audience picker: show only the part of the chosen audience type; add and remove searched agencies.
(function () {
  function sync(root) {
    var checked = root.querySelector('input[name="audience_type"]:checked');
    var type = checked ? checked.value : "all";
    root.querySelectorAll("[data-audience-part]").forEach(function (part) {
      part.hidden = part.getAttribute("data-audience-part") !== type;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector("[data-audience]");
    if (!root) return;
    sync(root);
    root.addEventListener("change", function (e) { if (e.target.name === "audience_type") sync(root); });
    var selected = document.getElementById("agency-selected");
    var template = document.getElementById("chip-template");
    document.addEventListener("click", function (e) {
      var add = e.target.closest(".bl-add-agency");
      if (add) {
        var id = add.getAttribute("data-id");
        if (!selected.querySelector('input[value="' + id + '"]')) {
          var chip = template.content.firstElementChild.cloneNode(true);
          chip.querySelector("input").value = id;
          chip.querySelector(".bl-chip-name").textContent = add.getAttribute("data-name");
          selected.appendChild(chip);
        }
        return;
      }
      var remove = e.target.closest(".bl-remove");
      if (remove) remove.closest(".bl-chip").remove();
    });
    // Enter in the search box searches instead of submitting the draft.
    var search = document.getElementById("agency-search");
    if (search) search.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
  });
})();
