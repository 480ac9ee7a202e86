// Sprout's service worker: after one visit over http(s), the app opens and runs programs with the
// server gone (a school network that drops, a laptop taken home).
//
// This file is a template. At build time scripts/sw-manifest.mjs (a trunk post_build hook) writes
// it to dist/sw.js with BUILD filled in: every file of the build with its SHA-256, and a version
// that hashes them all. So each build is one cache, named after its version:
// - install fetches every file and checks it against its hash, so the cache holds exactly this
//   build, including the script worker's worker.js, whose name is not hashed (the wasm module it
//   loads is the page's own), and the course's unit files (every lesson's text and tests, which the
//   page loads when a lesson opens);
// - every request for a build file is answered from that cache first (the network only if the
//   cache lost it);
// - a new build changes sw.js (its version), so the browser installs it next to the old one. It
//   takes over once no tab runs the old build (no skipWaiting): a page and the worker it starts
//   must come from the same build, even when the worker is restarted after Stop. Activation
//   deletes every other Sprout cache.
// - the AI module (ai.js and the ai-HASH files it loads, issue #5) is the exception: `lazy` in
//   BUILD, it is not fetched at install but cached the first time a lesson or the AI lab loads it.
//   It weighs about three times the first screen, and a class that opens the app together on a
//   school line should not download it for every student who never opens an AI lesson that day.
//   So after one visit the app works offline, and the AI lessons too once they have been opened
//   once. A new build takes its lazy files over from the old cache when they are unchanged (the
//   same name and hash), so an update does not download the AI module again. The image feature
//   extractor (13.5 MB, for the model lab's camera) is lazy the same way.

const BUILD = /* SPROUT_BUILD */ null;

const CACHE_PREFIX = 'sprout-';
const CACHE_NAME = `${CACHE_PREFIX}${BUILD.version}`;
const SCOPE = self.registration.scope;
const FILES = new Map(BUILD.files.map((file) => [new URL(file.name, SCOPE).href, file]));
const INDEX = new URL('index.html', SCOPE).href;

/** The SRI form (`sha256-BASE64`) of `response`'s body. */
async function integrityOf(response) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await response.arrayBuffer()));
  return `sha256-${btoa(String.fromCharCode(...digest))}`;
}

/** Copies `file` (a lazy one) from an older Sprout cache into `cache`, if one holds this very file. */
async function carryOver(cache, file) {
  const url = new URL(file.name, SCOPE).href;
  for (const name of await caches.keys()) {
    if (!name.startsWith(CACHE_PREFIX) || name === CACHE_NAME) continue;
    const old = await (await caches.open(name)).match(url);
    if (old && (await integrityOf(old.clone())) === file.integrity) {
      await cache.put(url, old);
      return;
    }
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE_NAME).then((cache) =>
      Promise.all(
        BUILD.files.map(async (file) => {
          if (file.lazy) return carryOver(cache, file);
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
  const file = FILES.get(url.href);
  if (!file) return;
  event.respondWith(
    caches.open(CACHE_NAME).then(async (cache) => {
      const cached = await cache.match(url.href);
      if (cached) return cached;
      const response = await fetch(request);
      // A lazy file is kept from its first use on, if it is this build's.
      if (file.lazy && response.ok) {
        const copy = response.clone();
        event.waitUntil(
          integrityOf(copy.clone()).then((integrity) => (integrity === file.integrity ? cache.put(url.href, copy) : undefined)),
        );
      }
      return response;
    }),
  );
});
