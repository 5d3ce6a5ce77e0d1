import type { KitConfig } from '@sveltejs/kit';

/** The content security policy of our SvelteKit apps. */
export const csp: KitConfig['csp'];
