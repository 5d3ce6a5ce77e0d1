import { startReady } from '@ankommen/sveltekit-config/process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const apiDir = dirname(require.resolve('@ankommen/api/package.json'));

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/** The built API on an embedded database of its own, with its clock fixed (a Wednesday, 10:00). */
export async function startApi(): Promise<RunningApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ankommen-client-'));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const api: ChildProcess = await startReady(join(apiDir, 'dist', 'server.js'), {
    API_PORT: String(port),
    API_HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    CLOCK: '2026-11-25T09:00:00Z',
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        api.once('exit', () => resolve());
        api.kill('SIGTERM');
      });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
