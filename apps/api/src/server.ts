import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { adminRoutes } from './routes/admin/index.js';
import { startSystem } from './system.js';

const config = loadConfig();
const system = await startSystem(config);
const app = createApp({
  services: system.services,
  extend: adminRoutes,
  clientAddress: (c) =>
    (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
      ?.remoteAddress,
});

const server = serve(
  { fetch: app.fetch, port: config.API_PORT, hostname: config.API_HOST },
  (info) => {
    console.log(
      `Ankommen API on http://localhost:${info.port} (${system.database.kind}); docs at /docs`,
    );
    process.send?.('ready');
  },
);

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
  });
}
