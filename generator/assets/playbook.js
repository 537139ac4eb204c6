// The playbook's own script, served from the site itself: no request leaves the site's host.
// The search help is in search-rank.js (loaded in the head, before the theme's script).

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

// Pasted words search too: the theme searches on key events in its box (keyup), so words an
// agent pastes with the mouse (right click, Paste), or that dictation or an autofill puts there,
// found nothing until a key was pressed. Every change to the box's text now counts as one (a
// typed key then counts twice, and the theme drops the repeat of an unchanged query).
(function () {
  "use strict";
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box || !box.classList || !box.classList.contains("md-search__input") || event.isComposing) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  });
})();
