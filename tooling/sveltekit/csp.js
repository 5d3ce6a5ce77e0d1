/**
 * The content security policy of our SvelteKit apps: nothing from other origins, no inline
 * script or style (so no 'unsafe-inline'), no framing.
 * @type {import('@sveltejs/kit').KitConfig['csp']}
 */
export const csp = {
  mode: 'hash',
  directives: {
    'default-src': ['self'],
    'script-src': ['self'],
    'style-src': ['self'],
    'img-src': ['self', 'data:'],
    'frame-ancestors': ['none'],
    'form-action': ['self'],
    'base-uri': ['self'],
    'object-src': ['none'],
  },
};

const keywords = new Set(['self', 'none', 'strict-dynamic', 'unsafe-inline', 'unsafe-eval']);

/**
 * The same policy as a header value, for the answers SvelteKit does not render (static
 * files, endpoints): no hashes, so no inline script or style runs under it.
 */
export const cspHeader = Object.entries(csp.directives ?? {})
  .map(([name, sources]) =>
    [name, ...(sources ?? []).map((s) => (keywords.has(s) ? `'${s}'` : s))].join(' '),
  )
  .join('; ');
