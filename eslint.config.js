// Lint rules for svtui. Besides the usual checks, the import boundaries of the design:
// pure code (codec/, core/, the pure parts of log/) touches no file system, process or clock;
// only ui/ loads ink or react, so the tool subcommands start fast; no import cycle across src/;
// and the rules of hooks in ui/.
import js from '@eslint/js';
import { builtinRules } from 'eslint/use-at-your-own-risk';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import noImportCycle from './eslint-rules/no-import-cycle.js';

const io = ['node:fs', 'node:fs/promises', 'node:child_process', 'node:net', 'fs', 'child_process'];
const ui = ['ink', 'react', 'react/jsx-runtime', 'ink-testing-library'];

// The import boundaries, one entry each. Every entry becomes its own rule, `boundary/NAME` (the
// core no-restricted-imports under another name), so boundaries that cover the same file add up:
// a second `no-restricted-imports` block for a folder would silently replace the first.
// `forbid` lists module names; `patterns` takes no-restricted-imports' gitignore-style patterns
// for folders (`'**/store/**'`), which is how a layer rule ("core/ never imports store/") reads.
const boundaries = [
  {
    name: 'ink-only-in-ui',
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/ui/**'],
    forbid: ui,
    message: 'Only src/ui/ may load Ink or React: the tool subcommands must start fast.',
  },
  {
    name: 'pure',
    files: [
      'src/codec/**/*.ts',
      'src/core/**/*.ts',
      'src/monitor/**/*.ts',
      'src/health/engine.ts',
      'src/health/event.ts',
      'src/health/alert-env.ts',
      'src/health/describe.ts',
      'src/health/alert-limit.ts',
    ],
    forbid: io,
    message:
      'codec/, core/, monitor/ and the health engine are pure: pass data in, return data or effects.',
  },
  // The console's house (DESIGN "The console's house"): everything above the TreeSource port
  // reaches the tree only through it.
  {
    name: 'console-above-the-port',
    files: ['src/console/**/*.ts', 'src/screen/**/*.ts', 'src/store/**/*.ts', 'src/ui/**/*.ts*'],
    forbid: io,
    message:
      'The console above the port never touches the file system or processes: ask the TreeSource.',
  },
  {
    name: 'only-the-root-picks-the-source',
    files: ['src/console/**/*.ts', 'src/screen/**/*.ts', 'src/store/**/*.ts', 'src/ui/**/*.ts*'],
    ignores: ['src/console/start.ts'],
    patterns: ['**/source/local/**', '**/source/embedded*', '**/supervisor/**', '**/control/**'],
    message:
      'Only the composition root (console/start.ts) chooses a source; the rest uses source/port.',
  },
  {
    name: 'screen-model-is-pure',
    files: [
      'src/screen/**/*.ts',
      'src/store/ui-state.ts',
      'src/store/model.ts',
      'src/store/outcome.ts',
    ],
    patterns: [
      '**/console/**',
      '**/ui/**',
      '**/logview/view*',
      '**/logview/files*',
      '**/logview/watch*',
    ],
    message: 'The screen model and the reducer are pure: facts in, lines and intents out.',
  },
  {
    name: 'store-below-screen',
    files: ['src/store/**/*.ts'],
    patterns: ['**/screen/**'],
    message: 'store/ holds state; the screen model reads it, never the other way round.',
  },
  {
    name: 'ui-draws-only',
    files: ['src/ui/**/*.ts*'],
    patterns: ['**/console/**', '**/store/**', '**/source/**'],
    message:
      'The Ink layer draws the screen model and hands keys on: it holds no state of its own.',
  },
];

const restrictedImports = builtinRules.get('no-restricted-imports');
const boundary = {
  meta: { name: 'svtui-boundaries' },
  rules: Object.fromEntries(boundaries.map((b) => [b.name, restrictedImports])),
};
const boundaryConfigs = boundaries.map(
  ({ name, files, ignores, forbid = [], patterns, message }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    plugins: { boundary },
    rules: {
      [`boundary/${name}`]: [
        'error',
        {
          paths: forbid.map((path) => ({ name: path, message })),
          ...(patterns ? { patterns: [{ group: patterns, message }] } : {}),
        },
      ],
    },
  }),
);

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
  ...boundaryConfigs,
  {
    // No import cycle across src/, type-only imports included (eslint-rules/no-import-cycle.js).
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    plugins: { svtui: { meta: { name: 'svtui' }, rules: { 'no-import-cycle': noImportCycle } } },
    rules: { 'svtui/no-import-cycle': 'error' },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    ...reactHooks.configs.flat.recommended,
  },
);
