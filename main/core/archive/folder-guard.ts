import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A folder on the way to an entry is a link, or a file: the entry is refused with this message. */
function blocked(message: string, code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/**
 * Creates the folders of entries under the destination one level at a time, checking each with
 * `lstat` before going into it, so a link already in the destination (`dest/link → /elsewhere`)
 * is never followed: `mkdir -p` would create `/elsewhere/a/b` before any check could refuse it.
 * The root was resolved through links once, up front. A folder made or checked once is not
 * checked again: we never create links, so only another program could swap one in meanwhile.
 */
export class FolderGuard {
  readonly #proven = new Set<string>();

  constructor(readonly root: string) {}

  /** Makes sure `root/segments…` is a real folder inside the root; throws EOUTSIDE for a link, ENOTDIR for a file in the way. */
  async ensure(segments: readonly string[]): Promise<void> {
    let folder = this.root;
    for (const segment of segments) {
      folder = join(folder, segment);
      if (this.#proven.has(folder)) continue;
      await this.#makeOne(folder);
      this.#proven.add(folder);
    }
  }

  async #makeOne(folder: string): Promise<void> {
    try {
      await mkdir(folder); // one level, never recursive: the parent is already proven
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = await lstat(folder);
    if (found.isSymbolicLink()) throw blocked('a folder on its path is a link in the destination, which could lead outside it; links are never followed', 'EOUTSIDE');
    if (!found.isDirectory()) throw blocked('a file of that name is in the way of its folder', 'ENOTDIR');
  }
}
