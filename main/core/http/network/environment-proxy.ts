import { bypassesProxy } from './no-proxy';
import { DIRECT } from './proxy-route';
import type { ProxyChooser, ProxyEntry } from './proxy-route';
import { parseProxyUrl } from './proxy-url';

/** What the command line was given about proxies: its flags, and the environment it runs in. */
export interface ProxyEnvironment {
  /** `--proxy URL`: wins over every variable ("" turns proxies off, as in curl). */
  proxy?: string | null;
  /** `--noproxy LIST`: wins over NO_PROXY. */
  noProxy?: string | null;
  env: NodeJS.ProcessEnv;
}

/** The first of `names` that is set to something (curl treats an empty variable as unset), with its name. */
function firstSet(env: NodeJS.ProcessEnv, names: string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') return { name, value };
  }
  return null;
}

/**
 * The variables that name a proxy for a scheme, in curl's order: the scheme's own, lower case
 * first, then ALL_PROXY. HTTP_PROXY in capitals is skipped under CGI (REQUEST_METHOD set), where
 * a request's `Proxy:` header arrives as HTTP_PROXY ("httpoxy"); curl ignores it always, Go's
 * net/http only under CGI, as here.
 */
function proxyVariables(protocol: string, env: NodeJS.ProcessEnv): string[] {
  const scheme = protocol === 'https:' ? 'https' : 'http';
  const own = scheme === 'http' && env.REQUEST_METHOD !== undefined ? ['http_proxy'] : [`${scheme}_proxy`, `${scheme.toUpperCase()}_PROXY`];
  return [...own, 'all_proxy', 'ALL_PROXY'];
}

/**
 * Chooses the proxy for a URL as curl does from `--proxy`, `--noproxy` and HTTPS_PROXY /
 * HTTP_PROXY / ALL_PROXY / NO_PROXY (either case, lower case first): `--proxy` wins over the
 * variables, `--noproxy` over NO_PROXY, and the exemptions apply to whichever proxy was chosen.
 * A proxy that cannot be used (another scheme, not a URL) fails as `validation` naming its
 * variable, when a request would use it.
 */
export function environmentProxyChooser(options: ProxyEnvironment): ProxyChooser {
  const { env } = options;
  const noProxy = options.noProxy ?? firstSet(env, ['no_proxy', 'NO_PROXY'])?.value ?? null;
  return async (target): Promise<ProxyEntry[]> => {
    const chosen = options.proxy !== undefined && options.proxy !== null
      ? { name: '--proxy', value: options.proxy }
      : firstSet(env, proxyVariables(target.protocol, env));
    if (chosen === null || chosen.value.trim() === '' || bypassesProxy(target, noProxy)) return [DIRECT];
    return [{ kind: 'proxy', proxy: parseProxyUrl(chosen.value, chosen.name), from: chosen.name }];
  };
}
