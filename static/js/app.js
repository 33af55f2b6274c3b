// Small enhancements; every page works without them.
(function () {
  "use strict";
  // A page that comes back with errors starts at its error summary (browsers that do not
  // honour autofocus on a non-control get there too).
  var summary = document.querySelector("[data-error-summary]");
  if (summary && document.activeElement !== summary) {
    summary.focus();
  }

  // A table region needs a tab stop only while it actually scrolls.
  function tabStops() {
    document.querySelectorAll(".table-scroll").forEach(function (region) {
      if (region.scrollWidth > region.clientWidth + 1) {
        region.setAttribute("tabindex", "0");
      } else {
        region.removeAttribute("tabindex");
      }
    });
  }
  tabStops();
  window.addEventListener("resize", tabStops);
})();
