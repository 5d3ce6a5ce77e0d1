/**
 * Runs an outbound call with a deadline that cannot be lost.
 *
 * `AbortSignal.timeout()` alone is not enough where SvelteKit's `event.fetch` copies the call
 * into a `new Request(…)`: undici links the copy's signal to ours through a weak reference,
 * and after a garbage collection the timeout no longer reaches the request (nodejs/undici
 * #4068), so a hung API would hold the page for ever. Here our own timer holds the controller
 * and the caller gets a `TimeoutError` at the deadline whatever happens to the link; the
 * signal is still passed on, so that the request is aborted too where the link holds.
 *
 * @template T
 * @param {number} ms
 * @param {(signal: AbortSignal) => Promise<T>} run
 * @returns {Promise<T>}
 */
export async function withDeadline(ms, run) {
  const controller = new AbortController();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const reason = new DOMException(`no answer within ${ms} ms`, 'TimeoutError');
      controller.abort(reason);
      reject(reason);
    }, ms);
  });
  try {
    return await Promise.race([run(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
