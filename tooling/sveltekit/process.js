import { fork } from 'node:child_process';

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
