import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Imports that would break the architecture, with the reason shown to whoever tries. */
const noElectron = {
  name: 'electron',
  message: 'Core and the renderer never import electron: core gets ports (main/core/ports.ts); the renderer uses window.exportManager.',
};

/** The feature rooms of main/core: one per namespace of the contract, each with a public face. */
const FEATURE_ROOMS = ['app', 'profiles', 'keys', 'tracked', 'history', 'settings', 'downloads', 'archive'];
/** The technology rooms: libraries the feature rooms use by path; they never use a feature room. */
const TECHNOLOGY_ROOMS = ['store', 'secrets', 'http', 'files', 'sample-backend'];

/** Outside a feature room, any path into it but its face (`<room>` or `<room>/index`) is refused. */
const throughFace = (room) => ({
  regex: `(^\\.\\.?|/core)/${room}/(?!index$)`,
  message: `Import main/core/${room} through its face, main/core/${room}/index.ts (export what you need there).`,
});

/** In a technology room, every path into a feature room (its face included) is refused. */
const noFeatureRoom = (room) => ({
  regex: `^\\.\\./${room}(/|$)`,
  message: `Technology rooms (${TECHNOLOGY_ROOMS.join(', ')}) never import a feature room such as main/core/${room}: the feature adapts to them, or declares a port.`,
});

/** no-restricted-imports for one set of files: the electron ban where it applies, and the room patterns. */
const restrictedImports = (patterns, withElectronBan) => ({
  'no-restricted-imports': ['error', { paths: withElectronBan ? [noElectron] : [], patterns }],
});

const roomDirs = (rooms) => rooms.map((room) => `main/core/${room}/**`);

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
    // core.ts, api.ts and the other files at the top of core, and shared/.
    files: ['main/core/**', 'shared/**'],
    ignores: roomDirs([...FEATURE_ROOMS, ...TECHNOLOGY_ROOMS]),
    rules: restrictedImports(FEATURE_ROOMS.map(throughFace), true),
  },
  {
    // The command line, the Electron adapters and the test bridge reach the feature rooms only through their faces.
    files: ['main/cli/**', 'main/cli.ts', 'main/electron/**', 'main/preload.ts', 'test/bridge/**'],
    rules: restrictedImports(FEATURE_ROOMS.map(throughFace), false),
  },
  // A feature room imports its own files freely, and other feature rooms only through their faces.
  ...FEATURE_ROOMS.map((room) => ({
    files: [`main/core/${room}/**`],
    rules: restrictedImports(FEATURE_ROOMS.filter((other) => other !== room).map(throughFace), true),
  })),
  {
    // Arrows go downward: technology rooms never import a feature room.
    files: roomDirs(TECHNOLOGY_ROOMS),
    rules: restrictedImports(FEATURE_ROOMS.map(noFeatureRoom), true),
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
