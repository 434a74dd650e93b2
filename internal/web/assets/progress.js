// Long form posts (uploading and checking a spreadsheet, importing it)
// say that they are working: the button is disabled, so the officer does
// not send the form twice, and a status line with a progress bar appears.
"use strict";
document.querySelectorAll("form[data-progress]").forEach(function (form) {
  form.addEventListener("submit", function () {
    var status = form.querySelector(".progress");
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.disabled = true;
    }
    if (status) {
      status.textContent = form.dataset.progress + " ";
      var bar = document.createElement("progress");
      bar.setAttribute("aria-label", form.dataset.progress);
      status.appendChild(bar);
    }
  });
});
