// The query page: Ctrl/Cmd+Enter runs the query; Tab indents. The page works without it.
(function () {
  "use strict";
  var text = document.getElementById("query-text");
  var form = document.getElementById("query-form");
  if (!text || !form) { return; }
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    } else if (event.key === "Tab" && !event.shiftKey) {
      event.preventDefault();
      var start = text.selectionStart, end = text.selectionEnd;
      text.value = text.value.slice(0, start) + "  " + text.value.slice(end);
      text.selectionStart = text.selectionEnd = start + 2;
    }
  });
}());
