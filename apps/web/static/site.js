// Small extras on every page; the site works without them.

// Quick exit: leave without a way back. The link works without JavaScript too, but then the
// browser's back button returns here.
for (const link of document.querySelectorAll('a.exit')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    window.location.replace(link.href);
  });
}

// The service worker keeps offers and agencies readable offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) =>
      registration.active?.postMessage({ precache: document.documentElement.lang }),
    )
    .catch(() => {});
}
