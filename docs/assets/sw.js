/* The site's service worker (registered by assets/offline.js), published at
 * the site's root (hooks/offline.py) so that it serves every page. Network first: online, a reader always
 * gets the current build (no stale-cache trap) and what they open is kept;
 * offline, what was kept is served (pages by path, whatever their ?query).
 * "Keep this site offline" (assets/offline.js) fills the same cache. */
"use strict";
var CACHE = "cardsite-offline-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
// Navigation preload: a page's request starts while the worker itself is
// starting, not after (the worker would otherwise delay every page it serves)
self.addEventListener("activate", function (event) {
  var preload = self.registration.navigationPreload;
  event.waitUntil(Promise.all([self.clients.claim(), preload ? preload.enable() : null]));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  var fresh = request.mode === "navigate" && event.preloadResponse ?
    event.preloadResponse.then(function (preloaded) { return preloaded || fetch(request); }) : fetch(request);
  event.respondWith(fresh.then(function (response) {
    if (response.ok && response.type === "basic") {
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
