// Desk mode: the print button needs JavaScript; without it, the browser's own print works the same.
/* global document, window */
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
