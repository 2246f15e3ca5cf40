import { mkdir, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fail } from '../app-error';

/** How many numbered names are tried before giving up. */
const MAX_TRIES = 1000;

/** How the errors name what the folder is for, and after what it is named. */
export interface NewFolderWords {
  /** "the files", "the extracted files". */
  contents: string;
  /** `named "Exported files"`, `named after "x.zip"`. */
  named: string;
}

/**
 * Creates a new, empty folder `name` inside `parent` (`name (1)`, `name (2)`, … when taken), so
 * a job's files never scatter among what the folder already holds nor mix with an earlier run's
 * (a files download, an extraction). `mkdir` without `recursive` fails atomically on a taken
 * name, so two jobs never share one. Fails as `disk`.
 */
export async function newFolderIn(parent: string, name: string, words: NewFolderWords = { contents: 'the files', named: `named "${name}"` }): Promise<string> {
  await mkdir(parent, { recursive: true }).catch(() => {}); // a real problem shows on the first mkdir below
  for (let n = 0; n < MAX_TRIES; n++) {
    const path = join(parent, n === 0 ? name : `${name} (${n})`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      fail('disk', `A folder for ${words.contents} could not be made in ${parent} (${code ?? (error as Error).message}). Choose another folder.`, { cause: error });
    }
  }
  fail('disk', `There are already ${MAX_TRIES} folders ${words.named} in ${parent}; choose another folder.`);
}

/** Removes a folder this job made if it stayed empty (nothing saved: cancelled or every file failed); best effort. */
export async function removeIfEmpty(path: string): Promise<void> {
  await rmdir(path).catch(() => {}); // ENOTEMPTY: files were saved, and they stay
}
