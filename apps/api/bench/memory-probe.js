// Runs the built API server in this very process and reports the process's memory to the
// parent every second over IPC, so that the load test samples the API itself, not a wrapper.
// Asked `gc` (with --expose-gc), it collects garbage first and reports what is still held.
// The server's own `ready` message still reaches the parent unchanged.
const sample = (afterGc = false) => {
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  process.send?.({ memory: { rss, heapUsed, heapTotal }, afterGc });
};
setInterval(sample, 1000).unref();
process.on('message', (message) => {
  if (message !== 'gc' || typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  sample(true);
});

await import('../dist/server.js');
