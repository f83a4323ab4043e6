/* Tallytale service worker (version {{ version }}): keeps the app shell and the collection
   forms on the device so they open without a signal. Submissions are queued by
   offline.js in IndexedDB, not here; this worker never caches a POST or an answer. */
"use strict";
var VERSION = "tallytale-{{ version }}";
// The shell holds the offline page in the reader's language: a new language is a new worker
// and a new shell. Kept pages stay across a switch (each visit refreshes them anyway).
var SHELL = "shell-" + VERSION + "-{{ language }}";
var PAGES = "pages-" + VERSION;
var SHELL_URLS = {{ shell|safe }};
var OFFLINE_URL = {{ offline_url|safe }};
// the last resort when neither the page nor the offline page is kept, in the reader's language
var OFFLINE_PAGE = {{ offline_page|safe }};
// pages that may be kept for offline use: collection forms, the researcher page, the queue
var CACHEABLE = [
  /^\/stories\/[a-z0-9-]+\/new\/$/,
  /^\/surveys\/\d+\/respond\/$/,
  /^\/p\/[a-z0-9-]+\/(hours|research)\/$/,
  /^\/offline\/$/
];

function cacheable(url) {
  var u = new URL(url, self.location.origin);
  return u.origin === self.location.origin && CACHEABLE.some(function (re) { return re.test(u.pathname); });
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(SHELL).then(function (c) { return c.addAll(SHELL_URLS); }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (k) { return k !== SHELL && k !== PAGES; }).map(function (k) { return caches.delete(k); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function keepPage(request, response) {
  if (response && response.ok && response.type === "basic" && cacheable(request.url)) {
    var copy = response.clone();
    caches.open(PAGES).then(function (c) { c.put(new URL(request.url).pathname, copy); });
  }
  return response;
}

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") { return; }
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(
      caches.match(req).then(function (hit) {
        var net = fetch(req).then(function (res) {
          if (res.ok) { var copy = res.clone(); caches.open(SHELL).then(function (c) { c.put(req, copy); }); }
          return res;
        });
        return hit || net;
      })
    );
    return;
  }
  if (req.mode === "navigate") {
    event.respondWith(
      fetch(req).then(function (res) { return keepPage(req, res); }).catch(function () {
        return caches.match(url.pathname, { ignoreSearch: true }).then(function (hit) {
          // the shell's copy: always in the worker's (the reader's) language
          return hit || caches.open(SHELL).then(function (c) { return c.match(OFFLINE_URL); }).then(function (page) {
            return page || new Response(OFFLINE_PAGE, { headers: { "Content-Type": "text/html; charset=utf-8" } });
          });
        });
      })
    );
  }
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var reply = function (msg) { if (event.source) { event.source.postMessage(msg); } };
  if (data.type === "keep-pages") {
    var urls = (data.urls || []).filter(cacheable);
    caches.open(PAGES).then(function (c) {
      return Promise.all(urls.map(function (u) {
        return fetch(u, { credentials: "same-origin" }).then(function (res) {
          if (res.ok && !res.redirected) { return c.put(new URL(u, self.location.origin).pathname, res); }
        }).catch(function () {});
      }));
    }).then(function () { reply({ type: "pages-kept", count: urls.length }); });
  } else if (data.type === "forget-pages") {
    caches.delete(PAGES).then(function () { reply({ type: "pages-forgotten" }); });
  }
});
