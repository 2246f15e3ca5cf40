import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { fail } from '../app-error';
import { PRIVATE_FILE_MODE } from './private-modes';

/** Node's reason without the syscall and the temp file's path after it ("ENOSPC: no space left on device"). */
function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split(', ')[0]!;
}

/**
 * Writes `text` to `path` through a temp file beside it, renamed into place once complete: a
 * failure never leaves half a file, and an existing file is replaced only by a whole one.
 * Throws a `disk` AppErrorException that names the file and the reason.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.part`;
  try {
    // Private while partial (the text is the user's list of exports); the rename keeps the mode.
    await writeFile(temp, text, { encoding: 'utf8', flag: 'wx', mode: PRIVATE_FILE_MODE });
    await rename(temp, path);
  } catch (error) {
    fail('disk', `Could not write ${path}: ${reasonOf(error)}. Choose another folder.`, { cause: error });
  } finally {
    await rm(temp, { force: true }).catch(() => {});
  }
}
