import { bypassesProxy } from './no-proxy';
import { DIRECT } from './proxy-route';
import type { ProxyChooser } from './proxy-route';
import { parseProxyUrl } from './proxy-url';

/** Settings → Network → "No proxy": every request goes straight to its server. */
export const noProxyChooser: ProxyChooser = async () => [DIRECT];

/**
 * Settings → Network → "Manual": every request goes through one proxy, except to the hosts of
 * `bypass` ("No proxy for", NO_PROXY's syntax: see bypassesProxy). The URL is checked now, so a
 * bad one fails as `validation` at once.
 */
export function fixedProxyChooser(proxyUrl: string, from: string, bypass: string | null = null): ProxyChooser {
  const proxy = parseProxyUrl(proxyUrl, from);
  return async (target) => (bypassesProxy(target, bypass) ? [DIRECT] : [{ kind: 'proxy', proxy, from }]);
}
