// The evidence page: bring the highlighted sentence into view inside the article box, so the
// source, date and attribution above it stay on screen. (A separate file: the CSP forbids
// inline script.)
(function () {
  "use strict";
  var mark = document.getElementById("evidence");
  var box = mark && mark.closest("article.evidence");
  if (!box) return;
  box.scrollTop = Math.max(0, mark.offsetTop - box.clientHeight / 3);
})();
