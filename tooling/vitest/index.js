import { defineConfig } from 'vitest/config';

/** Shared Vitest settings: tests live beside the code, run in Node, never depend on wall-clock time zone. */
export const baseConfig = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'threads',
    reporters: ['default'],
    env: { TZ: 'UTC' },
    // Generous limits: CI runs every package's tests at once on two cores. No test asserts on time.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default baseConfig;
