/* The site's service worker (registered by assets/offline.js), published at
 * the site's root (hooks/offline.py) so that it serves every page. Network first: online, a reader always
 * gets the current build (no stale-cache trap) and what they open is kept;
 * offline, what was kept is served (pages by path, whatever their ?query).
 * "Keep this site offline" (assets/offline.js) fills the same cache. Each
 * build has its own cache. */
"use strict";
var PREFIX = "cardsite-offline-"; // assets/offline.js finds the cache by it
var BUILD = "__CARDSITE_BUILD__"; // written by hooks/offline.py: every build's worker differs, so the browser installs it
var CACHE = PREFIX + BUILD;

self.addEventListener("install", function (event) {
  self.skipWaiting();
  event.waitUntil(caches.open(CACHE));
});
// A new build's worker drops the caches of earlier builds: its pages never
// mix with their files. Navigation preload: a page's request starts while the
// worker itself is starting, not after.
self.addEventListener("activate", function (event) {
  var preload = self.registration.navigationPreload;
  var old = caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf(PREFIX) === 0 && n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  });
  event.waitUntil(Promise.all([self.clients.claim(), preload ? preload.enable() : null, old]));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  var fresh = request.mode === "navigate" && event.preloadResponse ?
    event.preloadResponse.then(function (preloaded) { return preloaded || fetch(request); }) : fetch(request);
  event.respondWith(fresh.then(function (response) {
    // whole answers only: a 206 (a range of an audio file) cannot be kept, nor served for the whole
    if (response.status === 200 && response.type === "basic") {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(request, copy); }));
    }
    return response;
  }).catch(function (error) {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(request).then(function (hit) {
        return hit || cache.match(request, { ignoreSearch: true });
      });
    }).then(function (hit) {
      if (hit) return hit;
      throw error;
    });
  }));
});
