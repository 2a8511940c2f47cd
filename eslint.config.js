import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layerRule from './eslint/layer-boundaries.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test/artifacts/', '.data/', 'web/dist/', 'sdk/dist/', 'sdk/examples/*/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The architecture of src/ (README "Code map"). A local rule, not import/no-restricted-paths or
    // eslint-plugin-boundaries: it must let type-only imports through and read which files a
    // feature's module exports, which neither can.
    files: ['src/**/*.ts'],
    plugins: { keyward: { rules: { layers: layerRule } } },
    rules: { 'keyward/layers': 'error' },
  },
  {
    files: ['scripts/**', 'bench/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // CommonJS on purpose (test/jest/esm-bridge): require() is what they are for.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The web console runs in the browser, not in Node.
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
