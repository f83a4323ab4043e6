// Fill the hidden start/end fields from the reader's selection inside the story text.
// Offsets are counted in the text's characters (Unicode code points, as the server counts).
(function () {
  "use strict";
  var text = document.getElementById("coding-text");
  var form = document.getElementById("coding-form");
  if (!text || !form) { return; }
  var start = form.querySelector("input[name=start]");
  var end = form.querySelector("input[name=end]");
  var shown = document.getElementById("coding-selection");
  function codePoints(s) { return Array.from(s).length; }
  function offset(node, within) {
    var range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(node, within);
    return codePoints(range.toString());
  }
  document.addEventListener("selectionchange", function () {
    var sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
    var r = sel.getRangeAt(0);
    if (!text.contains(r.startContainer) || !text.contains(r.endContainer)) { return; }
    start.value = offset(r.startContainer, r.startOffset);
    end.value = offset(r.endContainer, r.endOffset);
    if (shown) { shown.textContent = sel.toString(); }
  });
})();
