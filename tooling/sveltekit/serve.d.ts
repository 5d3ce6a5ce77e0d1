/** Serves a built SvelteKit app (adapter-node's `handler.js`) behind Node's HTTP server. */
export function serve(options: {
  name: string;
  handler: string;
  port: number;
  host: string;
}): Promise<void>;

/** Whether the app is served over TLS: `TLS=true`, or an `https:` ORIGIN. */
export function servedOverTls(env: Record<string, string | undefined>): boolean;

/** The headers every answer carries (HSTS only over TLS). */
export function edgeHeaders(https: boolean): [string, string][];
