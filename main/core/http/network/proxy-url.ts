import { fail } from '../../app-error';

/** The port curl assumes when a proxy URL names none (curl's man page, `--proxy`). */
const CURL_DEFAULT_PROXY_PORT = '1080';

/**
 * Parses a proxy as curl does: `host:port`, `http://host:port`, `http://user:pass@host:port`
 * (the scheme defaults to http://, the port to 1080). Only plain http proxies are used (https
 * backends go through them with CONNECT); another scheme fails as `validation`, naming `from`
 * (where the value came from: `--proxy`, `HTTPS_PROXY`, …). The value is never echoed: it may
 * hold a password.
 */
export function parseProxyUrl(raw: string, from: string): URL {
  const value = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    fail('validation', `The proxy in ${from} is not a valid URL: write it as http://host:port (or http://user:password@host:port).`);
  }
  if (url.protocol === 'https:') {
    fail('validation', `The proxy in ${from} uses https://, which Export Manager does not support: give its plain http:// address (https backends still go through it encrypted, with CONNECT).`);
  }
  if (url.protocol !== 'http:') {
    fail('validation', `The proxy in ${from} is a ${url.protocol.replace(/:$/, '')} proxy, which Export Manager does not support: give an HTTP proxy (http://host:port).`);
  }
  if (!url.hostname) fail('validation', `The proxy in ${from} names no host: write it as http://host:port.`);
  // URL drops an explicit :80 (http's default), so the written text tells whether a port was given.
  if (!url.port && !hasExplicitPort(withScheme)) url.port = CURL_DEFAULT_PROXY_PORT;
  url.pathname = '/';
  url.search = '';
  url.hash = '';
  return url;
}

/** Whether a URL's text names a port (`host:port`, `[v6]:port`), whatever the user name and password hold. */
function hasExplicitPort(text: string): boolean {
  const authority = text.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return /:\d+$/.test(host);
}

/** The port a proxy listens on (URL leaves http's 80 out). */
export function proxyPort(proxy: URL): number {
  return Number(proxy.port || 80);
}

/** A proxy as it may be shown (in an error, a log, the window): `host:port`, never its user name or password. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.hostname}:${proxyPort(proxy)}`;
}

/** A user name and password for a proxy. */
export interface ProxyLogin {
  username: string;
  password: string;
}

/** The credentials written into a proxy URL (`http://user:pass@host:port`, percent-decoded), or null when it has none. */
export function loginInProxyUrl(proxy: URL): ProxyLogin | null {
  if (!proxy.username && !proxy.password) return null;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  return { username: decode(proxy.username), password: decode(proxy.password) };
}

/** The `Proxy-Authorization` value for a login (Basic, the scheme tinyproxy, squid and most corporate proxies accept). */
export function basicProxyAuthorization(login: ProxyLogin): string {
  return `Basic ${Buffer.from(`${login.username}:${login.password}`, 'utf8').toString('base64')}`;
}
