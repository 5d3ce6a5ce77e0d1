// Runs the built API server in this very process and reports the process's memory to the
// parent every second over IPC, so that the load test samples the API itself, not a wrapper.
// The server's own `ready` message still reaches the parent unchanged.
const sample = () => {
  const { rss, heapUsed, heapTotal } = process.memoryUsage();
  process.send?.({ memory: { rss, heapUsed, heapTotal } });
};
setInterval(sample, 1000).unref();

await import('../dist/server.js');
