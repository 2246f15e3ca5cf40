/**
 * The one policy for base URLs and API keys: a base URL is absolute http(s), and a key goes
 * only over https or over plain http to this machine, where it cannot be read on the network.
 * Each place that applies it (saving a profile, setting a key, sending a request) words the
 * refusal for what the user was doing, but the rule itself is written only here.
 */
import { isIP } from 'node:net';
import { fail } from '../app-error';
import type { AppErrorExtra } from '../app-error';

/**
 * Whether a host name is this machine (where plain http cannot be sniffed on the network): only
 * the literal loopback addresses and `localhost`. Names under `.localhost` are left out: their
 * resolution is up to the system's resolver, which may send them elsewhere.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/** Whether a key may be sent to a base URL: https, or plain http to this machine. */
export function keyAllowedFor(baseUrl: URL | string): boolean {
  const url = typeof baseUrl === 'string' ? new URL(baseUrl) : baseUrl;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Whether two URLs share scheme, host and port (the unit a key belongs to); false when either does not parse. */
export function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Whether a URL's scheme can be a base URL at all. */
function isHttp(url: URL): boolean {
  return url.protocol === 'https:' || url.protocol === 'http:';
}

/** Parses a URL, or fails as `validation` with `invalid` (the caller's wording). */
function parseOr(value: string, invalid: string, extra: AppErrorExtra = {}): URL {
  try {
    return new URL(value);
  } catch {
    fail('validation', invalid, extra);
  }
}

/** A profile's base URL errors name the field, so the window says them beside it. */
const BASE_URL_FIELD: AppErrorExtra = { field: 'baseUrl' };

/**
 * Parses a profile's base URL and checks that its key may be sent there. Refused as
 * `validation` (the profile's settings are the problem, nothing was sent yet): a URL that is not
 * http(s), and a key over plain http to a host other than this machine, where it would travel
 * in clear text.
 */
export function checkedBaseUrl(baseUrl: string, apiKey: string | null): URL {
  const url = parseOr(baseUrl, `The base URL "${baseUrl}" is not a valid URL; it looks like https://host/api.`);
  if (!isHttp(url)) {
    fail('validation', `The base URL must start with https:// (or http:// for this machine), not ${url.protocol}.`);
  }
  if (apiKey !== null && !keyAllowedFor(url)) {
    fail(
      'validation',
      `Refusing to send the API key over plain http to ${url.hostname}: anyone on the network could read it. Use an https:// base URL.`,
    );
  }
  return url;
}

/**
 * Checks and normalises a base URL a profile is saved with: absolute http(s), no user name or
 * password in it, trailing slashes dropped. With `hasKey`, plain http is accepted only for this
 * machine, since the key would otherwise cross the network in clear text. Throws a
 * `validation` AppError.
 */
export function checkProfileBaseUrl(value: string, hasKey: boolean): string {
  const trimmed = value.trim();
  const url = parseOr(trimmed, `"${trimmed}" is not a valid URL; a base URL looks like https://host/api.`, BASE_URL_FIELD);
  if (!isHttp(url)) {
    fail('validation', `A base URL starts with https:// (or http:// for this machine), not ${url.protocol}//.`, BASE_URL_FIELD);
  }
  if (url.username || url.password) {
    fail('validation', 'Leave the user name and password out of the base URL; the API key is set separately.', BASE_URL_FIELD);
  }
  if (hasKey && !keyAllowedFor(url)) {
    fail(
      'validation',
      `This profile has an API key, and plain http to ${url.hostname} would send it in clear text. Use https://, or remove the key first.`,
      BASE_URL_FIELD,
    );
  }
  return trimmed.replace(/\/+$/, '');
}

/** Refuses to store a key for a profile whose base URL would send it in clear text (`validation`). */
export function checkKeyAllowedFor(baseUrl: string): void {
  if (keyAllowedFor(baseUrl)) return;
  fail(
    'validation',
    `This profile's base URL uses plain http to ${new URL(baseUrl).hostname}, which would send the key in clear text. Change it to https:// first.`,
  );
}

/** The batch route under a base URL, with `?responseType=urls` in URL mode. */
export function batchUrl(base: URL, mode: 'zip' | 'urls'): URL {
  const url = new URL(base.href.replace(/\/+$/, '') + '/viewer/exports/download-batch');
  if (mode === 'urls') url.searchParams.set('responseType', 'urls');
  return url;
}
