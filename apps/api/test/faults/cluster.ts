/**
 * A private PostgreSQL cluster for tests that stop and start the server. The machine's shared
 * PostgreSQL serves other test suites at the same time and must never be restarted.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The newest PostgreSQL's binaries on this machine, or undefined. */
export function postgresBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export interface Cluster {
  url(database?: string): string;
  port: number;
  /** Stops the server: `fast` ends sessions cleanly, `immediate` as a crash would. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * Creates and starts a cluster in a temporary directory on `port` with trust authentication.
 * initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
export async function startCluster(bin: string, port: number): Promise<Cluster> {
  const directory = await mkdtemp(join(tmpdir(), 'ankommen-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = async (command: string, args: string[]) => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    return run(file, argv, { timeout: 60_000 });
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(directory, Number(stdout.trim()), Number(group.trim()));
  }
  const data = join(directory, 'data');
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const options = [
    `-p ${port}`,
    `-k ${directory}`,
    '-c listen_addresses=127.0.0.1',
    // Speed, not durability: this cluster tests connections, not crash safety.
    '-c fsync=off',
    '-c max_connections=50',
  ].join(' ');
  const start = async () => {
    await as('pg_ctl', ['-D', data, '-o', options, '-l', join(directory, 'log'), '-w', 'start']);
  };
  await start();
  let running = true;
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async stop(mode = 'fast') {
      await as('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async dispose() {
      if (running)
        await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(directory, { recursive: true, force: true });
    },
  };
}
