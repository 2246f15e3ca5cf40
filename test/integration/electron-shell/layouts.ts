import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built app's pieces are in the two layouts main runs from: the checkout (`npm
 * start`) and a packaged app (resources/app.asar). The boot tests run the same assertions on both.
 */

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** One layout of the built app, as main finds it. */
export interface AppLayout {
  name: string;
  /** The main bundle to run. */
  mainScript: string;
  /** The app's folder, with its package.json (Electron's app path). */
  appPath: string;
  /** The built renderer that app:// serves. */
  rendererDir: string;
  /** The preload the window must get. */
  preloadPath: string;
  /** Set for the packaged layout. */
  packaged?: { resourcesPath: string; unpackedDir: string };
  /** Removes what making the layout left behind. */
  cleanup?: () => void | Promise<void>;
}

/** What `npm run build` must have made for main to boot. */
const BUILD_OUTPUTS = ['dist/renderer/index.html', 'dist-electron/main.js', 'dist-electron/preload.cjs', 'dist-electron/archive-worker.mjs', 'dist-electron/fast-body-worker.mjs'];

/**
 * The checkout's layout as `npm start` runs it: package.json, dist/ and dist-electron/ as the
 * build left them, node_modules and README.md beside them. It is a copy (the same relative
 * paths, node_modules linked), so a build that another process starts meanwhile, which empties
 * those folders for a moment, cannot change the files under test. `cleanup` removes the copy.
 */
export function checkoutLayout(): AppLayout {
  const missing = BUILD_OUTPUTS.filter((output) => !existsSync(join(repoRoot, output)));
  if (missing.length > 0) throw new Error(`The app is not built (${missing.join(', ')} missing): run \`npm run build\` first.`);
  const root = mkdtempSync(join(tmpdir(), 'export-manager-checkout-'));
  for (const name of ['package.json', 'dist', 'dist-electron']) cpSync(join(repoRoot, name), join(root, name), { recursive: true });
  for (const name of ['node_modules', 'README.md']) symlinkSync(join(repoRoot, name), join(root, name));
  return {
    name: 'checkout',
    mainScript: join(root, 'dist-electron', 'main.js'),
    appPath: root,
    rendererDir: join(root, 'dist', 'renderer'),
    preloadPath: join(root, 'dist-electron', 'preload.cjs'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The files index.html loads (scripts, styles, icons), as paths relative to the renderer folder. */
export function pageAssets(rendererDir: string): string[] {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const found = [...html.matchAll(/\b(?:src|href)="\.\/([^"]+)"/g)].map((match) => match[1]!);
  if (found.length === 0) throw new Error(`index.html in ${rendererDir} names no assets.`);
  return found;
}
