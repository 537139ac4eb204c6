// The playbook's own script, served from the site itself: no request leaves the site's host.
//
// Agents search with a customer's whole sentence ("you charged me thousands for shipping").
// Material's search appends a trailing wildcard to every word, so short function words such as
// "me" or "for" match "message" or "format" and outrank the words that matter. This drops those
// words from the query sent to the search worker (the search box still shows what was typed),
// and re-ranks the pages the worker returns by the scenario's own words (below).
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3; // Material's search worker message types
  var STOP = new Set((
    "a an and are as at be but by can could did do does for from had has have he her him his how i " +
    "i'm i've if in into is it it's its me my myself of on or our ours she so than that the their " +
    "them then there these they this those to us was we were what when where which who why will " +
    "with would you you're your yours im ive dont didnt cant wont isnt u ur pls please just got get " +
    "still really very all any some one like want need been being am"
  ).split(" "));
  if (typeof Worker === "undefined" || window.PLAYBOOK_RAW_SEARCH) return; // raw: for the benchmark
  var script = document.currentScript && document.currentScript.src;
  var base = script ? script.replace(/assets\/playbook\.js(\?.*)?$/, "") : null;

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
    var docs = {}, df = {};
    rows.forEach(function (row) {
      var weights = {};
      [[row[1], 3], [row[2], 2], [row[3], 1.5]].forEach(function (field) {
        words(field[0]).forEach(function (w) { weights[w] = Math.max(weights[w] || 0, field[1]); });
      });
      docs[row[0]] = weights;
      Object.keys(weights).forEach(function (w) { df[w] = (df[w] || 0) + 1; });
    });
    return { docs: docs, df: df, vocab: Object.keys(df), n: rows.length };
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
    var ranked = data.items.map(function (group, rank) {
      var doc = group && group[0];
      var mine = doc ? (scores[pageOf(doc.location)] || 0) / top : 0;
      return { group: group, value: mine + 0.35 / (1 + rank) };
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

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === SETUP) load();
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

// Fill in a reply: under each reply, one field per placeholder (customer name, order number...).
// Typing updates the reply text (and the email subject) in place, so the theme's copy button
// copies the filled-in reply. A placeholder not yet filled in shows its example value marked, and
// the copy button warns instead of copying it silently: a second press copies with the examples.
// Enter moves to the next field, and in the last one copies. The agent's own name is remembered
// in this browser only.
(function () {
  "use strict";
  var OPEN = "\ue000", CLOSE = "\ue001";
  var REMEMBER = { "agent.first_name": true };
  var states = [];  // one per reply with fields: {code, subject, fields, values, form, warned}
  var counter = 0;

  function render(target, slotted, state) {
    var byName = {};
    state.fields.forEach(function (field) { byName[field.name] = field; });
    target.textContent = "";
    var parts = slotted.split(OPEN);
    target.appendChild(document.createTextNode(parts[0]));
    for (var i = 1; i < parts.length; i++) {
      var end = parts[i].indexOf(CLOSE);
      var name = parts[i].slice(0, end);
      var field = byName[name];
      var value = state.values[name];
      if (value) {
        target.appendChild(document.createTextNode(value));
      } else {
        var mark = document.createElement("mark");
        mark.className = "pb-unfilled";
        mark.setAttribute("data-placeholder", name);
        mark.title = (field ? field.label : name) + ": not filled in yet";
        mark.textContent = field ? field.example : name;
        target.appendChild(mark);
      }
      target.appendChild(document.createTextNode(parts[i].slice(end + 1)));
    }
  }

  function missing(state, slotted) {
    return state.fields.filter(function (field) {
      return !state.values[field.name] && slotted.indexOf(OPEN + field.name + CLOSE) >= 0;
    });
  }

  function before(element, test) {
    for (var node = element.previousElementSibling; node; node = node.previousElementSibling) {
      var found = test(node);
      if (found) return found;
    }
    return null;
  }

  function warn(state, left, what) {
    var box = state.form.querySelector(".pb-fill__warning");
    if (!box) {
      box = document.createElement("p");
      box.className = "pb-fill__warning";
      box.setAttribute("role", "alert");
      state.form.insertBefore(box, state.form.firstChild);
    }
    box.textContent = "Not copied: fill in " + left.map(function (f) { return f.label; }).join(", ") +
      " first (marked in the " + what + "), or press copy again to copy with the example values.";
    var input = state.form.querySelector("input[data-placeholder='" + left[0].name + "']");
    if (input) input.focus();
  }

  function unwarn(state) {
    var box = state.form.querySelector(".pb-fill__warning");
    if (box) box.parentNode.removeChild(box);
    state.warned = null;
  }

  function update(state) {
    render(state.code, state.data.text, state);
    if (state.subject && state.data.subject) render(state.subject, state.data.subject, state);
    if (state.warned && !missing(state, state.data.text + (state.data.subject || "")).length) unwarn(state);
  }

  function setup(holder) {
    var data;
    try { data = JSON.parse(holder.getAttribute("data-fill")); } catch (e) { return; }
    var code = before(holder, function (node) { return node.querySelector && node.querySelector("pre > code"); });
    if (!code || !data.fields || !data.fields.length) return;
    var subjectLine = before(holder, function (node) {
      return node.classList && node.classList.contains("pb-subject") ? node : null;
    });
    var state = { data: data, code: code, subject: null, fields: data.fields, values: {}, warned: null };
    var form = document.createElement("form");
    form.className = "pb-fill__form";
    form.setAttribute("aria-label", "Fill in this reply");
    state.form = form;
    var inputs = [];
    data.fields.forEach(function (field) {
      if (field.fixed) { state.values[field.name] = field.example; return; }
      var label = document.createElement("label");
      var name = document.createElement("span");
      name.textContent = field.label;
      var input = document.createElement("input");
      input.type = "text";
      input.placeholder = field.example;
      input.name = field.name;
      input.setAttribute("data-placeholder", field.name);
      if (REMEMBER[field.name]) {
        try { input.value = localStorage.getItem("playbook." + field.name) || ""; } catch (e) {}
        state.values[field.name] = input.value;
      }
      input.addEventListener("input", function () {
        state.values[field.name] = input.value.trim();
        if (REMEMBER[field.name]) {
          try { localStorage.setItem("playbook." + field.name, state.values[field.name]); } catch (e) {}
        }
        update(state);
      });
      inputs.push(input);
      label.appendChild(name);
      label.appendChild(input);
      form.appendChild(label);
    });
    inputs.forEach(function (input, i) {
      input.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        event.preventDefault();
        if (i + 1 < inputs.length) { inputs[i + 1].focus(); return; }
        var button = code.parentNode.querySelector("[data-clipboard-target]");
        if (button) button.click();
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (subjectLine && data.subject) {
      var strong = subjectLine.querySelector("strong");
      if (strong) {
        state.subject = strong;
        strong.id = strong.id || "pb-subject-" + (++counter);
        var copy = document.createElement("button");
        copy.type = "button";
        copy.className = "pb-copy-subject md-button";
        copy.textContent = "Copy subject";
        copy.setAttribute("data-clipboard-target", "#" + strong.id);
        subjectLine.appendChild(document.createTextNode(" "));
        subjectLine.appendChild(copy);
      }
    }
    holder.appendChild(form);
    states.push(state);
    update(state);
  }

  // Before the theme's clipboard handler (it listens on the body): hold back a copy while a
  // placeholder is still unfilled, once; the next press copies.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-clipboard-target]");
    if (!button) return;
    var target = document.querySelector(button.getAttribute("data-clipboard-target"));
    for (var i = 0; i < states.length; i++) {
      var state = states[i];
      var which = target === state.code ? "reply" : target === state.subject ? "subject" : null;
      if (!which) continue;
      var left = missing(state, which === "reply" ? state.data.text : state.data.subject || "");
      if (!left.length || state.warned === which) { unwarn(state); return; }
      event.preventDefault();
      event.stopImmediatePropagation();
      state.warned = which;
      warn(state, left, which);
      return;
    }
  }, true);

  function init() {
    states = states.filter(function (state) { return document.contains(state.code); });
    Array.prototype.forEach.call(document.querySelectorAll(".pb-fill"), function (holder) {
      if (!holder.firstChild) setup(holder);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// Reply tabs at the keyboard: "]" and "[" move to the next and previous reply; the at-a-glance
// box says how fast to answer on the channel of the reply picked. ("/" already focuses search
// and the arrow keys and Enter move through results: the theme does that.)
(function () {
  "use strict";
  function replies() {
    var heading = document.getElementById("replies");
    for (var node = heading && heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (node.classList && node.classList.contains("tabbed-set")) return node;
      if (/^H[12]$/.test(node.tagName)) break;
    }
    return null;
  }
  function parts(set) {
    var inputs = Array.prototype.filter.call(set.children, function (n) { return n.tagName === "INPUT"; });
    var labels = set.querySelectorAll(":scope > .tabbed-labels > label");
    var blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
    var current = 0;
    inputs.forEach(function (input, i) { if (input.checked) current = i; });
    return { inputs: inputs, labels: labels, blocks: blocks, current: current };
  }
  function showAnswerTime() {
    var set = replies(), now = document.querySelector(".pb-now");
    if (!set || !now) return;
    var p = parts(set), block = p.blocks[p.current];
    var answer = block && block.querySelector(".pb-answer");
    now.textContent = answer ?
      " — this reply (" + answer.getAttribute("data-channel") + "): answer within " +
      answer.getAttribute("data-within") + "." : "";
  }
  function init() {
    var set = replies();
    if (!set) return;
    parts(set).inputs.forEach(function (input) { input.addEventListener("change", showAnswerTime); });
    showAnswerTime();
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "]" && event.key !== "[") return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    var typing = t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
      (t.tagName === "INPUT" && !/^(radio|checkbox|button)$/.test(t.type)));
    if (typing) return;
    var set = replies();
    if (!set) return;
    var p = parts(set), n = p.labels.length;
    if (!n) return;
    var next = (p.current + (event.key === "]" ? 1 : n - 1)) % n;
    event.preventDefault();
    p.labels[next].click();
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
