import { isIP } from 'node:net';
import type { Network } from '../network/network';
import type { ProxyEntry } from '../network/proxy-route';
import { basicProxyAuthorization, proxyLabel, proxyPort } from '../network/proxy-url';
import type { ProxyLogin } from '../network/proxy-url';
import type { TrustStore } from '../network/trust-store';
import type { ConnectPlan } from './fast-connection';

/** The route the fast path takes, and the proxy login it sends (to remember once it worked), or why it cannot. */
export type FastRoute =
  | { plan: ConnectPlan; entry: ProxyEntry; login: ProxyLogin | null }
  | { fallback: string };

/**
 * A trust store that can say which authorities it trusts (not only build a context): a worker
 * thread cannot receive a SecureContext, only the certificates to build one from. See the
 * proposed TrustStore.certificates in network/trust-store.ts.
 */
interface ListingTrust extends TrustStore {
  certificates(): Promise<string[] | undefined>;
}

function listsCertificates(trust: TrustStore): trust is ListingTrust {
  return typeof (trust as Partial<ListingTrust>).certificates === 'function';
}

/** The authorities to verify with in the worker (null: Node's own store), or undefined when they cannot travel there. */
async function workerTrust(trust: TrustStore): Promise<string[] | null | undefined> {
  if (listsCertificates(trust)) return (await trust.certificates()) ?? null;
  // Without the list, only Node's own store can be rebuilt in the worker (it is the process's).
  return (await trust.secureContext()) === undefined ? null : undefined;
}

/**
 * The got path's route to `url` (network/through-network.ts), as data for the worker: the
 * network's one entry for it, straight or through a plain-http proxy (with the login the
 * network has for that proxy), and the trust for https. What the fast path does not do itself
 * falls back: several entries to try in turn (a PAC answer's list), a trust it cannot hand to a
 * worker, a trust store that fails (the got path says why).
 */
export async function fastRoute(network: Network, url: URL, connectMs: number): Promise<FastRoute> {
  const entries = await network.routeFor(url);
  const entry = entries[0];
  if (entries.length !== 1 || entry === undefined) return { fallback: `${entries.length} routes to try in turn` };
  let ca: string[] | null = null;
  if (url.protocol === 'https:') {
    const trusted = await workerTrust(network.trust).catch(() => undefined);
    if (trusted === undefined) return { fallback: 'a trust store that cannot be handed to a worker thread' };
    ca = trusted;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const login = entry.kind === 'proxy' ? network.loginFor(entry) : null;
  const plan: ConnectPlan = {
    protocol: url.protocol === 'https:' ? 'https:' : 'http:',
    host,
    port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
    // Node's https agent sends no server name for an IP address.
    servername: isIP(host) ? undefined : host,
    ca,
    proxy: entry.kind === 'proxy'
      ? {
          host: entry.proxy.hostname.replace(/^\[|\]$/g, ''),
          port: proxyPort(entry.proxy),
          label: proxyLabel(entry.proxy),
          from: entry.from,
          authorization: login === null ? null : basicProxyAuthorization(login),
        }
      : null,
    connectMs,
  };
  return { plan, entry, login };
}
