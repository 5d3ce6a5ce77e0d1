import baseConfig from '@ankommen/vitest-config';
import { defineConfig, mergeConfig } from 'vitest/config';

// Every suite opens real databases (PGlite boots a WASM PostgreSQL, PostgreSQL suites create
// a database each): give hooks and tests room on slow, shared CI cores.
export default mergeConfig(
  baseConfig,
  defineConfig({ test: { testTimeout: 90_000, hookTimeout: 90_000 } }),
);
