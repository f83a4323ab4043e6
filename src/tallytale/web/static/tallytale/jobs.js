// A job's page: poll its small JSON status while it is queued or running, update the
// progress bar in place, and reload once it finishes (to show download or retry).
// Without JavaScript the page refreshes itself (<noscript><meta http-equiv="refresh">).
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status]");
  if (!box || box.getAttribute("data-job-active") !== "1") return;
  var url = box.getAttribute("data-job-status");
  function set(sel, text) {
    var el = box.querySelector(sel);
    if (el) el.textContent = text;
  }
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return setTimeout(poll, 5000);
        var bar = box.querySelector("[data-job-progress]");
        if (bar) { bar.value = s.percent; bar.textContent = s.percent + "%"; }
        set("[data-job-state]", s.state_label);
        set("[data-job-message]", s.message);
        set("[data-job-count]", s.total ? s.done + " / " + s.total : "");
        if (s.active) return setTimeout(poll, 1500);
        window.location.reload();
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
