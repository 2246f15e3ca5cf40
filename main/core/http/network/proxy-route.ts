import { isLoopbackHost } from '../key-policy';

/**
 * One way to reach a URL: straight, or through an HTTP proxy. `proxy` may carry a user name and
 * password (never shown: see proxyLabel); `from` says where the proxy was set, so an error can
 * send a person to the right place (`HTTPS_PROXY`, `--proxy`, "the system's proxy settings"…).
 * `skipped` names the entries of a PAC answer passed over just before this one because
 * Export Manager cannot use them (`SOCKS5 host:port`): taking this entry is then noted.
 */
export type ProxyEntry =
  | { kind: 'direct'; skipped?: SkippedEntries }
  | { kind: 'proxy'; proxy: URL; from: string; skipped?: SkippedEntries };

/** Entries of a PAC answer that cannot be used, as written (`SOCKS5 s.corp:1080`), and where the answer came from. */
export interface SkippedEntries {
  entries: string[];
  from: string;
}

/** The entry that goes straight to the server. */
export const DIRECT: ProxyEntry = { kind: 'direct' };

/** The ways to reach a URL, to try in order (a PAC answer may list several: the next is tried when one cannot be reached). */
export type ProxyChooser = (target: URL) => Promise<ProxyEntry[]>;

/**
 * Keeps a request to this machine (127.0.0.0/8, ::1, localhost) off proxies on other machines:
 * such a proxy would reach its own loopback, not ours, and a plain-http API key (allowed only to
 * loopback, see key-policy.ts) would cross the network in clear text to it. A proxy on this
 * machine keeps both on the machine, so it is used (the tests' tinyproxy, a local corporate
 * agent). Chromium bypasses loopback in the same way; curl would not.
 */
export function withoutRemoteProxiesForLoopback(target: URL, entries: ProxyEntry[]): ProxyEntry[] {
  if (!isLoopbackHost(target.hostname)) return entries;
  const kept = entries.filter((entry) => entry.kind === 'direct' || isLoopbackHost(entry.proxy.hostname));
  return kept.length > 0 ? kept : [DIRECT];
}
