import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import electron from 'vite-plugin-electron';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Never bundled: Electron itself, Node's own modules, and native addons (unpacked from asar). */
const external: Array<string | RegExp> = [
  'electron',
  'keytar',
  'libsql',
  /^@libsql\//,
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

/**
 * Builds main (ESM), the command line and the archive worker, all for Node; got is bundled in.
 * With `chunksDir`, each dynamic `import()` becomes a chunk in `dist-electron/<chunksDir>/`
 * (emptied first, so no stale chunk lingers), loaded only when the code runs: the command line
 * imports one command at a time so `--help` and `--version` start fast. Without it, dynamic
 * imports are inlined into the one file, as main and the worker have no use for chunks.
 */
function nodeEntry(entry: string, fileName: string, chunksDir?: string) {
  return {
    entry: here(entry),
    vite: {
      plugins: chunksDir ? [{ name: 'empty-chunks-dir', buildStart: () => rmSync(here(`dist-electron/${chunksDir}`), { recursive: true, force: true }) }] : [],
      build: {
        outDir: here('dist-electron'),
        emptyOutDir: false,
        minify: false,
        sourcemap: true,
        target: 'node20',
        lib: { entry: here(entry), formats: ['es' as const], fileName: () => fileName },
        rolldownOptions: {
          external,
          output: chunksDir ? { chunkFileNames: `${chunksDir}/[name]-[hash].js` } : { codeSplitting: false },
        },
      },
    },
  };
}

/** One config: the renderer (root `renderer/`), main, the preload (CommonJS) and the CLI. */
export default defineConfig({
  root: here('renderer'),
  base: './',
  build: { outDir: here('dist/renderer'), emptyOutDir: true },
  plugins: [
    svelte(),
    electron([
      nodeEntry('main/electron/index.ts', 'main.js'),
      nodeEntry('main/cli.ts', 'cli.js', 'cli-chunks'),
      // Archive work runs in a worker thread, started from its own bundle beside main.js/cli.js.
      nodeEntry('main/core/archive/archive-worker.ts', 'archive-worker.mjs'),
      {
        entry: here('main/preload.ts'),
        vite: {
          build: {
            outDir: here('dist-electron'),
            emptyOutDir: false,
            minify: false,
            target: 'chrome140',
            lib: { entry: here('main/preload.ts'), formats: ['cjs' as const], fileName: () => 'preload.cjs' },
            rolldownOptions: { external: ['electron'] },
          },
        },
      },
    ]),
  ],
});
