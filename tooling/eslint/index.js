import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// `tseslint.config()` is deprecated since typescript-eslint 8.x in favour of ESLint's own
// `defineConfig()` (eslint >= 9.22), which also flattens nested arrays and `extends`.

/** Base flat config for TypeScript packages. */
export const base = defineConfig(
  { ignores: ['**/dist/**', '**/.svelte-kit/**', '**/build/**', '**/coverage/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // Tests read JSON answers of any shape.
    files: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);

/**
 * Flat config for SvelteKit apps: the base plus Svelte components.
 * eslint-plugin-svelte imports `svelte/compiler` at load time, so `svelte` is a dependency
 * of this package even though TypeScript-only packages never lint a component.
 */
export const svelteConfig = defineConfig(
  base,
  svelte.configs.recommended,
  svelte.configs.prettier,
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
);

/**
 * Flat config for one of our SvelteKit apps, given its `svelte.config.js`. The apps are served
 * from the root of their own host: links are absolute paths as they stand, without resolve().
 */
export function sveltekitApp(svelteKitConfig) {
  return defineConfig(svelteConfig, {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { svelteConfig: svelteKitConfig } },
    rules: { 'svelte/no-navigation-without-resolve': 'off' },
  });
}

export default base;
