import { appErrorOf } from '../../app-error';
import { sameLogin } from './network';
import type { Network, ProxyLoginRequest } from './network';
import { CertificateFailure, ProxyFailure, networkFailureOf } from './network-failure';
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

/** How many logins one request tries on one proxy, asked for or given to other requests meanwhile. */
const MAX_LOGIN_TRIES = 2 * MAX_LOGIN_PROMPTS + 1;

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
 * Whether a failed attempt got past the proxy, so the proxy accepted the login it was sent: the
 * tunnel opened (the server's certificate was seen) or the server answered with a status of its
 * own. On plain http a 401 may still be the proxy's (tinyproxy answers a wrong login so), so it
 * does not count there; inside an https tunnel every status is the server's.
 */
function passedTheProxy(error: unknown, target: URL): boolean {
  if (networkFailureOf(error) instanceof CertificateFailure) return true;
  const status = appErrorOf(error)?.status;
  if (status === undefined) return false;
  return target.protocol === 'https:' || (status !== 401 && status !== 407);
}

/** Keeps a login the proxy accepted: for this run, and in the keychain when the person asked (a keychain that fails costs only the next run's question). */
async function keepAccepted(network: Network, entry: ProxyEntry, login: ProxyLogin | null, asked: ProxyLoginRequest | null): Promise<void> {
  if (entry.kind !== 'proxy' || login === null) return;
  network.remember(entry, login);
  if (asked) await network.logins?.accepted?.(asked, login).catch(() => {});
}

/**
 * Runs `attempt` over the route the network gives for `target`: each entry in turn while the
 * previous one's proxy cannot be reached (a PAC answer's `PROXY a; PROXY b; DIRECT`), asking for
 * a proxy's login after a 407 where someone can be asked. The login given is held by the network
 * at once, so requests that meet the same 407 meanwhile try it instead of asking again (the
 * prompt itself gathers those that ask together into one question). Taking an entry past ones
 * that cannot be used is noted. The last proxy's failure is thrown when none can be reached; any
 * other failure at once. `signal` ends a wait for a person's answer (the request was cancelled).
 */
export async function throughNetwork<T>(network: Network, target: URL, connectMs: number, attempt: (via: Via) => Promise<T>, signal?: AbortSignal): Promise<T> {
  const entries = await network.routeFor(target);
  let lastFailure: unknown = null;
  for (const entry of entries) {
    if (entry.skipped) network.noteSkipped?.({ target: target.host, skipped: entry.skipped, via: entry });
    let login = entry.kind === 'proxy' ? network.loginFor(entry) : null;
    // The question whose answer `login` is, once the prompt gave it.
    let asked: ProxyLoginRequest | null = null;
    for (let prompts = 0, tries = 0; ; tries++) {
      try {
        const result = await attempt(await viaEntry(network, entry, connectMs, login));
        await keepAccepted(network, entry, login, asked);
        return result;
      } catch (error) {
        if (proxyDown(error)) {
          lastFailure = error;
          break;
        }
        const wanted = loginWanted(error);
        if (wanted === null && passedTheProxy(error, target)) await keepAccepted(network, entry, login, asked);
        if (entry.kind !== 'proxy' || wanted === null || tries >= MAX_LOGIN_TRIES) throw error;
        const rejected = wanted.problem === 'login-rejected';
        if (rejected && login !== null) network.forget(entry, login);
        // Another request's question may have been answered since this one set out: try that answer first.
        const meanwhile = network.loginFor(entry);
        if (meanwhile !== null && !sameLogin(meanwhile, login)) {
          login = meanwhile;
          asked = null;
          continue;
        }
        if (network.logins === null || prompts >= MAX_LOGIN_PROMPTS || signal?.aborted) throw error;
        prompts++;
        asked = { proxy: proxyLabel(entry.proxy), from: entry.from, realm: wanted.detail.realm ?? null, rejected, username: rejected ? (login?.username ?? null) : null };
        login = await network.logins.ask(asked, signal);
        if (login === null) throw error;
        network.remember(entry, login);
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
