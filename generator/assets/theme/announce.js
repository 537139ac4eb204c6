// The theme's dismissed-announcement script, served as a file (no inline script under the CSP).
(function () {
  "use strict";
  var el = document.querySelector("[data-md-component=announce]");
  if (!el) return;
  var content = el.querySelector(".md-typeset");
  if (content && __md_hash(content.innerHTML) === __md_get("__announce")) el.hidden = true;
})();
