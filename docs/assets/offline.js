/* Offline reading: registers the site's service worker (/sw.js, network
 * first), and offers "Keep the quiz offline" / "Keep the whole site offline"
 * (window.cardsiteOffline.actions(), placed by the quiz's settings): the
 * files are fetched into the cache the worker serves from when the network
 * is gone. */
(function () {
  "use strict";
  var PREFIX = "cardsite-offline-"; // the worker's cache is this and its build (sw.js)
  var script = document.currentScript;
  var root = new URL("../", script ? script.src : location.href); // this file is assets/offline.js
  // where the site's parts are: written into every page by the build (hooks/site_layout.py)
  var layout = JSON.parse((document.getElementById("cardsite-layout") || {}).textContent || "{}");
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(new URL(layout.worker, root).href, { scope: root.pathname }).catch(function () { /* no offline */ });
  }

  function sameSite(url) { return url.origin === root.origin && url.pathname.indexOf(root.pathname) === 0; }

  /* What this page loaded (styles, scripts, fonts, images), and the page itself. */
  function loaded() {
    var found = performance.getEntriesByType("resource").map(function (e) { return new URL(e.name); });
    found.push(new URL(location.href));
    return found.filter(sameSite).map(function (u) { return u.origin + u.pathname + u.search; });
  }

  function quizFiles() {
    var index = new URL(layout.quizIndex, root);
    return fetch(index).then(function (r) { return r.json(); }).then(function (data) {
      return [new URL(layout.quiz, root).href, index.href].concat(
        (data.chunks || []).map(function (c) { return new URL(c.file, index).href; }));
    });
  }

  /* Every page of the sitemap (written with the public address: read relative
   * to its first entry, the home page), and the search's own script and entry
   * file (its index chunks are kept as queries fetch them). */
  function siteFiles() {
    return fetch(new URL(layout.sitemap, root)).then(function (r) { return r.text(); }).then(function (xml) {
      var locs = Array.from(xml.matchAll(/<loc>([^<]+)<\/loc>/g), function (m) { return m[1].trim(); });
      var base = locs[0] || "";
      return locs.map(function (loc) { return new URL(loc.slice(base.length), root).href; })
        .concat(layout.searchFiles.map(function (f) { return new URL(f, root).href; }));
    });
  }

  function keep(what, report) {
    if (!window.caches) return Promise.reject(new Error("this browser keeps no files offline"));
    return Promise.all([what === "site" ? siteFiles() : Promise.resolve([]), quizFiles()]).then(function (lists) {
      var urls = Array.from(new Set(loaded().concat(lists[0], lists[1])));
      return currentCache().then(function (cache) {
        var done = 0, next = 0, failed = 0;
        function worker() {
          if (next >= urls.length) return Promise.resolve();
          var url = urls[next++];
          return cache.add(url).catch(function () { failed += 1; }).then(function () {
            done += 1;
            if (done % 25 === 0) report(done, urls.length);
            return worker();
          });
        }
        return Promise.all([worker(), worker(), worker(), worker(), worker(), worker()]).then(function () {
          return { kept: done - failed, failed: failed };
        });
      });
    });
  }

  /* The cache of the worker now serving the site: its build's (sw.js drops
   * the others when it takes over). */
  function currentCache() {
    var ready = navigator.serviceWorker ? navigator.serviceWorker.ready : Promise.resolve();
    return ready.then(function () { return caches.keys(); }).then(function (names) {
      var ours = names.filter(function (n) { return n.indexOf(PREFIX) === 0; });
      return caches.open(ours[ours.length - 1] || PREFIX + "unversioned");
    });
  }

  /* Two buttons and a status line, for a settings panel. */
  function actions() {
    var box = document.createElement("p");
    box.className = "offline-actions";
    var line = document.createElement("span");
    line.className = "offline-status";
    line.setAttribute("role", "status");
    [["quiz", "Keep the quiz offline"], ["site", "Keep the whole site offline"]].forEach(function (choice) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button offline-keep";
      b.dataset.keep = choice[0];
      b.textContent = choice[1];
      b.addEventListener("click", function () {
        line.textContent = "Keeping…";
        keep(choice[0], function (n, total) { line.textContent = "Keeping… " + n + " of " + total; }).then(function (r) {
          line.textContent = "Kept " + r.kept + " files offline" + (r.failed ? " (" + r.failed + " could not be fetched)" : "") + ".";
        }, function (e) { line.textContent = "Could not keep the files offline: " + e.message; });
      });
      box.append(b, document.createTextNode(" "));
    });
    box.append(line);
    return box;
  }

  window.cardsiteOffline = { actions: actions, keep: keep };
})();
