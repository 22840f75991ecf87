// The global search box of the top bar (portal/search): Ctrl+K (⌘K on a Mac) focuses it from any
// page; on a phone the box is folded into an icon button, which unfolds it over the top bar (without
// script the button is a link to the search page).
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("[data-search-form]");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var toggle = form.querySelector("[data-search-toggle]");

    function open() {
      form.classList.add("open");
      input.focus();
      input.select();
    }

    function close() {
      form.classList.remove("open");
    }

    if (toggle) {
      toggle.addEventListener("click", function (event) {
        event.preventDefault();
        if (form.classList.contains("open") && input.value.trim().length >= 2) {
          form.requestSubmit ? form.requestSubmit() : form.submit();
        } else {
          open();
        }
      });
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        close();
        input.blur();
      }
    });
    form.addEventListener("focusout", function () {
      window.setTimeout(function () {
        if (!form.contains(document.activeElement)) close();
      }, 0);
    });
    document.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "k" || event.key === "K")) {
        event.preventDefault();
        open();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
