import config from '@ankommen/eslint-config';

export default [
  ...config,
  // The CommonJS consumer exists to prove that require() works.
  { files: ['consumer/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
];
