/* The quiz's progress in the browser: every card's state and every review, in
 * IndexedDB, one record per card and one per review. A review's key is its card
 * and its time, so the same review imported twice (or from another device that
 * had it) is one record; a card's state is the one with the later last review.
 * A save is one transaction; other tabs hear of it on a BroadcastChannel.
 * Progress kept under the old localStorage key is moved here once.
 *
 * QuizProgress.open() → Promise of the page's one store:
 *   load()         {cards, skipped, notices}: the stored states (unreadable ones skipped)
 *   save(cards, reviews), log(), reviewCount(), exportData(), listen(fn) → stop listening
 *   readOnly       progress of a newer version of the site is stored: nothing is written
 *   persistent     false when the browser refuses storage (kept in this tab only)
 * QuizProgress.read(text): an exported or old stored progress, validated.
 * QuizProgress.mayHaveProgress(): false on a first visit, said at once. */
(function (root) {
  "use strict";
  var KEY = "cardsite.quiz.v1"; // the localStorage key of earlier versions, and the channel's name
  var FORMAT = "cardsite-quiz";
  var VERSION = 1;
  var DB = "cardsite-quiz", CARDS = "cards", REVIEWS = "reviews", META = "meta";
  // Set once anything is stored: a first visit need not wait for the database
  // (opening it in a fresh profile takes a few hundred ms) before its first card.
  var HINT = "cardsite.quiz.stored";
  var opened = null;

  /* Whether progress may be stored here (said at once, without the database). */
  function mayHaveProgress() {
    try { return localStorage.getItem(HINT) === "1" || localStorage.getItem(KEY) != null; } catch (e) { return true; }
  }

  function storedHere() {
    try { localStorage.setItem(HINT, "1"); } catch (e) { /* the session then waits for the database next time */ }
  }

  function open() {
    if (!opened) opened = openDatabase().then(function (db) { return loadStore(db); }, function () { return memoryStore(); });
    return opened;
  }

  // ------------------------------------------------------------------------
  // Reading exported or old stored progress

  /* {cards, log, skipped, stored} (stored: the cards as they were, unreadable
   * ones included), or {error, newer}. */
  function read(text) {
    var data;
    try { data = JSON.parse(text); } catch (e) { return { error: "not JSON" }; }
    if (!data || typeof data !== "object" || data.format !== FORMAT) return { error: "not quiz progress" };
    if (typeof data.version !== "number") return { error: "no version" };
    if (data.version > VERSION) return { error: "saved by a newer version of this site", newer: true };
    if (!data.cards || typeof data.cards !== "object" || Array.isArray(data.cards)) return { error: "no cards" };
    var valid = validCards(data.cards);
    var log = Array.isArray(data.log) ? data.log.filter(validReview) : [];
    return { cards: valid.cards, log: log, skipped: valid.skipped, stored: data.cards };
  }

  function validCards(stored) {
    var cards = {}, skipped = 0;
    Object.keys(stored).forEach(function (id) {
      var c = validCard(stored[id]);
      if (c) cards[id] = c; else skipped += 1;
    });
    return { cards: cards, skipped: skipped };
  }

  /* A stored card state the scheduler can continue from, or null: never one
   * that would give NaN or null dates. */
  function validCard(c) {
    if (!c || typeof c !== "object" || [1, 2, 3].indexOf(c.state) < 0 || !isFinite(c.due)) return null;
    var learned = c.stability != null || c.difficulty != null;
    if (learned && !(isFinite(c.stability) && c.stability > 0 && isFinite(c.difficulty) &&
                     c.difficulty >= 1 && c.difficulty <= 10)) return null;
    if (c.state === 2 && !learned) return null; // a review card has a memory state
    if (c.lastReview != null && !isFinite(c.lastReview)) return null;
    var out = Object.assign({}, c);
    if (out.state !== 2 && !(out.step >= 0)) out.step = 0; // (re)learning: on its first step
    return out;
  }

  function validReview(r) {
    return Array.isArray(r) && typeof r[0] === "string" && isFinite(r[1]) && [1, 2, 3, 4].indexOf(r[2]) >= 0;
  }

  /* The later state of a card: the one reviewed last. */
  function later(mine, theirs) {
    return !theirs || !(theirs.lastReview > mine.lastReview);
  }

  // ------------------------------------------------------------------------
  // IndexedDB

  function openDatabase() {
    return new Promise(function (resolve, reject) {
      var request;
      try { request = indexedDB.open(DB, 1); } catch (e) { return reject(e); } // no IndexedDB here
      request.onupgradeneeded = function () {
        var db = request.result;
        db.createObjectStore(CARDS);
        db.createObjectStore(REVIEWS); // key [card id, time]
        db.createObjectStore(META);
      };
      request.onsuccess = function () {
        var db = request.result;
        db.onversionchange = function () { db.close(); }; // a newer page, or a reset, may take the database
        resolve(db);
      };
      request.onerror = function () { reject(request.error); };
      request.onblocked = function () { reject(new Error("blocked")); };
    });
  }

  function done(tx) {
    return new Promise(function (resolve, reject) {
      tx.oncomplete = function () { resolve(); };
      tx.onerror = tx.onabort = function () { reject(tx.error || new Error("aborted")); };
    });
  }

  function result(request) {
    return new Promise(function (resolve, reject) {
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function loadStore(db) {
    var notices = [];
    return migrate(db, notices).then(function (newerKept) { return databaseStore(db, newerKept, notices); });
  }

  var NEWER = "Progress saved by a newer version of this site is left as it is; this session is not saved.";

  /* Progress under the old localStorage key moves into the database once: then
   * the key goes. An unreadable one is set aside; one of a newer version stays
   * where it is, and this page saves nothing (it resolves to true then). */
  function migrate(db, notices) {
    var raw;
    try { raw = localStorage.getItem(KEY); } catch (e) { return Promise.resolve(false); }
    if (raw == null) return Promise.resolve(false);
    var old = read(raw);
    if (old.newer) { notices.push(NEWER); return Promise.resolve(true); }
    if (old.error) {
      notices.push("Saved progress was unreadable (" + old.error + "); it is set aside and the quiz starts clean.");
      try { localStorage.setItem(KEY + ".unreadable", raw); localStorage.removeItem(KEY); } catch (e) { /* kept as it was */ }
      return Promise.resolve(false);
    }
    // the stored states as they were (an unreadable one included: nothing is lost in the move)
    return write(db, old.stored, old.log).then(function () {
      try { localStorage.removeItem(KEY); } catch (e) { /* moved; the copy stays */ }
      return false;
    });
  }

  /* One transaction: each card's state unless the stored one was reviewed
   * later, each review under its key. Resolves to the states written. */
  function write(db, cards, reviews) {
    storedHere();
    var tx = db.transaction([CARDS, REVIEWS, META], "readwrite");
    var store = tx.objectStore(CARDS), log = tx.objectStore(REVIEWS), written = {};
    tx.objectStore(META).put(VERSION, "version");
    Object.keys(cards).forEach(function (id) {
      var mine = cards[id];
      store.get(id).onsuccess = function (e) {
        if (later(mine, e.target.result)) { store.put(mine, id); written[id] = mine; }
      };
    });
    (reviews || []).forEach(function (r) { log.put(r, [r[0], r[1]]); });
    return done(tx).then(function () { return written; });
  }

  function databaseStore(db, newerKept, notices) {
    var channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(KEY) : null;
    var store = {
      readOnly: newerKept, persistent: true,
      /* {cards, skipped, notices}: every stored state, read now (what the
       * reader should be told about them comes once). */
      load: function () {
        var tx = db.transaction([CARDS, META], "readonly"), cards = tx.objectStore(CARDS);
        return Promise.all([result(cards.getAllKeys()), result(cards.getAll()), result(tx.objectStore(META).get("version"))])
          .then(function (got) {
            var stored = {};
            got[0].forEach(function (id, i) { stored[id] = got[1][i]; });
            var valid = validCards(stored), told = notices.splice(0);
            if (got[2] > VERSION && !store.readOnly) { store.readOnly = true; told.push(NEWER); }
            if (valid.skipped) told.push(valid.skipped + " saved card" + (valid.skipped > 1 ? "s were" : " was") +
              " unreadable and skipped; the rest of your progress is kept.");
            return { cards: valid.cards, skipped: valid.skipped, notices: told };
          });
      },
      save: function (changed, reviews) {
        if (store.readOnly) return Promise.reject(new Error("progress of a newer version"));
        var tx;
        try { tx = write(db, changed, reviews); } catch (e) { return Promise.reject(e); }
        return tx.then(function (written) {
          if (channel && Object.keys(written).length) channel.postMessage({ cards: written });
          return written;
        });
      },
      log: function () {
        return result(db.transaction(REVIEWS, "readonly").objectStore(REVIEWS).getAll()).then(byTime);
      },
      reviewCount: function () { return result(db.transaction(REVIEWS, "readonly").objectStore(REVIEWS).count()); },
      exportData: function () {
        var tx = db.transaction([CARDS, REVIEWS], "readonly"), store = tx.objectStore(CARDS);
        return Promise.all([result(store.getAllKeys()), result(store.getAll()),
                            result(tx.objectStore(REVIEWS).getAll())]).then(function (got) {
          var all = {};
          got[0].forEach(function (id, i) { all[id] = got[1][i]; });
          return { format: FORMAT, version: VERSION, cards: all, log: byTime(got[2]) };
        });
      },
      listen: function (fn) {
        if (typeof BroadcastChannel !== "function") return function () {};
        var ear = new BroadcastChannel(KEY); // a channel does not hear its own messages: one for listening
        ear.onmessage = function (e) { if (e.data && e.data.cards) fn(validCards(e.data.cards).cards); };
        return function () { ear.close(); };
      }
    };
    return store;
  }

  /* Where the browser refuses storage (private mode, storage denied): this
   * tab keeps the session, and says so. */
  function memoryStore() {
    var old = null, reviews = {};
    try { old = read(localStorage.getItem(KEY)); } catch (e) { /* no storage at all */ }
    var cards = old && !old.error ? old.cards : {};
    var notices = ["This browser does not let the site keep your progress (private mode or storage denied): " +
                   "reviews are kept in this tab only; export your progress to keep it."];
    return {
      readOnly: false, persistent: false,
      load: function () { return Promise.resolve({ cards: Object.assign({}, cards), skipped: 0, notices: notices.splice(0) }); },
      save: function (changed, log) {
        Object.keys(changed).forEach(function (id) { if (later(changed[id], cards[id])) cards[id] = changed[id]; });
        (log || []).forEach(function (r) { reviews[r[0] + "\u0000" + r[1]] = r; });
        return Promise.resolve(changed);
      },
      log: function () { return Promise.resolve(byTime(Object.values(reviews))); },
      reviewCount: function () { return Promise.resolve(Object.keys(reviews).length); },
      exportData: function () {
        return Promise.resolve({ format: FORMAT, version: VERSION, cards: cards, log: byTime(Object.values(reviews)) });
      },
      listen: function () { return function () {}; }
    };
  }

  function byTime(log) {
    return log.sort(function (a, b) { return a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0); });
  }

  var api = { open: open, read: read, mayHaveProgress: mayHaveProgress, FORMAT: FORMAT, VERSION: VERSION };
  if (typeof module === "object" && module.exports) module.exports = api; // Node's tests
  else root.QuizProgress = api;
})(typeof self !== "undefined" ? self : this);
