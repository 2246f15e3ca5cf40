/**
 * The port through which core learns the system's proxy for a URL (the OS settings, a PAC script,
 * WPAD), answered in the format of a PAC script's `FindProxyForURL`: `"PROXY host:port; DIRECT"`.
 * The app answers it with Electron's `session.defaultSession.resolveProxy(url)`, which is Chromium's
 * own resolution (main/electron/proxy-resolver.ts); core never imports electron, and tests answer
 * with a fake.
 */
export interface ProxyResolver {
  /** The PAC-style answer for `url`: entries separated by `;`, to try in order (`DIRECT`, `PROXY host:port`, …). */
  resolveProxy(url: string): Promise<string>;
}
