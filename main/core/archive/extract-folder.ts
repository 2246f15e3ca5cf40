import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fail } from '../app-error';

/** How many numbered names are tried before giving up. */
const MAX_TRIES = 1000;

/** The folder name for a zip's contents: its file name without `.zip`. */
export function folderNameFor(zipPath: string): string {
  const name = basename(zipPath);
  const stem = name.toLowerCase().endsWith('.zip') ? name.slice(0, -4) : `${name} contents`;
  // Not hidden (a leading dot) and not blank.
  return stem.trim().replace(/^\.+/, '') || 'extracted';
}

/**
 * Creates a new, empty folder for a zip's contents inside `parent`, named after the zip
 * (`canvas-exports/`, else `canvas-exports (1)/`…), so an extraction never scatters files among
 * what the folder already holds and never mixes with an earlier extraction.
 */
export async function newExtractFolder(parent: string, zipPath: string): Promise<string> {
  const name = folderNameFor(zipPath);
  for (let n = 0; n < MAX_TRIES; n++) {
    if (n === 0) await mkdir(parent, { recursive: true }).catch(() => {});
    const path = join(parent, n === 0 ? name : `${name} (${n})`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      fail('disk', `A folder for the extracted files could not be made in ${parent} (${code ?? (error as Error).message}). Choose another folder.`, { cause: error });
    }
  }
  fail('disk', `There are already ${MAX_TRIES} folders named after "${basename(zipPath)}" in ${parent}; choose another folder.`);
}

