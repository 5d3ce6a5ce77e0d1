import { createApp } from './app.js';
import { createHttpServer, nodeClientAddress } from './http.js';
import { loadConfig } from './config.js';
import { adminRoutes } from './routes/admin/index.js';
import { startSystem } from './system.js';

const config = loadConfig();
const fixed = config.CLOCK ? new Date(config.CLOCK) : undefined;
if (fixed) console.warn(`The clock is fixed at ${fixed.toISOString()} (CLOCK).`);
const system = await startSystem(config, fixed ? () => fixed : undefined);
const app = createApp({
  services: system.services,
  extend: adminRoutes,
  clientAddress: nodeClientAddress,
});

const server = createHttpServer(app.fetch, config, system.services);
server.listen(config.API_PORT, config.API_HOST, () => {
  console.log(
    `Ankommen API on http://localhost:${config.API_PORT} (${system.database.kind}); docs at /docs`,
  );
  process.send?.('ready');
});

// Graceful shutdown: stop accepting, let requests in flight finish, then close the database.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(() => {
      system.close().finally(() => process.exit(0));
    });
    // A keep-alive connection goes idle once its answer is out; close it then, instead of
    // waiting for the client or the keep-alive timeout (5 s) to end it.
    setInterval(() => server.closeIdleConnections(), 100).unref();
  });
}
