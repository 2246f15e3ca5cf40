import { appError } from '../../app-error';
import { SYSTEM_PROXY_SOURCE, parsePacAnswer } from './pac-answer';
import type { ProxyChooser } from './proxy-route';
import type { ProxyResolver } from './proxy-resolver';

/** A URL as the resolver is asked about it: without a user name, password or fragment, which are no proxy's business. */
function askedUrl(target: URL): string {
  const url = new URL(target.href);
  url.username = '';
  url.password = '';
  url.hash = '';
  return url.href;
}

/**
 * Chooses proxies the way the system does (its settings, PAC, WPAD), through the ProxyResolver
 * port. A resolver that fails is a `network` failure that says how to stop depending on it.
 */
export function systemProxyChooser(resolver: ProxyResolver): ProxyChooser {
  return async (target) => {
    let answer: string;
    try {
      answer = await resolver.resolveProxy(askedUrl(target));
    } catch (error) {
      throw appError(
        'network',
        `Could not learn from ${SYSTEM_PROXY_SOURCE} which proxy to use for ${target.host}. Choose "No proxy" or "Manual" in Settings → Network.`,
        { cause: error },
      );
    }
    return parsePacAnswer(answer);
  };
}
