import { chmod, copyFile, link, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { appError } from '../app-error';
import { numberedName } from '../../../shared/numbered-name';
import type { ConflictChoice } from '../../../shared/api/downloads';
import { refuseToReplaceNonFile } from '../files/replace-target';
import { PRIVATE_FILE_MODE } from '../files/private-modes';
import { tempFileName } from '../files/temp-files';

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** Puts `source` at `target` without ever replacing a file: a hard link fails atomically if the name is taken. */
async function placeWithoutReplacing(source: string, target: string): Promise<'placed' | 'exists'> {
  try {
    await link(source, target);
    await rm(source, { force: true });
    return 'placed';
  } catch (error) {
    if (code(error) === 'EEXIST') return 'exists';
    // File systems without hard links (FAT, some network shares): check, then rename (a tiny race, documented).
    if (!['EPERM', 'ENOTSUP', 'ENOSYS', 'EINVAL', 'EOPNOTSUPP', 'EXDEV'].includes(code(error) ?? '')) throw error;
    if (await stat(target).then(() => true, () => false)) return 'exists';
    await rename(source, target);
    return 'placed';
  }
}

/**
 * Moves a complete, verified temp file to `target` atomically: a rename on the same file
 * system; across file systems (EXDEV) a copy to a hidden `.name.part` beside the target first,
 * so the final name never shows a partial file. Returns the path actually used. A file already
 * at `target`: `replace` replaces it (only when a person or a flag said so), `keep-both` keeps it
 * and saves as `name (1).zip`, …, `cancel` keeps it and fails with a `disk` error that says so.
 * Only a regular file is ever replaced: a FIFO, socket, device or folder at `target` fails as
 * `disk` and is left as it was (see replace-target.ts).
 */
export async function moveIntoPlace(temp: string, target: string, existing: ConflictChoice): Promise<string> {
  let source = temp;
  if (existing === 'replace') {
    // Checked again here, just before the rename, though the name was checked when it was chosen:
    // the download took a while, and the rename would replace whatever is there now.
    await refuseToReplaceNonFile(target);
    try {
      await rename(temp, target);
      return target;
    } catch (error) {
      if (code(error) !== 'EXDEV') throw error;
    }
  }
  if (!(await sameDevice(temp, dirname(target)))) {
    source = join(dirname(target), tempFileName(basename(target)));
    try {
      await copyFile(temp, source);
      // copyFile gives the copy the temp file's mode; the copy is as private while it is partial.
      await chmod(source, PRIVATE_FILE_MODE);
    } catch (error) {
      await rm(source, { force: true });
      throw error;
    }
    await rm(temp, { force: true });
    if (existing === 'replace') {
      await rename(source, target);
      return target;
    }
  }
  try {
    for (let n = 0; n < 10_000; n++) {
      const candidate = n === 0 ? target : join(dirname(target), numberedName(basename(target), n));
      if ((await placeWithoutReplacing(source, candidate)) === 'placed') return candidate;
      if (existing === 'cancel') {
        throw appError('disk', `A file already exists at ${target}; it was left untouched. Choose another name or folder.`);
      }
    }
    throw appError('disk', `Could not find a free name for ${target}.`);
  } finally {
    if (source !== temp) await rm(source, { force: true }).catch(() => {});
  }
}

async function sameDevice(file: string, dir: string): Promise<boolean> {
  const [a, b] = await Promise.all([stat(file), stat(dir)]);
  return a.dev === b.dev;
}
