import type { AppError } from '../../../shared/errors';
import { AppErrorException, appError } from '../app-error';

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

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'Nothing is listening at the base URL (connection refused). Check the address and port.',
  ENOTFOUND: 'The backend host name does not resolve. Check the base URL.',
  EAI_AGAIN: 'The backend host name could not be resolved right now (DNS). Check the network.',
  ECONNRESET: 'The backend closed the connection (reset) before the download finished. Try again; if it keeps happening, check the network or proxy.',
  EPIPE: 'The connection to the backend was closed while sending.',
  EHOSTUNREACH: 'The backend host is unreachable. Check the network.',
  ENETUNREACH: 'The network is unreachable.',
};

/** What a failure of got (or of the streams around it) means, as an AppError of SPEC.md. */
function requestFailure(record: { code?: string; name?: string; event?: string; message?: string }): AppError {
  if (record.name === 'TimeoutError' && record.event === 'response') {
    return { kind: 'timeout', message: 'The backend took the request but sent no answer in time. It may be overloaded: try again later, or check the base URL.' };
  }
  if (record.name === 'TimeoutError' || record.code === 'ETIMEDOUT') {
    const phase = record.event === 'connect' || record.event === 'lookup' ? 'connecting to' : 'waiting for';
    return { kind: 'timeout', message: `Timed out ${phase} the backend. Check the base URL and the network, then try again.` };
  }
  if (record.name === 'MaxRedirectsError') return { kind: 'invalid-response', message: 'The backend redirected too many times.' };
  if (record.code && NETWORK_CODES[record.code]) return { kind: 'network', message: NETWORK_CODES[record.code]! };
  if (record.code === 'ERR_STREAM_PREMATURE_CLOSE' || record.name === 'ReadError' || /aborted|premature|socket hang up/i.test(record.message ?? '')) {
    return { kind: 'network', message: 'The connection closed before the download finished. Try again.' };
  }
  return { kind: 'network', message: `The request to the backend failed${record.code ? ` (${record.code})` : ''}. Check the network and try again.` };
}

/** The `disk` error a file-system failure stands for, or null when `error` is not one. */
export function diskError(error: unknown): AppErrorException | null {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  // A refused or reset connection carries some of the same codes (EACCES, EPIPE…); its syscall tells.
  if (!code || !DISK_MESSAGES[code] || syscall === 'connect' || syscall === 'read') return null;
  return appError('disk', `${DISK_MESSAGES[code]} Nothing was saved.`, { cause: error });
}

/**
 * Normalises anything the download engine caught into one AppErrorException: ours pass
 * through, file-system errors become `disk`, everything else is a request failure (`network`,
 * `timeout`, …). Called once where an error leaves the engine (and where a retry is decided).
 */
export function toAppError(error: unknown): AppErrorException {
  if (error instanceof AppErrorException) return error;
  const { kind, message } = requestFailure((error ?? {}) as { code?: string; name?: string; event?: string; message?: string });
  return diskError(error) ?? appError(kind, message, { cause: error });
}
