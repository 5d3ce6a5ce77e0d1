import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/server.ts', 'src/cli.ts', 'src/write-openapi.ts'],
  format: ['esm'],
  sourcemap: true,
  target: 'node20',
});
