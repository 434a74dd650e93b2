// The resource's "Add another time": a new empty row of day, from and to,
// numbered after the last. Without JavaScript the page has enough rows.
(function () {
  "use strict";
  var button = document.getElementById("add-offer");
  var rows = document.getElementById("offer-rows");
  if (!button || !rows) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var all = rows.querySelectorAll(".offer-row");
    var last = all[all.length - 1];
    var row = last.cloneNode(true);
    var n = all.length + 1;
    row.querySelector("legend").textContent = "Time " + n;
    row.querySelectorAll("input").forEach(function (input) {
      var id = input.id.replace(/-\d+$/, "-" + n);
      var label = row.querySelector('label[for="' + input.id + '"]');
      input.id = id;
      input.value = "";
      if (label) {
        label.htmlFor = id;
      }
    });
    rows.appendChild(row);
    row.querySelector("input").focus();
  });
})();
