import { baseConfig } from '@ankommen/vitest-config';
import { defineConfig, mergeConfig } from 'vitest/config';

export default mergeConfig(
  baseConfig,
  defineConfig({
    test: {
      // Each end-to-end file drives the real API and dashboard in Chromium; an axe scan of a
      // long page (all 87 rules) takes tens of seconds on two busy cores. A limit, not a
      // timing assertion.
      testTimeout: 180_000,
      hookTimeout: 180_000,
    },
  }),
);
