import { svelteConfig } from '@ankommen/eslint-config';
import globals from 'globals';
import svelteKit from './svelte.config.js';

export default [
  ...svelteConfig,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { svelteConfig: svelteKit } },
    rules: {
      // The site is served from the root of its own host: links are `/{lang}/…` as they stand.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // The few scripts served as they are, for browsers (and the service worker), and the
    // Lighthouse script, whose callbacks run in the page.
    files: ['static/**/*.js', 'scripts/lighthouse.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },
];
