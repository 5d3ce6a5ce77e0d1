// Serves the built site on WEB_PORT (default 3000).
import { serve } from '@ankommen/sveltekit-config/serve';

await serve({
  name: 'Ankommen site',
  handler: new URL('./build/handler.js', import.meta.url).pathname,
  port: Number(process.env.WEB_PORT ?? process.env.PORT ?? 3000),
  host: process.env.WEB_HOST ?? '0.0.0.0',
});
