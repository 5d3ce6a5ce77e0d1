export { default } from '@ankommen/eslint-config';
