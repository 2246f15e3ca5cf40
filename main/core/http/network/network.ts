import { noProxyChooser } from './fixed-proxy';
import { DIRECT, withoutRemoteProxiesForLoopback } from './proxy-route';
import type { ProxyChooser, ProxyEntry, SkippedEntries } from './proxy-route';
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
  /** The user name of that refused login (never its password), to offer again; null when none was refused. */
  username: string | null;
}

/**
 * Who is asked for a proxy's login after a 407: the window, in the app. The command line has
 * none: its logins are written in the proxy URL.
 */
export interface ProxyLoginPrompt {
  /**
   * The login to try, or null when the person declined (the request then fails with the proxy's
   * 407). `signal` aborts when the request waiting for it ends otherwise (its job was cancelled):
   * the wait then ends with null.
   */
  ask(request: ProxyLoginRequest, signal?: AbortSignal): Promise<ProxyLogin | null>;
  /** The proxy accepted the login `ask` gave for `request` (the moment to keep it, if the person asked to). */
  accepted?(request: ProxyLoginRequest, login: ProxyLogin): Promise<void>;
}

/** A request went to an entry of a PAC answer past entries that cannot be used (see ProxyEntry's `skipped`). */
export interface SkippedRouteNote {
  /** The host the request went to (`host:port`). */
  target: string;
  skipped: SkippedEntries;
  /** The entry it took instead. */
  via: ProxyEntry;
}

/**
 * How requests reach servers: which proxies for a URL, which certificate authorities, and who
 * gives a proxy's login. One per app or command run; it holds the login last given for each
 * proxy, for this run only (in memory: never in a file), so a person is asked once and requests
 * that start meanwhile use the same answer.
 */
export interface Network {
  /** The ways to reach `target`, to try in order. */
  routeFor(target: URL): Promise<ProxyEntry[]>;
  trust: TrustStore;
  logins: ProxyLoginPrompt | null;
  /** The login to send to a proxy: the one given last this run (asked for, or one that worked), else the one in its URL, else none. */
  loginFor(entry: Extract<ProxyEntry, { kind: 'proxy' }>): ProxyLogin | null;
  /** Keeps a login given for a proxy (answered, or accepted by it), for the rest of this run. */
  remember(entry: Extract<ProxyEntry, { kind: 'proxy' }>, login: ProxyLogin): void;
  /** Drops `login` for the proxy, when the proxy refused it (a later login given meanwhile stays). */
  forget(entry: Extract<ProxyEntry, { kind: 'proxy' }>, login: ProxyLogin): void;
  /** Told when a request takes an entry past ones that cannot be used, so it is never silent; absent: nobody listens. */
  noteSkipped?(note: SkippedRouteNote): void;
}

/** Whether two logins are the same user name and password. */
export function sameLogin(a: ProxyLogin | null, b: ProxyLogin | null): boolean {
  return a === b || (a !== null && b !== null && a.username === b.username && a.password === b.password);
}

/** Builds a Network from its parts; requests to this machine keep off proxies elsewhere (see withoutRemoteProxiesForLoopback). */
export function createNetwork(parts: {
  proxies: ProxyChooser;
  trust?: TrustStore;
  logins?: ProxyLoginPrompt | null;
  noteSkipped?: (note: SkippedRouteNote) => void;
}): Network {
  const given = new Map<string, ProxyLogin>();
  return {
    routeFor: async (target) => {
      const entries = withoutRemoteProxiesForLoopback(target, await parts.proxies(target));
      return entries.length > 0 ? entries : [DIRECT];
    },
    trust: parts.trust ?? NODE_DEFAULT_TRUST,
    logins: parts.logins ?? null,
    loginFor: (entry) => given.get(proxyLabel(entry.proxy)) ?? loginInProxyUrl(entry.proxy),
    remember: (entry, login) => void given.set(proxyLabel(entry.proxy), login),
    forget: (entry, login) => {
      const label = proxyLabel(entry.proxy);
      if (sameLogin(given.get(label) ?? null, login)) given.delete(label);
    },
    ...(parts.noteSkipped ? { noteSkipped: parts.noteSkipped } : {}),
  };
}

/** No proxy, Node's own trust: how requests went before networks could be configured (and where none is given). */
export const DIRECT_NETWORK: Network = createNetwork({ proxies: noProxyChooser });
