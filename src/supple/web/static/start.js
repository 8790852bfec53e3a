// The questions, a little quicker with a script; every page works without it.
// "None of these" answers every statement of its group no at once, except one already
// answered yes (that stays, and the page says so), and a "yes" to one of them clears
// that box again. Nothing here sends a form or moves to another page:
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
  // The note under a group that says which yes "None of these" left alone.
  function keptNote(group) {
    let note = group.querySelector(".kept-yes");
    if (!note) {
      note = document.createElement("p");
      note.className = "field-error kept-yes";
      note.setAttribute("role", "status");
      group.querySelector(".none-of").after(note);
    }
    return note;
  }

  form.addEventListener("change", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (input.type === "checkbox" && input.dataset.group) {
      if (!input.checked) return;
      const group = document.getElementById(input.dataset.group);
      if (!group) return;
      // A yes to a warning sign is never erased silently: the other statements become
      // no, the yes stays, the box is unticked again and the page says which yes stands.
      const said = [];
      for (const statement of group.querySelectorAll("fieldset.statement")) {
        const yes = statement.querySelector('input[type="radio"][value="yes"]');
        if (yes && yes.checked) {
          const legend = statement.querySelector("legend");
          said.push(legend ? legend.textContent.trim() : yes.name);
          continue;
        }
        const no = statement.querySelector('input[type="radio"][value="no"]');
        if (no) no.checked = true;
      }
      if (said.length) {
        input.checked = false;
        keptNote(group).textContent = "You said yes to: " + said.join("; ") +
          ". That answer stays: change it to No if it was a mistake.";
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
