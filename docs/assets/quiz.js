/* The flip-card quiz on /quiz/: scope and options from the URL, FSRS-6
 * scheduling (assets/fsrs.js) with Anki's session model (a daily limit of new
 * cards per scope; New · Learning · Review counts; learning cards come back
 * within the session); progress and the review log kept by assets/progress.js
 * (IndexedDB, merged card by card with other tabs), export and import as
 * JSON. Cards are shown exactly as the build rendered them (quiz/cards/,
 * chunks written by cardsite/site/quiz.py). Re-initialises on Material's
 * instant navigation. */
(function () {
  "use strict";
  var SETTINGS_KEY = "cardsite.quiz.settings.v1";
  var GRADES = [["Again", 1], ["Hard", 2], ["Good", 3], ["Easy", 4]];
  var LEARN_AHEAD = 20 * 60 * 1000; // Anki's: a learning card due within this time may come early
  var NEW_PER_DAY = 20; // Anki's default
  var NEXT_DAY_STARTS_AT = 4; // hours after midnight, Anki's default
  var DAY = FSRS.DAY;
  var MIN_REVIEWS = 400; // below this a fit says more about chance than about the reader (Anki asks as many)
  var scheduler = new FSRS.Scheduler();
  var stop = null; // the running session's clean-up (its listeners)

  // Start at once (scripts run after the page's HTML), and again after each
  // instant navigation; init() ignores a page it has already set up. On the
  // quiz page this runs before Material's bundle (hooks/quiz_scripts_first.py),
  // whose navigation is taken up once it is there.
  init();
  var followNavigation = function () {
    if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { init(); });
  };
  if (window.document$) followNavigation();
  else document.addEventListener("DOMContentLoaded", function () { followNavigation(); init(); });

  /* `message`: a line to show once the quiz has started again (after an import). */
  function init(message, extraNew) {
    var root = document.getElementById("quiz-app");
    if (!root && stop) { stop(); stop = null; } // navigated away from the quiz: its session ends
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    if (stop) stop();
    var index = new URL(root.dataset.cards, location.href);
    var o = options();
    var session = start(root, JSON.parse(root.dataset.decks || "{}"), o, message, extraNew || 0);
    var load = function (c) { return getJSON(new URL(c.file, index)).then(function (d) { return d.cards || []; }); };
    // The page carries the chunk index and the first chunk (site/quiz.py): the
    // first card shows before anything is fetched. A deck's quiz reads that
    // deck's chunks only; other scopes read them all, handed over in order.
    var embedded = document.getElementById("quiz-data");
    var data = embedded && embedded.textContent.trim() ? JSON.parse(embedded.textContent) : null;
    var fail = function (e) { root.textContent = "Could not load the cards: " + e; };
    var begin = function (manifest) {
      var chunks = (manifest.chunks || []).filter(function (c) { return !o.deck || c.deck === o.deck; });
      session.decks(chunks.map(function (c) { return c.deck; }));
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

  function loadSettings() {
    try { return JSON.parse(localStorage.getItem(SETTINGS_KEY)) || {}; } catch (e) { return {}; }
  }

  function saveSettings(settings) {
    try { localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings)); return true; } catch (e) { return false; }
  }

  /* One change to the settings: to this page's copy (used even when storage
   * refuses it) and to the stored ones as they are now, which the optimiser
   * or another tab may have changed since this page read them. */
  function updateSettings(settings, change) {
    change(settings);
    var stored = loadSettings();
    change(stored);
    return saveSettings(stored);
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

  function scopeKey(o) {
    return o.concept ? "concept:" + o.concept : o.deck ? "deck:" + o.deck : o.tag ? "tag:" + o.tag :
      o.q ? "search:" + o.q : "all";
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
   * chunk, complete() says no more will come. Queues as in Anki: learning
   * cards (shown when due, or up to LEARN_AHEAD early when nothing else is
   * left), reviews due now, then new cards up to the day's limit. */
  function start(root, decks, o, message, extraNew) {
    root.replaceChildren();
    var now0 = Date.now();
    // Anki's study day starts at 4 am: a learning card of a late session stays today's
    var startOfDay = new Date(now0); startOfDay.setHours(NEXT_DAY_STARTS_AT, 0, 0, 0);
    if (startOfDay.getTime() > now0) startOfDay.setDate(startOfDay.getDate() - 1);
    var dayStart = startOfDay.getTime(), dayEnd = dayStart + DAY;
    var scope = scopeKey(o);
    var settings = loadSettings();
    scheduler = schedulerOf(settings); // the reader's own parameters, once optimised
    var notices = el("p", "quiz-notice");
    notices.setAttribute("role", "alert");
    var notice = function (text) { notices.textContent = text; };
    var readOnly = false, store = null;
    var progress = {};

    var all = [], learning = [], review = [], fresh = [], seen = {}, complete = false, waiting = true;
    var studiedToday = {}; // note → the key of its item studied today (Anki's burying of siblings)
    var introducedToday = 0; // new cards of this scope first graded today, this session's included
    var loadedDecks = null; // the decks whose chunks this scope reads
    var dueMissing = true; // stored progress says a card due today has not arrived yet
    var session = { reviewed: 0, correct: 0, newSeen: 0 };
    var shown = null; // the item on screen, off every queue until graded

    var limit = function () {
      var perScope = (settings.newPerDay || {})[scope];
      var extra = (settings.extra || {})[scope];
      var more = extra && extra.day === dayStart ? extra.n : 0;
      return (perScope >= 0 ? perScope : NEW_PER_DAY) + more + extraNew;
    };
    var newLeft = function () { return Math.max(0, limit() - introducedToday); };

    var box = controls(root, o, decks, notice, limit, function (n) {
      var kept = updateSettings(settings, function (s) { s.newPerDay = s.newPerDay || {}; s.newPerDay[scope] = n; });
      if (!kept) notice("Could not save the setting (storage full or disabled).");
      showStatus();
      if (waiting) next();
    }, function () { return readOnly; });
    var status = el("p", "quiz-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.textContent = "Loading the cards…";
    var stage = el("div", "quiz-stage");
    root.append(status, notices, stage, box.element);

    // Another tab saved: take its newer states, card by card.
    var onOthers = function (theirs) {
      if (readOnly) return;
      Object.keys(theirs).forEach(function (id) {
        var mine = progress[id], t = theirs[id];
        if (!mine || t.lastReview > (mine.lastReview || -1)) progress[id] = t;
      });
      requeue();
    };
    var unsaved = { cards: {}, log: [], timer: 0 };
    var onHide = function () { if (document.visibilityState === "hidden") flush(); };
    var stopListening = function () {};
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onHide);
    var ended = false;
    stop = function () {
      ended = true;
      flush();
      stopListening();
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onHide);
    };
    // The stored progress first; the cards handed over meanwhile wait for it,
    // in order. On a first visit nothing is stored: the session starts at once,
    // and what the store turns out to hold joins it as another tab's would.
    var opening = QuizProgress.open();
    var waitForStore = QuizProgress.mayHaveProgress();
    var loaded = opening.then(function (opened) {
      store = opened;
      return opened.load();
    }).then(function (got) {
      readOnly = store.readOnly;
      got.notices.concat(waitForStore && message ? [message] : []).forEach(notice);
      if (!ended) stopListening = store.listen(onOthers);
      if (waitForStore) progress = got.cards;
      else if (Object.keys(got.cards).length) onOthers(got.cards);
    }).catch(function (e) {
      notice("Could not read your saved progress (" + (e && e.message || e) + "); this session is not saved.");
      readOnly = true;
    });
    var ready = waitForStore ? loaded : Promise.resolve();
    if (!waitForStore && message) notice(message);

    return {
      decks: function (list) { loadedDecks = list; },
      add: function (cards) { ready.then(function () { add(cards); }); },
      complete: function () {
        ready.then(function () {
          complete = true;
          if (waiting) next(); else showStatus();
        });
      }
    };

    /* A chunk of cards into the session, once the stored progress is known. */
    function add(cards) {
      var added = items(cards, o, seen);
      added.forEach(function (it) {
        var s = progress[it.key];
        if (it.card.note && s && s.lastReview >= dayStart) studiedToday[it.card.note] = it.key;
        if (s && s.introduced >= dayStart && it.gradeable) introducedToday += 1;
      });
      all = all.concat(added);
      place(added);
      dueMissing = missingDue();
      box.count(all.length);
      if (waiting) next(); else showStatus();
    }

    /* Items into their queue by their stored state. */
    function place(list) {
      list.forEach(function (it) {
        var s = progress[it.key];
        if (!it.gradeable || !s) fresh.push(it);
        else if (s.state === FSRS.State.Review) { if (s.due < dayEnd) review.push(it); }
        else if (s.due < dayEnd) learning.push(it);
      });
      learning.sort(byDue);
      if (o.shuffle) { shuffle(review); shuffle(fresh); } else review.sort(byDue);
    }

    /* Another tab changed some states: queues again from the stored states. */
    function requeue() {
      var queued = new Set(learning.concat(review, fresh));
      var pending = all.filter(function (it) { return it !== shown && queued.has(it); });
      learning = []; review = []; fresh = [];
      introducedToday = all.filter(function (it) {
        var s = progress[it.key]; return it.gradeable && s && s.introduced >= dayStart;
      }).length;
      place(pending);
      showStatus();
      if (waiting) next();
    }

    function byDue(a, b) { return progress[a.key].due - progress[b.key].due; }

    function queueOf(item) {
      var s = progress[item.key];
      return !s ? "new" : s.state === FSRS.State.Review ? "review" : "learning";
    }

    function counts() {
      // the card on screen counts in its queue, as in Anki
      var on = shown && shown.gradeable ? queueOf(shown) : "";
      var waitingNew = fresh.filter(function (it) { return it.gradeable; }).length + (on === "new" ? 1 : 0);
      return { fresh: Math.min(waitingNew, newLeft()), learning: learning.length + (on === "learning" ? 1 : 0),
        review: review.length + (on === "review" ? 1 : 0) };
    }

    function showStatus() {
      var c = counts();
      status.replaceChildren(count("new", c.fresh, "New"), document.createTextNode(" · "),
        count("learning", c.learning, "Learning"), document.createTextNode(" · "),
        count("review", c.review, "Review"));
      if (!complete) status.append(document.createTextNode(" (loading more…)"));
    }

    /* The next item, Anki's order; null when nothing is left for now. */
    function pick() {
      var now = Date.now();
      for (;;) {
        var item = null;
        var f = newLeft() > 0 ? 0 : fresh.findIndex(function (it) { return !it.gradeable; }); // notes need no limit
        if (learning.length && progress[learning[0].key].due <= now) item = learning.shift();
        else if (review.length) item = review.shift(); // reviews go by day, as in Anki: all of today's
        else if (f >= 0 && f < fresh.length && (complete || !dueMissing)) item = fresh.splice(f, 1)[0];
        else if (learning.length && progress[learning[0].key].due <= now + LEARN_AHEAD) item = learning.shift();
        if (!item) return null;
        if (!buried(item)) return item;
      }
    }

    /* While a chunk with cards due today may still come, new cards wait (reviews first). */
    function missingDue() {
      var known = {};
      all.forEach(function (it) { known[it.key] = true; });
      return Object.keys(progress).some(function (k) {
        var s = progress[k];
        return !known[k] && s.due < dayEnd && (!loadedDecks || !s.deck || loadedDecks.indexOf(s.deck) >= 0);
      });
    }

    /* Anki's burying: of the items of one note (a cloze's deletions), one a day. */
    function buried(item) {
      var note = item.card.note;
      return Boolean(note && studiedToday[note] && studiedToday[note] !== item.key);
    }

    function next() {
      var item = pick();
      shown = item;
      if (!item) {
        waiting = true;
        stage.onkey = null;
        if (complete) return finish();
        stage.replaceChildren();
        showStatus();
        return;
      }
      waiting = false;
      show(item);
    }

    function show(item) {
      showStatus();
      var state = progress[item.key];
      var card = el("article", "quiz-card");
      card.dataset.key = item.key;
      card.dataset.kind = item.card.kind;
      card.dataset.queue = queueOf(item);
      if (state && state.hash && state.hash !== item.card.hash) card.append(badge("updated", "This card changed since you last reviewed it."));
      var front = el("div", "quiz-front md-typeset");
      front.innerHTML = item.front; // build-rendered, sanitised at conversion
      var flip = el("button", "md-button md-button--primary quiz-flip");
      flip.type = "button";
      flip.innerHTML = (item.gradeable || item.back ? "Show answer" : "Next") + ' <kbd class="quiz-key">Space</kbd>';
      flip.setAttribute("aria-expanded", "false");
      flip.setAttribute("aria-controls", "quiz-answer");
      var answer = el("div", "quiz-answer md-typeset");
      answer.id = "quiz-answer";
      answer.tabIndex = -1;
      answer.hidden = true;
      var actions = el("div", "quiz-actions");
      actions.append(flip);
      card.append(front, answer, actions);
      stage.replaceChildren(card);
      if (performance.mark && !stage.dataset.marked) { stage.dataset.marked = "1"; performance.mark("quiz-first-card"); }
      flip.focus();

      var revealed = false;
      flip.addEventListener("click", reveal);
      stage.onkey = function (key) {
        if ((key === " " || key === "Enter") && !revealed) return reveal();
        if (revealed && item.gradeable && /^[1-4]$/.test(key)) return grade(Number(key));
        if (revealed && item.gradeable && (key === " " || key === "Enter")) return grade(3); // Anki: Good
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
        open.href = item.card.url; // the card on its concept page, as the build wrote it
        open.textContent = "Open the page →";
        answer.append(open);
        var grades = el("div", "quiz-grades");
        if (item.gradeable) {
          var now = Date.now(), before = progress[item.key] || scheduler.newCard(now);
          GRADES.forEach(function (g) {
            var b = el("button", "md-button quiz-grade quiz-grade--" + g[0].toLowerCase());
            b.type = "button";
            b.dataset.rating = g[1];
            var interval = intervalLabel(scheduler.review(before, g[1], now).due - now);
            b.setAttribute("aria-label", g[0] + ", next in " + interval.long);
            b.innerHTML = '<span class="quiz-grade__name">' + g[0] + '</span> <span class="quiz-grade__interval">' +
              interval.short + '</span> <kbd class="quiz-key">' + g[1] + "</kbd>";
            b.addEventListener("click", function () { grade(g[1]); });
            grades.append(b);
          });
        } else {
          var b = el("button", "md-button quiz-next");
          b.type = "button";
          b.innerHTML = 'Next <kbd class="quiz-key">Space</kbd>';
          b.addEventListener("click", function () { next(); });
          grades.append(b);
        }
        actions.append(grades);
        answer.hidden = false;
        card.classList.add("is-flipped");
        answer.focus();
      }

      function grade(rating) {
        if (stage.onkey === null) return;
        stage.onkey = null; // one grade per showing
        var now = Date.now();
        var before = progress[item.key];
        var after = scheduler.review(before || scheduler.newCard(now), rating, now);
        after.hash = item.card.hash;
        after.deck = item.card.deck;
        after.introduced = before ? before.introduced : now;
        if (!before) { introducedToday += 1; session.newSeen += 1; }
        progress[item.key] = after;
        if (item.card.note) studiedToday[item.card.note] = item.key;
        var elapsed = before && before.lastReview != null ? Math.floor((now - before.lastReview) / DAY) : 0;
        save(item.key, after, [item.key, now, rating, elapsed]);
        session.reviewed += 1;
        if (rating > 1) session.correct += 1;
        if (after.state !== FSRS.State.Review && after.due < dayEnd) { // back today, as a learning card
          learning.push(item);
          learning.sort(byDue);
        }
        next();
      }
    }

    /* Saved right after the next card is on screen (reading and writing the
     * whole stored progress takes longer than a frame once it is large), and
     * at once when the page goes away. */
    function save(key, state, review) {
      if (readOnly) return;
      unsaved.cards[key] = state;
      unsaved.log.push(review);
      if (!unsaved.timer) unsaved.timer = setTimeout(flush, 0);
    }
    function flush() {
      clearTimeout(unsaved.timer);
      unsaved.timer = 0;
      if (!unsaved.log.length) return;
      var cards = unsaved.cards, log = unsaved.log;
      unsaved.cards = {};
      unsaved.log = [];
      loaded.then(function () {
        if (readOnly) throw new Error("not saved");
        return store.save(cards, log);
      }).catch(function () { // kept in this tab, tried again with the next review
        Object.keys(cards).forEach(function (id) { if (!unsaved.cards[id]) unsaved.cards[id] = cards[id]; });
        unsaved.log = log.concat(unsaved.log);
        notice("Could not save this review (storage is full or disabled): it is kept in this tab only; " +
          "export your progress to keep it.");
      });
    }

    function finish() {
      stage.onkey = null;
      status.replaceChildren(document.createTextNode("Done for now"));
      var now = Date.now();
      var upcoming = all.map(function (it) { return progress[it.key] && progress[it.key].due; })
        .filter(function (d) { return d > now; }).sort(function (a, b) { return a - b; });
      var summary = el("section", "quiz-summary");
      var heading = el("h2");
      heading.textContent = session.reviewed ? "Session done" : "Nothing due";
      var list = el("ul");
      var right = session.reviewed ? Math.round(100 * session.correct / session.reviewed) : 0;
      var rows = [
        ["Reviewed", session.reviewed + (session.reviewed ? " (" + session.newSeen + " new)" : "")],
        ["Right", session.correct + (session.reviewed ? " (" + right + "%)" : "")],
        ["Next due", upcoming.length ? new Date(upcoming[0]).toLocaleString(undefined,
          { dateStyle: "medium", timeStyle: "short" }) + " (" + relative(upcoming[0] - now) + ")" : "nothing scheduled"]];
      rows.forEach(function (row) {
        var li = el("li");
        li.textContent = row[0] + ": " + row[1];
        list.append(li);
      });
      var waitingNew = fresh.filter(function (it) { return it.gradeable; }).length;
      var actions = el("p", "quiz-summary__actions");
      if (waitingNew) {
        var more = el("button", "md-button md-button--primary quiz-more");
        more.type = "button";
        more.textContent = "Study more (" + Math.min(NEW_PER_DAY, waitingNew) + " new)";
        more.addEventListener("click", function () {
          var kept = updateSettings(settings, function (s) {
            s.extra = s.extra || {};
            var extra = s.extra[scope];
            s.extra[scope] = { day: dayStart, n: (extra && extra.day === dayStart ? extra.n : 0) + NEW_PER_DAY };
          });
          var root = document.getElementById("quiz-app");
          delete root.dataset.ready;
          init(null, kept ? 0 : NEW_PER_DAY); // a setting that cannot be saved still counts for this session
        });
        actions.append(more, document.createTextNode(" "));
      }
      var back = el("a", "md-button quiz-back");
      var deckUrl = JSON.parse(root.dataset.deckUrls || "{}")[o.deck];
      var conceptUrl = o.concept && all.length ? all[0].card.url.split("#")[0] : ""; // its cards' own page
      back.href = new URL(o.deck && deckUrl ? deckUrl : conceptUrl || root.dataset.home, location.href).href;
      back.textContent = o.deck ? "Back to the deck" : o.concept ? "Back to the concept" : "Back to the site";
      actions.append(back);
      summary.append(heading, list, actions);
      stage.replaceChildren(summary);
      heading.tabIndex = -1;
      heading.focus(); // read first; focusing a link would open its preview over the settings
    }

  }

  /* Keys act on what has focus: Space or Enter on a button or link is that
   * control's own; elsewhere on the quiz they reveal, then grade Good; 1–4 grade. */
  document.addEventListener("keydown", function (e) {
    var stage = document.querySelector("#quiz-app .quiz-stage");
    if (!stage || !stage.onkey || e.altKey || e.ctrlKey || e.metaKey) return;
    var t = e.target;
    if (/^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName) || t.isContentEditable) return;
    if (t.closest && (t.closest(".md-search") || t.closest(".quiz-settings"))) return;
    var onControl = /^(BUTTON|A|SUMMARY)$/.test(t.tagName);
    if ((e.key === " " || e.key === "Enter") && onControl) return; // the browser clicks it
    if (e.key === " " || e.key === "Enter" || /^[1-4]$/.test(e.key)) {
      e.preventDefault();
      stage.onkey(e.key);
    }
  });

  // ------------------------------------------------------------------------
  // Settings (collapsed under the card): options, daily limit, export, import

  function controls(root, o, decks, notice, limit, setLimit, isReadOnly) {
    var box = el("details", "quiz-settings");
    var summary = el("summary");
    summary.textContent = "Settings, export and import";
    box.append(summary);
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

    var daily = el("form", "quiz-limit");
    var label = el("label");
    var field = el("input");
    field.type = "number"; field.name = "new-per-day"; field.min = "0"; field.max = "9999"; field.value = String(limit());
    label.append(document.createTextNode("New cards a day (this scope) "), field);
    var set = el("button", "md-button");
    set.type = "submit";
    set.textContent = "Set";
    daily.append(label, document.createTextNode(" "), set);
    daily.addEventListener("submit", function (e) {
      e.preventDefault();
      var n = Math.floor(Number(field.value));
      if (!(n >= 0 && n <= 9999)) return notice("New cards a day: a number from 0 to 9999.");
      setLimit(n);
    });
    box.append(daily);

    var data = el("p", "quiz-data");
    var exportButton = el("button", "md-button quiz-export");
    exportButton.type = "button";
    exportButton.textContent = "Export progress";
    exportButton.addEventListener("click", function () {
      QuizProgress.open().then(function (store) { return store.exportData(); }).then(function (data) {
        var link = el("a");
        link.href = URL.createObjectURL(new Blob([JSON.stringify(data)], { type: "application/json" }));
        link.download = "quiz-progress.json";
        document.body.append(link);
        link.click();
        link.remove();
      });
    });
    var file = el("input", "quiz-import");
    file.type = "file";
    file.accept = "application/json,.json";
    file.setAttribute("aria-label", "Import progress");
    file.addEventListener("change", function () {
      if (!file.files.length) return;
      if (isReadOnly()) return notice("Progress saved by a newer version of this site is left as it is; nothing imported.");
      file.files[0].text().then(function (text) {
        var checked = QuizProgress.read(text);
        if (checked.error) return notice("That file is not quiz progress (" + checked.error + "); nothing changed.");
        // a merge: a review already kept is kept once, a card keeps its later state
        QuizProgress.open().then(function (store) { return store.save(checked.cards, checked.log); }).then(function () {
          var imported = "Imported progress for " + Object.keys(checked.cards).length + " cards.";
          var root = document.getElementById("quiz-app");
          delete root.dataset.ready;
          init(imported);
        }, function () { notice("Could not import: storage is full or disabled; nothing changed."); });
      });
    });
    data.append(exportButton, document.createTextNode(" Import: "), file);
    var personal = optimiserPanel(root, notice, isReadOnly);
    box.addEventListener("toggle", personal.refresh); // the review count grows during a session
    box.append(data, personal.element);
    if (window.cardsiteOffline) box.append(window.cardsiteOffline.actions()); // assets/offline.js
    return { element: box, count: count };
  }

  // ------------------------------------------------------------------------
  // Personal scheduling: FSRS's parameters fitted to the reader's own review
  // log (assets/optimiser.js, in a Worker), kept in the settings when they
  // predict that log better than the parameters in use.

  function schedulerOf(settings) {
    return new FSRS.Scheduler({ parameters: FSRS.validParameters(settings.parameters) });
  }

  function optimiserPanel(root, notice, isReadOnly) {
    var box = el("div", "quiz-optimiser");
    var about = el("p");
    var result = el("p", "quiz-optimiser-result");
    result.setAttribute("role", "status");
    var run = el("button", "md-button");
    run.type = "button";
    run.textContent = "Optimise my schedule";
    var reset = el("button", "md-button");
    reset.type = "button";
    reset.textContent = "Use the default parameters";
    var reviews = function () {
      return QuizProgress.open().then(function (store) { return store.log(); }).catch(function () { return []; });
    };
    var describe = function () { // the count only: the whole log is read when optimising
      QuizProgress.open().then(function (store) { return store.reviewCount(); }).catch(function () { return 0; })
        .then(describeFor);
    };
    var describeFor = function (n) {
      var settings = loadSettings(), fitted = settings.fitted;
      var own = FSRS.validParameters(settings.parameters) && fitted;
      about.textContent = (own ? "Your schedule uses parameters fitted to your " + fitted.reviews.toLocaleString() +
        " reviews (" + new Date(fitted.time).toLocaleDateString() + ")." : "Your schedule uses FSRS's default parameters.") +
        (n < MIN_REVIEWS ? " Optimising needs " + MIN_REVIEWS + " reviews; you have " + n + "." : "");
      run.disabled = n < MIN_REVIEWS || isReadOnly();
      reset.hidden = !own;
    };
    run.addEventListener("click", function () {
      run.disabled = true;
      reviews().then(function (log) { optimise(loadSettings(), log); });
    });
    var optimise = function (settings, log) {
      result.textContent = "Optimising on your " + log.length.toLocaleString() + " reviews…";
      var worker;
      try {
        worker = new Worker(new URL(root.dataset.optimiser, location.href), { type: "module" });
      } catch (e) {
        result.textContent = "This browser cannot run the optimiser (" + e.message + ").";
        return describe();
      }
      var done = function (text) { worker.terminate(); result.textContent = text; describe(); };
      worker.onerror = function (e) { done("The optimiser could not start (" + (e.message || "no details") + ")."); };
      worker.onmessage = function (e) {
        var r = e.data;
        if (r.error) return done("The optimiser could not fit your reviews (" + r.error + "); nothing changed.");
        var loss = "log loss on your " + r.reviews.toLocaleString() + " reviews: " + r.before.toFixed(4) +
          " with the parameters in use, " + r.after.toFixed(4) + " with the fitted ones";
        if (!(r.after < r.before)) return done("The parameters in use already fit best (" + loss + "); nothing changed.");
        var latest = loadSettings(); // another tab may have changed a setting meanwhile
        latest.parameters = r.parameters;
        latest.fitted = { time: Date.now(), reviews: r.reviews, before: r.before, after: r.after };
        if (!saveSettings(latest)) return done("Could not save the fitted parameters (storage full or disabled).");
        scheduler = schedulerOf(latest);
        done("Fitted in " + (r.ms / 1000).toFixed(1) + " s: " + loss + ". Your schedule uses them from the next card.");
      };
      var base = location.href;
      worker.postMessage({ log: log, parameters: settings.parameters || null,
                           fsrs: new URL(root.dataset.fsrs, base).href,
                           fsrsBrowser: new URL(root.dataset.fsrsBrowser, base).href });
    };
    reset.addEventListener("click", function () {
      var settings = loadSettings();
      delete settings.parameters;
      delete settings.fitted;
      if (!saveSettings(settings)) return notice("Could not save the setting (storage full or disabled).");
      scheduler = schedulerOf(settings);
      result.textContent = "Your schedule uses FSRS's default parameters from the next card.";
      describe();
    });
    describe();
    var heading = el("p", "quiz-optimiser-title");
    heading.textContent = "Personal schedule";
    box.append(heading, about, run, document.createTextNode(" "), reset, result);
    return { element: box, refresh: describe };
  }

  // ------------------------------------------------------------------------
  // Small helpers

  /* An interval as Anki labels it on its buttons ("<1m", "10m", "1d", "4d",
   * "2mo"), and in words for screen readers. */
  function intervalLabel(ms) {
    var minutes = ms / 60000, days = ms / DAY;
    var short, long;
    if (minutes < 1) { short = "<1m"; long = "less than a minute"; }
    else if (minutes < 60) { short = Math.round(minutes) + "m"; long = Math.round(minutes) + " minutes"; }
    else if (days < 1) { short = Math.round(minutes / 60) + "h"; long = Math.round(minutes / 60) + " hours"; }
    else if (days < 30) { short = Math.round(days) + "d"; long = Math.round(days) + " days"; }
    else if (days < 365) { short = Math.round(days / 30) + "mo"; long = Math.round(days / 30) + " months"; }
    else { short = (days / 365).toFixed(1).replace(/\.0$/, "") + "y"; long = short.replace("y", " years"); }
    return { short: short, long: long };
  }

  /* "in 3 hours", in the reader's language. */
  function relative(ms) {
    var units = [["year", 365 * DAY], ["month", 30 * DAY], ["day", DAY], ["hour", 3600000], ["minute", 60000]];
    for (var i = 0; i < units.length; i++) {
      if (ms >= units[i][1] || i === units.length - 1) {
        var n = Math.max(1, Math.round(ms / units[i][1]));
        try { return new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(n, units[i][0]); }
        catch (e) { return "in " + n + " " + units[i][0] + (n > 1 ? "s" : ""); }
      }
    }
  }

  function count(kind, n, label) {
    var s = el("span", "quiz-count quiz-count--" + kind);
    s.textContent = label + " " + n;
    return s;
  }

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
