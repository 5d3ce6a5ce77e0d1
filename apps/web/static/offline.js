// Registers the service worker that keeps offers and agencies readable offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) =>
      registration.active?.postMessage({ precache: document.documentElement.lang }),
    )
    .catch(() => {});
}
