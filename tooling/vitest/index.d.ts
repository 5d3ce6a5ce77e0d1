import type { ViteUserConfig } from 'vitest/config';

/** Shared Vitest settings: tests live beside the code, run in Node, never depend on wall-clock time zone. */
export declare const baseConfig: ViteUserConfig;

export default baseConfig;
