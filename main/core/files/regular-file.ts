import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { fileKindInWords, fileKindNoun, fileKindOf } from './file-kind';
import type { FileKind } from './file-kind';

/**
 * Thrown by `openRegularFile` for a path that holds something other than a regular file.
 * `kind` says what, `found` says it as a noun ("named pipe (FIFO)", "folder"), and the message
 * as a sentence ("/x is a named pipe (FIFO), not a regular file."). Callers choose the error
 * kind (an imported list is `disk`, a zip is `archive`).
 */
export class NotARegularFile extends Error {
  readonly found: string;

  constructor(
    readonly path: string,
    readonly kind: Exclude<FileKind, 'file'>,
  ) {
    super(`${path} is ${fileKindInWords(kind)}, not a regular file.`);
    this.name = 'NotARegularFile';
    this.found = fileKindNoun(kind);
  }

  /** The reason without the path, for a sentence that names the file itself: "it is a folder, not a regular file". */
  get reason(): string {
    return `it is ${fileKindInWords(this.kind)}, not a regular file`;
  }
}

/** A regular file opened for reading, with what fstat said of it (its size, …). */
export interface OpenedRegularFile {
  handle: FileHandle;
  stats: Stats;
}

/**
 * `O_NONBLOCK`: opening a FIFO for reading otherwise waits until a writer opens it, which may be
 * never. It changes nothing for a regular file, whose reads never block. Windows has no FIFOs
 * to open this way and no such flag.
 */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens `path` for reading when it is a regular file (or a symlink to one), else throws a
 * `NotARegularFile` saying what it is. The check is made on the open descriptor (fstat), so
 * nothing can swap the file between the check and the read; and nothing is read before it, so
 * a FIFO, a socket or a device such as /dev/zero (which never ends) is refused at once. A
 * missing path, permission denied and the like are Node's own errors (`code` ENOENT, EACCES).
 * The caller closes the handle.
 */
export async function openRegularFile(path: string): Promise<OpenedRegularFile> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    // A unix socket cannot be opened as a file at all (ENXIO; EOPNOTSUPP on some systems).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENXIO' || code === 'EOPNOTSUPP') throw new NotARegularFile(path, 'socket');
    throw error;
  }
  try {
    const stats = await handle.stat();
    const kind = fileKindOf(stats);
    if (kind !== 'file') throw new NotARegularFile(path, kind);
    return { handle, stats };
  } catch (error) {
    await handle.close().catch(() => {});
    throw error;
  }
}
