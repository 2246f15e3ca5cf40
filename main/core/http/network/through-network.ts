import type { Network, ProxyLoginRequest } from './network';
import { ProxyFailure, networkFailureOf } from './network-failure';
import type { ProxyEntry } from './proxy-route';
import { basicProxyAuthorization, proxyLabel } from './proxy-url';
import type { ProxyLogin } from './proxy-url';
import { routeAgents } from './route-agents';
import type { RouteAgents } from './route-agents';

/** The route one attempt takes. */
export interface Via {
  entry: ProxyEntry;
  agents: RouteAgents;
  /** Whether the attempt sends the proxy a login (so a 407 means it was refused, not missing). */
  sendsProxyLogin: boolean;
}

/** How often one request asks a person for a proxy's login before it gives up with the proxy's 407. */
const MAX_LOGIN_PROMPTS = 3;

/** The agents of one entry, with the login the network has for it. */
async function viaEntry(network: Network, entry: ProxyEntry, connectMs: number, login: ProxyLogin | null): Promise<Via> {
  const secureContext = await network.trust.secureContext();
  const proxyAuthorization = login === null ? null : basicProxyAuthorization(login);
  return { entry, agents: routeAgents({ entry, secureContext, connectMs, proxyAuthorization }), sendsProxyLogin: login !== null };
}

/** Whether a failure means this entry's proxy could not be reached at all (nothing was sent: the next entry may be tried). */
function proxyDown(error: unknown): boolean {
  const failure = networkFailureOf(error);
  return failure instanceof ProxyFailure && (failure.problem === 'unreachable' || failure.problem === 'timeout');
}

/** Whether a failure is a proxy's request for a (better) login. */
function loginWanted(error: unknown): ProxyFailure | null {
  const failure = networkFailureOf(error);
  return failure instanceof ProxyFailure && (failure.problem === 'login-required' || failure.problem === 'login-rejected') ? failure : null;
}

/**
 * Runs `attempt` over the route the network gives for `target`: each entry in turn while the
 * previous one's proxy cannot be reached (a PAC answer's `PROXY a; PROXY b; DIRECT`), asking for
 * a proxy's login after a 407 where someone can be asked (and remembering one that works). The
 * last proxy's failure is thrown when none can be reached; any other failure at once.
 */
export async function throughNetwork<T>(network: Network, target: URL, connectMs: number, attempt: (via: Via) => Promise<T>): Promise<T> {
  const entries = await network.routeFor(target);
  let lastFailure: unknown = null;
  for (const entry of entries) {
    let login = entry.kind === 'proxy' ? network.loginFor(entry) : null;
    // The question whose answer `login` is, once the prompt gave it.
    let asked: ProxyLoginRequest | null = null;
    for (let prompts = 0; ; prompts++) {
      try {
        const result = await attempt(await viaEntry(network, entry, connectMs, login));
        if (entry.kind === 'proxy' && login !== null) network.remember(entry, login);
        // A keychain that fails here costs only the next run's question: the request is done.
        if (asked && login) await network.logins?.accepted?.(asked, login).catch(() => {});
        return result;
      } catch (error) {
        if (proxyDown(error)) {
          lastFailure = error;
          break;
        }
        const wanted = loginWanted(error);
        if (entry.kind !== 'proxy' || wanted === null || network.logins === null || prompts >= MAX_LOGIN_PROMPTS) throw error;
        asked = { proxy: proxyLabel(entry.proxy), from: entry.from, realm: wanted.detail.realm ?? null, rejected: wanted.problem === 'login-rejected' };
        login = await network.logins.ask(asked);
        if (login === null) throw error;
      }
    }
  }
  throw lastFailure;
}

/**
 * The agents for a redirect's target: its own route's first entry (a redirect to a host that
 * NO_PROXY exempts goes straight there), with the login the network has for that proxy.
 */
export async function agentsForRedirect(network: Network, target: URL, connectMs: number): Promise<RouteAgents> {
  const [entry = { kind: 'direct' } as const] = await network.routeFor(target);
  const login = entry.kind === 'proxy' ? network.loginFor(entry) : null;
  return (await viaEntry(network, entry, connectMs, login)).agents;
}
