// One linter for the whole tree. The `no-restricted-imports` blocks enforce the house plan in
// docs/architecture.md ("who may import whom").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only electron/shell/, electron/main.ts and electron/preload.ts may import electron.',
};
const storeOnlyInShell = {
  name: 'electron-store',
  message: 'Only electron/shell/ may import electron-store (use the SettingsPort).',
};
const noShell = {
  group: ['**/shell', '**/shell/**'],
  message: 'Nothing in electron/ but main.ts imports electron/shell/: the app must run without Electron.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'bench/.work/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**', 'electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnlyInShell, storeOnlyInShell], patterns: [noShell] },
      ],
    },
  },
  {
    // The shell's decisions are pure functions that run under plain Node.
    files: ['electron/shell/policy/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell, storeOnlyInShell] }] },
  },
  {
    files: ['electron/main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [storeOnlyInShell] }] },
  },
  {
    files: ['electron/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInShell, storeOnlyInShell],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'],
              message: 'The contract is pure TypeScript: no Node.',
            },
            { group: ['../*', '!../contract'], message: 'The contract imports nothing else from electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInShell,
            storeOnlyInShell,
            { name: 'conf', message: 'No Node code in the renderer.' },
          ],
          patterns: [
            {
              regex: '^(\\.\\./)+electron/(?!contract(/|$))',
              message: 'The renderer imports only electron/contract/ from electron/.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'No Node modules in the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    // UI text comes from the catalogue (electron/contract/i18n/en.json, docs/i18n.md): no literal
    // text in JSX anywhere in the renderer.
    files: ['renderer/**/*.tsx'],
    ignores: ['renderer/**/*.test.tsx'],
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': ['error', { mode: 'jsx-text-only' }] },
  },
  {
    files: ['e2e/**/*.ts', '*.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Importing electron under Node tries a download and throws; use e2e/electron/hasElectron.ts.',
            },
          ],
        },
      ],
    },
  },
);
