// Finds the Electron executable without downloading it (require('electron') would try to).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What `npm start` and `npm run dev` say, in one line, where the binary cannot be had. */
export const MISSING_ELECTRON_MESSAGE =
  'export-manager: the Electron binary is not installed and could not be downloaded here; use `npm run dev:browser` to run the app in a browser, or run `npx install-electron` on a machine with internet access.';

/** The Electron executable, or null when its binary has not been downloaded. */
export function electronBinary() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative || 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(packageDir, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}
