import { noProxyChooser } from './fixed-proxy';
import { DIRECT, withoutRemoteProxiesForLoopback } from './proxy-route';
import type { ProxyChooser, ProxyEntry } from './proxy-route';
import { loginInProxyUrl, proxyLabel } from './proxy-url';
import type { ProxyLogin } from './proxy-url';
import { NODE_DEFAULT_TRUST } from './trust-store';
import type { TrustStore } from './trust-store';

/** What a person is told when a proxy asks for a user name and password. */
export interface ProxyLoginRequest {
  /** The proxy's `host:port`. */
  proxy: string;
  /** Where it was set ("the system's proxy settings", …). */
  from: string;
  /** The realm of its challenge, when it named one. */
  realm: string | null;
  /** The login given last was refused. */
  rejected: boolean;
}

/**
 * Who is asked for a proxy's login after a 407: the window, in the app. The command line has
 * none: its logins are written in the proxy URL.
 */
export interface ProxyLoginPrompt {
  /** The login to try, or null when the person declined (the request then fails with the proxy's 407). */
  ask(request: ProxyLoginRequest): Promise<ProxyLogin | null>;
  /** The proxy accepted the login `ask` gave for `request` (the moment to keep it, if the person asked to). */
  accepted?(request: ProxyLoginRequest, login: ProxyLogin): Promise<void>;
}

/**
 * How requests reach servers: which proxies for a URL, which certificate authorities, and who
 * gives a proxy's login. One per app or command run; it remembers a login that worked, for this
 * run only (in memory: never in a file), so a person is asked once.
 */
export interface Network {
  /** The ways to reach `target`, to try in order. */
  routeFor(target: URL): Promise<ProxyEntry[]>;
  trust: TrustStore;
  logins: ProxyLoginPrompt | null;
  /** The login to send to a proxy: one that worked this run, else the one in its URL, else none. */
  loginFor(entry: Extract<ProxyEntry, { kind: 'proxy' }>): ProxyLogin | null;
  /** Keeps a login that a proxy accepted, for the rest of this run. */
  remember(entry: Extract<ProxyEntry, { kind: 'proxy' }>, login: ProxyLogin): void;
}

/** Builds a Network from its parts; requests to this machine keep off proxies elsewhere (see withoutRemoteProxiesForLoopback). */
export function createNetwork(parts: { proxies: ProxyChooser; trust?: TrustStore; logins?: ProxyLoginPrompt | null }): Network {
  const accepted = new Map<string, ProxyLogin>();
  return {
    routeFor: async (target) => {
      const entries = withoutRemoteProxiesForLoopback(target, await parts.proxies(target));
      return entries.length > 0 ? entries : [DIRECT];
    },
    trust: parts.trust ?? NODE_DEFAULT_TRUST,
    logins: parts.logins ?? null,
    loginFor: (entry) => accepted.get(proxyLabel(entry.proxy)) ?? loginInProxyUrl(entry.proxy),
    remember: (entry, login) => void accepted.set(proxyLabel(entry.proxy), login),
  };
}

/** No proxy, Node's own trust: how requests went before networks could be configured (and where none is given). */
export const DIRECT_NETWORK: Network = createNetwork({ proxies: noProxyChooser });
