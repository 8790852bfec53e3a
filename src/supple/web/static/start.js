// Part 1 of the questions: a "yes" to a sign that needs emergency care is sent at once,
// so the emergency page appears without waiting for the remaining questions.
"use strict";
(function () {
  const form = document.getElementById("warning-form");
  if (!form) return;
  form.addEventListener("change", function (event) {
    const input = event.target;
    if (input.type !== "radio" || input.value !== "yes") return;
    const group = input.closest("[data-level]");
    if (group && group.dataset.level === "emergency") {
      form.requestSubmit();
    }
  });
  // Let the browser point at the first unanswered question before sending.
  form.addEventListener("submit", function (event) {
    if (event.submitter && !form.checkValidity()) {
      event.preventDefault();
      form.reportValidity();
    }
  });
})();
