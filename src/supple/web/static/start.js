// The questions, a little quicker with a script; every page works without it.
// "None of these" answers every statement of its group no at once, and a "yes" to one
// of them clears that box again. Nothing here sends a form or moves to another page:
// answers change only what the person sees on this page (WCAG 3.2.2), and the page is
// sent only when they press its button.
"use strict";
(function () {
  // When answers were refused, focus goes to the list of what to fix (where autofocus is
  // not honoured), so a screen reader reads it and a keyboard user starts there.
  const problems = document.getElementById("problems");
  if (problems && document.activeElement !== problems) problems.focus();
  const form = document.getElementById("questions-form");
  if (!form) return;
  form.addEventListener("change", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (input.type === "checkbox" && input.dataset.group) {
      if (!input.checked) return;
      const group = document.getElementById(input.dataset.group);
      if (!group) return;
      for (const radio of group.querySelectorAll('input[type="radio"][value="no"]')) {
        radio.checked = true;
      }
      return;
    }
    if (input.type === "radio" && input.value === "yes") {
      const group = input.closest("fieldset.group");
      const none = group && group.querySelector("input[data-group]");
      if (none) none.checked = false;
    }
  });
})();
