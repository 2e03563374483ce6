// Staff console: small helpers on top of htmx (no inline scripts: the CSP allows only this file).
(function () {
  "use strict";
  // Clicking "řádek N" in the check results selects that line in the editor.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-line]");
    var area = document.getElementById("text");
    if (!link || !area) return;
    event.preventDefault();
    var line = parseInt(link.getAttribute("data-line"), 10);
    var lines = area.value.split("\n");
    var start = 0;
    for (var i = 0; i < line - 1 && i < lines.length; i++) start += lines[i].length + 1;
    var end = start + (lines[line - 1] || "").length;
    area.focus();
    area.setSelectionRange(start, end);
    var lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
    area.scrollTop = Math.max(0, (line - 5) * lineHeight);
  });
})();
