import { isIP } from 'node:net';
import { fail } from '../app-error';

/** Whether a host name is this machine (where plain http cannot be sniffed on the network). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * Parses a profile's base URL and checks that its key may be sent there. Refused as
 * `validation` (the profile's settings are the problem, nothing was sent yet): a URL that is not
 * http(s), and a key over plain http to a host other than this machine, where it would travel
 * in clear text.
 */
export function checkedBaseUrl(baseUrl: string, apiKey: string | null): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    fail('validation', `The base URL "${baseUrl}" is not a valid URL; it looks like https://host/api.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('validation', `The base URL must start with https:// (or http:// for this machine), not ${url.protocol}.`);
  }
  if (apiKey !== null && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    fail(
      'validation',
      `Refusing to send the API key over plain http to ${url.hostname}: anyone on the network could read it. Use an https:// base URL.`,
    );
  }
  return url;
}

/** The batch route under a base URL, with `?responseType=urls` in URL mode. */
export function batchUrl(base: URL, mode: 'zip' | 'urls'): URL {
  const url = new URL(base.href.replace(/\/+$/, '') + '/viewer/exports/download-batch');
  if (mode === 'urls') url.searchParams.set('responseType', 'urls');
  return url;
}
