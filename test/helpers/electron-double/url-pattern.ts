/**
 * Whether a URL matches one of Chromium's URL patterns, as `webRequest` filters use them
 * (`<scheme>://<host>[:<port>]<path>`, `*` wildcards, `<all_urls>`). Chromium's rules kept
 * here: `*` as scheme is http or https; `*.host` is the host and its subdomains; a pattern
 * without a port matches every port; the path is matched with its query.
 */
export function matchesUrlPattern(pattern: string, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (pattern === '<all_urls>') return true;
  const match = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/i.exec(pattern);
  if (!match) throw new Error(`Invalid URL pattern "${pattern}"`);
  const [, scheme, authority, path] = match as unknown as [string, string, string, string];
  const urlScheme = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? urlScheme !== 'http' && urlScheme !== 'https' : scheme.toLowerCase() !== urlScheme) return false;

  const portAt = authority.lastIndexOf(':');
  const host = portAt === -1 ? authority : authority.slice(0, portAt);
  const port = portAt === -1 ? '*' : authority.slice(portAt + 1);
  const urlPort = parsed.port || ({ http: '80', https: '443' } as Record<string, string>)[urlScheme] || '';
  if (port !== '*' && port !== urlPort) return false;
  const urlHost = parsed.hostname.toLowerCase();
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const base = host.slice(2).toLowerCase();
      if (urlHost !== base && !urlHost.endsWith(`.${base}`)) return false;
    } else if (host.toLowerCase() !== urlHost) {
      return false;
    }
  }
  return globToRegExp(path).test(`${parsed.pathname}${parsed.search}`);
}

/** A path glob (`*` for any run of characters) as an anchored regular expression. */
function globToRegExp(glob: string): RegExp {
  const literal = (part: string) => part.replace(/[.+?^$()|[\]{}\\]/g, '\\$&');
  return new RegExp(`^${glob.split('*').map(literal).join('.*')}$`);
}
