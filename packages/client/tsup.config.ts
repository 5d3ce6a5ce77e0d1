import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  // Browsers as well as Node 20: only what both have (fetch, URLSearchParams, AbortSignal).
  platform: 'neutral',
  target: 'es2022',
});
