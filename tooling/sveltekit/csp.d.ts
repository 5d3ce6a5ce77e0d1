import type { KitConfig } from '@sveltejs/kit';

/** The content security policy of our SvelteKit apps. */
export const csp: KitConfig['csp'];

/** The same policy as a header value, for answers SvelteKit does not render. */
export const cspHeader: string;
