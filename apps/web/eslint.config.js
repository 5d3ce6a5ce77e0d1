import { sveltekitApp } from '@ankommen/eslint-config';
import globals from 'globals';
import svelteKit from './svelte.config.js';

export default [
  ...sveltekitApp(svelteKit),
  {
    // The few scripts served as they are, for browsers (and the service worker), and the
    // Lighthouse script, whose callbacks run in the page.
    files: ['static/**/*.js', 'scripts/lighthouse.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },
];
