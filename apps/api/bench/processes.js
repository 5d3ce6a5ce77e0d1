// The servers a measurement runs, each a process of its own, and where each may run: the
// benchmark and the load test share these, so that both measure under the same conditions.
import { execFileSync, fork } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';

/**
 * Whether servers and load generator can run on CPUs of their own: `taskset` exists and there
 * are two or more CPUs. Otherwise autocannon's own work is charged to whichever server it loads.
 */
export function canPin() {
  if (availableParallelism() < 2) return false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Moves a process, with all its threads, onto one CPU. */
export const pin = (pid, cpu) =>
  execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });

/**
 * Starts a server script and resolves once it says `ready` over IPC; other messages (the load
 * test's memory samples) go to `onMessage`. With `cpu`, the server runs on that CPU only;
 * `execArgv` are Node's own flags for it.
 */
export function start(script, env, { cpu, onMessage, execArgv } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      ...(execArgv ? { execArgv } : {}),
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    if (cpu !== undefined) pin(child.pid, cpu);
    const exited = (code) => reject(new Error(`${script} exited with ${code}`));
    child.on('message', (message) => {
      if (message === 'ready') {
        child.off('exit', exited);
        resolve(child);
      } else onMessage?.(message);
    });
    child.once('exit', exited);
  });
}

/** A port that is free now, chosen by the system. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
