// The playbook's own script, served from the site itself: no request leaves the site's host.
//
// Agents search with a customer's whole sentence ("you charged me thousands for shipping").
// Material's search appends a trailing wildcard to every word, so short function words such as
// "me" or "for" match "message" or "format" and outrank the words that matter. This drops those
// words from the query sent to the search worker; the search box still shows what was typed.
(function () {
  "use strict";
  var QUERY = 2; // Material's search worker message type for a query
  var STOP = new Set((
    "a an and are as at be but by can could did do does for from had has have he her him his how i " +
    "i'm i've if in into is it it's its me my myself of on or our ours she so than that the their " +
    "them then there these they this those to us was we were what when where which who why will " +
    "with would you you're your yours"
  ).split(" "));
  if (typeof Worker === "undefined") return;
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var kept = message.data.split(/\s+/).filter(function (word) {
        return word && !STOP.has(word.toLowerCase().replace(/[^\w']/g, ""));
      });
      if (kept.length) {
        var args = Array.prototype.slice.call(arguments);
        args[0] = Object.assign({}, message, { data: kept.join(" ") });
        return post.apply(this, args);
      }
    }
    return post.apply(this, arguments);
  };
})();
