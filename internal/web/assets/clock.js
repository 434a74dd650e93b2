// One clock: times are shown in the program's zone, which the page names.
// When the reader's own zone differs, each time marked .your-time also
// says the same time on the reader's clock, with their zone.
(function () {
  "use strict";
  var mine;
  try {
    mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  var fmt = new Intl.DateTimeFormat(undefined, {weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: mine});
  var hm = new Intl.DateTimeFormat(undefined, {hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: mine});
  document.querySelectorAll(".your-time[data-start][data-zone]").forEach(function (el) {
    if (!mine || el.dataset.zone === mine) {
      return;
    }
    var start = new Date(el.dataset.start);
    var text = fmt.format(start);
    if (el.dataset.end) {
      text += "–" + hm.format(new Date(el.dataset.end));
    }
    el.textContent = " (" + text + " your time, " + mine + ")";
  });
})();
