/* The flip-card quiz on /quiz/: scope and options from the URL, FSRS-6
 * scheduling (assets/fsrs.js), progress in localStorage under one versioned
 * key, export and import as JSON. Cards are shown exactly as the build
 * rendered them (quiz/cards/, chunks written by hooks/quiz.py). Re-initialises
 * on Material's instant navigation. */
(function () {
  "use strict";
  var KEY = "cardsite.quiz.v1";
  var FORMAT = "cardsite-quiz";
  var GRADES = [["Again", 1], ["Hard", 2], ["Good", 3], ["Easy", 4]];
  var SOON = 20 * 60 * 1000; // a card due again within this time comes back in the same session
  var scheduler = new FSRS.Scheduler();

  // Start at once (scripts run after the page's HTML), and again after each
  // instant navigation; init() ignores a page it has already set up.
  init();
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { init(); });
  else document.addEventListener("DOMContentLoaded", function () { init(); });

  /* `message`: a line to show once the quiz has started again (after an import). */
  function init(message) {
    var root = document.getElementById("quiz-app");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    var index = new URL(root.dataset.cards, location.href);
    var o = options();
    var session = start(root, JSON.parse(root.dataset.decks || "{}"), o, message);
    var load = function (c) { return getJSON(new URL(c.file, index)).then(function (d) { return d.cards || []; }); };
    // The page carries the chunk index and the first chunk (hooks/quiz.py): the
    // first card shows before anything is fetched. A deck's quiz reads that
    // deck's chunks only; other scopes read them all, handed over in order.
    var embedded = document.getElementById("quiz-data");
    var data = embedded && embedded.textContent.trim() ? JSON.parse(embedded.textContent) : null;
    var fail = function (e) { root.textContent = "Could not load the cards: " + e; };
    var begin = function (manifest) {
      var chunks = (manifest.chunks || []).filter(function (c) { return !o.deck || c.deck === o.deck; });
      if (!chunks.length) return session.complete();
      var first = data && data.first && data.first.file === chunks[0].file ? data.first.cards : null;
      if (first) session.add(first); // at once, while the page is still loading
      (first ? Promise.resolve() : load(chunks[0]).then(session.add)).then(function () {
        return Promise.all(chunks.slice(1).map(load));
      }).then(function (more) { more.forEach(function (cards) { session.add(cards); }); session.complete(); }).catch(fail);
    };
    if (data) begin(data.index); else getJSON(index).then(begin).catch(fail);
  }

  function getJSON(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status + " for " + url.pathname);
      return r.json();
    });
  }

  // ------------------------------------------------------------------------
  // Progress: one versioned key; anything unreadable is reported and dropped

  function loadProgress(notice) {
    var raw = null;
    try { raw = localStorage.getItem(KEY); } catch (e) { /* storage disabled */ }
    if (raw == null) return {};
    var checked = checkProgress(raw);
    if (checked.error) {
      notice("Saved progress was unreadable (" + checked.error + "); the quiz starts clean.");
      try { localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
      return {};
    }
    return checked.cards;
  }

  function checkProgress(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { error: "not JSON" }; }
    if (!data || typeof data !== "object" || data.format !== FORMAT) return { error: "not quiz progress" };
    if (data.version !== 1) return { error: "version " + data.version + " is not supported" };
    if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards)) return { error: "no cards" };
    var cards = {};
    for (var id in data.cards) {
      var c = data.cards[id];
      var ok = c && [1, 2, 3].indexOf(c.state) >= 0 && isFinite(c.due) &&
        (c.stability == null || (isFinite(c.stability) && c.stability > 0)) &&
        (c.difficulty == null || (isFinite(c.difficulty) && c.difficulty >= 1 && c.difficulty <= 10)) &&
        (c.lastReview == null || isFinite(c.lastReview));
      if (!ok) return { error: "card " + String(id).slice(0, 20) + " is not valid" };
      cards[id] = c;
    }
    return { cards: cards };
  }

  function saveProgress(progress) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ format: FORMAT, version: 1, cards: progress }));
    } catch (e) { /* full or disabled: the session still works */ }
  }

  // ------------------------------------------------------------------------
  // Scope and options, all in the URL

  function options() {
    var p = new URLSearchParams(location.search);
    return {
      // "search", not "q": Material's own search box answers to ?q=
      deck: p.get("deck"), tag: p.get("tag"), concept: p.get("concept"), q: p.get("search"),
      shuffle: p.get("shuffle") === "1", reverse: p.get("reverse") === "1",
      mode: ["zh-en", "en-zh"].indexOf(p.get("mode")) >= 0 ? p.get("mode") : "", notes: p.get("notes") === "1"
    };
  }

  function inScope(card, o) {
    if (o.deck && card.deck !== o.deck) return false;
    if (o.concept && card.concept !== o.concept) return false;
    if (o.tag && card.tags.indexOf(o.tag) < 0) return false;
    if (o.q) {
      var text = plain(card.front + " " + card.back + " " + card.title + " " + card.zh).toLowerCase();
      var words = o.q.toLowerCase().split(/\s+/).filter(Boolean);
      for (var i = 0; i < words.length; i++) if (text.indexOf(words[i]) < 0) return false;
    }
    return true;
  }

  /* The items to study: one per card (front → back, or back → front when
   * reversed), or one per concept in the Chinese/English modes (`seen` holds
   * the concepts already asked, across chunks). */
  function items(cards, o, seen) {
    var out = [];
    cards.forEach(function (card) {
      if (!inScope(card, o)) return;
      if (card.reverse && o.reverse) return; // a reversed card's own item: the reverse option asks it already
      var gradeable = card.kind === "question" || card.kind === "term" || card.kind === "cloze";
      var reverse = o.reverse && card.kind !== "cloze"; // a cloze item is its own question
      if (o.mode) {
        if (!gradeable || !card.zh || !card.title || seen[card.concept]) return;
        seen[card.concept] = true;
        var en = "<p><strong>" + escapeHtml(card.title) + "</strong></p>", zh = "<p lang=\"zh\">" + escapeHtml(card.zh) + "</p>";
        out.push({ key: card.concept + ":" + o.mode, card: card, gradeable: true,
          front: o.mode === "zh-en" ? zh : en, back: o.mode === "zh-en" ? en + card.back : zh });
      } else if (gradeable) {
        out.push({ key: reverse ? card.id + ":reverse" : card.id, card: card, gradeable: true,
          front: reverse ? card.back : card.front, back: reverse ? card.front : card.back });
      } else if (o.notes) {
        out.push({ key: card.id, card: card, gradeable: false, front: card.front,
          back: card.kind === "unanswered" ? "<p><em>No answer yet.</em></p>" : "" });
      }
    });
    return out;
  }

  // ------------------------------------------------------------------------
  // The session

  /* A session that starts with the first cards to arrive: add() takes each
   * chunk (its due cards join the due ones by date, its new cards go last),
   * complete() says no more will come. */
  function start(root, decks, o, message) {
    root.replaceChildren();
    var notices = el("p", "quiz-notice");
    notices.setAttribute("role", "alert");
    var notice = function (text) { notices.textContent = text; };
    if (message) notice(message);
    var progress = loadProgress(notice);
    var all = [], due = [], fresh = [], seen = {}, complete = false, waiting = true;
    var endOfDay = new Date(); endOfDay.setHours(23, 59, 59, 999);
    var startOfDay = new Date(); startOfDay.setHours(0, 0, 0, 0);
    var studiedToday = {}; // note → the key of its item studied today
    var dueToday = 0;
    // Reviews come before new cards: while a due card may still be on its way
    // (stored progress says more are due than have arrived), no new card is shown.
    var dueStored = Object.keys(progress).filter(function (k) { return progress[k].due <= Date.now(); }).length;
    var dueArrived = 0;

    var box = controls(o, decks, notice, function () { saveProgress(progress); });
    root.append(box.element, notices);
    var status = el("p", "quiz-status");
    status.setAttribute("role", "status");
    status.textContent = "Loading the cards…";
    var stage = el("div", "quiz-stage");
    root.append(status, stage);

    var session = { reviewed: 0, correct: 0, position: 0, total: 0 };
    // The item on screen stays first in `due` or `fresh` until it is graded.
    return {
      add: function (cards) {
        var now = Date.now(), added = items(cards, o, seen);
        var queued = 0;
        added.forEach(function (it) {
          var s = progress[it.key];
          if (it.card.note && s && s.lastReview >= startOfDay.getTime()) studiedToday[it.card.note] = it.key;
          if (it.gradeable && s && s.due <= now) { due.push(it); queued += 1; dueArrived += 1; }
          else if (!it.gradeable || !s) { fresh.push(it); queued += 1; }
          if (it.gradeable && (!s || s.due <= endOfDay.getTime())) dueToday += 1;
        });
        var shown = waiting ? null : current();
        var rest = function (list) { return shown && list[0] === shown ? list.slice(1) : list; };
        var head = function (list) { return shown && list[0] === shown ? [shown] : []; };
        var dueRest = rest(due), freshRest = rest(fresh);
        if (o.shuffle) { shuffle(dueRest); shuffle(freshRest); }
        else dueRest.sort(function (a, b) { return progress[a.key].due - progress[b.key].due; });
        due = head(due).concat(dueRest);
        fresh = head(fresh).concat(freshRest);
        all = all.concat(added);
        session.total += queued;
        box.count(all.length);
        if (waiting && (due.length || fresh.length)) next(); else if (!waiting) showStatus();
      },
      complete: function () {
        complete = true;
        if (waiting) next(); else showStatus();
      }
    };

    function current() {
      for (;;) {
        var item = due[0] || (complete || dueArrived >= dueStored ? fresh[0] : undefined);
        if (!item || !buried(item)) return item;
        done(item); // a sibling of this cloze item was studied today: it waits for another day
        session.total -= 1;
      }
    }
    /* Anki's burying: of the items of one note (a cloze's deletions), one a day. */
    function buried(item) {
      var note = item.card.note;
      return Boolean(note && studiedToday[note] && studiedToday[note] !== item.key);
    }
    function showStatus() {
      status.textContent = "Card " + session.position + " of " + session.total + " · " + dueToday + " due today" +
        (complete ? "" : " (loading more…)");
    }

    function next() {
      var item = current();
      if (!item) {
        waiting = true;
        if (complete) return finish();
        stage.onkey = null;
        stage.replaceChildren();
        status.textContent = "Loading more cards…";
        return;
      }
      waiting = false;
      session.position += 1;
      show(item);
    }

    function done(item) { // off the queue, whichever list holds it
      if (due[0] === item) due.shift(); else if (fresh[0] === item) fresh.shift();
    }

    function show(item) {
      showStatus();
      var state = progress[item.key];
      var card = el("article", "quiz-card");
      card.dataset.key = item.key;
      card.dataset.kind = item.card.kind;
      if (state && state.hash && state.hash !== item.card.hash) card.append(badge("updated", "This card changed since you last reviewed it."));
      var front = el("div", "quiz-front md-typeset");
      front.innerHTML = item.front; // build-rendered, sanitised at conversion
      var flip = el("button", "md-button md-button--primary quiz-flip");
      flip.type = "button";
      flip.textContent = item.gradeable || item.back ? "Show answer (Space)" : "Next (Space)";
      flip.setAttribute("aria-expanded", "false");
      flip.setAttribute("aria-controls", "quiz-answer");
      var answer = el("div", "quiz-answer md-typeset");
      answer.id = "quiz-answer";
      answer.tabIndex = -1;
      answer.hidden = true;
      card.append(front, flip, answer);
      stage.replaceChildren(card);
      if (session.position === 1 && performance.mark) performance.mark("quiz-first-card"); // read by the benchmark
      flip.focus();

      var revealed = false;
      flip.addEventListener("click", reveal);
      stage.onkey = function (key) {
        if ((key === " " || key === "Enter") && !revealed) return reveal();
        if (revealed && item.gradeable && /^[1-4]$/.test(key)) return grade(Number(key));
        if (revealed && !item.gradeable && (key === " " || key === "Enter")) { done(item); return next(); }
      };

      function reveal() {
        if (revealed) return;
        if (!item.gradeable && !item.back) { done(item); return next(); }
        revealed = true;
        flip.setAttribute("aria-expanded", "true");
        flip.hidden = true;
        answer.innerHTML = item.back;
        var open = el("a", "quiz-open");
        open.href = item.card.url; // the card on its concept page, as the build wrote it
        open.textContent = "Open the page →";
        var actions = el("div", "quiz-grades");
        if (item.gradeable) {
          GRADES.forEach(function (g) {
            var b = el("button", "md-button quiz-grade");
            b.type = "button";
            b.dataset.rating = g[1];
            b.innerHTML = g[0] + " <kbd>" + g[1] + "</kbd>";
            b.addEventListener("click", function () { grade(g[1]); });
            actions.append(b);
          });
        } else {
          var b = el("button", "md-button quiz-next");
          b.type = "button";
          b.textContent = "Next (Space)";
          b.addEventListener("click", function () { done(item); next(); });
          actions.append(b);
        }
        answer.append(actions, open);
        answer.hidden = false;
        card.classList.add("is-flipped");
        answer.focus();
      }

      function grade(rating) {
        var now = Date.now();
        var before = progress[item.key] || scheduler.newCard(now);
        var after = scheduler.review(before, rating, now);
        after.hash = item.card.hash;
        progress[item.key] = after;
        if (item.card.note) studiedToday[item.card.note] = item.key;
        saveProgress(progress);
        session.reviewed += 1;
        if (rating > 1) session.correct += 1;
        done(item);
        if (after.due - now <= SOON) { fresh.push(item); session.total += 1; }
        next();
      }
    }

    function finish() {
      stage.onkey = null;
      var upcoming = all.map(function (it) { return progress[it.key] && progress[it.key].due; }).filter(Boolean).sort();
      status.textContent = "Session done";
      var summary = el("div", "quiz-summary");
      summary.innerHTML = "<h2>Session done</h2>";
      var list = el("ul");
      [["Reviewed", session.reviewed], ["Correct", session.correct],
        ["Next due", upcoming.length ? new Date(upcoming[0]).toLocaleString() : "nothing scheduled"]].forEach(function (row) {
        var li = el("li");
        li.textContent = row[0] + ": " + row[1];
        list.append(li);
      });
      summary.append(list);
      stage.replaceChildren(summary);
    }
  }

  document.addEventListener("keydown", function (e) {
    var stage = document.querySelector("#quiz-app .quiz-stage");
    if (!stage || !stage.onkey || /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName)) return;
    if (e.target.closest && e.target.closest(".md-search")) return;
    if ((e.key === " " || e.key === "Enter") && e.target.tagName === "A") return;
    if (e.key === " " || e.key === "Enter" || /^[1-4]$/.test(e.key)) {
      e.preventDefault();
      stage.onkey(e.key);
    }
  });

  // ------------------------------------------------------------------------
  // Scope, options, export and import

  function controls(o, decks, notice, save) {
    var box = el("div", "quiz-controls");
    var scope = o.concept ? "concept " + o.concept : o.deck ? "deck " + (decks[o.deck] || o.deck) :
      o.tag ? "tag " + o.tag : o.q ? "search “" + o.q + "”" : "all cards";
    var title = el("p", "quiz-scope");
    var count = function (n) { title.textContent = "Studying " + scope + " — " + n + " cards"; };
    count(0);
    box.append(title);
    var form = el("form", "quiz-options");
    form.append(
      input("text", "search", "Search words", o.q || ""),
      check("shuffle", "Shuffle", o.shuffle), check("reverse", "Reverse (definition → term)", o.reverse),
      check("notes", "Include notes and quotes", o.notes),
      select("mode", [["", "Front → back"], ["zh-en", "中文 → English"], ["en-zh", "English → 中文"]], o.mode));
    var apply = el("button", "md-button");
    apply.type = "submit";
    apply.textContent = "Apply";
    form.append(apply);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var p = new URLSearchParams(location.search);
      ["search", "mode"].forEach(function (k) { var v = form.elements[k].value.trim(); v ? p.set(k, v) : p.delete(k); });
      ["shuffle", "reverse", "notes"].forEach(function (k) { form.elements[k].checked ? p.set(k, "1") : p.delete(k); });
      location.search = p.toString();
    });
    box.append(form);

    var data = el("p", "quiz-data");
    var exportButton = el("button", "md-button quiz-export");
    exportButton.type = "button";
    exportButton.textContent = "Export progress";
    exportButton.addEventListener("click", function () {
      save();
      var raw = localStorage.getItem(KEY) || JSON.stringify({ format: FORMAT, version: 1, cards: {} });
      var link = el("a");
      link.href = URL.createObjectURL(new Blob([raw], { type: "application/json" }));
      link.download = "quiz-progress.json";
      document.body.append(link);
      link.click();
      link.remove();
    });
    var file = el("input", "quiz-import");
    file.type = "file";
    file.accept = "application/json,.json";
    file.setAttribute("aria-label", "Import progress");
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      file.files[0].text().then(function (text) {
        var checked = checkProgress(text);
        if (checked.error) return notice("That file is not quiz progress (" + checked.error + "); nothing changed.");
        localStorage.setItem(KEY, JSON.stringify({ format: FORMAT, version: 1, cards: checked.cards }));
        var imported = "Imported progress for " + Object.keys(checked.cards).length + " cards.";
        var root = document.getElementById("quiz-app");
        delete root.dataset.ready;
        init(imported);
      });
    });
    data.append(exportButton, document.createTextNode(" Import: "), file);
    box.append(data);
    return { element: box, count: count };
  }

  // ------------------------------------------------------------------------
  // Small helpers

  function el(tag, cls) { var e = document.createElement(tag); if (cls) e.className = cls; return e; }
  function badge(text, title) { var b = el("span", "quiz-badge"); b.textContent = text; b.title = title; return b; }
  function plain(html) { return html.replace(/<[^>]+>/g, " ").replace(/&[a-z#0-9]+;/gi, " "); }
  function escapeHtml(s) { var d = el("div"); d.textContent = s; return d.innerHTML; }
  function shuffle(a) { for (var i = a.length - 1; i > 0; i--) { var j = Math.floor(Math.random() * (i + 1)); var t = a[i]; a[i] = a[j]; a[j] = t; } }
  function input(type, name, label, value) {
    var l = el("label"); var i = el("input"); i.type = type; i.name = name; i.value = value; i.placeholder = label;
    i.setAttribute("aria-label", label); l.append(i); return l;
  }
  function check(name, label, on) {
    var l = el("label"); var i = el("input"); i.type = "checkbox"; i.name = name; i.checked = on;
    l.append(i, document.createTextNode(" " + label)); return l;
  }
  function select(name, choices, value) {
    var l = el("label"); var s = el("select"); s.name = name; s.setAttribute("aria-label", "Direction");
    choices.forEach(function (c) { var op = el("option"); op.value = c[0]; op.textContent = c[1]; op.selected = c[0] === value; s.append(op); });
    l.append(s); return l;
  }
})();
