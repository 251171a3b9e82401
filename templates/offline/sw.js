/* Service worker: keeps the programme and the participant's own page readable offline.
   Network first (always the freshest page when there is coverage), the last copy otherwise. */
"use strict";
const CACHE = "clunyevent-{{ version }}";
const PRECACHE = [{% for url in precache %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
const KEPT = [/^\/$/, /^\/programme\//, /^\/lieux\//, /^\/mini-conferences\//, /^\/defis\//,
              /^\/inscription\/[A-Za-z0-9_-]{20,}\/(agenda\/)?$/];
const LATEST = "/__programme-version";
// Offline, a page never opened here gets this page (precached), never another page's copy.
const OFFLINE = "{{ offline_url|escapejs }}";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

function remember(cache, request, response) {
  // The page says which published programme it shows; keep the newest seen.
  return response.clone().text().then((html) => {
    const found = /<meta name="programme-version" content="(\d+)">/.exec(html);
    const puts = [cache.put(request, response)];
    if (found) {
      puts.push(cache.match(LATEST).then((hit) => (hit ? hit.text() : "0")).then((latest) => {
        if (Number(found[1]) > Number(latest)) {
          return cache.put(LATEST, new Response(found[1]));
        }
        return undefined;
      }));
    }
    return Promise.all(puts);
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith("/static/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
    return;
  }
  if (!KEPT.some((pattern) => pattern.test(url.pathname))) {
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      fetch(request)
        .then((response) => {
          if (response.ok) {
            event.waitUntil(remember(cache, request, response.clone()));
          }
          return response;
        })
        .catch(() => cache.match(request).then((hit) => hit || cache.match(OFFLINE)))
    )
  );
});
