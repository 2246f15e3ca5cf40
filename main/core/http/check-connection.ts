import type { ConnectionCheck } from '../../../shared/api/profiles';
import { appErrorOf } from '../app-error';
import { openBatch } from './batch-client';
import type { Timeouts } from './http-stream';
import type { Network } from './network/network';
import { CertificateFailure, ProxyFailure, networkFailureOf } from './network/network-failure';

/**
 * Probes a profile's batch route without downloading anything: POST `?responseType=urls` with
 * an empty `items` list and the key. Backends check the key before the body, so: 401/403 →
 * the key is rejected (or, asked without one, none is set); 400 (the empty list refused) or
 * 2xx JSON → the route is there and took the key; 404, a web page, or no answer → the URL is
 * wrong; 5xx → the backend is failing. Before any of that, the way there: a proxy that cannot be
 * reached, a proxy that refused (its 407, or a blocked destination), a certificate that is not
 * trusted (the message names its issuer). URL mode keeps any 200 answer small. Throws only for a
 * configuration that cannot be used: `validation` (a key over plain http to another machine, a
 * proxy URL of another scheme), `disk` (an extra certificate authority file that cannot be read).
 */
export async function checkConnection(profile: { baseUrl: string; apiKey: string | null; timeouts?: Partial<Timeouts>; network?: Network }): Promise<ConnectionCheck> {
  try {
    const response = await openBatch({ ...profile, mode: 'urls', sourceFileUrls: [], retry: { limit: 0 } });
    response.body.destroy();
    if (/html/i.test(response.headers['content-type'] ?? '')) {
      return { outcome: 'wrong-url', status: response.status, kind: 'invalid-response', message: 'The URL answered with a web page, not the batch route: check the base URL (it usually ends in /api).' };
    }
    return { outcome: 'reachable', status: response.status, message: reachable(profile.apiKey) };
  } catch (error) {
    const appError = appErrorOf(error);
    // Settings that cannot be used (a proxy URL, an unreadable authority file): nothing was sent, nothing to tell apart.
    if (!appError || appError.kind === 'validation' || appError.kind === 'disk') throw error;
    const extra = {
      ...(appError.status !== undefined ? { status: appError.status } : {}),
      ...(appError.backendMessage !== undefined ? { backendMessage: appError.backendMessage } : {}),
      kind: appError.kind,
    };
    const pathFailure = networkFailureOf(error);
    if (pathFailure instanceof ProxyFailure) {
      const down = pathFailure.problem === 'unreachable' || pathFailure.problem === 'timeout';
      return { outcome: down ? 'proxy-unreachable' : 'proxy-refused', message: appError.message, kind: appError.kind };
    }
    if (pathFailure instanceof CertificateFailure) return { outcome: 'certificate-untrusted', message: appError.message, kind: appError.kind };
    if (appError.status === 400) return { outcome: 'reachable', status: 400, message: reachable(profile.apiKey) };
    if (appError.status === 401 || appError.status === 403) {
      // Sent without a key, the 401 says nothing about a key: none is set, so the fix is to set one.
      const message = appError.noKey
        ? 'The route is there, but no API key is set for this profile and the backend requires one: set one with "Set key" (or `export-manager key set --profile NAME`).'
        : 'The route is there but rejected the API key: check the key.';
      return { outcome: 'key-rejected', message, ...extra };
    }
    if (appError.kind === 'server') return { outcome: 'server-error', message: appError.message, ...extra };
    const message = appError.status === 404
      ? 'The batch route was not found (404): check the base URL (it usually ends in /api).'
      : appError.message;
    return { outcome: 'wrong-url', message, ...extra };
  }
}

function reachable(apiKey: string | null): string {
  return apiKey === null ? 'Connected: the batch route answered (no API key sent).' : 'Connected: the batch route answered and accepted the API key.';
}
