import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extractAll } from '@electron/asar';
import { packagedApp, removePackagedApp } from '../../helpers/packaged-app';
import type { AppLayout } from './layouts';

/**
 * The packaged app's layout, as main sees it inside Electron: electron-builder's
 * `resources/app.asar` (extracted here into a folder of that name, which plain Node can read)
 * beside the real `app.asar.unpacked`. Inside the folder, the files Electron could not use from
 * the archive are placeholders that fail if used: native addons (a shared library opens only
 * from a real file; the double loads them from app.asar.unpacked as Electron does) and the
 * archive worker's script (a worker thread starts from a real file). So main works here only
 * if electron-builder unpacked what it must and main looks for it where Electron would.
 */

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

/** A file Electron cannot use from inside app.asar, in its place there: loading it fails and says why. */
function placeholderFor(file: string): string {
  const why = `${file} was used from inside app.asar; Electron can only use it from app.asar.unpacked.`;
  return file.endsWith('.node') ? `not a shared library: ${why}\n` : `throw new Error(${JSON.stringify(why)});\n`;
}

/**
 * Packages the app (electron-builder `--linux dir` over a stand-in Electron, once per test
 * process) and lays out its resources for the double. The layout's `cleanup` removes the copy.
 */
export async function packagedLayout(): Promise<AppLayout> {
  const packaged = await packagedApp();

  const root = mkdtempSync(join(tmpdir(), 'export-manager-packaged-'));
  const resourcesPath = join(root, 'resources');
  const asarDir = join(resourcesPath, 'app.asar');
  extractAll(packaged.asarPath, asarDir);
  // Everything else in resources (app.asar.unpacked, README.md) is the package's own.
  for (const entry of readdirSync(packaged.resourcesDir)) {
    if (entry !== 'app.asar') symlinkSync(join(packaged.resourcesDir, entry), join(resourcesPath, entry));
  }
  const mustBeUnpacked = filesUnder(packaged.unpackedDir).filter(
    (file) => file.endsWith('.node') || file === join('dist-electron', 'archive-worker.mjs') || file === join('dist-electron', 'fast-body-worker.mjs'),
  );
  for (const file of mustBeUnpacked) writeFileSync(join(asarDir, file), placeholderFor(file));

  return {
    name: 'packaged',
    mainScript: join(asarDir, 'dist-electron', 'main.js'),
    appPath: asarDir,
    rendererDir: join(asarDir, 'dist', 'renderer'),
    preloadPath: join(asarDir, 'dist-electron', 'preload.cjs'),
    packaged: { resourcesPath, unpackedDir: join(resourcesPath, 'app.asar.unpacked') },
    // The packed app too: vitest ends its workers without exit handlers, so nothing else would.
    cleanup: async () => {
      rmSync(root, { recursive: true, force: true });
      await removePackagedApp();
    },
  };
}
