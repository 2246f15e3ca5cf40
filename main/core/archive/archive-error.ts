import { basename } from 'node:path';
import { appErrorOf, fail } from '../app-error';

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

/** Rethrows any failure while reading `path` as a clear AppError (already-mapped ones pass through). */
export function failArchive(path: string, error: unknown): never {
  if (appErrorOf(error)) throw error;
  const name = basename(path);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') fail('not-found', `The file "${name}" does not exist (${path}).`, { cause: error });
  if (code === 'EISDIR') fail('archive', `"${name}" is a folder, not a zip archive.`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') fail('disk', `No permission to read "${name}".`, { cause: error });
  if (code === 'EMFILE' || code === 'EIO') fail('disk', `The disk could not read "${name}" (${code}).`, { cause: error });
  fail('archive', `"${name}" ${describeReadError(error)}.`, { cause: error });
}
