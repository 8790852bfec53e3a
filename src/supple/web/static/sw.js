// Supple's service worker: keeps the app shell, the plan being played and its drawings
// on the device, so a session that has started survives a dropped Wi-Fi connection.
// The server puts VERSION and SHELL (the current versioned static addresses) in front
// of this file; a new version of any static file makes a new worker, which clears
// the old caches. Step events are not queued here: the player keeps them in its
// outbox (localStorage) and sends them itself, in order, when the server answers.
"use strict";
const CACHE = "supple-" + VERSION;
const KEEP = "supple-plan"; // the player's own copies of its page, API and figures

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE && key !== KEEP).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

// Versioned files never change at their address: the cached copy is always right.
const FIXED = /^\/(static|figures)\//;
// What a session needs to carry on: its page, its state and its plan. Fresh when the
// server answers, the last copy when it does not.
const LIVE = /^\/(session|plan)\/\d+$|^\/api\/sessions\/\d+$|^\/api\/plans\/\d+(\/timeline)?$/;

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (FIXED.test(url.pathname)) event.respondWith(cacheFirst(request));
  else if (LIVE.test(url.pathname)) event.respondWith(networkFirst(request));
});

async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(KEEP)).put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await caches.match(request);
    if (hit) return hit;
    throw error;
  }
}
