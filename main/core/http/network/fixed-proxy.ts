import { DIRECT } from './proxy-route';
import type { ProxyChooser } from './proxy-route';
import { parseProxyUrl } from './proxy-url';

/** Settings → Network → "No proxy": every request goes straight to its server. */
export const noProxyChooser: ProxyChooser = async () => [DIRECT];

/** Settings → Network → "Manual": every request goes through one proxy (checked now, so a bad URL fails as `validation` at once). */
export function fixedProxyChooser(proxyUrl: string, from: string): ProxyChooser {
  const proxy = parseProxyUrl(proxyUrl, from);
  return async () => [{ kind: 'proxy', proxy, from }];
}
