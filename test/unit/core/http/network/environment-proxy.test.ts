import { describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../../../main/core/app-error';
import { environmentProxyChooser } from '../../../../../main/core/http/network/environment-proxy';
import type { ProxyEnvironment } from '../../../../../main/core/http/network/environment-proxy';
import { createNetwork } from '../../../../../main/core/http/network/network';
import type { ProxyEntry } from '../../../../../main/core/http/network/proxy-route';
import { proxyLabel } from '../../../../../main/core/http/network/proxy-url';

/** What the chooser picks for a URL, as `direct` or `host:port (from)`. */
async function chosen(options: ProxyEnvironment, url: string): Promise<string> {
  const [entry] = await environmentProxyChooser(options)(new URL(url));
  return describeEntry(entry);
}

function describeEntry(entry: ProxyEntry | undefined): string {
  if (!entry) return 'nothing';
  return entry.kind === 'direct' ? 'direct' : `${proxyLabel(entry.proxy)} (${entry.from})`;
}

async function failure(options: ProxyEnvironment, url: string) {
  return appErrorOf(await environmentProxyChooser(options)(new URL(url)).then(() => null, (error: unknown) => error));
}

describe('the command line chooses proxies as curl does', () => {
  it('goes direct when nothing is set, or a variable is empty', async () => {
    expect(await chosen({ env: {} }, 'https://example.com/api')).toBe('direct');
    expect(await chosen({ env: { HTTPS_PROXY: '', https_proxy: '  ' } }, 'https://example.com/api')).toBe('direct');
  });

  it('uses the scheme’s own variable, lower case before upper case, then ALL_PROXY', async () => {
    const env = { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2', http_proxy: 'http://plain:3', ALL_PROXY: 'http://all:4' };
    expect(await chosen({ env }, 'https://example.com/')).toBe('lower:1 (https_proxy)');
    expect(await chosen({ env: { HTTPS_PROXY: 'http://upper:2' } }, 'https://example.com/')).toBe('upper:2 (HTTPS_PROXY)');
    expect(await chosen({ env }, 'http://example.com/')).toBe('plain:3 (http_proxy)');
    expect(await chosen({ env: { HTTP_PROXY: 'http://upper:5' } }, 'http://example.com/')).toBe('upper:5 (HTTP_PROXY)');
    expect(await chosen({ env: { all_proxy: 'http://a:6', ALL_PROXY: 'http://b:7' } }, 'https://example.com/')).toBe('a:6 (all_proxy)');
    expect(await chosen({ env: { ALL_PROXY: 'http://all:4' } }, 'http://example.com/')).toBe('all:4 (ALL_PROXY)');
  });

  it('never uses https_proxy for http, nor http_proxy for https', async () => {
    expect(await chosen({ env: { HTTPS_PROXY: 'http://p:1' } }, 'http://example.com/')).toBe('direct');
    expect(await chosen({ env: { HTTP_PROXY: 'http://p:1' } }, 'https://example.com/')).toBe('direct');
  });

  it('ignores HTTP_PROXY in capitals under CGI (httpoxy), where a request header sets it', async () => {
    expect(await chosen({ env: { HTTP_PROXY: 'http://attacker:1', REQUEST_METHOD: 'GET' } }, 'http://example.com/')).toBe('direct');
    expect(await chosen({ env: { http_proxy: 'http://mine:1', REQUEST_METHOD: 'GET' } }, 'http://example.com/')).toBe('mine:1 (http_proxy)');
  });

  it('lets --proxy win over every variable, and --proxy "" turn proxies off', async () => {
    const env = { HTTPS_PROXY: 'http://env:1', ALL_PROXY: 'http://all:2' };
    expect(await chosen({ proxy: 'flag:3', env }, 'https://example.com/')).toBe('flag:3 (--proxy)');
    expect(await chosen({ proxy: '', env }, 'https://example.com/')).toBe('direct');
  });

  it('applies NO_PROXY (lower case first) to any proxy, and --noproxy instead of it', async () => {
    const env = { HTTPS_PROXY: 'http://env:1', no_proxy: 'internal.example', NO_PROXY: 'example.com' };
    expect(await chosen({ env }, 'https://api.internal.example/')).toBe('direct');
    expect(await chosen({ env }, 'https://example.com/')).toBe('env:1 (HTTPS_PROXY)');
    expect(await chosen({ env: { HTTPS_PROXY: 'http://env:1', NO_PROXY: 'example.com' } }, 'https://example.com/')).toBe('direct');
    expect(await chosen({ proxy: 'flag:3', env }, 'https://api.internal.example/')).toBe('direct');
    expect(await chosen({ noProxy: 'other.org', env }, 'https://api.internal.example/')).toBe('env:1 (HTTPS_PROXY)');
    expect(await chosen({ noProxy: 'other.org', env }, 'https://x.other.org/')).toBe('direct');
  });

  it('reads a proxy as curl does: http:// and port 1080 by default, credentials kept but never shown', async () => {
    const [entry] = await environmentProxyChooser({ env: { HTTPS_PROXY: 'user:p%40ss@proxy.corp' } })(new URL('https://example.com/'));
    expect(entry?.kind).toBe('proxy');
    if (entry?.kind !== 'proxy') return;
    expect(entry.proxy.protocol).toBe('http:');
    expect(entry.proxy.port).toBe('1080');
    expect(entry.proxy.username).toBe('user');
    expect(proxyLabel(entry.proxy)).toBe('proxy.corp:1080');
  });

  it('keeps an explicit :80, which URL parsing would otherwise drop for curl’s 1080', async () => {
    expect(await chosen({ env: { HTTPS_PROXY: 'http://proxy.corp:80' } }, 'https://example.com/')).toBe('proxy.corp:80 (HTTPS_PROXY)');
    expect(await chosen({ env: { HTTPS_PROXY: 'http://u:p@proxy.corp:80/' } }, 'https://example.com/')).toBe('proxy.corp:80 (HTTPS_PROXY)');
    expect(await chosen({ env: { HTTPS_PROXY: 'http://proxy.corp' } }, 'https://example.com/')).toBe('proxy.corp:1080 (HTTPS_PROXY)');
  });

  it('refuses proxies it cannot speak to, naming the variable and not echoing the value', async () => {
    const socks = await failure({ env: { HTTPS_PROXY: 'socks5://u:secret@proxy:1080' } }, 'https://example.com/');
    expect(socks).toMatchObject({ kind: 'validation' });
    expect(socks?.message).toMatch(/HTTPS_PROXY.*socks5.*HTTP proxy/);
    expect(socks?.message).not.toContain('secret');
    const tlsProxy = await failure({ proxy: 'https://proxy:443', env: {} }, 'https://example.com/');
    expect(tlsProxy?.message).toMatch(/--proxy.*https:\/\/.*not support/);
    const garbage = await failure({ env: { ALL_PROXY: 'http://[bad' } }, 'https://example.com/');
    expect(garbage?.message).toMatch(/ALL_PROXY is not a valid URL/);
  });
});

describe('a request to this machine keeps off proxies on other machines', () => {
  it('goes direct past a remote proxy, but through one on loopback (which reaches the same machine)', async () => {
    const remote = createNetwork({ proxies: environmentProxyChooser({ env: { HTTP_PROXY: 'http://proxy.corp:3128', HTTPS_PROXY: 'http://proxy.corp:3128' } }) });
    expect(describeEntry((await remote.routeFor(new URL('http://127.0.0.1:4000/api')))[0])).toBe('direct');
    expect(describeEntry((await remote.routeFor(new URL('https://localhost:4000/api')))[0])).toBe('direct');
    expect(describeEntry((await remote.routeFor(new URL('http://[::1]:4000/api')))[0])).toBe('direct');
    expect(describeEntry((await remote.routeFor(new URL('https://example.com/api')))[0])).toBe('proxy.corp:3128 (HTTPS_PROXY)');
    const local = createNetwork({ proxies: environmentProxyChooser({ env: { HTTP_PROXY: 'http://127.0.0.1:3128' } }) });
    expect(describeEntry((await local.routeFor(new URL('http://127.0.0.1:4000/api')))[0])).toBe('127.0.0.1:3128 (HTTP_PROXY)');
  });
});
