/* The flip-card quiz on /quiz/: scope and options from the URL, FSRS-6
 * scheduling (assets/fsrs.js), progress in localStorage under one versioned
 * key, export and import as JSON. Cards are shown exactly as the build
 * rendered them (quiz/cards.json, written by hooks/quiz.py). Re-initialises
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
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);

  function init() {
    var root = document.getElementById("quiz-app");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    fetch(root.dataset.cards).then(function (r) { return r.json(); }).then(function (data) {
      start(root, data.cards || [], JSON.parse(root.dataset.decks || "{}"));
    }).catch(function (e) { root.textContent = "Could not load the cards: " + e; });
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
   * reversed), or one per concept in the Chinese/English modes. */
  function items(cards, o) {
    var out = [], seen = {};
    cards.forEach(function (card) {
      if (!inScope(card, o)) return;
      var gradeable = card.kind === "question" || card.kind === "term";
      if (o.mode) {
        if (!gradeable || !card.zh || !card.title || seen[card.concept]) return;
        seen[card.concept] = true;
        var en = "<p><strong>" + escapeHtml(card.title) + "</strong></p>", zh = "<p lang=\"zh\">" + escapeHtml(card.zh) + "</p>";
        out.push({ key: card.concept + ":" + o.mode, card: card, gradeable: true,
          front: o.mode === "zh-en" ? zh : en, back: o.mode === "zh-en" ? en + card.back : zh });
      } else if (gradeable) {
        out.push({ key: o.reverse ? card.id + ":reverse" : card.id, card: card, gradeable: true,
          front: o.reverse ? card.back : card.front, back: o.reverse ? card.front : card.back });
      } else if (o.notes) {
        out.push({ key: card.id, card: card, gradeable: false, front: card.front,
          back: card.kind === "unanswered" ? "<p><em>No answer yet.</em></p>" : "" });
      }
    });
    return out;
  }

  // ------------------------------------------------------------------------
  // The session

  function start(root, cards, decks) {
    var o = options();
    root.replaceChildren();
    var notices = el("p", "quiz-notice");
    notices.setAttribute("role", "alert");
    var notice = function (text) { notices.textContent = text; };
    var progress = loadProgress(notice);
    var all = items(cards, o);
    var now = Date.now();
    var due = all.filter(function (it) { var s = progress[it.key]; return it.gradeable && s && s.due <= now; });
    due.sort(function (a, b) { return progress[a.key].due - progress[b.key].due; });
    var fresh = all.filter(function (it) { return !it.gradeable || !progress[it.key]; });
    var queue = due.concat(fresh);
    if (o.shuffle) shuffle(queue);
    var endOfDay = new Date(); endOfDay.setHours(23, 59, 59, 999);
    var dueToday = all.filter(function (it) { var s = progress[it.key]; return it.gradeable && (!s || s.due <= endOfDay.getTime()); }).length;

    root.append(controls(o, decks, all.length, notice, function () { saveProgress(progress); }), notices);
    var status = el("p", "quiz-status");
    status.setAttribute("role", "status");
    var stage = el("div", "quiz-stage");
    root.append(status, stage);

    var session = { reviewed: 0, correct: 0, position: 0, total: queue.length };
    next();

    function next() {
      if (!queue.length) return finish();
      session.position += 1;
      show(queue.shift());
    }

    function show(item) {
      status.textContent = "Card " + session.position + " of " + session.total + " · " + dueToday + " due today";
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
        if (revealed && !item.gradeable && (key === " " || key === "Enter")) return next();
      };

      function reveal() {
        if (revealed) return;
        if (!item.gradeable && !item.back) return next();
        revealed = true;
        flip.setAttribute("aria-expanded", "true");
        flip.hidden = true;
        answer.innerHTML = item.back;
        var open = el("a", "quiz-open");
        open.href = "../concepts/" + item.card.concept + "/#" + item.card.id;
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
          b.addEventListener("click", next);
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
        saveProgress(progress);
        session.reviewed += 1;
        if (rating > 1) session.correct += 1;
        if (after.due - now <= SOON) { queue.push(item); session.total += 1; }
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

  function controls(o, decks, count, notice, save) {
    var box = el("div", "quiz-controls");
    var scope = o.concept ? "concept " + o.concept : o.deck ? "deck " + (decks[o.deck] || o.deck) :
      o.tag ? "tag " + o.tag : o.q ? "search “" + o.q + "”" : "all cards";
    var title = el("p", "quiz-scope");
    title.textContent = "Studying " + scope + " — " + count + " cards";
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
        notice("Imported progress for " + Object.keys(checked.cards).length + " cards.");
        var root = document.getElementById("quiz-app");
        delete root.dataset.ready;
        init();
      });
    });
    data.append(exportButton, document.createTextNode(" Import: "), file);
    box.append(data);
    return box;
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
