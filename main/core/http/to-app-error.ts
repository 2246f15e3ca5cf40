import type { AppError } from '../../../shared/errors';
import { AppErrorException, appError } from '../app-error';
import { networkFailureOf } from './network/network-failure';
import { networkFailureError } from './network/network-messages';
import { capitalPeerName, peerName } from './peer';
import type { Peer } from './peer';

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

/** What each connection failure means, worded for the server that failed (a file host has no base URL to check). */
function networkMessage(code: string, peer: Peer): string | undefined {
  const server = peerName(peer);
  const checkAddress = peer === 'backend' ? 'Check the base URL' : 'The exported URL may be wrong or expired';
  const messages: Record<string, string> = {
    ECONNREFUSED:
      peer === 'backend'
        ? 'Nothing is listening at the base URL (connection refused). Check the address and port.'
        : 'Nothing is listening at the file host of this URL (connection refused).',
    ENOTFOUND: `The host name of ${server} does not resolve. ${checkAddress}.`,
    EAI_AGAIN: `The host name of ${server} could not be resolved right now (DNS). Check the network.`,
    ECONNRESET: `${capitalPeerName(peer)} closed the connection (reset) before the download finished. Try again; if it keeps happening, check the network or proxy.`,
    EPIPE: `The connection to ${server} was closed while sending.`,
    EHOSTUNREACH: `The host of ${server} is unreachable. Check the network.`,
    ENETUNREACH: 'The network is unreachable.',
  };
  return messages[code];
}

/**
 * Certificate refusals of Node's own TLS checks. Every https request goes through the verifying
 * agent (network/route-agents.ts), whose CertificateFailure names the issuer; these are the
 * fallback should one still come from Node, with the same advice and no names.
 */
const CERTIFICATE_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The scheme got refused to follow a redirect to (`file:`, `ftp:`…), from its message. */
function refusedScheme(message: string | undefined): string {
  return /unsupported protocol:?\s*"?([a-z][a-z0-9+.-]*:)/i.exec(message ?? '')?.[1] ?? 'a scheme that is not http or https';
}

/** What a failure of got (or of the streams around it) means, as an AppError of SPEC.md. */
function requestFailure(record: { code?: string; name?: string; event?: string; message?: string }, peer: Peer): AppError {
  const server = peerName(peer);
  if (record.name === 'TimeoutError' && record.event === 'response') {
    const hint = peer === 'backend' ? ' It may be overloaded: try again later, or check the base URL.' : ' Try again later.';
    return { kind: 'timeout', message: `${capitalPeerName(peer)} took the request but sent no answer in time.${hint}` };
  }
  if (record.name === 'TimeoutError' || record.code === 'ETIMEDOUT') {
    const phase = record.event === 'connect' || record.event === 'lookup' ? 'connecting to' : 'waiting for';
    const hint = peer === 'backend' ? 'Check the base URL and the network, then try again.' : 'Check the network, then try again.';
    return { kind: 'timeout', message: `Timed out ${phase} ${server}. ${hint}` };
  }
  if (record.name === 'MaxRedirectsError') return { kind: 'invalid-response', message: `${capitalPeerName(peer)} redirected too many times.` };
  // The request URL is always http(s) (checked before sending), so this is a redirect's target:
  // the server's answer is unusable, and asking again would get the same redirect.
  if (record.code === 'ERR_UNSUPPORTED_PROTOCOL') {
    return { kind: 'invalid-response', message: `${capitalPeerName(peer)} redirected to a ${refusedScheme(record.message)} address, which is never followed (only http and https are).` };
  }
  if (record.code && CERTIFICATE_CODES.has(record.code)) {
    return {
      kind: 'network',
      message:
        `${capitalPeerName(peer)}'s certificate is not accepted (${record.code}). If your organization uses its own certificate authority, add its certificate (PEM): ` +
        'Settings → Network → "Extra certificate authorities", or --cacert FILE on the command line.',
    };
  }
  const network = record.code ? networkMessage(record.code, peer) : undefined;
  if (network) return { kind: 'network', message: network };
  if (record.code === 'ERR_STREAM_PREMATURE_CLOSE' || record.name === 'ReadError' || /aborted|premature|socket hang up/i.test(record.message ?? '')) {
    return { kind: 'network', message: 'The connection closed before the download finished. Try again.' };
  }
  return { kind: 'network', message: `The request to ${server} failed${record.code ? ` (${record.code})` : ''}. Check the network and try again.` };
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
 * `timeout`, …) worded for `peer`, the server the request went to. Called once where an error
 * leaves the engine (and where a retry is decided).
 */
export function toAppError(error: unknown, peer: Peer = 'backend'): AppErrorException {
  if (error instanceof AppErrorException) return error;
  // The fast path's hashing thread (slot-ring.ts) failed: nothing the network or the user did.
  if ((error as { name?: unknown } | null)?.name === 'HashThreadGone') return appError('internal', (error as Error).message, { cause: error });
  // A proxy's or a certificate's failure, wrapped by got: worded for the proxy or the certificate, not the server.
  const pathFailure = networkFailureOf(error);
  if (pathFailure) {
    const { kind, message } = networkFailureError(pathFailure, peer);
    return appError(kind, message, { cause: error });
  }
  const { kind, message } = requestFailure((error ?? {}) as { code?: string; name?: string; event?: string; message?: string }, peer);
  return diskError(error) ?? appError(kind, message, { cause: error });
}
