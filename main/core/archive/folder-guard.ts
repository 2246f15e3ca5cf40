import { lstat, mkdir, rmdir } from 'node:fs/promises';
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

  /**
   * Makes sure `root/segments…` is a real folder inside the root; throws EOUTSIDE for a link,
   * ENOTDIR for a file in the way. Each folder it creates is appended to `made` as soon as it
   * exists, so that the caller can take them back (`removeMade`) when the entry they were for is
   * not written after all, even when this call fails half-way (a path too long for the disk).
   */
  async ensure(segments: readonly string[], made: string[] = []): Promise<void> {
    let folder = this.root;
    for (const segment of segments) {
      folder = join(folder, segment);
      if (this.#proven.has(folder)) continue;
      if (await this.#makeOne(folder)) made.push(folder);
      this.#proven.add(folder);
    }
  }

  /**
   * Removes folders that `ensure` made, deepest first, so that an entry that was refused leaves
   * nothing on disk. Only empty folders go (rmdir): one that something else filled meanwhile stays.
   */
  async removeMade(made: readonly string[]): Promise<void> {
    for (const folder of [...made].reverse()) {
      this.#proven.delete(folder);
      await rmdir(folder).catch(() => {});
    }
  }

  /** Makes one folder, or proves the one there is a real folder; true when it made it. */
  async #makeOne(folder: string): Promise<boolean> {
    try {
      await mkdir(folder); // one level, never recursive: the parent is already proven
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = await lstat(folder);
    if (found.isSymbolicLink()) throw blocked('a folder on its path is a link in the destination, which could lead outside it; links are never followed', 'EOUTSIDE');
    if (!found.isDirectory()) throw blocked('a file of that name is in the way of its folder', 'ENOTDIR');
    return false;
  }
}
