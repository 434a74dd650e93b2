// The week view's drag and drop: drop an item at another time or day and
// its Move form is filled in and sent, which opens the check of the move
// (nothing is saved before the officer confirms it there). Without this
// script the Move forms under the week do the same.
"use strict";
(function () {
  var week = document.getElementById("week");
  if (!week) {
    return;
  }
  var axisStart = parseInt(week.dataset.axisStart, 10);
  var rows = parseInt(week.dataset.rows, 10);
  var slot = parseInt(week.dataset.slot, 10);
  var dragged = null;
  var grabRows = 0;
  var ghost = null;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  var phone = window.matchMedia("(max-width: 40rem)");
  // axis is where a grid's rows start and how many it has: the week's
  // hours, or on a phone the day's own.
  function axis(grid) {
    if (phone.matches) {
      return {start: parseInt(grid.dataset.phoneStart, 10), rows: parseInt(grid.dataset.phoneRows, 10)};
    }
    return {start: axisStart, rows: rows};
  }
  // rowAt is the grid row (0-based) under a pointer at clientY.
  function rowAt(grid, clientY) {
    var box = grid.getBoundingClientRect();
    var n = axis(grid).rows;
    var r = Math.round((clientY - box.top) / (box.height / n)) - grabRows;
    return Math.max(0, Math.min(n - 1, r));
  }
  function clock(grid, row) {
    var m = axis(grid).start + row * slot;
    return pad(Math.floor(m / 60) % 24) + ":" + pad(m % 60);
  }

  week.querySelectorAll(".wk-block.item[data-key]").forEach(function (item) {
    if (!document.getElementById("move-" + item.dataset.key)) {
      return; // no Move form: the user may not move items
    }
    item.setAttribute("draggable", "true");
    item.title = "Drag to another time or day";
    item.addEventListener("dragstart", function (ev) {
      dragged = item;
      var box = item.getBoundingClientRect();
      var grid = item.parentElement.getBoundingClientRect();
      grabRows = Math.round((ev.clientY - box.top) / (grid.height / axis(item.parentElement).rows));
      ev.dataTransfer.effectAllowed = "move";
      ev.dataTransfer.setData("text/plain", item.dataset.key);
      item.classList.add("dragging");
    });
    item.addEventListener("dragend", function () {
      item.classList.remove("dragging");
      if (ghost) {
        ghost.remove();
        ghost = null;
      }
    });
  });

  week.querySelectorAll(".wk-grid").forEach(function (grid) {
    grid.addEventListener("dragover", function (ev) {
      if (!dragged) {
        return;
      }
      ev.preventDefault();
      ev.dataTransfer.dropEffect = "move";
      var row = rowAt(grid, ev.clientY);
      if (!ghost) {
        ghost = document.createElement("div");
        ghost.className = "wk-ghost";
      }
      if (ghost.parentElement !== grid) {
        grid.appendChild(ghost);
      }
      var span = Math.max(1, Math.round(parseInt(dragged.dataset.minutes, 10) / slot));
      ghost.style.gridRow = (row + 1) + " / span " + span;
      ghost.textContent = clock(grid, row);
    });
    grid.addEventListener("drop", function (ev) {
      if (!dragged) {
        return;
      }
      ev.preventDefault();
      var key = dragged.dataset.key;
      var form = document.getElementById("move-" + key);
      form.querySelector("select[name=date]").value = grid.dataset.date;
      form.querySelector("input[name=time]").value = clock(grid, rowAt(grid, ev.clientY));
      dragged = null;
      form.submit();
    });
  });
})();
