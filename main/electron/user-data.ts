import { mkdirSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { appError } from '../core/app-error';

/**
 * The data folder `EXPORT_MANAGER_USER_DATA` names, made absolute against `cwd` and created,
 * or null when the variable is unset. Electron's `app.setPath` wants an absolute folder that
 * exists; the command line accepts the same relative value, so the app must too.
 */
export function userDataOverride(value: string | undefined, cwd: string = process.cwd()): string | null {
  if (!value) return null;
  const folder = isAbsolute(value) ? value : resolve(cwd, value);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw appError('disk', `The data folder ${folder} (EXPORT_MANAGER_USER_DATA) could not be created: ${reason}. Point EXPORT_MANAGER_USER_DATA at a folder you can write to, or unset it.`, {
      cause: error,
    });
  }
  return folder;
}
