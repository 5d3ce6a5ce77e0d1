// Serves the built dashboard on DASHBOARD_PORT (default 3001).
import { serve } from '@ankommen/sveltekit-config/serve';

await serve({
  name: 'Ankommen dashboard',
  handler: new URL('./build/handler.js', import.meta.url).pathname,
  port: Number(process.env.DASHBOARD_PORT ?? process.env.PORT ?? 3001),
  host: process.env.DASHBOARD_HOST ?? '0.0.0.0',
});
