// The progress page without reloading: polls the job's status and moves the bar; reloads
// once the work is finished so the page shows the result. Without this script the page
// refreshes itself (meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box || box.dataset.finished === "true") return;
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (refresh) refresh.remove();
  var bar = document.getElementById("job-progress");
  var state = document.getElementById("job-state");
  var count = document.getElementById("job-count");
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.finished) { window.location.reload(); return; }
        bar.value = status.percent;
        bar.textContent = status.percent + " %";
        state.textContent = status.state_label;
        if (count && status.total) count.textContent = status.done + " / " + status.total;
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 1000);
})();
