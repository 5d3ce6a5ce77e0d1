import { sveltekitApp } from '@ankommen/eslint-config';
import svelteKit from './svelte.config.js';

export default sveltekitApp(svelteKit);
