import { session } from 'electron';
import type { ProxyResolver } from '../core/http/network/proxy-resolver';

/**
 * Answers core's ProxyResolver port with Chromium's own resolution, `session.defaultSession
 * .resolveProxy(url)`: the OS proxy settings, a PAC script, WPAD, as the browser would use them,
 * in the PAC format (`"PROXY host:port; DIRECT"`) that core reads. Asked per request, after
 * `ready` (the session exists only then), so a change in the system's settings applies at once.
 */
export function electronProxyResolver(): ProxyResolver {
  return { resolveProxy: (url) => session.defaultSession.resolveProxy(url) };
}
