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
  if (typeof Worker === "undefined" || window.PLAYBOOK_RAW_SEARCH) return; // raw: for the benchmark
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

// Fill in a reply: under each reply, one field per placeholder (customer name, order number...).
// Typing updates the reply text in place, so the theme's copy button copies the filled-in reply.
// The agent's own name is remembered in this browser only.
(function () {
  "use strict";
  var OPEN = "\ue000", CLOSE = "\ue001";
  var REMEMBER = { "agent.first_name": true };

  function fill(text, values, fields) {
    fields.forEach(function (field) {
      var value = values[field.name] || field.example;
      text = text.split(OPEN + field.name + CLOSE).join(value);
    });
    return text;
  }

  function codeBefore(element) {
    for (var node = element.previousElementSibling; node; node = node.previousElementSibling) {
      var code = node.querySelector && node.querySelector("pre > code");
      if (code) return code;
    }
    return null;
  }

  function setup(holder) {
    var data;
    try { data = JSON.parse(holder.getAttribute("data-fill")); } catch (e) { return; }
    var code = codeBefore(holder);
    if (!code || !data.fields || !data.fields.length) return;
    var values = {};
    var form = document.createElement("form");
    form.className = "pb-fill__form";
    form.setAttribute("aria-label", "Fill in this reply");
    var update = function () { code.textContent = fill(data.text, values, data.fields); };
    data.fields.forEach(function (field) {
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
        values[field.name] = input.value;
      }
      input.addEventListener("input", function () {
        values[field.name] = input.value.trim();
        if (REMEMBER[field.name]) {
          try { localStorage.setItem("playbook." + field.name, values[field.name]); } catch (e) {}
        }
        update();
      });
      label.appendChild(name);
      label.appendChild(input);
      form.appendChild(label);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    holder.appendChild(form);
    update();
  }

  function init() {
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
