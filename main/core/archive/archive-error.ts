import { basename } from 'node:path';
import { AppErrorException, appError } from '../app-error';
import { NotARegularFile } from '../files/regular-file';

/** yauzl and zlib messages, and what they mean for a person holding the file. */
const MEANINGS: Array<[RegExp, string]> = [
  [/end of central directory record signature not found/i, 'is not a zip archive (no zip directory at its end)'],
  [/unexpected EOF|not enough bytes in the stream/i, 'is truncated or incomplete (its data ends early); download it again'],
  [/signature|invalid .*(offset|length|size|record)|out of range|multi-disk|zip64/i, 'is damaged (its zip directory is corrupt)'],
  [/too many bytes/i, 'has an entry that inflates beyond its declared size'],
  [/incorrect header check|invalid (stored|block|distance|code)|unexpected end of file|too far back/i, 'has corrupt compressed data'],
  [/compression method|unsupported/i, 'uses a compression method that is not supported'],
  [/encrypted/i, 'has password-protected entries, which cannot be read'],
];

/** The sentence fragment a reading error stands for. */
export function describeReadError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, meaning] of MEANINGS) if (pattern.test(message)) return meaning;
  return `could not be read (${message})`;
}

/** Any failure while reading the archive at `path` as a clear AppError (already-mapped ones pass through). */
export function archiveError(path: string, error: unknown): AppErrorException {
  if (error instanceof AppErrorException) return error;
  const name = basename(path);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const extra = { cause: error };
  // A missing local file is the disk's answer (`not-found` is the backend's 404 only).
  if (code === 'ENOENT') return appError('disk', `The file "${name}" does not exist (${path}).`, extra);
  if (code === 'EISDIR' || (error instanceof NotARegularFile && error.found === 'folder')) return appError('archive', `"${name}" is a folder, not a zip archive.`, extra);
  // A FIFO, socket or device: reading it would wait for ever or never end, so it is refused unread.
  if (error instanceof NotARegularFile) return appError('archive', `"${name}" is a ${error.found}, not a regular file; choose a zip archive saved on a disk.`, extra);
  if (code === 'EACCES' || code === 'EPERM') return appError('disk', `No permission to read "${name}".`, extra);
  if (code === 'EMFILE' || code === 'EIO') return appError('disk', `The disk could not read "${name}" (${code}).`, extra);
  return appError('archive', `"${name}" ${describeReadError(error)}.`, extra);
}
