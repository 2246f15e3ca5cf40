import type { IncomingHttpHeaders } from 'node:http';

/**
 * Fields of which Node keeps the first and drops the rest (`matchKnownFields` in
 * lib/_http_incoming.js): a second Content-Type or Location is not joined to the first.
 */
const FIRST_WINS = new Set([
  'age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from', 'host', 'if-modified-since',
  'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'proxy-authorization', 'referer', 'retry-after',
  'server', 'user-agent',
]);

/**
 * The `headers` object Node builds from `rawHeaders`: lower-case names; Set-Cookie as an array;
 * Cookie joined with "; "; the fields above first-wins; every other field joined with ", ".
 */
export function nodeHeaders(rawHeaders: readonly string[]): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    const existing = headers[name];
    if (name === 'set-cookie') {
      if (Array.isArray(existing)) existing.push(value);
      else headers[name] = [value];
    } else if (existing === undefined) headers[name] = value;
    else if (!FIRST_WINS.has(name)) headers[name] = `${existing as string}${name === 'cookie' ? '; ' : ', '}${value}`;
  }
  return headers as IncomingHttpHeaders;
}
