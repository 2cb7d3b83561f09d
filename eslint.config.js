import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      // No line over 140 characters, Prettier's printWidth: Prettier does not break strings, template
      // literals, regular expressions or comments, so this catches what it leaves long.
      'max-len': ['error', { code: 140 }],
      'no-console': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Features add to the service and audit registries by declaration merging: interface X extends Y {}.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['src/platform/assets/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
