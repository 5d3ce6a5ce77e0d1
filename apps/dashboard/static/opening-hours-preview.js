/* global document -- runs in the browser */
// Live preview of opening hours while a person types. The page works without it: the
// "Vorschau" button renders the same preview on the server.
for (const input of document.querySelectorAll('[data-hours-preview]')) {
  const region = document.getElementById(input.dataset.hoursPreview);
  let timer;
  let latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const request = ++latest;
      const query = new URLSearchParams({ value: input.value });
      if (input.dataset.asOf) query.set('asOf', input.dataset.asOf);
      const response = await fetch(`/opening-hours/preview?${query}`);
      // A slower, older answer must not overwrite a newer one.
      if (!response.ok || request !== latest) return;
      region.innerHTML = await response.text();
      if (region.querySelector('[data-invalid]')) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }, 300);
  });
}
