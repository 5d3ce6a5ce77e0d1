import adapter from '@sveltejs/adapter-node';
import { csp } from '@ankommen/sveltekit-config/csp';

/** @type {import('@sveltejs/kit').Config} */
export default {
  kit: {
    adapter: adapter(),
    csp,
    inlineStyleThreshold: 0,
  },
};
