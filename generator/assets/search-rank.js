// The playbook's search help, served from the site itself and loaded in the page's head,
// before the theme's own script: the theme starts its search worker and listens to it as soon
// as it runs, so the hooks below must be in place first (playbook.js, at the end of the page,
// came too late and its re-ranking never ran).
//
// Agents search with a customer's whole sentence ("you charged me thousands for shipping").
// Material's search appends a trailing wildcard to every word, so short function words such as
// "me" or "for" match "message" or "format" and outrank the words that matter. This drops those
// words from the query sent to the search worker (the search box still shows what was typed),
// and re-ranks the pages the worker returns by the scenario's own words (below).
(function () {
  "use strict";
  var QUERY = 2, RESULT = 3; // Material's search worker message types
  var THEME = 0.1; // weight of the theme's own order in the re-ranking (below)
  var STOP = new Set((
    "a an and are as at be but by can could did do does for from had has have he her him his how i " +
    "i'm i've if in into is it it's its me my myself of on or our ours she so than that the their " +
    "them then there these they this those to us was we were what when where which who why will " +
    "with would you you're your yours im ive dont didnt cant wont isnt u ur pls please just got get " +
    "still really very all any some one like want need been being am"
  ).split(" "));
  if (typeof Worker === "undefined" || window.PLAYBOOK_RAW_SEARCH) return; // raw: for the benchmark
  var script = document.currentScript && document.currentScript.src;
  var base = script ? script.replace(/assets\/search-rank\.js(\?.*)?$/, "") : null;

  // Re-ranking: the theme's search weighs every word of every section alike. Agents type what
  // the customer said, so the scenario whose title, customer phrases and tags share the rarest
  // of those words (allowing for a typo, another ending or a word cut short) goes first; the
  // theme's own order breaks ties. `assets/search-help.json` holds those words, page by page.
  var help = null, asked = null;
  function stem(word) {
    word = word.toLowerCase().replace(/[^a-z0-9]/g, "");
    if (word.length > 5) word = word.replace(/(ing|ed|es|ly|er)$/, "");
    if (word.length > 3) word = word.replace(/s$/, "");
    return word;
  }
  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9']+/).filter(function (w) {
      return w && !STOP.has(w) && !STOP.has(w.replace(/'/g, ""));
    }).map(stem).filter(function (w) { return w.length > 1; });
  }
  function near(a, b) {  // one edit apart (a typo), for words long enough to tell apart
    if (Math.abs(a.length - b.length) > 1 || Math.min(a.length, b.length) < 5) return false;
    var i = 0, j = 0, edits = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (a.length > b.length) i++; else if (b.length > a.length) j++; else { i++; j++; }
    }
    return edits + (a.length - i) + (b.length - j) <= 1;
  }
  function build(rows) {
    var docs = {}, df = {}, titles = {};
    rows.forEach(function (row) {
      var weights = {};
      [[row[1], 3], [row[2], 2], [row[3], 1.5], [row[4] || "", 1]].forEach(function (field) {
        words(field[0]).forEach(function (w) { weights[w] = Math.max(weights[w] || 0, field[1]); });
      });
      docs[row[0]] = weights;
      titles[row[0]] = row[1];
      Object.keys(weights).forEach(function (w) { df[w] = (df[w] || 0) + 1; });
    });
    return { docs: docs, df: df, vocab: Object.keys(df), n: rows.length, titles: titles };
  }
  function matches(q) {  // vocabulary words a query word stands for, with how close they are
    var out = [];
    help.vocab.forEach(function (v) {
      if (v === q) out.push([v, 1]);
      else if (q.length >= 4 && v.length >= 4 && (v.indexOf(q) === 0 || q.indexOf(v) === 0)) out.push([v, 0.6]);
      else if (near(q, v)) out.push([v, 0.5]);
    });
    return out;
  }
  function ours(query) {
    var scores = {};
    words(query).forEach(function (q) {
      var best = {};
      matches(q).forEach(function (m) {
        var idf = Math.log(1 + help.n / help.df[m[0]]);
        Object.keys(help.docs).forEach(function (page) {
          var w = help.docs[page][m[0]];
          if (w) best[page] = Math.max(best[page] || 0, m[1] * idf * w);
        });
      });
      Object.keys(best).forEach(function (page) { scores[page] = (scores[page] || 0) + best[page]; });
    });
    return scores;
  }
  function pageOf(location) {
    return String(location || "").replace(/^\.?\//, "").replace(/[#?].*$/, "");
  }
  function rerank(data) {
    if (!help || !asked || !data || !Array.isArray(data.items) || !data.items.length) return data;
    var scores = ours(asked), top = 0;
    Object.keys(scores).forEach(function (p) { top = Math.max(top, scores[p]); });
    if (!top) return data;
    // The theme's order only nudges (0.1 for its first result, 0.05 for its second...): it
    // weighs every section's words alike, and among many similar pages its first result is
    // often one that shares a common word ("days", "order"), not the one the agent meant.
    var ranked = data.items.map(function (group, rank) {
      var doc = group && group[0];
      var mine = doc ? (scores[pageOf(doc.location)] || 0) / top : 0;
      return { group: group, value: mine + THEME / (1 + rank) };
    });
    // A scenario whose own words match well but that the theme's search left out (every word
    // of the query must match somewhere there) is added, as a result of its own.
    var shown = {};
    data.items.forEach(function (group) { if (group && group[0]) shown[pageOf(group[0].location)] = true; });
    Object.keys(scores).forEach(function (page) {
      var mine = scores[page] / top;
      if (shown[page] || mine < 0.5 || !(page in help.titles)) return;
      var doc = { location: page, title: help.titles[page], text: "", score: 0, terms: {}, tags: [] };
      ranked.push({ group: [doc], value: mine });
    });
    ranked.sort(function (a, b) { return b.value - a.value; });
    return Object.assign({}, data, { items: ranked.map(function (r) { return r.group; }) });
  }
  function load() {
    if (help || !base || typeof fetch === "undefined") return;
    help = false;
    fetch(base + "assets/search-help.json").then(function (r) { return r.ok ? r.json() : null; })
      .then(function (rows) { if (rows) help = build(rows); }).catch(function () { help = null; });
  }

  // The words are fetched now, while the theme sets up its own index (cached by the browser
  // after the first page).
  load();
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      asked = message.data;
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
  var listen = Worker.prototype.addEventListener || EventTarget.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") return listen.apply(this, arguments);
    var wrapped = function (event) {
      var data = event && event.data;
      if (data && data.type === RESULT) {
        var better = rerank(data.data);
        if (better !== data.data) return listener.call(this, { data: { type: RESULT, data: better }, target: event.target });
      }
      return listener.call(this, event);
    };
    return listen.call(this, type, wrapped, options);
  };
})();
