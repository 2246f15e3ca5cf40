import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports that would break the architecture, with the reason shown to whoever tries. */
const noElectron = {
  name: 'electron',
  message: 'Core and the renderer never import electron: core gets ports (main/core/ports.ts); the renderer uses window.exportManager.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['main/core/**', 'shared/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [noElectron] }] },
  },
  {
    // The renderer reaches main only through window.exportManager (the preload's object).
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['**/main/**', 'node:*'], message: 'The renderer talks to main only through window.exportManager.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'ipcRenderer', message: 'Use window.exportManager.' },
        { name: 'require', message: 'The renderer has no Node; use window.exportManager.' },
        { name: 'process', message: 'The renderer has no Node; use window.exportManager.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'ipcRenderer', message: 'Use window.exportManager.' },
        { object: 'window', property: 'electron', message: 'Use window.exportManager.' },
        { object: 'window', property: 'require', message: 'Use window.exportManager.' },
      ],
    },
  },
  {
    // Only the IPC wiring and the preload may touch raw IPC.
    files: ['main/**'],
    ignores: ['main/electron/ipc.ts', 'main/preload.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]",
          message: 'Raw IPC lives only in main/electron/ipc.ts and main/preload.ts, both derived from shared/api.ts.',
        },
      ],
    },
  },
);
