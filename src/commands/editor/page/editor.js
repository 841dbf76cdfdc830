"use strict";
// Soạn bài: the page of bantin's web editor (see /notes/editor-contract.md for the API).
// Plain ES2020 in one file, no framework: the server compiles it into the binary.
// Every word shown comes from the t function called with a literal id, so a test can match the ids
// against locales/{vi,en}/editor.ftl. Data from the server only ever goes into textContent
// or attribute values, never into HTML (an article title may contain "<script>").
(() => {
  // ---------------------------------------------------------------- strings
  const STRINGS = readStrings();

  function readStrings() {
    try {
      const s = JSON.parse(document.getElementById("bantin-strings").textContent);
      return s && typeof s === "object" ? s : {};
    } catch (_) {
      return {}; // placeholder not filled: show the ids rather than nothing
    }
  }

  // The catalog text with {name} placeholders replaced. Fluent's bidi isolation marks are
  // dropped: they would end up inside inputs and file names.
  const t = (id, args) => {
    let s = Object.prototype.hasOwnProperty.call(STRINGS, id) ? String(STRINGS[id]) : id;
    s = s.replace(/[\u2068\u2069]/g, "");
    if (args) {
      s = s.replace(/\{\s*\$?([A-Za-z_][\w-]*)\s*\}/g, (m, k) =>
        Object.prototype.hasOwnProperty.call(args, k) ? String(args[k]) : m);
    }
    return s;
  };

  // ---------------------------------------------------------------- small helpers
  // The run's code: given once in the printed address's fragment (#ma=…, which the browser
  // never sends to a server), then kept in this origin's own storage (no other port can read
  // it, unlike a cookie) and sent as a header with every request to the API.
  const TOKEN_KEY = "bantin-soan-bai-ma";
  const TOKEN = (() => {
    const m = /(?:^#|&)ma=([0-9a-f]{32})(?:&|$)/.exec(location.hash);
    if (m) {
      try { localStorage.setItem(TOKEN_KEY, m[1]); } catch (_) { /* private mode: this tab only */ }
      history.replaceState(null, "", location.pathname + location.search);
      return m[1];
    }
    try { return localStorage.getItem(TOKEN_KEY) || ""; } catch (_) { return ""; }
  })();
  // A new run's address opened in this tab (only its fragment differs: no page load): keep
  // its code and start again with it. Unsaved text is in this origin's storage already, and
  // is offered back when its article is opened: no "leave this page?" question.
  let newRun = false;
  window.addEventListener("hashchange", (e) => {
    const m = /(?:^#|&)ma=([0-9a-f]{32})(?:&|$)/.exec(location.hash);
    if (!m) return;
    e.stopImmediatePropagation();
    try { localStorage.setItem(TOKEN_KEY, m[1]); } catch (_) { /* private mode */ }
    history.replaceState(null, "", location.pathname + location.search);
    newRun = true;
    location.reload();
  });
  const DRAFT_PREFIX = "bantin-soan-bai:";
  const PAGE_SIZE = 200;
  const $ = (id) => document.getElementById(id);
  let uid = 0;
  const nextId = (p) => `${p}-${++uid}`;

  // createElement with properties; "text" sets textContent, "on…" adds a listener.
  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v == null || v === false) continue;
        if (k === "class") el.className = v;
        else if (k === "text") el.textContent = v;
        else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
        else if (typeof v !== "string" && k in el) el[k] = v;
        else el.setAttribute(k, v === true ? "" : String(v));
      }
    }
    for (const kid of kids.flat()) {
      if (kid == null || kid === false) continue;
      el.append(kid instanceof Node ? kid : String(kid));
    }
    return el;
  }

  // Search without tone marks: "giam ngheo" finds "Giảm nghèo".
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase();
  }

  // Two spellings of a Vietnamese word that differ only in where the tone mark sits
  // ("hoà" / "hòa") get the same key: per word, the tone marks move to the word's end.
  const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  function toneKey(s) {
    return String(s || "").normalize("NFD").toLowerCase().trim().split(/\s+/).map((w) => {
      const tones = (w.match(TONES) || []).join("");
      return w.replace(TONES, "") + tones;
    }).join(" ");
  }

  const pad2 = (n) => String(n).padStart(2, "0");

  // "2023-04-06T08:30:00+07:00" → "06/04/2023 08:30", read as written (the site's zone),
  // not converted to the browser's zone.
  function showIso(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso || "");
    if (!m) return "";
    return `${m[3]}/${m[2]}/${m[1]}` + (m[4] ? ` ${m[4]}:${m[5]}` : "");
  }

  // ISO local "2023-04-06T08:30" → {date: "06/04/2023", time: "08:30"}.
  function splitIso(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso || "");
    if (!m) return { date: "", time: "" };
    return { date: `${m[3]}/${m[2]}/${m[1]}`, time: m[4] ? `${m[4]}:${m[5]}` : "00:00" };
  }

  // Editors write dd/mm/yyyy. Returns {iso} or {error: message} or {empty: true}.
  function parseDate(dateText, timeText) {
    const d = dateText.trim();
    if (!d) return { empty: true };
    const m = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(d);
    if (!m) return { error: t("ui-date-format") };
    const day = +m[1], month = +m[2], year = +m[3];
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (month < 1 || month > 12 || day < 1 || day > last) {
      return { error: t("ui-date-no-such-day", { date: `${pad2(day)}/${pad2(month)}/${year}` }) };
    }
    const tt = (timeText || "").trim();
    const tm = /^(\d{1,2})\s*[:hg.]\s*(\d{2})?$/i.exec(tt);
    if (tt && (!tm || +tm[1] > 23 || +(tm[2] || 0) > 59)) return { error: t("ui-time-format") };
    const time = tm ? `${pad2(+tm[1])}:${tm[2] || "00"}` : "00:00";
    return { iso: `${year}-${pad2(month)}-${pad2(day)}T${time}` };
  }

  const clock = (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  const dayMonth = (d) => `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}`;

  // Markdown link destination relative from one content file to another, as the guide
  // says: "../mat-tran/b.md", "b.md"; a destination with spaces is written <…>.
  function relPath(from, to) {
    const a = from.split("/").slice(0, -1);
    const b = to.split("/");
    let i = 0;
    while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
    const rel = "../".repeat(a.length - i) + b.slice(i).join("/");
    return /[\s()<>]/.test(rel) ? `<${rel}>` : rel;
  }

  const escLinkText = (s) => String(s).replace(/([\\[\]])/g, "\\$1");
  const dest = (f) => (/[\s()<>]/.test(f) ? `<${f}>` : f);
  // A shortcode parameter is in double quotes: a double quote inside becomes a curly one.
  const param = (s) => String(s).trim().replace(/"([^"]*)"/g, "“$1”").replace(/"/g, "”");

  // ---------------------------------------------------------------- talking to the server
  class NetError extends Error {}

  async function api(method, url, body) {
    const init = { method, credentials: "omit", headers: { "X-Bantin-Token": TOKEN } };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(url, init);
    } catch (_) {
      throw new NetError(t("ui-error-network"));
    }
    let data = {};
    try {
      const text = await res.text();
      try { data = text ? JSON.parse(text) : {}; } catch (_) { data = { error: text.slice(0, 500) }; }
    } catch (_) {
      throw new NetError(t("ui-error-network"));
    }
    if (res.status === 403) showAlert(t("ui-error-forbidden"));
    return { status: res.status, ok: res.ok, data: data || {} };
  }

  const errorText = (r) => (r.data && r.data.error) || t("ui-error-status", { status: r.status });

  // Network errors (server stopped?) go to the one alert at the top; the form stays as it is.
  function report(e) {
    if (e instanceof NetError) showAlert(e.message);
    else { showAlert(t("ui-error-unexpected")); console.error(e); }
  }

  // Uploads go through XMLHttpRequest for its progress events (fetch has none for uploads).
  function upload(file, onStatus) {
    return new Promise((resolve) => {
      const limit = S.site && S.site.upload_limit;
      if (limit && file.size > limit) {
        onStatus({ error: t("ui-upload-too-big", { name: file.name, size: mb(file.size), limit: mb(limit) }) });
        resolve(null);
        return;
      }
      const q = `path=${encodeURIComponent(S.art.path)}&name=${encodeURIComponent(file.name)}`;
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/api/upload?${q}`);
      xhr.setRequestHeader("X-Bantin-Token", TOKEN);
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.upload.onprogress = (e) => {
        const percent = e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : 0;
        onStatus({ text: t("ui-uploading", { name: file.name, percent }) });
      };
      xhr.onload = () => {
        let data = {};
        try { data = JSON.parse(xhr.responseText || "{}"); } catch (_) { data = { error: xhr.responseText }; }
        if (xhr.status === 200 && data.file) {
          onStatus({ text: t("ui-uploaded", { file: data.file }) });
          resolve(data);
        } else {
          onStatus({ error: data.error || t("ui-error-status", { status: xhr.status }) });
          resolve(null);
        }
      };
      xhr.onerror = () => { onStatus({ error: t("ui-error-network") }); resolve(null); };
      onStatus({ text: t("ui-uploading", { name: file.name, percent: 0 }) });
      xhr.send(file);
    });
  }

  // Megabytes with the page language's decimal sign (Vietnamese writes 25,6).
  const mb = (n) => (n / 1048576).toLocaleString(document.documentElement.lang || undefined, { maximumFractionDigits: 1 });

  // ---------------------------------------------------------------- state
  const S = {
    site: null,
    articles: [],     // rows of GET /api/articles, each with a precomputed folded text
    filtered: [],
    shown: 0,
    art: null,        // the open article: path, digest, kind, url, other, opened (values)
    tagTerms: new Map(), // toneKey → the site's spelling
    authorTerms: new Map(),
    preview: { timer: 0, busy: false, again: false },
    saving: false,
    ignoreHash: false,
  };

  // ---------------------------------------------------------------- header, alert, dialogs
  function buildHeader() {
    const hd = $("app-header");
    hd.append(
      h("div", { class: "brand" },
        h("h1", { text: t("ui-app-title") }),
        h("p", { class: "tagline", text: t("ui-app-tagline") })),
      h("div", { id: "deploy-box", class: "deploy-box", hidden: true }),
    );
    const alert = h("div", { id: "alert", class: "alert", role: "alert", hidden: true },
      h("p", { id: "alert-text" }),
      h("button", { type: "button", class: "btn small", text: t("ui-close"), onclick: () => { alert.hidden = true; } }));
    $("app-main").append(alert);
  }

  function showAlert(msg) {
    $("alert-text").textContent = msg;
    $("alert").hidden = false;
  }
  const clearAlert = () => { $("alert").hidden = true; };

  // A <dialog> with a labelled heading; Escape closes it (the browser's cancel) and focus
  // goes back to what had it. Removed from the page once closed.
  function makeDialog(heading, cls) {
    const hid = nextId("dlg-h");
    const dlg = h("dialog", { class: "dialog " + (cls || ""), "aria-labelledby": hid },
      h("h2", { id: hid, text: heading }));
    const back = document.activeElement;
    dlg.addEventListener("close", () => {
      dlg.remove();
      if (back && back.isConnected && typeof back.focus === "function") back.focus();
    });
    document.body.append(dlg);
    return dlg;
  }

  // Asks for a few values in a dialog. fields: [{name, label, value, required, multiline,
  // hint, extra(input)}]. Resolves to {name: value} or null when cancelled.
  function ask(heading, fields, okText) {
    return new Promise((resolve) => {
      const dlg = makeDialog(heading);
      const form = h("form", { method: "dialog", novalidate: true });
      const inputs = {};
      for (const f of fields) {
        const id = nextId("ask");
        const input = f.multiline
          ? h("textarea", { id, rows: 3 })
          : h("input", { id, type: f.type || "text", autocomplete: "off" });
        input.value = f.value || "";
        if (f.required) input.setAttribute("aria-required", "true");
        const msg = h("p", { class: "field-msg", id: id + "-msg" });
        input.setAttribute("aria-describedby", msg.id);
        inputs[f.name] = { input, msg, f };
        form.append(h("div", { class: "field" },
          h("label", { for: id, text: f.label + (f.required ? " *" : "") }),
          f.hint ? h("p", { class: "hint", text: f.hint }) : null,
          input, f.extra ? f.extra(input, msg) : null, msg));
      }
      let result = null;
      const ok = h("button", { type: "submit", class: "btn primary", text: okText || t("ui-insert") });
      const cancel = h("button", { type: "button", class: "btn", text: t("ui-cancel"), onclick: () => dlg.close() });
      form.append(h("div", { class: "dialog-actions" }, ok, cancel));
      form.addEventListener("submit", (e) => {
        e.preventDefault();
        let first = null;
        for (const { input, msg, f } of Object.values(inputs)) {
          const missing = f.required && !input.value.trim();
          msg.textContent = missing ? t("ui-required", { label: f.label }) : "";
          input.toggleAttribute("aria-invalid", missing);
          if (missing && !first) first = input;
        }
        if (first) { first.focus(); return; }
        result = {};
        for (const [k, { input }] of Object.entries(inputs)) result[k] = input.value.trim();
        dlg.close();
      });
      dlg.addEventListener("close", () => resolve(result));
      dlg.append(form);
      dlg.showModal();
      const firstInput = Object.values(inputs)[0];
      if (firstInput) firstInput.input.focus();
    });
  }

  // ---------------------------------------------------------------- list view
  function buildList() {
    const sec = h("section", { id: "view-list", class: "view", "aria-labelledby": "list-h", hidden: true });
    const search = h("input", { id: "list-search", type: "search", autocomplete: "off", spellcheck: "false" });
    const secSel = h("select", { id: "list-section" });
    const stateSel = h("select", { id: "list-state" },
      h("option", { value: "", text: t("ui-filter-all-states") }),
      h("option", { value: "draft", text: t("ui-state-draft") }),
      h("option", { value: "scheduled", text: t("ui-state-scheduled") }),
      h("option", { value: "published", text: t("ui-state-published") }),
      h("option", { value: "expired", text: t("ui-state-expired") }),
      h("option", { value: "broken", text: t("ui-state-broken") }));
    const tbody = h("tbody", { id: "list-body" });
    sec.append(
      h("div", { class: "list-top" },
        h("h2", { id: "list-h", text: t("ui-list-heading") }),
        h("button", { type: "button", class: "btn primary", id: "new-btn", text: t("ui-new-article"), onclick: newArticleDialog })),
      h("div", { class: "filters", role: "search" },
        h("div", { class: "field grow" }, h("label", { for: "list-search", text: t("ui-search-label") }),
          h("p", { class: "hint", id: "list-search-hint", text: t("ui-search-hint") }), search),
        h("div", { class: "field" }, h("label", { for: "list-section", text: t("ui-filter-section") }), secSel),
        h("div", { class: "field" }, h("label", { for: "list-state", text: t("ui-filter-state") }), stateSel)),
      h("p", { id: "list-count", class: "list-count", role: "status" }),
      h("div", { class: "table-wrap" },
        h("table", { class: "list" },
          h("caption", { class: "visually-hidden", text: t("ui-list-caption") }),
          h("thead", null, h("tr", null,
            h("th", { scope: "col", text: t("ui-col-title") }),
            h("th", { scope: "col", text: t("ui-col-section") }),
            h("th", { scope: "col", text: t("ui-col-date") }),
            h("th", { scope: "col", text: t("ui-col-state") }),
            h("th", { scope: "col", text: t("ui-col-author") }))),
          tbody)),
      h("p", { class: "more" }, h("button", { type: "button", class: "btn", id: "list-more", hidden: true, onclick: showMore })));
    search.setAttribute("aria-describedby", "list-search-hint");
    $("app-main").append(sec);
    search.addEventListener("input", applyFilter);
    secSel.addEventListener("change", applyFilter);
    stateSel.addEventListener("change", applyFilter);
    // One listener for every row: a click anywhere on a row opens it (the title is a link,
    // so keyboard users reach each row with Tab and open it with Enter).
    tbody.addEventListener("click", (e) => {
      if (e.target.closest("a")) return;
      const tr = e.target.closest("tr[data-path]");
      if (tr) location.hash = articleHash(tr.dataset.path);
    });
  }

  const articleHash = (path) => "#/bai/" + encodeURIComponent(path);

  async function loadList() {
    $("list-count").textContent = t("ui-loading");
    let r;
    try { r = await api("GET", "/api/articles"); } catch (e) { report(e); return; }
    if (!r.ok) { showAlert(errorText(r)); return; }
    S.articles = (r.data.articles || []).map((a) => ({
      ...a, _f: fold(`${a.title} ${a.author || ""} ${(a.tags || []).join(" ")} ${a.path}`),
    }));
    fillSectionFilter();
    applyFilter();
  }

  // Sections for the filter: the site's list, plus any found only in the rows (e.g. "").
  function fillSectionFilter() {
    const sel = $("list-section");
    const keep = sel.value;
    const names = new Map();
    for (const s of (S.site && S.site.sections) || []) names.set(s.dir, s.name);
    for (const a of S.articles) if (!names.has(a.section)) names.set(a.section, a.section_name || "");
    sel.replaceChildren(h("option", { value: "", text: t("ui-filter-all-sections") }));
    for (const [dir, name] of names) {
      sel.append(h("option", { value: "s:" + dir, text: dir ? name || dir : t("ui-section-root") }));
    }
    sel.value = keep;
    if (sel.selectedIndex < 0) sel.value = "";
  }

  function applyFilter() {
    const q = fold($("list-search").value).trim().split(/\s+/).filter(Boolean);
    const sec = $("list-section").value;
    const st = $("list-state").value;
    S.filtered = S.articles.filter((a) =>
      (!sec || "s:" + a.section === sec) && (!st || a.state === st) && q.every((w) => a._f.includes(w)));
    S.shown = 0;
    $("list-body").replaceChildren();
    showMore();
  }

  // Renders the next PAGE_SIZE rows only: 10,000 rows in the page at once would be slow.
  function showMore() {
    const frag = document.createDocumentFragment();
    const end = Math.min(S.filtered.length, S.shown + PAGE_SIZE);
    for (let i = S.shown; i < end; i++) frag.append(listRow(S.filtered[i]));
    $("list-body").append(frag);
    S.shown = end;
    $("list-count").textContent = S.filtered.length === S.articles.length
      ? t("ui-list-count-all", { shown: S.shown, total: S.articles.length })
      : t("ui-list-count-found", { shown: S.shown, found: S.filtered.length, total: S.articles.length });
    const more = $("list-more");
    const left = S.filtered.length - S.shown;
    more.hidden = left <= 0;
    more.textContent = t("ui-show-more", { count: Math.min(left, PAGE_SIZE), left });
  }

  function listRow(a) {
    const title = h("td", { class: "c-title" },
      h("a", { href: articleHash(a.path), text: a.title || t("ui-untitled") }),
      a.kind === "page" ? h("span", { class: "kind", text: t("ui-kind-page") }) : null,
      h("span", { class: "path", text: a.path }),
      a.problem ? h("span", { class: "row-problem", text: a.problem }) : null);
    return h("tr", { "data-path": a.path },
      title,
      h("td", { text: a.section ? a.section_name || a.section : t("ui-section-root") }),
      h("td", { class: "c-date", text: a.date ? showIso(a.date) : "—" }),
      h("td", null, stateBadge(a.state)),
      h("td", { text: a.author || "" }));
  }

  function stateBadge(state) {
    return h("span", { class: "state state-" + state, text: stateLabel(state) });
  }

  function stateLabel(state) {
    switch (state) {
      case "draft": return t("ui-state-draft");
      case "scheduled": return t("ui-state-scheduled");
      case "published": return t("ui-state-published");
      case "expired": return t("ui-state-expired");
      default: return t("ui-state-broken");
    }
  }

  // "Bài mới": a title and a section (an existing one, or a new one named in Vietnamese).
  function newArticleDialog() {
    const dlg = makeDialog(t("ui-new-heading"));
    const form = h("form", { method: "dialog", novalidate: true });
    const title = h("input", { id: "new-title", type: "text", autocomplete: "off", "aria-required": "true" });
    const sel = h("select", { id: "new-section" });
    for (const s of S.site.sections || []) sel.append(h("option", { value: s.dir, text: s.name || s.dir }));
    sel.append(h("option", { value: "\u0000new", text: t("ui-new-section-option") }));
    const newName = h("input", { id: "new-section-name", type: "text", autocomplete: "off" });
    const newBox = h("div", { class: "field", hidden: true },
      h("label", { for: "new-section-name", text: t("ui-new-section-name") }),
      h("p", { class: "hint", text: t("ui-new-section-hint") }), newName);
    const err = h("p", { class: "field-msg", role: "alert" });
    sel.addEventListener("change", () => {
      newBox.hidden = sel.value !== "\u0000new";
      if (!newBox.hidden) newName.focus();
    });
    newBox.hidden = sel.value !== "\u0000new";
    const ok = h("button", { type: "submit", class: "btn primary", text: t("ui-create") });
    form.append(
      h("div", { class: "field" }, h("label", { for: "new-title", text: t("ui-field-title") + " *" }), title),
      h("div", { class: "field" }, h("label", { for: "new-section", text: t("ui-field-section") }), sel),
      newBox, err,
      h("div", { class: "dialog-actions" }, ok,
        h("button", { type: "button", class: "btn", text: t("ui-cancel"), onclick: () => dlg.close() })));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      err.textContent = "";
      if (!title.value.trim()) { err.textContent = t("ui-required", { label: t("ui-field-title") }); title.focus(); return; }
      const body = { title: title.value.trim() };
      if (sel.value === "\u0000new") {
        if (!newName.value.trim()) { err.textContent = t("ui-required", { label: t("ui-new-section-name") }); newName.focus(); return; }
        body.new_section = newName.value.trim();
      } else body.section = sel.value;
      ok.disabled = true;
      try {
        const r = await api("POST", "/api/new", body);
        if (r.ok && r.data.path) {
          dlg.close();
          // A new section: its name, for the form and the filters.
          if (body.new_section) {
            const site = await api("GET", "/api/site");
            if (site.ok) { S.site = site.data; fillTerms(); }
          }
          location.hash = articleHash(r.data.path);
        }
        else err.textContent = errorText(r);
      } catch (ex) {
        err.textContent = ex instanceof NetError ? ex.message : t("ui-error-unexpected");
      } finally { ok.disabled = false; }
    });
    dlg.append(form);
    dlg.showModal();
    title.focus();
  }

  // ---------------------------------------------------------------- article view: building
  // Known front matter fields, in the order they are shown.
  const TEXT_KEYS = ["title", "author", "summary", "image", "image_caption"];
  const F = {}; // form controls by key

  function field(key, labelText, control, extras) {
    const id = control.id;
    const msg = h("div", { class: "field-msg", id: id + "-msg" },
      h("span", { class: "local-msg" }), h("span", { class: "server-msg" }));
    const described = [id + "-msg"];
    if (extras && extras.hintId) described.unshift(extras.hintId);
    control.setAttribute("aria-describedby", described.join(" "));
    F[key + "Msg"] = msg;
    return h("div", { class: "field field-" + key },
      h("label", { for: id, text: labelText }),
      extras && extras.hint ? h("p", { class: "hint", id: extras.hintId, text: extras.hint }) : null,
      extras && extras.wrap ? extras.wrap : control,
      msg);
  }

  function dateField(key, labelText, clearable) {
    const d = h("input", { id: "f-" + key, type: "text", inputmode: "numeric", autocomplete: "off",
      placeholder: t("ui-date-placeholder"), class: "date-in" });
    // A text box, not type=time: that one shows "12:00 AM" on an English system.
    const tm = h("input", { id: "f-" + key + "-time", type: "text", inputmode: "numeric", autocomplete: "off",
      class: "time-in", placeholder: t("ui-time-placeholder"), "aria-label": t("ui-time-of", { field: labelText }) });
    F[key] = d; F[key + "Time"] = tm;
    const wrap = h("div", { class: "date-row" }, d, tm,
      clearable ? h("button", { type: "button", class: "btn small", text: t("ui-clear"),
        "aria-label": t("ui-clear-field", { field: labelText }),
        onclick: () => { d.value = ""; tm.value = ""; validateDate(key); onChange(); } }) : null);
    const hintId = "f-" + key + "-hint";
    d.addEventListener("input", () => validateDate(key));
    tm.addEventListener("input", () => validateDate(key));
    d.addEventListener("blur", () => normalizeDate(key));
    tm.addEventListener("blur", () => normalizeDate(key));
    return field(key, labelText, d, { wrap, hint: t("ui-date-hint"), hintId });
  }

  function buildArticle() {
    const sec = h("section", { id: "view-article", class: "view", "aria-labelledby": "art-h", hidden: true });
    // Top bar: back, title, save, history, narrow-screen pane switch.
    const back = h("a", { href: "#/", class: "back", text: t("ui-back-to-list") });
    const saveBtn = h("button", { type: "button", id: "save-btn", class: "btn primary", text: t("ui-save"),
      "aria-keyshortcuts": "Control+S Meta+S", onclick: () => save() });
    sec.append(
      h("div", { class: "art-bar" },
        back,
        h("div", { class: "art-title" },
          h("h2", { id: "art-h", tabindex: "-1" }),
          h("p", { id: "art-path", class: "path" }),
          h("p", { id: "art-translations", class: "translations", hidden: true })),
        h("div", { class: "art-actions" },
          h("button", { type: "button", class: "btn", id: "history-btn", text: t("ui-history"), onclick: historyDialog }),
          saveBtn),
        h("div", { class: "save-msgs" },
          h("p", { id: "save-status", class: "save-status", role: "status" }),
          h("p", { id: "save-error", class: "save-error", role: "alert" }))),
      h("div", { id: "draft-banner", class: "banner", hidden: true },
        h("p", { id: "draft-text" }),
        h("button", { type: "button", class: "btn primary small", text: t("ui-draft-restore"), onclick: restoreDraft }),
        h("button", { type: "button", class: "btn small", text: t("ui-draft-drop"), onclick: dropDraft })),
      h("div", { class: "pane-switch", role: "group", "aria-label": t("ui-pane-switch") },
        h("button", { type: "button", class: "btn small", id: "pane-edit", "aria-pressed": "true", text: t("ui-pane-edit"), onclick: () => showPane("edit") }),
        h("button", { type: "button", class: "btn small", id: "pane-preview", "aria-pressed": "false", text: t("ui-pane-preview"), onclick: () => showPane("preview") })),
      h("div", { id: "split", class: "split show-edit" }, buildForm(), buildPreview()));
    $("app-main").append(sec);
  }

  function buildForm() {
    const pane = h("div", { class: "edit-pane" });
    const form = h("form", { id: "art-form", novalidate: true, onsubmit: (e) => { e.preventDefault(); save(); } });
    F.title = h("input", { id: "f-title", type: "text", autocomplete: "off" });
    F.section = h("input", { id: "f-section", type: "text", readOnly: true });
    F.author = h("input", { id: "f-author", type: "text", list: "dl-author", autocomplete: "off" });
    F.image = h("input", { id: "f-image", type: "text", autocomplete: "off", spellcheck: "false" });
    F.image_caption = h("input", { id: "f-image_caption", type: "text", autocomplete: "off" });
    F.summary = h("textarea", { id: "f-summary", rows: 3 });
    F.draft = h("input", { id: "f-draft", type: "checkbox" });
    const imagePick = h("input", { type: "file", accept: "image/*", hidden: true, tabindex: "-1", "aria-hidden": "true" });
    imagePick.addEventListener("change", async () => {
      const file = imagePick.files[0];
      imagePick.value = "";
      if (!file) return;
      const msg = F.imageMsg.querySelector(".local-msg");
      const data = await upload(file, (s) => setMsg(msg, s));
      if (data) { F.image.value = data.file; onChange(); }
    });
    F.author.addEventListener("change", () => {
      const c = S.authorTerms.get(toneKey(F.author.value));
      if (c && c !== F.author.value.trim()) { F.author.value = c; onChange(); }
    });

    form.append(
      h("h3", { class: "visually-hidden", text: t("ui-fields-heading") }),
      h("p", { id: "unreadable", class: "banner bad", hidden: true, text: t("ui-unreadable") }),
      field("title", t("ui-field-title"), F.title),
      h("div", { class: "row2" },
        dateField("date", t("ui-field-date"), false),
        field("section", t("ui-field-section"), F.section, { hint: t("ui-section-fixed"), hintId: "f-section-hint" })),
      field("tags", t("ui-field-tags"), buildTags(), { wrap: F.tagsWrap, hint: t("ui-tags-hint"), hintId: "f-tags-hint" }),
      h("div", { class: "row2" },
        field("author", t("ui-field-author"), F.author),
        field("image", t("ui-field-image"), F.image, {
          wrap: h("div", { class: "with-btn" }, F.image,
            h("button", { type: "button", class: "btn small", text: t("ui-choose-image"), onclick: () => imagePick.click() }),
            imagePick),
        })),
      field("image_caption", t("ui-field-image-caption"), F.image_caption),
      field("summary", t("ui-field-summary"), F.summary),
      h("div", { class: "row2" },
        h("div", { class: "field field-draft check" }, F.draft,
          h("label", { for: "f-draft", text: t("ui-field-draft") }),
          h("p", { class: "hint", id: "f-draft-hint", text: t("ui-draft-hint") }),
          (F.draftMsg = h("div", { class: "field-msg", id: "f-draft-msg" }, h("span", { class: "local-msg" }), h("span", { class: "server-msg" })))),
        dateField("expires", t("ui-field-expires"), true)),
      h("div", { id: "other-fields" }),
      h("datalist", { id: "dl-author" }),
      h("datalist", { id: "dl-tags" }));
    F.draft.setAttribute("aria-describedby", "f-draft-hint f-draft-msg");
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    pane.append(form, buildBody());
    return pane;
  }

  // Tags as chips. Enter or comma adds one, but never while an input method is composing
  // (Telex/VNI compose each syllable; Enter or a comma there belongs to the IME).
  function buildTags() {
    const input = h("input", { id: "f-tags", type: "text", list: "dl-tags", autocomplete: "off", class: "chip-input" });
    const list = h("ul", { class: "chip-list", id: "chip-list" });
    F.tags = input; F.tagList = list; F.tagValues = [];
    F.tagsWrap = h("div", { class: "chips" }, list, input);
    let composing = false;
    input.addEventListener("compositionstart", () => { composing = true; });
    input.addEventListener("compositionend", () => { composing = false; commitCommas(); });
    input.addEventListener("keydown", (e) => {
      if (e.isComposing || composing || e.keyCode === 229) return;
      if (e.key === "Enter" || e.key === ",") {
        if (!input.value.trim()) { if (e.key === ",") e.preventDefault(); return; }
        e.preventDefault();
        addTag(input.value);
        input.value = "";
      } else if (e.key === "Backspace" && !input.value && F.tagValues.length) {
        removeTag(F.tagValues.length - 1);
      }
    });
    // A comma that arrived by paste or from a keyboard without keydown keys.
    input.addEventListener("input", (e) => { if (!e.isComposing && !composing) commitCommas(); });
    input.addEventListener("blur", () => { if (!composing) commitPendingTag(); });
    // One listener for every chip's remove button.
    list.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-i]");
      if (!b) return;
      removeTag(+b.dataset.i);
      input.focus();
    });
    return input;
  }

  function commitCommas() {
    const v = F.tags.value;
    if (!v.includes(",")) return;
    const parts = v.split(",");
    const rest = parts.pop();
    for (const p of parts) addTag(p);
    F.tags.value = rest.trimStart();
  }

  function commitPendingTag() {
    if (F.tags && F.tags.value.trim()) { addTag(F.tags.value); F.tags.value = ""; }
  }

  // The site's own spelling wins when the typed tag differs only in tone-mark placement.
  function canonicalTag(s) {
    const clean = s.normalize("NFC").trim().replace(/\s+/g, " ");
    return S.tagTerms.get(toneKey(clean)) || clean;
  }

  function addTag(text) {
    const tag = canonicalTag(text);
    if (!tag) return;
    if (F.tagValues.some((x) => toneKey(x) === toneKey(tag))) return;
    F.tagValues.push(tag);
    renderTags();
    onChange();
  }

  function removeTag(i) {
    F.tagValues.splice(i, 1);
    renderTags();
    onChange();
  }

  function renderTags() {
    F.tagList.replaceChildren(...F.tagValues.map((tag, i) => h("li", { class: "chip" },
      h("span", { text: tag }),
      h("button", { type: "button", "data-i": String(i), class: "chip-x",
        "aria-label": t("ui-tag-remove", { tag }), text: "×" }))));
  }

  function buildBody() {
    const box = h("div", { class: "body-box" });
    const ta = h("textarea", { id: "f-body", class: "body", spellcheck: "false", rows: 24 });
    F.body = ta;
    const tb = (label, fn, aria) => h("button", { type: "button", class: "tool", text: label, "aria-label": aria || null, onclick: fn });
    const picker = h("input", { type: "file", accept: "image/*", multiple: true, hidden: true, tabindex: "-1", "aria-hidden": "true" });
    picker.addEventListener("change", () => {
      const files = [...picker.files];
      picker.value = "";
      insertImages(files);
    });
    box.append(
      h("h3", { class: "body-h" }, h("label", { for: "f-body", text: t("ui-body") })),
      h("div", { class: "toolbar", role: "group", "aria-label": t("ui-toolbar") },
        tb(t("ui-tool-heading"), () => prefixLines((l) => (/^#{1,6}\s/.test(l) ? l.replace(/^#{1,6}\s+/, "") : "## " + l)), t("ui-tool-heading-long")),
        tb(t("ui-tool-bold"), () => wrapSelection("**")),
        tb(t("ui-tool-italic"), () => wrapSelection("*")),
        tb(t("ui-tool-list"), () => prefixLines((l) => (/^- /.test(l) ? l.slice(2) : "- " + l))),
        tb(t("ui-tool-numbered"), () => prefixLines((l, i) => (/^\d+\. /.test(l) ? l.replace(/^\d+\. /, "") : `${i + 1}. ${l}`))),
        tb(t("ui-tool-link"), linkDialog, t("ui-tool-link-long")),
        tb(t("ui-tool-youtube"), insertYoutube),
        tb(t("ui-tool-pdf"), insertPdf),
        tb(t("ui-tool-album"), () => insertBox("album", t("ui-album-heading"))),
        tb(t("ui-tool-note"), () => insertBox("luu-y", t("ui-note-heading"))),
        tb(t("ui-tool-image"), () => picker.click(), t("ui-tool-image-long")),
        picker),
      h("div", { id: "upload-status", class: "upload-status", role: "status" }),
      h("div", { id: "upload-error", class: "upload-error", role: "alert" }),
      h("div", { id: "body-problems", class: "body-problems", "aria-live": "polite" }),
      h("p", { class: "hint", id: "f-body-hint", text: t("ui-body-hint") }),
      ta);
    ta.setAttribute("aria-describedby", "f-body-hint body-problems");
    ta.addEventListener("paste", onPaste);
    ta.addEventListener("input", (e) => onChange(e));
    ta.addEventListener("compositionend", () => onChange());
    // Photos dropped on the text go up beside the article, then in at the cursor.
    ta.addEventListener("dragover", (e) => {
      if (hasFiles(e)) { e.preventDefault(); ta.classList.add("drop"); }
    });
    ta.addEventListener("dragleave", () => ta.classList.remove("drop"));
    ta.addEventListener("drop", (e) => {
      ta.classList.remove("drop");
      if (!hasFiles(e)) return;
      e.preventDefault();
      insertImages([...e.dataTransfer.files]);
    });
    // Problems in the body: a click on a line number puts the cursor on that line.
    box.querySelector("#body-problems").addEventListener("click", (e) => {
      const b = e.target.closest("button[data-line]");
      if (b) goToLine(+b.dataset.line);
    });
    return box;
  }

  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes("Files");

  // Text pasted from Word (or an e-mail) has one line per paragraph, which Markdown would
  // join into one; and bullets as characters. Each line becomes a paragraph, each bullet a
  // list item. Text that is Markdown already (blank lines between paragraphs) goes in as is.
  function onPaste(e) {
    const text = e.clipboardData && e.clipboardData.getData("text/plain");
    if (!text) return;
    const fixed = fromWord(text);
    if (fixed === text) return;
    e.preventDefault();
    const ta = F.body;
    replaceRange(ta.selectionStart, ta.selectionEnd, fixed, ta.selectionStart + fixed.length);
  }

  function fromWord(text) {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    if (lines.length < 2 || /\n\s*\n/.test(text.replace(/\r/g, ""))) return text;
    const bullet = /^\s*[•●▪◦·∙‣–-]\s+/;
    const out = [];
    let listBefore = false;
    for (const raw of lines) {
      const line = raw.replace(/\s+$/, "");
      if (!line.trim()) continue;
      const item = bullet.test(line);
      const md = item ? "- " + line.replace(bullet, "") : line.trim();
      if (out.length) out.push(item && listBefore ? "\n" : "\n\n");
      out.push(md);
      listBefore = item;
    }
    return out.join("") + (text.endsWith("\n") ? "\n" : "");
  }

  function buildPreview() {
    return h("div", { class: "preview-pane" },
      h("div", { class: "preview-top" },
        h("h3", { text: t("ui-preview") }),
        h("p", { id: "preview-status", class: "preview-status", role: "status" }),
        h("a", { id: "preview-open", target: "_blank", rel: "noopener noreferrer", class: "small-link", text: t("ui-preview-open"), hidden: true })),
      h("p", { id: "preview-none", class: "hint", hidden: true, text: t("ui-preview-none") }),
      h("iframe", {
        id: "preview-frame", title: t("ui-preview-frame", { title: "" }), src: "about:blank",
        // The previewed page runs its own scripts (the theme's, embeds') but can never move
        // this page elsewhere: no top navigation.
        sandbox: "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-forms",
      }));
  }

  function showPane(which) {
    $("split").classList.toggle("show-edit", which === "edit");
    $("split").classList.toggle("show-preview", which === "preview");
    $("pane-edit").setAttribute("aria-pressed", String(which === "edit"));
    $("pane-preview").setAttribute("aria-pressed", String(which === "preview"));
  }

  // ---------------------------------------------------------------- article view: values
  // The form's values in one plain object: what is compared, sent and kept in localStorage.
  function values() {
    const v = {};
    for (const k of TEXT_KEYS) v[k] = F[k].value.trim() === "" ? "" : F[k].value;
    v.tags = F.tagValues.slice();
    v.draft = F.draft.checked;
    for (const k of ["date", "expires"]) {
      const p = parseDate(F[k].value, F[k + "Time"].value);
      v[k] = p.empty ? null : p.iso || "!" + F[k].value + " " + F[k + "Time"].value;
    }
    v.other = {};
    for (const inp of $("other-fields").querySelectorAll("[data-key]")) {
      if (inp.dataset.editable !== "1") continue;
      v.other[inp.dataset.key] = inp.type === "checkbox" ? inp.checked : inp.value;
    }
    v.body = F.body.value;
    return v;
  }

  function fillForm(v) {
    for (const k of TEXT_KEYS) F[k].value = v[k] || "";
    F.tagValues = (v.tags || []).slice();
    F.tags.value = "";
    renderTags();
    F.draft.checked = !!v.draft;
    for (const k of ["date", "expires"]) {
      const raw = v[k] || "";
      if (raw.startsWith("!")) { // an invalid date kept from localStorage, as typed
        const [d, tm] = raw.slice(1).split(" ");
        F[k].value = d || ""; F[k + "Time"].value = tm || "";
      } else {
        const p = splitIso(raw);
        F[k].value = p.date; F[k + "Time"].value = p.time;
      }
      validateDate(k);
    }
    for (const inp of $("other-fields").querySelectorAll("[data-key]")) {
      if (inp.dataset.editable !== "1" || !(inp.dataset.key in (v.other || {}))) continue;
      const x = v.other[inp.dataset.key];
      if (inp.type === "checkbox") inp.checked = !!x; else inp.value = x == null ? "" : String(x);
    }
    F.body.value = v.body || "";
  }

  function sameValues(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  // Only the keys that changed since the article was opened (the contract's Edit list).
  function computeEdits() {
    const cur = values();
    const old = S.art.opened;
    const present = new Set(S.art.present || []);
    const edits = [];
    for (const k of TEXT_KEYS) {
      if (cur[k] === old[k]) continue;
      if (cur[k] === "" && k !== "title") { if (present.has(k)) edits.push({ key: k, remove: true }); }
      else edits.push({ key: k, text: cur[k] });
    }
    if (!sameValues(cur.tags, old.tags)) {
      if (!cur.tags.length) { if (present.has("tags")) edits.push({ key: "tags", remove: true }); }
      else edits.push({ key: "tags", list: cur.tags });
    }
    if (cur.draft !== old.draft) edits.push({ key: "draft", bool: cur.draft });
    for (const k of ["date", "expires"]) {
      if (cur[k] === old[k] || (cur[k] && cur[k].startsWith("!"))) continue; // invalid: not sent
      if (cur[k] === null) { if (present.has(k)) edits.push({ key: k, remove: true }); }
      else edits.push({ key: k, time: cur[k] });
    }
    for (const o of S.art.other || []) {
      if (!o.editable || !(o.key in cur.other) || cur.other[o.key] === old.other[o.key]) continue;
      const x = cur.other[o.key];
      if (typeof o.value === "boolean") edits.push({ key: o.key, bool: !!x });
      else if (typeof o.value === "number" && /^-?\d+$/.test(String(x).trim())) edits.push({ key: o.key, integer: parseInt(x, 10) });
      else edits.push({ key: o.key, text: String(x) });
    }
    return { edits, body: cur.body !== old.body ? cur.body : null, cur };
  }

  function isDirty() {
    if (!S.art || !S.art.opened) return false;
    const { edits, body } = computeEdits();
    return edits.length > 0 || body !== null || hasInvalidDates();
  }

  const hasInvalidDates = () => ["date", "expires"].some((k) => {
    const v = parseDate(F[k].value, F[k + "Time"].value);
    return !!v.error;
  });

  // ---------------------------------------------------------------- article view: open
  async function openArticle(path) {
    clearAlert();
    let r;
    try { r = await api("GET", "/api/article?path=" + encodeURIComponent(path)); } catch (e) { report(e); return; }
    if (!r.ok) { showAlert(errorText(r)); return; }
    showView("article");
    setArticle(r.data);
    if (S.notice) { $("save-status").textContent = S.notice; S.notice = null; }
    const draft = readDraft(path);
    if (draft && !sameValues(draft.values, S.art.opened)) {
      const d = new Date(draft.time);
      $("draft-text").textContent = t("ui-draft-found", { time: clock(d), date: dayMonth(d) });
      $("draft-banner").hidden = false;
    } else if (draft) removeDraft(path);
    $("art-h").focus();
  }

  // Puts a GET /api/article answer into the form and remembers it as the opened state.
  function setArticle(a) {
    S.art = { path: a.path, digest: a.digest, kind: a.kind, url: a.url, present: a.present || [], other: a.other || [], bodyLine: a.body_line };
    const f = a.fields || {};
    const sec = S.articles.find((x) => x.path === a.path);
    const secDir = a.path.split("/").slice(1, -1).join("/");
    const secName = (sec && sec.section_name) || ((S.site.sections || []).find((s) => s.dir === secDir) || {}).name || secDir;
    F.section.value = secName || t("ui-section-root");
    buildOtherFields(S.art.other);
    fillForm({
      title: f.title || "", author: f.author || "", summary: f.summary || "", image: f.image || "",
      image_caption: f.image_caption || "", tags: f.tags || [], draft: !!f.draft,
      date: f.date ? f.date.slice(0, 16) : null, expires: f.expires ? f.expires.slice(0, 16) : null,
      other: Object.fromEntries(S.art.other.filter((o) => o.editable).map((o) => [o.key, typeof o.value === "boolean" ? o.value : o.value == null ? "" : String(o.value)])),
      body: a.body || "",
    });
    S.art.opened = values();
    // The server could not read the front matter (it says readable: false): the fields are
    // empty, so they are locked rather than written back empty; the body stays editable.
    const locked = a.readable === false;
    for (const el of $("art-form").querySelectorAll("input, textarea, select, button")) {
      el.disabled = locked;
    }
    $("unreadable").hidden = !locked;
    $("art-path").textContent = a.path;
    showTranslations(a.translations);
    $("draft-banner").hidden = true;
    $("save-status").textContent = "";
    $("save-error").textContent = "";
    $("upload-status").textContent = "";
    $("upload-error").textContent = "";
    showProblems(a.problems || []);
    setPreviewUrl(a.url);
    updateTitle();
  }

  // The article in the site's other editions (languages: of site.yaml): open it, or make a
  // copy of this one to translate, as a draft.
  function showTranslations(list) {
    const box = $("art-translations");
    box.replaceChildren();
    box.hidden = !list || !list.length;
    if (box.hidden) return;
    box.append(h("span", { text: t("ui-translations") }));
    for (const tr of list) {
      box.append(" ", tr.exists
        ? h("a", { href: articleHash(tr.path), hreflang: tr.language, text: t("ui-translation-open", { name: tr.name }) })
        : h("button", { type: "button", class: "btn small", text: t("ui-translation-create", { name: tr.name }),
          onclick: () => createTranslation(tr) }));
    }
  }

  async function createTranslation(tr) {
    clearAlert();
    let r;
    try { r = await api("POST", "/api/translate", { path: S.art.path, language: tr.language }); } catch (e) { report(e); return; }
    if (!r.ok) { showAlert(errorText(r)); return; }
    S.notice = t("ui-translation-created", { path: r.data.path });
    location.hash = articleHash(r.data.path);
  }

  // Front matter keys bantin does not know: a text input each when the server can write
  // them back (a plain scalar), read-only otherwise.
  // Keys bantin knows that the form has no field of its own for, by their Vietnamese names.
  const KEY_LABELS = {
    pinned: () => t("ui-key-pinned"),
    weight: () => t("ui-key-weight"),
    slug: () => t("ui-key-slug"),
    description: () => t("ui-key-description"),
    updated: () => t("ui-key-updated"),
    noindex: () => t("ui-key-noindex"),
    aliases: () => t("ui-key-aliases"),
    template: () => t("ui-key-template"),
  };

  function buildOtherFields(other) {
    const box = $("other-fields");
    box.replaceChildren();
    if (!other.length) return;
    box.append(h("h3", { class: "sub-h", text: t("ui-other-fields") }));
    for (const o of other) {
      const id = nextId("f-other");
      let inp;
      if (o.editable && typeof o.value === "boolean") {
        inp = h("input", { id, type: "checkbox", checked: o.value });
      } else {
        inp = h("input", { id, type: "text", autocomplete: "off", readOnly: !o.editable });
        inp.value = o.value == null ? "" : typeof o.value === "string" ? o.value : JSON.stringify(o.value);
      }
      inp.dataset.key = o.key;
      inp.dataset.editable = o.editable ? "1" : "0";
      const label = Object.prototype.hasOwnProperty.call(KEY_LABELS, o.key) ? KEY_LABELS[o.key]() : o.key;
      const f = field("other:" + o.key, label, inp, o.editable ? null : { hint: t("ui-other-readonly"), hintId: id + "-hint" });
      if (inp.type === "checkbox") { f.classList.add("check"); f.prepend(inp); }
      box.append(f);
    }
  }

  function updateTitle() {
    const title = F.title.value.trim() || t("ui-untitled");
    $("art-h").textContent = title;
    document.title = t("ui-window-title-article", { title });
    $("preview-frame").title = t("ui-preview-frame", { title });
  }

  // Every change: remember it in localStorage (survives a closed tab or a stopped server),
  // show that it is unsaved, and ask for a preview a moment later.
  function onChange(e) {
    if (!S.art || !S.art.opened) return;
    updateTitle();
    const dirty = isDirty();
    if (dirty) writeDraft(); else removeDraft(S.art.path);
    $("save-status").textContent = dirty ? t("ui-unsaved") : "";
    $("save-btn").classList.toggle("dirty", dirty);
    if (e && e.isComposing) return; // compositionend schedules it
    schedulePreview();
  }

  // ---------------------------------------------------------------- dates
  function validateDate(key) {
    const p = parseDate(F[key].value, F[key + "Time"].value);
    const msg = F[key + "Msg"].querySelector(".local-msg");
    msg.textContent = p.error || "";
    msg.classList.toggle("is-error", !!p.error);
    const timeBad = !!p.error && p.error === t("ui-time-format");
    if (p.error && !timeBad) F[key].setAttribute("aria-invalid", "true"); else F[key].removeAttribute("aria-invalid");
    if (timeBad) F[key + "Time"].setAttribute("aria-invalid", "true"); else F[key + "Time"].removeAttribute("aria-invalid");
  }

  // On leaving the field, "6/4/2023" becomes "06/04/2023"; a time is given when missing.
  function normalizeDate(key) {
    const p = parseDate(F[key].value, F[key + "Time"].value);
    if (!p.iso) return;
    const s = splitIso(p.iso);
    F[key].value = s.date;
    F[key + "Time"].value = s.time;
  }

  // ---------------------------------------------------------------- localStorage drafts
  const draftKey = (path) => DRAFT_PREFIX + path;

  function writeDraft() {
    try {
      localStorage.setItem(draftKey(S.art.path), JSON.stringify({
        v: 1, path: S.art.path, digest: S.art.digest, time: Date.now(), values: values(),
      }));
    } catch (_) { /* storage full or disabled: the page still works */ }
  }

  function readDraft(path) {
    try {
      const d = JSON.parse(localStorage.getItem(draftKey(path)) || "null");
      return d && d.values && d.digest ? d : null;
    } catch (_) { return null; }
  }

  function removeDraft(path) {
    try { localStorage.removeItem(draftKey(path)); } catch (_) { /* nothing to do */ }
  }

  // A save in one tab is told to the others (the storage event reaches every other tab of
  // this origin): one that has the same article open at an older version says so at once,
  // rather than at its own save.
  const SAVED_PREFIX = "bantin-soan-bai-saved:";
  function announceSave(path, digest) {
    try { localStorage.setItem(SAVED_PREFIX + path, JSON.stringify({ digest, at: Date.now() })); } catch (_) { /* no storage */ }
  }
  window.addEventListener("storage", (e) => {
    if (!S.art || e.key !== SAVED_PREFIX + S.art.path || !e.newValue) return;
    let saved = {};
    try { saved = JSON.parse(e.newValue); } catch (_) { return; }
    if (saved.digest && saved.digest !== S.art.digest) showAlert(t("ui-saved-in-other-tab"));
  });

  // Puts the unsaved text back. The digest it was written against is sent at save, so a
  // file changed on disk meanwhile gives the conflict dialog, not a silent overwrite.
  function restoreDraft() {
    const d = readDraft(S.art.path);
    $("draft-banner").hidden = true;
    if (!d) return;
    fillForm(d.values);
    S.art.digest = d.digest;
    onChange();
    F.title.focus();
  }

  function dropDraft() {
    removeDraft(S.art.path);
    $("draft-banner").hidden = true;
    F.title.focus();
  }

  // ---------------------------------------------------------------- preview
  function schedulePreview() {
    clearTimeout(S.preview.timer);
    S.preview.timer = setTimeout(runPreview, 300);
  }

  // Never more than one request in flight; changes made meanwhile are sent once after it.
  async function runPreview() {
    if (!S.art) return;
    if (S.preview.busy) { S.preview.again = true; return; }
    S.preview.busy = true;
    const path = S.art.path;
    const { edits, body } = computeEdits();
    try {
      const r = await api("POST", "/api/preview", { path, digest: S.art.digest, edits, body });
      if (S.art && S.art.path === path) {
        if (r.ok) {
          clearAlert();
          showProblems(r.data.problems || []);
          if (r.data.url !== undefined) setPreviewUrl(r.data.url);
          $("preview-status").textContent = typeof r.data.ms === "number" ? t("ui-preview-built", { ms: r.data.ms }) : "";
        } else {
          $("preview-status").textContent = errorText(r);
        }
      }
    } catch (e) {
      report(e);
    } finally {
      S.preview.busy = false;
      if (S.preview.again) { S.preview.again = false; runPreview(); }
    }
  }

  // The preview page reloads itself (live reload): the iframe is touched only when the
  // article's address changes.
  function setPreviewUrl(url) {
    const frame = $("preview-frame");
    const none = $("preview-none");
    const open = $("preview-open");
    if (!url || !S.site.preview) {
      none.hidden = false; frame.hidden = true; open.hidden = true;
      S.previewSrc = null;
      return;
    }
    const src = S.site.preview.replace(/\/+$/, "") + "/" + url.replace(/^\/+/, "");
    none.hidden = true; frame.hidden = false; open.hidden = false;
    open.href = src;
    if (S.previewSrc !== src) { S.previewSrc = src; setFrame(src); }
  }

  // A new frame for each address: changing a frame's src adds an entry to the tab's history,
  // and Back would step through the previews before it left the article.
  function setFrame(src) {
    const old = $("preview-frame");
    const fresh = old.cloneNode(false);
    fresh.setAttribute("src", src);
    old.replaceWith(fresh);
  }

  // Problems go next to their field; the rest above the body with their line number.
  function showProblems(problems) {
    for (const msg of document.querySelectorAll("#art-form .server-msg")) msg.replaceChildren();
    for (const inp of document.querySelectorAll("#art-form [data-server-invalid]")) {
      inp.removeAttribute("data-server-invalid");
      if (!inp.closest(".field").querySelector(".local-msg").textContent) inp.removeAttribute("aria-invalid");
    }
    const list = [];
    for (const p of problems) {
      const key = p.field && (F[p.field + "Msg"] ? p.field : F["other:" + p.field + "Msg"] ? "other:" + p.field : null);
      if (!key) { list.push(p); continue; }
      const msg = F[key + "Msg"].querySelector(".server-msg");
      msg.append(h("span", { class: "problem", text: p.text + (p.hint ? " " + t("ui-hint", { hint: p.hint }) : "") }));
      const inp = F[key + "Msg"].closest(".field").querySelector("input, textarea");
      if (inp) { inp.setAttribute("aria-invalid", "true"); inp.setAttribute("data-server-invalid", ""); }
    }
    const box = $("body-problems");
    box.replaceChildren();
    if (!list.length) return;
    box.append(h("p", { class: "problems-h", text: t("ui-problems-count", { count: list.length }) }));
    box.append(h("ul", null, list.map((p) => h("li", null,
      p.line ? h("button", { type: "button", class: "linkish", "data-line": String(p.line),
        text: t("ui-problem-line", { line: p.line }) }) : null,
      h("span", { text: " " + p.text }),
      p.hint ? h("span", { class: "hint-inline", text: " " + t("ui-hint", { hint: p.hint }) }) : null))));
  }

  // Line numbers of problems count the file's lines; the body starts at `body_line` (after a
  // save, the front matter of the saved text is counted again).
  function goToLine(line) {
    const ta = F.body;
    const lines = ta.value.split("\n");
    const fmLines = S.art.fmLines || (S.art.bodyLine ? S.art.bodyLine - 1 : S.art.present.length + 2);
    const n = Math.max(1, Math.min(lines.length, line - fmLines));
    const start = lines.slice(0, n - 1).reduce((s, l) => s + l.length + 1, 0);
    ta.focus();
    ta.setSelectionRange(start, start + lines[n - 1].length);
  }

  // How many lines the front matter of a whole file's text takes, delimiters included.
  function frontMatterLines(text) {
    const lines = text.replace(/^\uFEFF/, "").split("\n");
    if (!/^(---|\+\+\+)\s*$/.test(lines[0])) return 0;
    const end = lines.findIndex((l, i) => i > 0 && /^(---|\+\+\+)\s*$/.test(l));
    return end < 0 ? 0 : end + 1;
  }

  // ---------------------------------------------------------------- save
  async function save(digestOverride) {
    if (!S.art || S.saving) return;
    commitPendingTag();
    $("save-error").textContent = "";
    if (hasInvalidDates()) { $("save-error").textContent = t("ui-fix-fields-first"); return; }
    // A page without a title cannot be published: say so here, not after the build fails.
    if (!F.title.value.trim() && $("unreadable").hidden) {
      $("save-error").textContent = t("ui-required", { label: t("ui-field-title") });
      F.title.focus();
      return;
    }
    const { edits, body, cur } = computeEdits();
    if (!edits.length && body === null && !digestOverride) {
      $("save-status").textContent = t("ui-nothing-to-save");
      return;
    }
    S.saving = true;
    $("save-btn").disabled = true;
    $("save-status").textContent = t("ui-saving");
    try {
      const r = await api("POST", "/api/save", {
        path: S.art.path, digest: digestOverride || S.art.digest, edits, body, force: false,
      });
      if (r.status === 200) {
        S.art.digest = r.data.digest;
        if (typeof r.data.saved === "string") S.art.fmLines = frontMatterLines(r.data.saved);
        for (const e of edits) {
          if (e.remove) S.art.present = S.art.present.filter((k) => k !== e.key);
          else if (!S.art.present.includes(e.key)) S.art.present.push(e.key);
        }
        S.art.opened = cur;
        removeDraft(S.art.path);
        announceSave(S.art.path, S.art.digest);
        $("save-btn").classList.remove("dirty");
        $("save-status").textContent = t("ui-saved-at", { time: clock(new Date()) }) +
          (r.data.history ? " " + r.data.history : ""); // the server's sentence
        if (isDirty()) onChange(); // typed during the save
      } else if (r.status === 409 && r.data.conflict) {
        $("save-status").textContent = "";
        conflictDialog(r.data.conflict);
      } else {
        $("save-status").textContent = "";
        $("save-error").textContent = errorText(r);
      }
    } catch (e) {
      $("save-status").textContent = "";
      $("save-error").textContent = e instanceof NetError ? e.message : t("ui-error-unexpected");
    } finally {
      S.saving = false;
      $("save-btn").disabled = false;
    }
  }

  // The file changed on disk since it was opened: both texts side by side, the editor picks.
  function conflictDialog(c) {
    const dlg = makeDialog(t("ui-conflict-heading"), "wide");
    const disk = h("textarea", { id: "conflict-disk", readOnly: true, rows: 18 });
    const mine = h("textarea", { id: "conflict-mine", readOnly: true, rows: 18 });
    disk.value = c.disk || "";
    mine.value = c.mine || "";
    const keep = h("button", { type: "button", class: "btn primary", text: t("ui-conflict-keep-mine"),
      onclick: () => { dlg.close(); save(c.digest); } });
    const useDisk = h("button", { type: "button", class: "btn", text: t("ui-conflict-use-disk"),
      onclick: async () => {
        if (!confirm(t("ui-conflict-use-disk-confirm"))) return;
        dlg.close();
        removeDraft(S.art.path);
        await discardPreview();
        openArticle(S.art.path);
      } });
    dlg.append(
      h("p", { text: t("ui-conflict-text") }),
      h("div", { class: "side" },
        h("div", { class: "field" }, h("label", { for: "conflict-disk", text: t("ui-conflict-disk") }), disk),
        h("div", { class: "field" }, h("label", { for: "conflict-mine", text: t("ui-conflict-mine") }), mine)),
      h("div", { class: "dialog-actions" }, keep, useDisk,
        h("button", { type: "button", class: "btn", text: t("ui-cancel"), onclick: () => dlg.close() })));
    dlg.showModal();
    keep.focus();
  }

  async function discardPreview() {
    if (!S.art) return;
    try { await api("POST", "/api/discard", { path: S.art.path }); } catch (_) { /* preview only */ }
  }

  // ---------------------------------------------------------------- history
  async function historyDialog() {
    const dlg = makeDialog(t("ui-history-heading"));
    const status = h("p", { role: "status", text: t("ui-loading") });
    const list = h("ul", { class: "versions" });
    dlg.append(status, list, h("div", { class: "dialog-actions" },
      h("button", { type: "button", class: "btn", text: t("ui-close"), onclick: () => dlg.close() })));
    dlg.showModal();
    const hist = S.site.history || {};
    const where = hist.kind === "git" ? t("ui-history-in-git") : t("ui-history-in-folder", { where: hist.where || "" });
    try {
      const r = await api("GET", "/api/history?path=" + encodeURIComponent(S.art.path));
      if (!r.ok) { status.textContent = errorText(r); return; }
      const versions = r.data.versions || [];
      status.textContent = (versions.length ? t("ui-history-count", { count: versions.length }) : t("ui-history-none")) + " " + where;
      for (const v of versions) {
        const when = showIso(v.when);
        list.append(h("li", null, h("span", { text: when }),
          h("button", { type: "button", class: "btn small", "data-id": v.id, "data-when": when,
            text: t("ui-history-restore"), "aria-label": t("ui-history-restore-at", { time: when }) })));
      }
    } catch (e) { status.textContent = e.message || t("ui-error-unexpected"); }
    list.addEventListener("click", async (e) => {
      const b = e.target.closest("button[data-id]");
      if (!b) return;
      if (!confirm(t("ui-history-confirm", { time: b.dataset.when }))) return;
      try {
        const r = await api("POST", "/api/restore", { path: S.art.path, id: b.dataset.id, digest: S.art.digest });
        if (r.status === 409) { status.textContent = t("ui-history-changed"); return; }
        if (!r.ok) { status.textContent = errorText(r); return; }
        dlg.close();
        removeDraft(S.art.path);
        await openArticle(S.art.path);
        $("save-status").textContent = t("ui-history-restored", { time: b.dataset.when });
      } catch (ex) { status.textContent = ex.message || t("ui-error-unexpected"); }
    });
  }

  // ---------------------------------------------------------------- body editing
  // Replaces [s, e) of the body with text. execCommand keeps the browser's undo (Ctrl+Z);
  // where it does nothing, setRangeText plus an input event does the same without undo.
  function replaceRange(s, e, text, selS, selE) {
    const ta = F.body;
    ta.focus();
    ta.setSelectionRange(s, e);
    let done = false;
    try { done = document.execCommand("insertText", false, text); } catch (_) { done = false; }
    if (!done || ta.value.slice(s, s + text.length) !== text) {
      ta.setRangeText(text, s, e, "end");
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    }
    if (selS != null) ta.setSelectionRange(selS, selE == null ? selS : selE);
  }

  function wrapSelection(mark) {
    const ta = F.body;
    let s = ta.selectionStart, e = ta.selectionEnd;
    // A double-click selects the space after a word: keep it outside the marks.
    while (e > s && /\s/.test(ta.value[e - 1])) e--;
    while (s < e && /\s/.test(ta.value[s])) s++;
    const sel = ta.value.slice(s, e);
    const n = mark.length;
    if (sel.length >= 2 * n && sel.startsWith(mark) && sel.endsWith(mark)) {
      replaceRange(s, e, sel.slice(n, -n), s, e - 2 * n);
    } else {
      replaceRange(s, e, mark + sel + mark, s + n, s + n + sel.length);
    }
  }

  // Applies fn to every line the selection touches (headings, lists).
  function prefixLines(fn) {
    const ta = F.body;
    const v = ta.value;
    const s = ta.selectionStart;
    let e = ta.selectionEnd;
    if (e > s && v[e - 1] === "\n") e--;
    const ls = v.lastIndexOf("\n", s - 1) + 1;
    let le = v.indexOf("\n", e);
    if (le < 0) le = v.length;
    const out = v.slice(ls, le).split("\n").map((l, i) => fn(l, i)).join("\n");
    // The caret after the new text, nothing selected: what is typed next goes on the line
    // (a selected line would be replaced by the first letter typed).
    replaceRange(ls, le, out, ls + out.length);
  }

  // The selection when a toolbar dialog opens: the insert goes there, whatever focus and
  // input methods did to the textarea's selection meanwhile.
  const selection = () => ({ s: F.body.selectionStart, e: F.body.selectionEnd });

  // Inserts a block (shortcode, photo) on lines of its own, a blank line around it.
  function insertBlock(text, caretInside, range) {
    const ta = F.body;
    const r = range || selection();
    const s = Math.min(r.s, ta.value.length), e = Math.min(r.e, ta.value.length);
    const before = ta.value.slice(0, s), after = ta.value.slice(e);
    const pre = before === "" || before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    const post = after === "" ? "\n" : after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    const full = pre + text + post;
    const caret = s + pre.length + (caretInside == null ? text.length : caretInside);
    replaceRange(s, e, full, caret);
  }

  async function insertYoutube() {
    const range = selection();
    const v = await ask(t("ui-youtube-heading"), [
      { name: "url", label: t("ui-youtube-url"), required: true, hint: t("ui-youtube-hint"), type: "url" },
    ]);
    if (!v) return;
    insertBlock(`{{< youtube "${param(v.url)}" >}}`, null, range);
  }

  async function insertPdf() {
    const range = selection();
    const v = await ask(t("ui-pdf-heading"), [
      { name: "src", label: t("ui-pdf-file"), required: true, hint: t("ui-pdf-file-hint"),
        extra: (input, msg) => {
          const pick = h("input", { type: "file", accept: "application/pdf,.pdf", hidden: true, tabindex: "-1", "aria-hidden": "true" });
          pick.addEventListener("change", async () => {
            const file = pick.files[0];
            pick.value = "";
            if (!file) return;
            const data = await upload(file, (st) => setMsg(msg, st));
            if (data) input.value = data.file;
          });
          return h("div", { class: "with-btn" },
            h("button", { type: "button", class: "btn small", text: t("ui-pdf-upload"), onclick: () => pick.click() }), pick);
        } },
      { name: "title", label: t("ui-pdf-title"), required: true },
    ]);
    if (!v) return;
    insertBlock(`{{< tai-lieu src="${param(v.src)}" title="${param(v.title)}" >}}`, null, range);
  }

  // Album and note boxes wrap the selected text; the cursor lands inside the box.
  async function insertBox(name, heading) {
    const ta = F.body;
    const range = selection();
    const sel = ta.value.slice(range.s, range.e).replace(/^\n+|\n+$/g, "");
    const v = await ask(heading, [{ name: "title", label: t("ui-box-title"), required: name === "luu-y" }]);
    if (!v) return;
    const open = v.title ? `{{< ${name} title="${param(v.title)}" >}}` : `{{< ${name} >}}`;
    insertBlock(`${open}\n${sel}\n{{< /${name} >}}`, open.length + 1 + sel.length, range);
  }

  // A link to another article: pick it by title (searched without tone marks).
  function linkDialog() {
    const ta = F.body;
    const selS = ta.selectionStart, selE = ta.selectionEnd;
    const selected = ta.value.slice(selS, selE);
    const dlg = makeDialog(t("ui-link-heading"));
    const q = h("input", { id: "link-q", type: "search", autocomplete: "off" });
    const list = h("ul", { class: "pick-list", id: "link-results" });
    const count = h("p", { role: "status", class: "hint" });
    const render = () => {
      const words = fold(q.value).trim().split(/\s+/).filter(Boolean);
      const found = [];
      for (const a of S.articles) {
        if (a.path === S.art.path) continue;
        if (words.every((w) => a._f.includes(w))) found.push(a);
        if (found.length >= 50) break;
      }
      list.replaceChildren(...found.map((a) => h("li", null,
        h("button", { type: "button", class: "pick", "data-path": a.path },
          h("span", { class: "pick-title", text: a.title || a.path }),
          h("span", { class: "pick-meta", text: `${a.section_name || ""} · ${a.path}` })))));
      count.textContent = found.length ? t("ui-link-found", { count: found.length }) : t("ui-link-none");
    };
    q.addEventListener("input", render);
    // Enter in the search box or ArrowDown moves to the first result.
    q.addEventListener("keydown", (e) => {
      if (e.isComposing || e.keyCode === 229) return;
      const first = list.querySelector("button");
      if (first && (e.key === "ArrowDown" || e.key === "Enter")) { e.preventDefault(); first.focus(); }
    });
    list.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-path]");
      if (!b) return;
      const a = S.articles.find((x) => x.path === b.dataset.path);
      dlg.close();
      const text = escLinkText(selected || a.title || a.path);
      const link = `[${text}](${relPath(S.art.path, a.path)})`;
      replaceRange(selS, selE, link, selS + link.length);
    });
    dlg.append(
      h("div", { class: "field" }, h("label", { for: "link-q", text: t("ui-link-search") }), q),
      count, list,
      h("div", { class: "dialog-actions" }, h("button", { type: "button", class: "btn", text: t("ui-cancel"), onclick: () => dlg.close() })));
    dlg.showModal();
    render();
    q.focus();
  }

  // Photos: upload each, then ask for its description (required) and caption.
  async function insertImages(files) {
    const st = $("upload-status"), er = $("upload-error");
    for (const file of files) {
      er.textContent = "";
      if (file.type && !file.type.startsWith("image/")) {
        er.textContent = t("ui-not-image", { name: file.name });
        continue;
      }
      const data = await upload(file, (s) => {
        if (s.error) { er.textContent = s.error; st.textContent = ""; } else st.textContent = s.text;
      });
      if (!data) continue;
      const range = selection();
      const v = await ask(t("ui-image-heading", { file: data.file }), [
        { name: "alt", label: t("ui-image-alt"), required: true, hint: t("ui-image-alt-hint") },
        { name: "caption", label: t("ui-image-caption") },
      ]);
      st.textContent = "";
      if (!v) {
        // Not inserted after all: the file goes again, so no photo nobody uses is published.
        let removed = false;
        try {
          const r = await api("POST", "/api/unused-upload", { path: S.art.path, file: data.file });
          removed = r.ok && r.data.removed === true;
        } catch (_) { removed = false; }
        st.textContent = removed ? t("ui-image-removed", { file: data.file }) : t("ui-image-not-inserted", { file: data.file });
        continue;
      }
      const md = `![${escLinkText(v.alt)}](${dest(data.file)})` + (v.caption ? `\n*(${v.caption})*` : "");
      insertBlock(md, null, range);
      // The article's first photo is its lead photo (on the home page, on Facebook and Zalo)
      // until the editor chooses another.
      if (!F.image.value.trim()) {
        F.image.value = data.file;
        if (v.caption && !F.image_caption.value.trim()) F.image_caption.value = v.caption;
        onChange();
      }
    }
  }

  function setMsg(el, s) {
    el.textContent = s.error || s.text || "";
    el.classList.toggle("is-error", !!s.error);
    if (s.error) el.setAttribute("role", "alert"); else el.removeAttribute("role");
  }

  // ---------------------------------------------------------------- publish
  function buildDeploy() {
    const targets = (S.site && S.site.deploy) || [];
    const box = $("deploy-box");
    if (!targets.length) return;
    box.hidden = false;
    const btn = h("button", { type: "button", class: "btn primary", id: "deploy-btn", text: targets.length === 1 ? t("ui-deploy-to", { target: targets[0].name }) : t("ui-deploy") });
    let sel = null;
    if (targets.length > 1) {
      sel = h("select", { id: "deploy-target" }, targets.map((d) => h("option", { value: d.name, text: `${d.name} (${d.shown})` })));
      box.append(h("label", { for: "deploy-target", text: t("ui-deploy-target") }), sel);
    } else {
      btn.title = targets[0].shown;
    }
    const prog = h("progress", { id: "deploy-progress", hidden: true, "aria-label": t("ui-deploy-progress-label") });
    const status = h("p", { id: "deploy-status", class: "deploy-status", role: "status" });
    box.append(btn, prog, status);
    // A deploy started before this page was (re)loaded is followed too.
    api("GET", "/api/deploy").then((r) => {
      if (r.ok && r.data.running) { btn.disabled = true; prog.hidden = false; pollDeploy(btn, prog, status); }
    }).catch(() => {});
    btn.addEventListener("click", async () => {
      const target = sel ? sel.value : targets[0].name;
      const note = isDirty() ? "\n" + t("ui-deploy-unsaved") : "";
      if (!confirm(t("ui-deploy-confirm", { target }) + note)) return;
      btn.disabled = true;
      status.textContent = t("ui-deploy-starting");
      status.className = "deploy-status";
      try {
        const r = await api("POST", "/api/deploy", { target });
        if (!r.ok) { status.textContent = errorText(r); btn.disabled = false; return; }
        prog.hidden = false;
        prog.removeAttribute("value");
        pollDeploy(btn, prog, status);
      } catch (e) { status.textContent = e.message || t("ui-error-unexpected"); btn.disabled = false; }
    });
  }

  function pollDeploy(btn, prog, status) {
    let busy = false;
    const timer = setInterval(async () => {
      if (busy) return;
      busy = true;
      try {
        const r = await api("GET", "/api/deploy");
        const d = r.data || {};
        if (d.total) { prog.max = d.total; prog.value = d.done || 0; }
        if (d.running || !d.result) {
          status.textContent = d.total ? t("ui-deploy-progress", { done: d.done || 0, total: d.total }) : t("ui-deploy-preparing");
        } else {
          clearInterval(timer);
          prog.hidden = true;
          btn.disabled = false;
          status.textContent = d.result.text || (d.result.ok ? t("ui-deploy-done") : t("ui-deploy-failed"));
          status.className = "deploy-status " + (d.result.ok ? "ok" : "bad");
        }
      } catch (e) {
        clearInterval(timer);
        btn.disabled = false;
        prog.hidden = true;
        status.textContent = e.message || t("ui-error-unexpected");
      } finally { busy = false; }
    }, 500);
  }

  // ---------------------------------------------------------------- routing
  function showView(which) {
    $("view-list").hidden = which !== "list";
    $("view-article").hidden = which !== "article";
    if (which === "list") document.title = t("ui-window-title");
  }

  async function showList() {
    S.art = null;
    clearTimeout(S.preview.timer);
    setFrame("about:blank");
    S.previewSrc = null;
    showView("list");
    await loadList();
  }

  // Leaving an article with unsaved changes asks first; the changes stay in localStorage
  // either way, so the next opening offers them back.
  function onHashChange() {
    if (S.ignoreHash) { S.ignoreHash = false; return; }
    const target = location.hash;
    if (S.art && isDirty() && target !== articleHash(S.art.path)) {
      if (!confirm(t("ui-leave-confirm"))) {
        history.pushState(null, "", articleHash(S.art.path));
        return;
      }
      discardPreview();
    }
    route();
  }

  function route() {
    const m = /^#\/bai\/(.+)$/.exec(location.hash);
    if (m) {
      let path;
      try { path = decodeURIComponent(m[1]); } catch (_) { path = ""; }
      if (path) { openArticle(path); return; }
    }
    showList().then(() => {
      const s = $("list-search");
      if (s && document.activeElement === document.body) s.focus();
    });
  }

  function onKeydown(e) {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === "s" || e.key === "S")) {
      if (S.art && !$("view-article").hidden) { e.preventDefault(); save(); }
    }
  }

  function fillTerms() {
    const terms = S.site.terms || {};
    S.tagTerms = new Map((terms.tags || []).map((x) => [toneKey(x), x]));
    S.authorTerms = new Map((terms.author || []).map((x) => [toneKey(x), x]));
    $("dl-tags").replaceChildren(...(terms.tags || []).map((x) => h("option", { value: x })));
    $("dl-author").replaceChildren(...(terms.author || []).map((x) => h("option", { value: x })));
  }

  async function start() {
    document.title = t("ui-window-title");
    buildHeader();
    buildList();
    buildArticle();
    try {
      const r = await api("GET", "/api/site");
      if (!r.ok) { showAlert(errorText(r)); return; }
      S.site = r.data;
    } catch (e) { report(e); return; }
    fillTerms();
    buildDeploy();
    window.addEventListener("hashchange", onHashChange);
    document.addEventListener("keydown", onKeydown);
    window.addEventListener("beforeunload", (e) => {
      if (S.art && isDirty() && !newRun) { e.preventDefault(); e.returnValue = ""; }
    });
    if (/^#\/bai\//.test(location.hash)) await loadList(); // titles for links, section names
    route();
  }

  // The one name this file adds to window: for tests and for a curious editor's console.
  window.SoanBai = Object.freeze({ t, fold, toneKey, relPath, parseDate, showIso, state: S });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
