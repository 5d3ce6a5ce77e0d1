/** Serves a built SvelteKit app (adapter-node's `handler.js`) behind Node's HTTP server. */
export function serve(options: {
  name: string;
  handler: string;
  port: number;
  host: string;
}): Promise<void>;
