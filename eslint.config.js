// Lint rules for svtui. Besides the usual checks, the import boundaries of the design:
// pure code (codec/, core/, the pure parts of log/) touches no file system, process or clock;
// only ui/ loads ink or react, so the tool subcommands start fast.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['node:fs', 'node:fs/promises', 'node:child_process', 'node:net', 'fs', 'child_process'];
const ui = ['ink', 'react', 'react/jsx-runtime', 'ink-testing-library'];
const restrict = (names, message) => ({
  'no-restricted-imports': ['error', { paths: names.map((name) => ({ name, message })) }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/out/', 'examples/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/ui/**'],
    rules: restrict(
      ui,
      'Only src/ui/ may load Ink or React: the tool subcommands must start fast.',
    ),
  },
  {
    files: ['src/codec/**/*.ts', 'src/core/**/*.ts'],
    rules: restrict(
      [...io, ...ui],
      'codec/ and core/ are pure: pass data in, return data or effects.',
    ),
  },
);
