import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'node20',
    // The CommonJS build needs `import.meta.url` to find the migrations beside `dist/`.
    shims: true,
  },
  {
    // Test support for other packages: runs suites on PGlite and PostgreSQL (`./testing`).
    entry: { testing: 'src/testing/backends.ts' },
    format: ['esm'],
    dts: true,
    target: 'node20',
    external: ['vitest'],
  },
]);
