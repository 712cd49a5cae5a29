/* Search: the header's box (hooks/search_box.py) against the Pagefind index
 * of the concept pages (hooks/search_index.py). Nothing is fetched until the
 * reader opens the box; then Pagefind's script loads, and each query fetches
 * only the index chunks it needs. Results: the concept's name, its Chinese
 * term and a snippet with the matched words marked; a name that is the query
 * (or starts with it) comes first. Keys: / or s opens, arrows move, Enter
 * follows, Esc closes. The deck and tag lists narrow the results (with no
 * words, they list the deck's or tag's concepts). /?q=…&deck=…&tag=… opens
 * with that query and those filters. Listeners live on the
 * document, so the box keeps working across Material's instant navigation. */
(function () {
  "use strict";
  if (window.cardsiteSearch) return;
  var script = document.currentScript;
  var root = new URL("../", script ? script.src : location.href);  // this file is assets/search.js
  // where the site's parts are: written into every page by the build (hooks/site_layout.py)
  var layout = JSON.parse((document.getElementById("cardsite-layout") || {}).textContent || "{}");
  var SHOWN = 10;
  var pagefind = null, ready = false, latest = 0, filters = null, wanted = {};

  function toggle() { return document.getElementById("__search"); }
  function input() { return document.querySelector(".cardsite-search .md-search__input"); }
  function list() { return document.querySelector(".cardsite-search .md-search-result__list"); }
  function meta() { return document.querySelector(".cardsite-search .md-search-result__meta"); }
  function filterBox() { return document.querySelector(".cardsite-search .cardsite-search__filters"); }
  /* The deck or tag chosen; before the lists have come, the one a shared link asked for. */
  function choice(name) {
    var box = filterBox();
    if (!box || !box.dataset.filled) return wanted[name] || "";
    return box.querySelector("select[name=" + name + "]").value;
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL(layout.search, root).href).then(function (pf) {
        // Names weigh through the index: page length and repeated words should not outweigh them.
        // In the page, not in Pagefind's worker: starting the worker cost a cold query 60–90 ms,
        // and a query's search itself takes a few milliseconds.
        return pf.options({ ranking: { pageLength: 0, termFrequency: 0.3 }, noWorker: true }).then(function () { return pf.init(); })
          .then(function () { ready = true; return pf; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  /* The deck and tag lists with their counts: a small file written with the
   * index (cardsite/site/search_index.py), read as the box opens. Pagefind's own
   * filter lists would be unpacked on the processor the first query needs. */
  function loadFilters() {
    if (filters) return;
    filters = {};
    fetch(new URL(layout.searchLists, root)).then(function (r) { return r.json(); })
      .then(function (all) { filters = all || {}; fill(); }, function () { filters = null; });
  }

  /* The lists into the box's two selects, once per page load (instant
   * navigation keeps the header). */
  function fill() {
    var box = filterBox();
    if (!box || !filters || box.dataset.filled) return;
    ["deck", "tag"].forEach(function (name) {
      var select = box.querySelector("select[name=" + name + "]");
      Object.keys(filters[name] || {}).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (value) {
        var option = document.createElement("option");
        option.value = value;
        option.textContent = value + " (" + filters[name][value] + ")";
        select.appendChild(option);
      });
      if (wanted[name]) select.value = wanted[name];
    });
    box.dataset.filled = "1";
    box.hidden = false;
  }

  function open(query) {
    var box = toggle(), field = input();
    if (!box || !field) return;
    box.checked = true;
    if (typeof query === "string") field.value = query;
    field.focus();
    field.select();  // the last query stays, selected: typing replaces it, as in an address bar
    // focusing the field started loading (focusin below)
    if (field.value || wanted.deck || wanted.tag) load().then(function () { run(field.value); });
  }

  function close() {
    var box = toggle(), field = input();
    if (box) box.checked = false;
    if (field) { field.blur(); field.setAttribute("aria-expanded", "false"); }
  }

  /* A name equal to the query first; then a name with a part (between
   * spaces) that starts with it, the shorter that part the closer
   * ("随机梯度下降优化器 torch.optim.SGD" before "随机梯度下降与梯度下降");
   * then a name that holds it anywhere, shorter first (梯度下降 in
   * 全批量梯度下降); then Pagefind's order. */
  function closeness(data, query) {
    var q = query.trim().toLowerCase();
    var names = [data.meta.title || ""].concat((data.meta.aliases || "").split(" · "), [data.meta.zh || ""])
      .map(function (n) { return n.trim().toLowerCase(); }).filter(Boolean);
    var best = 2;
    names.forEach(function (n) {
      if (n === q) { best = 0; return; }
      var at = n.indexOf(q);
      if (at === 0 || (at > 0 && n.charAt(at - 1) === " ")) {
        var end = n.indexOf(" ", at + q.length);
        var part = (end < 0 ? n.length : end) - at;
        best = Math.min(best, 1 + part / 1000);
      } else if (at > 0) {
        best = Math.min(best, 1.5 + n.length / 1000);  // inside a name: Chinese names have no spaces
      }
    });
    return best;
  }

  function run(query) {
    var ticket = ++latest, only = {};
    ["deck", "tag"].forEach(function (name) { var v = choice(name); if (v) only[name] = v; });
    var filtered = Object.keys(only).length > 0;
    if (!query.trim() && !filtered) { render([], query, ticket); return; }
    // no words but a deck or tag: every concept in it (Pagefind's null search)
    // Typing is debounced (60 ms) once Pagefind is loaded; while it loads, the loading is the
    // wait, and only the latest query is searched when it is done.
    var loaded = ready;
    load().then(function (pf) {
      if (ticket !== latest) return null;
      var words = query.trim() ? query : null;
      return loaded ? pf.debouncedSearch(words, { filters: only }, 60) : pf.search(words, { filters: only });
    }).then(function (found) {
      if (!found || ticket !== latest) return;
      // Each result's names come with its fragment, one small file each: the first
      // SHOWN are shown, names first; when none of them is the query itself, the
      // next ones are read too, and a name among them moves up.
      function ranked(data, from) {
        return data.map(function (d, i) { return { data: d, rank: closeness(d, query), order: from + i }; });
      }
      function show(items) {
        items.sort(function (a, b) { return a.rank - b.rank || a.order - b.order; });
        render(items.slice(0, SHOWN).map(function (x) { return x.data; }), query, ticket, found.results.length);
        return items;
      }
      return Promise.all(found.results.slice(0, SHOWN).map(function (r) { return r.data(); })).then(function (data) {
        var first = show(ranked(data, 0));
        if (!query.trim() || first.some(function (x) { return x.rank === 0; }) || found.results.length <= SHOWN) return;
        return Promise.all(found.results.slice(SHOWN, SHOWN * 3).map(function (r) { return r.data(); })).then(function (more) {
          var extra = ranked(more, SHOWN);
          var worst = first.length >= SHOWN ? first[SHOWN - 1].rank : 2;
          if (ticket === latest && extra.some(function (x) { return x.rank < worst; })) show(first.concat(extra));
        });
      });
    }).catch(function () {
      if (ticket === latest) meta().textContent = "Search is not available offline until it has been used online";
    });
  }

  /* Pagefind's excerpt is HTML with <mark>; only its text and marks are kept. */
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var p = document.createElement("p");
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function render(items, query, ticket, total) {
    if (ticket !== latest) return;
    var ol = list(), field = input();
    var focused = links().indexOf(document.activeElement); // a reader moving through the results
    ol.replaceChildren();
    meta().textContent = !query.trim() && !total ? "Type to start searching" :
      !items.length ? "No matching concepts" :
      total === 1 ? "1 matching concept" : total + " matching concepts";
    items.forEach(function (d, i) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = new URL(d.url.replace(/^\//, ""), root).href;
      a.id = "cardsite-search-" + i;
      a.setAttribute("role", "option");
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var h = document.createElement("h1");
      h.textContent = d.meta.title || d.url;
      if (d.meta.zh) {
        var zh = document.createElement("span");
        zh.className = "cardsite-search__zh";
        zh.textContent = " · " + d.meta.zh;
        h.appendChild(zh);
      }
      article.append(h, excerpt(d.excerpt || ""));
      a.appendChild(article);
      li.appendChild(a);
      ol.appendChild(li);
    });
    field.setAttribute("aria-expanded", items.length ? "true" : "false");
    // results that arrive while a reader is on one keep the focus where it was, not on the page
    if (focused >= 0) { var now = links(); (now[Math.min(focused, now.length - 1)] || field).focus(); }
  }

  function links() { return Array.prototype.slice.call(list().querySelectorAll(".md-search-result__link")); }

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (e) {
    if (e.metaKey || e.ctrlKey || e.altKey || e.isComposing) return;
    var box = toggle(), field = input();
    if (!box || !field) return;
    var inside = e.target && e.target.closest && e.target.closest(".cardsite-search");
    if (!box.checked || !inside) {
      if ((e.key === "/" || e.key === "s" || e.key === "f") && !typing(e.target)) {
        e.preventDefault();
        open();
      }
      return;
    }
    if (e.target.tagName === "SELECT" && e.key !== "Escape") return;  // its own arrows choose a deck or tag
    var all = links(), at = all.indexOf(document.activeElement);
    if (e.key === "Escape") { e.preventDefault(); close(); }
    else if (e.key === "ArrowDown" && all.length) { e.preventDefault(); all[Math.min(at + 1, all.length - 1)].focus(); }
    else if (e.key === "ArrowUp") { e.preventDefault(); (at <= 0 ? field : all[at - 1]).focus(); }
    else if (e.key === "Enter" && document.activeElement === field) {
      e.preventDefault();
      if (all.length) all[0].click();
    }
  });

  document.addEventListener("input", function (e) {
    if (e.target === input()) run(e.target.value);
  });
  document.addEventListener("change", function (e) {
    if (e.target.closest && e.target.closest(".cardsite-search__filters")) run(input().value);
    // the header's magnifier (a label of the toggle; on a phone the only way in) opens the box
    if (e.target === toggle() && e.target.checked && document.activeElement !== input()) open();
  });
  document.addEventListener("focusin", function (e) {
    if (e.target === input()) { toggle().checked = true; load(); loadFilters(); }
  });
  document.addEventListener("reset", function (e) {
    if (e.target.closest && e.target.closest(".cardsite-search")) setTimeout(function () { run(""); input().focus(); }, 0);
  });
  document.addEventListener("submit", function (e) {
    if (e.target.closest && e.target.closest(".cardsite-search")) e.preventDefault();
  });
  // a result followed: the box closes (instant navigation keeps the header, and the box with it)
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest(".cardsite-search .md-search-result__link")) close();
  });

  var params = new URLSearchParams(location.search), shared = params.get("q");
  if (shared) {
    wanted = { deck: params.get("deck") || "", tag: params.get("tag") || "" };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { open(shared); });
    else open(shared);
  }

  window.cardsiteSearch = { open: open, close: close };
})();
