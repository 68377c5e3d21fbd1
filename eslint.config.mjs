// ESLint flat config: the recommended rules of ESLint and typescript-eslint (syntax only,
// no type information: the whole repository lints in seconds), plus a few of our own.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      '**/node_modules/**',
      '.vscode-test/**',
      '.e2e-cache/**',
      'rules/*/test/**',
      'rules/*/fixes/**',
      'test/e2e/workspace/**',
      'test/fixtures/**',
      'examples/**',
    ],
  },
  {
    files: ['**/*.{ts,mjs,cjs,js}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrors: 'all',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      eqeqeq: 'error',
      'prefer-const': 'error',
      'no-console': 'error',
    },
  },
  {
    // Programs whose output is the console: the CLI, the benchmarks, the scripts, the tests.
    files: ['server/src/cli.ts', 'bench/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
