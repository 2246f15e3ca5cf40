import type { SecretStore } from '../../secrets/secret-store';
import type { ProxyLoginPrompt, ProxyLoginRequest } from './network';
import type { ProxyLogin } from './proxy-url';

/** What the window answers when asked for a proxy's login: the login, and whether to keep it in the keychain ("Remember"). */
export interface ProxyLoginAnswer {
  login: ProxyLogin;
  remember: boolean;
}

/** What the person is asked: the proxy's request, and whether the refused login was one the keychain held (now forgotten). */
export interface RememberedLoginRequest extends ProxyLoginRequest {
  forgotten: boolean;
}

/** Asks the person (the window's dialog); null when they cancel, or when `signal` aborts first. */
export type AskForProxyLogin = (request: RememberedLoginRequest, signal?: AbortSignal) => Promise<ProxyLoginAnswer | null>;

/** The keychain account of a proxy's login: beside the profiles' keys, never a profile id (those have no colon). */
export function proxyLoginAccount(proxy: string): string {
  return `proxy:${proxy}`;
}

function parseLogin(stored: string | null): ProxyLogin | null {
  if (stored === null) return null;
  try {
    const value = JSON.parse(stored) as Partial<ProxyLogin>;
    return typeof value.username === 'string' && typeof value.password === 'string' ? { username: value.username, password: value.password } : null;
  } catch {
    return null;
  }
}

/**
 * The app's ProxyLoginPrompt: a login remembered in the keychain is tried first, without a
 * question; otherwise (or once the proxy refused it, which also forgets it) the person is
 * asked. A login they asked to remember is written to the keychain only after the proxy
 * accepted it; never to a settings file.
 */
export function keychainProxyLogins(secrets: SecretStore, ask: AskForProxyLogin): ProxyLoginPrompt {
  const toRemember = new WeakMap<ProxyLogin, boolean>();
  return {
    async ask(request, signal) {
      const account = proxyLoginAccount(request.proxy);
      let forgotten = false;
      if (request.rejected) forgotten = await secrets.delete(account).catch(() => false);
      else {
        const stored = parseLogin(await secrets.get(account).catch(() => null));
        if (stored) return stored;
      }
      const answer = await ask({ ...request, forgotten }, signal);
      if (answer === null) return null;
      toRemember.set(answer.login, answer.remember);
      return answer.login;
    },
    async accepted(request, login) {
      if (toRemember.get(login)) await secrets.set(proxyLoginAccount(request.proxy), JSON.stringify(login));
    },
  };
}
