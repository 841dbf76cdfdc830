/* bantin search: queries the static index that `bantin build` writes, with no server.
   Words are matched by their folded form (no tones, đ → d), so "giam ngheo" finds
   "giảm nghèo"; words typed with their marks rank exact matches first; "a phrase" in quotes
   must have its words side by side; the last word also matches as a prefix while typing.
   Postings come in shards of documents, newest first: a query reads older shards only while it
   has fewer results than it shows. Words are stored many to a file (buckets, and groups for the
   shards of common words), so the index is hundreds of files, not one per word. */
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
  // 32-bit FNV-1a of the UTF-8 of a folded term: `bantin build` puts the term in bucket
  // hash % meta.buckets (whose entry names the group of a word split in shards).
  function hash(t) {
    var bytes = new TextEncoder().encode(t), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return h;
  }
  // An entry of a bucket or group file: its own only (a word may be "constructor").
  function own(o, key) {
    return o && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : null;
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

  // The folded terms a word stands for, with their entries ({documents, shards, split, w}),
  // each read from its bucket.
  function lookup(word, meta, asPrefix) {
    var folded = fold(word);
    // While typing, the last word stands for the terms it begins (the first 8), read from the
    // file of terms of its first letter.
    var listed = asPrefix && folded
      ? get("w/" + (folded.codePointAt(0) % meta.prefixes) + ".json")
      : Promise.resolve(null);
    return listed.then(function (list) {
      var terms = (list || []).filter(function (t) { return t.indexOf(folded) === 0; }).slice(0, 8);
      return read(word, folded, terms.length ? terms : [folded], meta);
    });
  }
  function read(word, folded, terms, meta) {
    return Promise.all(terms.map(function (t) {
      return get("t/" + (hash(t) % meta.buckets) + ".json").then(function (b) { return own(b, t); });
    })).then(function (files) {
      var shards = {};
      files.forEach(function (f) { if (f) f.shards.forEach(function (k) { shards[k] = true; }); });
      return { word: word, folded: folded, terms: terms, files: files, shards: shards };
    });
  }

  // Postings of one word in shard k: doc → {score, pos (positions)}.
  function postings(w, k, meta) {
    var from = k * meta.shard, to = from + meta.shard;
    return Promise.all(w.terms.map(function (t, i) {
      var first = w.files[i];
      if (!first || first.shards.indexOf(k) < 0) return null;
      if (!first.split) return first.w;
      return get("p/" + first.g + "." + k + ".json").then(function (f) { return own(f, t); });
    })).then(function (lists) {
      var docs = {};
      lists.forEach(function (file, i) {
        if (!file) return;
        var idf = Math.log(1 + meta.documents / Math.max(1, w.files[i].documents));
        var partial = w.terms[i] === w.folded ? 1 : 0.5;
        Object.keys(file).forEach(function (variant) {
          var list = file[variant], j = 0;
          while (j + 3 < list.length) {
            var n = list[j + 3], pos = [], at = 0;
            // A word that is not split has every shard in its bucket: only this one's count.
            if (list[j] < from || list[j] >= to) { j += 4 + n; continue; }
            for (var p = 0; p < n; p++) { at += list[j + 4 + p]; pos.push(at); }
            var d = docs[list[j]] || (docs[list[j]] = { score: 0, pos: [] });
            d.score += idf * (1 + Math.log(list[j + 1])) * (list[j + 2] ? 3 : 1) * (variant === w.word ? 2 : 1) * partial;
            d.pos = d.pos.concat(pos);
            j += 4 + n;
          }
        });
      });
      return docs;
    });
  }

  // Scores of the documents of shard k that match every group.
  function match(groups, words, k, meta) {
    return Promise.all(words.map(function (w) { return postings(w, k, meta); })).then(function (lists) {
      var at = 0, scores = null;
      groups.forEach(function (g) {
        var own = lists.slice(at, at + g.words.length);
        at += g.words.length;
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
      // Words typed one after the other and found one after the other ("giam ngheo" in "giảm
      // nghèo", not in "giám sát … nghèo") rank as a phrase would.
      scores = scores || {};
      Object.keys(scores).forEach(function (doc) {
        for (var i = 0; i + 1 < lists.length; i++) {
          var a = lists[i][doc], b = lists[i + 1][doc];
          if (a && b && a.pos.some(function (p) { return b.pos.indexOf(p + 1) >= 0; })) scores[doc] *= 2;
        }
      });
      return scores;
    });
  }

  var PAGE = 30;
  var latest = 0;

  function run(q) {
    var groups = parse(q);
    var ticket = ++latest;
    if (!groups.length) { box.innerHTML = ""; return; }
    box.innerHTML = '<p class="search-count">' + escapeHtml(box.getAttribute("data-loading")) + "</p>";
    var typingLast = !/[\s"]$/.test(q);
    get("meta.json").then(function (meta) {
      if (!meta) { box.innerHTML = '<p class="empty">' + escapeHtml(box.getAttribute("data-none")) + "</p>"; return; }
      var lookups = [];
      groups.forEach(function (g, gi) {
        g.words.forEach(function (w, wi) {
          var last = gi === groups.length - 1 && wi === g.words.length - 1;
          lookups.push(lookup(w, meta, last && typingLast && !g.phrase));
        });
      });
      return Promise.all(lookups).then(function (words) {
        // Only shards that have every word can hold a result; the newest first.
        var shards = Object.keys(words[0].shards).map(Number).filter(function (k) {
          return words.every(function (w) { return w.shards[k]; });
        }).sort(function (a, b) { return a - b; });
        var found = {};
        // Results are read a page at a time: "more" reads on from where the last page stopped.
        var want = PAGE;
        function next(i) {
          if (ticket !== latest) return;
          var more = i < shards.length;
          if (!more || Object.keys(found).length >= want) {
            var ranked = Object.keys(found).map(Number).sort(function (a, b) { return found[b] - found[a] || a - b; });
            show(ranked, groups, meta, typingLast, more, ticket, want, function () { want += PAGE; next(i); });
            return;
          }
          match(groups, words, shards[i], meta).then(function (scores) {
            Object.keys(scores).forEach(function (doc) { found[doc] = scores[doc]; });
            next(i + 1);
          });
        }
        next(0);
      });
    });
  }

  // Shows the best `want` results; `more` when older shards were left unread (the count is a
  // floor). A button reads on (`onMore`) while there are more.
  function show(ranked, groups, meta, typingLast, more, ticket, want, onMore) {
    if (!ranked.length) { box.innerHTML = '<p class="empty">' + escapeHtml(box.getAttribute("data-none")) + "</p>"; return; }
    var top = ranked.slice(0, want);
    var files = {};
    top.forEach(function (d) { files[Math.floor(d / meta.per_file)] = true; });
    var terms = [], prefix = null;
    groups.forEach(function (g) { g.words.forEach(function (w) { terms.push(fold(w)); }); });
    if (typingLast) prefix = terms[terms.length - 1];
    Promise.all(Object.keys(files).map(function (n) { return get("docs/" + n + ".json").then(function (docs) { files[n] = docs || []; }); })).then(function () {
      if (ticket !== latest) return;
      var html = '<p class="search-count">' + ranked.length + (more ? "+" : "") + " " + escapeHtml(box.getAttribute("data-results")) + "</p>";
      top.forEach(function (d) {
        var doc = files[Math.floor(d / meta.per_file)][d % meta.per_file];
        if (!doc) return;
        var meta_line = [doc[2], doc[3]].filter(Boolean).map(escapeHtml).join(" · ");
        html += '<article class="result"><h2 class="result__title"><a href="' + escapeHtml(root + doc[0]) + '">' +
          highlight(doc[1], terms, prefix) + "</a></h2>" + (meta_line ? '<p class="meta">' + meta_line + "</p>" : "") +
          (doc[4] ? "<p>" + highlight(doc[4], terms, prefix) + "</p>" : "") + "</article>";
      });
      var further = ranked.length > want || more;
      if (further) html += '<p class="search-more"><button type="button">' + escapeHtml(box.getAttribute("data-more")) + "</button></p>";
      box.innerHTML = html;
      if (further) {
        box.querySelector(".search-more button").addEventListener("click", function () { this.disabled = true; onMore(); });
      }
      // After "more", the keyboard goes on at the first new result.
      if (want > PAGE) {
        var first = box.querySelectorAll(".result__title a")[want - PAGE];
        if (first) first.focus();
      }
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
