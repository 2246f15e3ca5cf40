import type { AppError } from '../../../../shared/errors';
import { capitalPeerName, peerName } from '../peer';
import type { Peer } from '../peer';
import { CertificateFailure, ProxyFailure } from './network-failure';
import type { ServerConnectTimeout } from './network-failure';

/** Where to add a certificate to trust (`what`), in the app and on the command line. */
function addTrust(what: string): string {
  return (
    `If your organization uses its own certificate authority (or a proxy that inspects https), add ${what} (PEM): ` +
    'Settings → Network → "Extra certificate authorities" in the app, --cacert FILE or NODE_EXTRA_CA_CERTS on the command line.'
  );
}

/** Whether a proxy was set on the command line (a flag or a *_PROXY variable), where a login is written into its URL. */
function setOnCommandLine(from: string): boolean {
  return from.startsWith('--') || /_PROXY$/i.test(from);
}

/** Why a proxy could not be reached, from the connection's error code. */
function unreachableReason(code: string | undefined): string {
  if (code === 'ECONNREFUSED') return 'connection refused: nothing listens at that address';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'its host name does not resolve';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'its host is unreachable';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'it closed the connection';
  return code ? `the connection failed (${code})` : 'the connection failed';
}

/** The message of a proxy's failure: the proxy by `host:port` and where it was set, then what to do. */
function proxyMessage(failure: ProxyFailure, peer: Peer): string {
  const proxy = `The proxy ${failure.proxy} (set in ${failure.from})`;
  const urlLogin = setOnCommandLine(failure.from);
  const status = failure.detail.status ?? 407; // of a login failure
  switch (failure.problem) {
    case 'unreachable':
      return `${proxy} cannot be reached (${unreachableReason(failure.detail.code)}). Check the proxy's address, or change ${failure.from}.`;
    case 'timeout':
      return `${proxy} did not answer in time. Check the proxy's address and the network, or change ${failure.from}.`;
    case 'login-required':
      return urlLogin
        ? `${proxy} asks for a user name and password (${status}): put them in the proxy URL, http://user:password@host:port.`
        : `${proxy} asks for a user name and password (${status}), and none was given.`;
    case 'login-rejected':
      return urlLogin
        ? `${proxy} refused the user name and password in the proxy URL (${status}): check them (write special characters percent-encoded, e.g. @ as %40).`
        : `${proxy} refused the user name and password (${status}): check them and try again.`;
    case 'refused': {
      const refusal = failure.detail.status ?? 0;
      if (refusal === 403) return `${proxy} refuses to connect to ${peerName(peer)} (403): it may block this server. Ask whoever runs the proxy to allow it.`;
      if (refusal >= 500) return `${proxy} could not connect to ${peerName(peer)} (${refusal}). Check the URL; the proxy may not reach this server.`;
      return `${proxy} refused the connection to ${peerName(peer)} (${refusal || 'no status'}).`;
    }
  }
}

/** What the certificate's problem is, in words, and what to do about it. */
function certificateMessage(failure: CertificateFailure, peer: Peer): string {
  const { issuer, subject, validTo, selfSigned } = failure.certificate;
  const whose = `${capitalPeerName(peer)}'s certificate for ${failure.host}`;
  switch (failure.code) {
    case 'CERT_HAS_EXPIRED':
      return `${whose} has expired${validTo ? ` (on ${validTo})` : ''}. The server's operators must renew it; check this computer's date and time too.`;
    case 'CERT_NOT_YET_VALID':
      return `${whose} is not valid yet. Check this computer's date and time.`;
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return `${whose} was issued for another name${subject ? ` (${subject})` : ''}. Check the host name in the URL: use the name the certificate was issued for.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return `${whose} is self-signed${subject ? ` ("${subject}")` : ''}, and this computer does not trust it. ${addTrust('this certificate')}`;
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return `${whose} was issued by "${issuer ?? 'an unnamed authority'}", whose root authority this computer does not trust. ${addTrust("that authority's certificate")}`;
    default: {
      const by = issuer ? ` was issued by "${issuer}"${selfSigned ? ' (itself)' : ''}, an authority this computer does not trust` : ' is not trusted';
      return `${whose}${by} (${failure.code}). ${addTrust("that authority's certificate")}`;
    }
  }
}

/**
 * The AppError for a failure of the network path (see network-failure.ts): a proxy that cannot
 * be reached or timed out is `network`/`timeout` as for a server; a proxy's 407 or refusal and a
 * certificate that was not accepted are `network` too (nothing reached the backend), each with
 * a message that names the proxy or the certificate's issuer and says what to do. None carries
 * an HTTP status: the statuses of AppError are the server's.
 */
export function networkFailureError(failure: ProxyFailure | CertificateFailure | ServerConnectTimeout, peer: Peer): AppError {
  if (failure instanceof ProxyFailure) return { kind: failure.problem === 'timeout' ? 'timeout' : 'network', message: proxyMessage(failure, peer) };
  if (failure instanceof CertificateFailure) return { kind: 'network', message: certificateMessage(failure, peer) };
  const hint = peer === 'backend' ? 'Check the base URL and the network, then try again.' : 'Check the network, then try again.';
  return { kind: 'timeout', message: `Timed out connecting to ${peerName(peer)}. ${hint}` };
}

/** Whether a failure would be the same on every try (a refused login, a blocked destination, an untrusted certificate): not retried. */
export function isLastingNetworkFailure(failure: ProxyFailure | CertificateFailure | ServerConnectTimeout | null): boolean {
  if (failure instanceof CertificateFailure) return true;
  if (!(failure instanceof ProxyFailure)) return false;
  return failure.problem === 'login-required' || failure.problem === 'login-rejected' || (failure.problem === 'refused' && (failure.detail.status ?? 0) < 500);
}
