// The Wegweiser's extras for browsers with JavaScript; every core path works without them.
(() => {
  // A shared link carries the answers after `#a=`: post them, so the plan opens here too.
  const form = document.querySelector('form.question');
  const history = form?.querySelector('input[name="history"]');
  if (location.hash.startsWith('#a=') && history?.value === '[]') {
    try {
      const base64 = location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const shared = new TextDecoder().decode(bytes);
      JSON.parse(shared);
      const post = document.createElement('form');
      post.method = 'post';
      post.action = location.pathname;
      for (const [name, value] of [
        ['intent', 'load'],
        ['shared', shared],
      ]) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        post.append(input);
      }
      document.body.append(post);
      window.history.replaceState(null, '', location.pathname);
      post.submit();
    } catch {
      // Not a link of ours: start with the first question.
    }
  }

  for (const button of document.querySelectorAll('[data-print]')) {
    button.hidden = false;
    button.addEventListener('click', () => window.print());
  }

  // Keeps this plan on this device only (the Cache API), readable offline at /{lang}/guide/saved.
  if ('caches' in window) {
    for (const button of document.querySelectorAll('[data-save]')) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        const cache = await caches.open('ankommen-saved');
        const html = `<!doctype html>${document.documentElement.outerHTML}`;
        await cache.put(
          button.dataset.save,
          new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8' } }),
        );
        button.textContent = button.dataset.saved;
        button.disabled = true;
      });
    }
  }
})();
