import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';
import electron from 'vite-plugin-electron';
import { DEV_CSP_NONCE_ENV, devContentSecurityPolicy } from './main/electron/content-security-policy';
import { electronBinary, MISSING_ELECTRON_MESSAGE } from './scripts/electron-binary.mjs';

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
 * Builds main (ESM), the command line, the archive worker and the fast body worker, all for Node; got is bundled in.
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

/**
 * `npm run dev`: Vite injects the page's CSS as `<style>` elements, which the app's strict CSP
 * blocks. A nonce made for this run goes on those elements (`html.cspNonce`), into the page's
 * meta policy (here) and, through the environment, into the header main sends for the dev
 * server's pages (main/electron/window.ts). Builds are untouched: they load CSS as files.
 */
function devStyleNonce(nonce: string): Plugin {
  return {
    name: 'dev-csp-nonce',
    apply: 'serve',
    transformIndexHtml(html, context) {
      const local = context.server?.resolvedUrls?.local[0];
      const origin = local ? new URL(local).origin : 'http://localhost';
      return html.replace(
        /(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/,
        (_all, start: string, policy: string) => `${start}${devContentSecurityPolicy(nonce, origin, policy)}"`,
      );
    },
  };
}

/** `npm run dev` says in one line that Electron is missing, as `npm start` does, instead of a stack trace. */
async function startElectron({ startup }: { startup: () => Promise<boolean> }): Promise<void> {
  if (electronBinary() === null) {
    console.error(MISSING_ELECTRON_MESSAGE);
    process.exit(1);
  }
  await startup();
}

/** One config: the renderer (root `renderer/`), main, the preload (CommonJS) and the CLI. */
export default defineConfig(({ command }) => {
  const devNonce = command === 'serve' ? randomBytes(18).toString('base64') : undefined;
  // Electron, started by vite-plugin-electron from this process, reads it from its environment.
  if (devNonce) process.env[DEV_CSP_NONCE_ENV] = devNonce;
  // The dev-server test serves the renderer alone: no Electron, and the built bundles untouched.
  const rendererOnly = command === 'serve' && process.env.EXPORT_MANAGER_DEV_RENDERER_ONLY === '1';
  return {
    root: here('renderer'),
    base: './',
    build: { outDir: here('dist/renderer'), emptyOutDir: true },
    html: devNonce ? { cspNonce: devNonce } : {},
    plugins: [
      svelte(),
      ...(devNonce ? [devStyleNonce(devNonce)] : []),
      // A build starts from an empty dist-electron/, so no bundle of an earlier build (a renamed
      // or removed one) lingers there to be run or packed.
      { name: 'empty-dist-electron', apply: 'build', buildStart: () => rmSync(here('dist-electron'), { recursive: true, force: true }) },
      ...(rendererOnly ? [] : electron([
        { ...nodeEntry('main/electron/index.ts', 'main.js'), onstart: startElectron },
        // The command line and the worker are not the running app: rebuilding them restarts nothing.
        { ...nodeEntry('main/cli.ts', 'cli.js', 'cli-chunks'), onstart: () => {} },
        // Archive work runs in a worker thread, started from its own bundle beside main.js/cli.js.
        { ...nodeEntry('main/core/archive/archive-worker.ts', 'archive-worker.mjs'), onstart: () => {} },
        // So does a zip's body on the fast path (main/core/http/fast-body/worker-entry.ts finds it beside main.js, or one folder up from cli-chunks/).
        { ...nodeEntry('main/core/http/fast-body/fast-body-worker.ts', 'fast-body-worker.mjs'), onstart: () => {} },
        {
          entry: here('main/preload.ts'),
          // A new preload needs only the page reloaded; before main has started the app, nothing.
          onstart: ({ reload }: { reload: () => void }) => {
            if ((process as { electronApp?: unknown }).electronApp) reload();
          },
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
      ])),
    ],
  };
});
