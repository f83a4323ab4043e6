// Moving a slider answers its question: untick its "Not answered" box. Without this
// script the teller unticks the box by hand (the page says so). No inline scripts (CSP).
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("input[data-answers]"), function (el) {
    var skip = document.getElementById(el.id + "_skip");
    if (!skip) { return; }
    el.addEventListener("input", function () { skip.checked = false; });
  });
})();
