import { svelteConfig } from '@ankommen/eslint-config';
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
];
