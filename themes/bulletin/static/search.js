/* bantin search: queries the static index that `bantin build` writes, with no server.
   Words are matched by their folded form (no tones, đ → d), so "giam ngheo" finds
   "giảm nghèo"; words typed with their marks rank exact matches first; "a phrase" in quotes
   must have its words side by side; the last word also matches as a prefix while typing. */
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  if (!box) return;
  var base = box.getAttribute("data-index");
  var root = box.getAttribute("data-root") || "";
  var input = document.getElementById("search-page-q");
  var cache = {};

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function words(s) {
    return (s.normalize("NFC").toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) || []);
  }
  function termFile(t) {
    if (/^[a-z0-9]+$/.test(t)) return t;
    var bytes = new TextEncoder().encode(t), s = "x";
    for (var i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, "0");
    return s;
  }
  function get(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
    }
    return cache[path];
  }
  function escapeHtml(s) {
    return s.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }
  // Marks the words of `text` whose folded form is a query term (or starts with the prefix).
  function highlight(text, terms, prefix) {
    return text.split(/([\p{L}\p{M}\p{N}]+)/u).map(function (part, i) {
      if (i % 2 === 0) return escapeHtml(part);
      var f = fold(part);
      var hit = terms.indexOf(f) >= 0 || (prefix && f.indexOf(prefix) === 0);
      return hit ? "<mark>" + escapeHtml(part) + "</mark>" : escapeHtml(part);
    }).join("");
  }

  // A parsed query: groups of words; a quoted phrase is one group whose words must be adjacent.
  function parse(q) {
    var groups = [], re = /"([^"]*)"|(\S+)/g, m;
    while ((m = re.exec(q))) {
      var ws = words(m[1] !== undefined ? m[1] : m[2]);
      if (ws.length) groups.push({ words: ws, phrase: m[1] !== undefined && ws.length > 1 });
    }
    return groups;
  }

  // Postings of one word: doc → {score, pos (positions)}. `word` is as typed.
  function postings(word, meta, asPrefix) {
    var folded = fold(word);
    var terms = [folded];
    if (asPrefix) {
      terms = meta.terms.filter(function (t) { return t.indexOf(folded) === 0; }).slice(0, 8);
      if (!terms.length) terms = [folded];
    }
    return Promise.all(terms.map(function (t) { return get("t/" + termFile(t) + ".json"); })).then(function (files) {
      var docs = {};
      files.forEach(function (file, k) {
        if (!file) return;
        var entries = [];
        Object.keys(file).forEach(function (variant) {
          var list = file[variant], i = 0;
          while (i + 3 < list.length) {
            var n = list[i + 3], pos = [], at = 0;
            for (var j = 0; j < n; j++) { at += list[i + 4 + j]; pos.push(at); }
            entries.push({ doc: list[i], count: list[i + 1], title: list[i + 2], pos: pos, exact: variant === word });
            i += 4 + n;
          }
        });
        var idf = Math.log(1 + meta.documents / Math.max(1, entries.length));
        var partial = terms[k] === folded ? 1 : 0.5;
        entries.forEach(function (e) {
          var d = docs[e.doc] || (docs[e.doc] = { score: 0, pos: [] });
          d.score += idf * (1 + Math.log(e.count)) * (e.title ? 3 : 1) * (e.exact ? 2 : 1) * partial;
          d.pos = d.pos.concat(e.pos);
        });
      });
      return docs;
    });
  }

  function run(q) {
    var groups = parse(q);
    if (!groups.length) { box.innerHTML = ""; return; }
    box.innerHTML = '<p class="search-count">' + escapeHtml(box.getAttribute("data-loading")) + "</p>";
    var typingLast = !/[\s"]$/.test(q);
    get("meta.json").then(function (meta) {
      if (!meta) { box.innerHTML = '<p class="empty">' + escapeHtml(box.getAttribute("data-none")) + "</p>"; return; }
      var lookups = [];
      groups.forEach(function (g, gi) {
        g.words.forEach(function (w, wi) {
          var last = gi === groups.length - 1 && wi === g.words.length - 1;
          lookups.push(postings(w, meta, last && typingLast && !g.phrase));
        });
      });
      return Promise.all(lookups).then(function (lists) {
        var k = 0, scores = null;
        groups.forEach(function (g) {
          var own = lists.slice(k, k + g.words.length);
          k += g.words.length;
          var docs = {};
          Object.keys(own[0]).forEach(function (doc) {
            if (!own.every(function (l) { return l[doc]; })) return;
            // A phrase: its words at consecutive positions, somewhere.
            if (g.phrase && !own[0][doc].pos.some(function (start) {
              return own.every(function (l, i) { return l[doc].pos.indexOf(start + i) >= 0; });
            })) return;
            docs[doc] = own.reduce(function (s, l) { return s + l[doc].score; }, 0) * (g.phrase ? 2 : 1);
          });
          if (scores === null) { scores = docs; return; }
          var both = {};
          Object.keys(scores).forEach(function (doc) { if (docs[doc] !== undefined) both[doc] = scores[doc] + docs[doc]; });
          scores = both;
        });
        var ranked = Object.keys(scores || {}).map(Number).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
        show(ranked, groups, meta, typingLast);
      });
    });
  }

  function show(ranked, groups, meta, typingLast) {
    if (!ranked.length) { box.innerHTML = '<p class="empty">' + escapeHtml(box.getAttribute("data-none")) + "</p>"; return; }
    var top = ranked.slice(0, 30);
    var files = {};
    top.forEach(function (d) { files[Math.floor(d / meta.per_file)] = true; });
    var terms = [], prefix = null;
    groups.forEach(function (g) { g.words.forEach(function (w) { terms.push(fold(w)); }); });
    if (typingLast) prefix = terms[terms.length - 1];
    Promise.all(Object.keys(files).map(function (n) { return get("docs/" + n + ".json").then(function (docs) { files[n] = docs || []; }); })).then(function () {
      var html = '<p class="search-count">' + ranked.length + " " + escapeHtml(box.getAttribute("data-results")) + "</p>";
      top.forEach(function (d) {
        var doc = files[Math.floor(d / meta.per_file)][d % meta.per_file];
        if (!doc) return;
        var meta_line = [doc[2], doc[3]].filter(Boolean).map(escapeHtml).join(" · ");
        html += '<article class="result"><h2 class="result__title"><a href="' + escapeHtml(root + doc[0]) + '">' +
          highlight(doc[1], terms, prefix) + "</a></h2>" + (meta_line ? '<p class="meta">' + meta_line + "</p>" : "") +
          (doc[4] ? "<p>" + highlight(doc[4], terms, prefix) + "</p>" : "") + "</article>";
      });
      box.innerHTML = html;
    });
  }

  var params = new URLSearchParams(location.search);
  var initial = params.get("q") || "";
  if (input) {
    input.value = initial;
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var url = new URL(location.href);
        url.searchParams.set("q", input.value);
        history.replaceState(null, "", url);
        run(input.value);
      }, 120);
    });
  }
  if (initial) run(initial + " ");
})();
