// The confirmation dialog of consequential actions (core/templatetags/confirm.py): a form with
// data-confirm is sent only after the person has read what it will do and to whom, and said yes.
(function () {
  "use strict";
  var dialog, pending = null;

  function text(el, value) {
    el.textContent = value ? (el.dataset.prefix || "") + value : "";
    el.hidden = !value;
  }

  function ask(form, submitter) {
    var button = submitter || form.querySelector("[type=submit]");
    text(dialog.querySelector("[data-slot=title]"), form.dataset.confirmTitle || (button && button.textContent.trim()));
    text(dialog.querySelector("[data-slot=consequence]"), form.dataset.confirm);
    text(dialog.querySelector("[data-slot=party]"), form.dataset.confirmParty);
    var note = form.querySelector("[name=note], [name=reason], [name=summary]");
    text(dialog.querySelector("[data-slot=note]"), note && note.value.trim());
    var go = dialog.querySelector("[data-slot=go]");
    go.classList.toggle("btn-danger", !!(button && button.classList.contains("btn-danger")));
    text(go, button ? button.textContent.trim() : go.dataset.default);
    pending = { form: form, submitter: button };
    dialog.showModal();
    dialog.querySelector("[data-slot=cancel]").focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    dialog = document.getElementById("confirm-dialog");
    if (!dialog || typeof dialog.showModal !== "function") return;
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.dataset || !form.dataset.confirm || form.dataset.confirmed === "1") return;
      event.preventDefault();
      event.stopPropagation(); // htmx and other listeners of the form see the submit only once confirmed
      ask(form, event.submitter);
    }, true);
    dialog.addEventListener("close", function () {
      if (dialog.returnValue === "go" && pending) {
        var p = pending;
        p.form.dataset.confirmed = "1";
        if (p.form.requestSubmit) p.form.requestSubmit(p.submitter || undefined); else p.form.submit();
        p.form.dataset.confirmed = "";
      }
      pending = null;
      dialog.returnValue = "";
    });
  });
})();
