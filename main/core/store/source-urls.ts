import { fail } from '../app-error';
import { isLoopbackHost } from '../backend/key-policy';

/** The longest `sourceFileUrl` accepted (what browsers and most servers handle). */
export const MAX_SOURCE_URL_LENGTH = 2048;

/** Why a value is not an acceptable `sourceFileUrl`, or null when it is. */
export function sourceUrlProblem(value: string): string | null {
  if (value.length > MAX_SOURCE_URL_LENGTH) return `longer than ${MAX_SOURCE_URL_LENGTH} characters`;
  if (!/^https?:\/\//i.test(value)) return 'not an absolute http(s) URL';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a valid URL';
  }
  if (!url.hostname) return 'the URL has no host';
  return null;
}

/**
 * A readable label for a tracked export: its last path segment decoded, else its host. Works on
 * the string (the URL is already validated): parsing each of 100,000 URLs again would dominate
 * an import.
 */
export function labelFor(sourceFileUrl: string): string {
  const url = sourceFileUrl;
  const afterScheme = url.indexOf('://') + 3;
  let pathStart = afterScheme;
  while (pathStart < url.length && !'/?#'.includes(url[pathStart]!)) pathStart++;
  let end = pathStart;
  while (end < url.length && url[end] !== '?' && url[end] !== '#') end++;
  while (end > pathStart && url[end - 1] === '/') end--;
  const last = url.slice(url.lastIndexOf('/', end - 1) + 1, end);
  if (end <= pathStart || !last) return new URL(url).host;
  if (!last.includes('%')) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    // A stray `%` that is not an escape: show it as written.
    return last;
  }
}

/**
 * Checks and normalises a profile's base URL: absolute http(s), no user name or password in it,
 * trailing slashes dropped. With `hasKey`, plain http is accepted only for this machine, since
 * the key would otherwise cross the network in clear text. Throws a `validation` AppError.
 */
export function checkProfileBaseUrl(value: string, hasKey: boolean): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    fail('validation', `"${trimmed}" is not a valid URL; a base URL looks like https://host/api.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('validation', `A base URL starts with https:// (or http:// for this machine), not ${url.protocol}//.`);
  }
  if (url.username || url.password) {
    fail('validation', 'Leave the user name and password out of the base URL; the API key is set separately.');
  }
  if (hasKey && url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    fail(
      'validation',
      `This profile has an API key, and plain http to ${url.hostname} would send it in clear text. Use https://, or remove the key first.`,
    );
  }
  return trimmed.replace(/\/+$/, '');
}

/** Whether a key may be used with a base URL (https, or http to this machine). */
export function keyAllowedFor(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  return url.protocol === 'https:' || isLoopbackHost(url.hostname);
}
