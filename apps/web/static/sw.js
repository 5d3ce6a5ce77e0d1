// Offline reading: pages are fetched from the network first and kept for when there is none.
// After the first visit the offer and agency lists of the visitor's language are fetched in
// the background. The Wegweiser's pages are never kept (they hold a person's answers), except
// a plan the person saved on purpose (cache `ankommen-saved`, written by guide.js).
const PAGES = 'ankommen-pages-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith('ankommen-pages-') && name !== PAGES)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

async function keep(request, response) {
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(PAGES);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener('message', (event) => {
  const lang = event.data?.precache;
  if (typeof lang !== 'string' || !/^[a-z]{2}$/.test(lang)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(PAGES);
      if (await cache.match(`/${lang}/agencies`)) return;
      const urls = [`/${lang}`, `/${lang}/agencies`, `/${lang}/offers`];
      for (let page = 2; page <= 10; page++) urls.push(`/${lang}/offers?page=${page}`);
      for (const url of urls) {
        try {
          await keep(new Request(url), await fetch(url));
        } catch {
          return;
        }
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.endsWith('/guide/saved')) {
    event.respondWith(
      caches
        .match(request, { cacheName: 'ankommen-saved' })
        .then((saved) => saved ?? fetch(request)),
    );
    return;
  }
  if (url.pathname.endsWith('/guide')) return;
  event.respondWith(
    fetch(request)
      .then((response) => keep(request, response))
      .catch(() => caches.match(request).then((cached) => cached ?? Response.error())),
  );
});
