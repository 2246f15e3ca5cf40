import type { CertificateNames } from './certificate-names';

/**
 * What went wrong between us and a server before any HTTP answer: the proxy, or the server's
 * certificate. Thrown by the agents (route-agents.ts) and the tunnel, carried by got as the
 * `cause` of its RequestError, and worded once in network-messages.ts.
 */

/** Why a proxy failed. */
export type ProxyProblem =
  /** Nothing answered at its address (refused, unknown host, unreachable). */
  | 'unreachable'
  /** It did not connect or answer within the connect timeout. */
  | 'timeout'
  /** It asked for a user name and password (407) and none were given. */
  | 'login-required'
  /** It refused the user name and password it was given (407 again). */
  | 'login-rejected'
  /** It answered CONNECT with another error status (403: the destination is blocked, 502: it could not reach it…). */
  | 'refused';

/** A proxy failed; `proxy` is its label (`host:port`, never credentials), `from` where it was set. */
export class ProxyFailure extends Error {
  override readonly name = 'ProxyFailure';

  constructor(
    readonly problem: ProxyProblem,
    readonly proxy: string,
    readonly from: string,
    readonly detail: { status?: number; code?: string; realm?: string | null } = {},
  ) {
    super(`proxy ${proxy} (${from}): ${problem}${detail.status ? ` ${detail.status}` : ''}${detail.code ? ` ${detail.code}` : ''}`);
  }
}

/** The server's certificate was not accepted: `code` is OpenSSL's or Node's reason; the names come from the certificate itself. */
export class CertificateFailure extends Error {
  override readonly name = 'CertificateFailure';

  constructor(
    readonly code: string,
    readonly host: string,
    readonly certificate: CertificateNames,
  ) {
    super(`certificate of ${host} not accepted: ${code}`);
  }
}

/** Connecting to the server itself (TCP, then TLS) took longer than the connect timeout. */
export class ServerConnectTimeout extends Error {
  override readonly name = 'ServerConnectTimeout';
  readonly code = 'ETIMEDOUT';

  constructor(readonly host: string) {
    super(`connecting to ${host} timed out`);
  }
}

/** The failure of this file somewhere in an error's cause chain (got wraps them), or null. */
export function networkFailureOf(error: unknown): ProxyFailure | CertificateFailure | ServerConnectTimeout | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof ProxyFailure || current instanceof CertificateFailure || current instanceof ServerConnectTimeout) return current;
  }
  return null;
}
