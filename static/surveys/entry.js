// The keyboard entry screen of paper answer sheets (templates/surveys/sheet_entry.html).
// A key field takes only its option keys; a one-answer field moves on as soon as its key is typed,
// a multiple-choice field on Space; Backspace in an empty field goes back; Enter saves (the form's
// own submit). Without this script the fields still work: type, Tab, Enter.
(function () {
  "use strict";
  var form = document.getElementById("entry-form");
  if (!form) { return; }
  var fields = Array.prototype.slice.call(form.querySelectorAll("input.entry-key, input.entry-text"));

  function move(field, step) {
    var next = fields[fields.indexOf(field) + step];
    if (next) { next.focus(); next.select(); }
  }

  fields.forEach(function (field) {
    field.addEventListener("keydown", function (event) {
      if (event.key === "Backspace" && field.value === "") { event.preventDefault(); move(field, -1); }
      if (event.key === " " && field.classList.contains("entry-key")) { event.preventDefault(); move(field, 1); }
    });
    if (!field.classList.contains("entry-key")) { return; }
    var keys = field.dataset.keys || "";
    var max = parseInt(field.dataset.max || "1", 10);
    field.addEventListener("input", function () {
      var seen = "";
      field.value.toLowerCase().split("").forEach(function (char) {
        if (keys.indexOf(char) !== -1 && seen.indexOf(char) === -1 && seen.length < max) { seen += char; }
      });
      field.value = seen;
      if (max === 1 && seen.length === 1) { move(field, 1); }
    });
  });
})();
