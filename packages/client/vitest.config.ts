export { default } from '@ankommen/vitest-config';
