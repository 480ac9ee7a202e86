// Sprout's service worker: after one visit over http(s), the app opens and runs programs with the
// server gone (a school network that drops, a laptop taken home).
//
// This file is a template. At build time scripts/sw-manifest.mjs (a trunk post_build hook) writes
// it to dist/sw.js with BUILD filled in: every file of the build with its SHA-256, and a version
// that hashes them all. So each build is one cache, named after its version:
// - install fetches every file and checks it against its hash, so the cache holds exactly this
//   build, including the script worker's worker.js, whose name is not hashed (the wasm module it
//   loads is the page's own);
// - every request for a build file is answered from that cache first (the network only if the
//   cache lost it);
// - a new build changes sw.js (its version), so the browser installs it next to the old one. It
//   takes over once no tab runs the old build (no skipWaiting): a page and the worker it starts
//   must come from the same build, even when the worker is restarted after Stop. Activation
//   deletes every other Sprout cache.

const BUILD = /* SPROUT_BUILD */ null;

const CACHE_PREFIX = 'sprout-';
const CACHE_NAME = `${CACHE_PREFIX}${BUILD.version}`;
const SCOPE = self.registration.scope;
const FILES = new Map(BUILD.files.map((file) => [new URL(file.name, SCOPE).href, file]));
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE_NAME).then((cache) =>
      Promise.all(
        BUILD.files.map(async (file) => {
          const url = new URL(file.name, SCOPE).href;
          // `integrity` rejects a file from another build: the page has just loaded most files,
          // so the HTTP cache is tried first, and the server again if it held an older copy.
          const response = await fetch(url, { integrity: file.integrity }).catch(() =>
            fetch(url, { cache: 'reload', integrity: file.integrity }),
          );
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
          await cache.put(url, response);
        }),
      ),
    ),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME).map((name) => caches.delete(name)),
      );
      // The first visit's page came from the network, from this very build: take it over, so that
      // it already works offline.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.hash = '';
  if (request.mode === 'navigate') {
    // The app is one page: its address, with or without index.html and whatever query.
    url.search = '';
    if (url.href === SCOPE) url.href = INDEX;
  }
  if (!FILES.has(url.href)) return;
  event.respondWith(
    caches
      .open(CACHE_NAME)
      .then((cache) => cache.match(url.href))
      .then((cached) => cached ?? fetch(request)),
  );
});
