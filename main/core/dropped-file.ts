import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { FileRef } from '../../shared/api/file-ref';
import type { FileGrants } from './file-grants';

/** Longer than any path an OS accepts: anything past it is not a dropped file. */
const MAX_PATH = 32_767;

/**
 * The id for a file dropped on the window, whose path the preload read from the DOM `File`;
 * null for anything that is not an existing regular file (a folder, a vanished file, junk).
 */
export async function grantDroppedFile(grants: FileGrants, path: unknown): Promise<FileRef | null> {
  if (typeof path !== 'string' || path.length === 0 || path.length > MAX_PATH || path.includes('\0') || !isAbsolute(path)) return null;
  try {
    if (!(await stat(path)).isFile()) return null;
  } catch {
    return null;
  }
  return grants.grant(path, 'file');
}
