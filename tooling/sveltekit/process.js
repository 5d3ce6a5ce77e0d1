import { fork } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * Starts a Node script (a server of ours) and resolves once it says `ready`; for end-to-end
 * tests and measurements that run the real system.
 *
 * @param {string} script
 * @param {Record<string, string>} env
 * @returns {Promise<import('node:child_process').ChildProcess>}
 */
export function startReady(script, env) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    child.once('message', (message) =>
      message === 'ready' ? resolve(child) : reject(new Error(String(message))),
    );
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

/**
 * A port that is free now, chosen by the system: for a server started in a test. (A random
 * port from a fixed range clashes now and then when suites run in parallel.)
 *
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
