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
