import { isAbsolute, resolve } from 'node:path';
import { ensureDataFolder } from '../core/store/data-folder';

/**
 * The data folder `EXPORT_MANAGER_USER_DATA` names, made absolute against `cwd` and created
 * (private, as the command line creates it), or null when the variable is unset. Electron's
 * `app.setPath` wants an absolute folder that exists; the command line accepts the same
 * relative value, so the app must too. A folder that cannot be used fails as `disk`, in the
 * same words as for the command line (see data-folder.ts).
 */
export function userDataOverride(value: string | undefined, cwd: string = process.cwd()): string | null {
  if (!value) return null;
  const folder = isAbsolute(value) ? value : resolve(cwd, value);
  ensureDataFolder(folder);
  return folder;
}
