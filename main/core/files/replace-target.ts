import { stat } from 'node:fs/promises';
import { fail } from '../app-error';
import { fileKindInWords, fileKindOf } from './file-kind';

/**
 * Why the path a finished download would replace must not be replaced, or null when it may be:
 * only a regular file (or a symlink to one, which the rename then replaces) is. A rename
 * replaces whatever holds the name, so without this a FIFO or a socket would quietly become a
 * zip, and a command run as root with `--out /dev/null` would replace the device node.
 * A free name is fine: nothing is replaced.
 */
export async function whyNotReplaceable(path: string): Promise<string | null> {
  // stat, not lstat: a symlink is judged by what it leads to, as the user sees it.
  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!found) return null;
  const kind = fileKindOf(found);
  return kind === 'file' ? null : `${path} is ${fileKindInWords(kind)}, not a file; nothing was replaced.`;
}

/** Fails as `disk` when `path` holds something other than a regular file (see whyNotReplaceable). */
export async function refuseToReplaceNonFile(path: string): Promise<void> {
  const reason = await whyNotReplaceable(path);
  if (reason) fail('disk', reason);
}
