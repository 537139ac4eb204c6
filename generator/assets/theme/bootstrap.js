// The theme's head bootstrap (MkDocs Material and Zensical inline it in every page), served as a
// file so the Content-Security-Policy needs no inline script. Same globals, same behaviour: where
// the theme keeps its settings (the site's scope) and how it reads and writes them.
(function () {
  "use strict";
  var script = document.currentScript;
  var scope = new URL((script && script.getAttribute("data-md-scope")) || ".", location);
  if (!scope.pathname.endsWith("/")) scope = new URL(scope.pathname + "/", location);
  window.__md_scope = scope;
  window.__md_hash = function (text) {
    return Array.prototype.reduce.call(text, function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) {}
  };
  document.documentElement.setAttribute("data-platform", navigator.platform);
})();
