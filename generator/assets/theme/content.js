// The theme's content scripts, served as a file (no inline script under the CSP): restore the tab
// the agent chose last (linked tabs), and open the tab a #link points at.
(function () {
  "use strict";
  var script = document.currentScript;
  if (script && script.hasAttribute("data-md-tabs-link")) {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      document.querySelectorAll(".tabbed-set").forEach(function (set) {
        var labels = set.querySelector(".tabbed-labels");
        if (!labels) return;
        for (var i = 0; i < tabs.length; i++) {
          var found = Array.prototype.find.call(labels.getElementsByTagName("label"), function (label) {
            return label.innerText.trim() === tabs[i];
          });
          if (found) { document.getElementById(found.htmlFor).checked = true; return; }
        }
      });
    }
  }
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
