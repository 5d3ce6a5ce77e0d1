import { defineConfig } from 'vitest/config';

/** Shared Vitest settings: tests live beside the code, run in Node, never depend on wall-clock time zone. */
export const baseConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    reporters: ['default'],
    env: { TZ: 'UTC' },
  },
});

export default baseConfig;
