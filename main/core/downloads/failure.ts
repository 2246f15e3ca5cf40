import type { AppError } from '../../../shared/errors';
import { AppErrorException } from '../app-error';

// File-system error codes: these failures are about the local disk, not the backend.
const DISK_MESSAGES: Record<string, string> = {
  ENOSPC: 'The disk is full.',
  EDQUOT: 'The disk quota is exceeded.',
  EROFS: 'The destination is on a read-only file system.',
  EACCES: 'Permission denied on the destination or temporary folder.',
  EPERM: 'The operation is not permitted on the destination or temporary folder.',
  EIO: 'The disk reported an input/output error.',
  EISDIR: 'The destination is a folder, not a file.',
  ENOTDIR: 'A part of the destination path is not a folder.',
  ENOENT: 'The destination or temporary folder does not exist.',
  EMFILE: 'Too many open files.',
  ENFILE: 'Too many open files on the system.',
  EFBIG: 'The file is too large for the destination file system.',
  ENAMETOOLONG: 'The destination path is too long.',
  EEXIST: 'A file already exists at the destination.',
};

/**
 * Turns anything a download threw into an AppErrorException: ours pass through, file-system
 * errors become `disk`, the rest goes through `mapOther` (request errors).
 */
export function failureOf(error: unknown, mapOther: (error: unknown) => AppError): AppErrorException {
  if (error instanceof AppErrorException) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const syscall = (error as NodeJS.ErrnoException | null)?.syscall;
  if (code && DISK_MESSAGES[code] && syscall !== 'connect' && syscall !== 'read') {
    return new AppErrorException({ kind: 'disk', message: `${DISK_MESSAGES[code]} Nothing was saved.` }, { cause: error });
  }
  return new AppErrorException(mapOther(error), { cause: error });
}
