import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { checkConnection } from '../../../main/core/http/check-connection';
import { requestExportUrls } from '../../../main/core/http/export-urls';
import { appNetwork, followingNetwork } from '../../../main/core/http/network/app-network';
import type { AppNetworkSettings } from '../../../main/core/http/network/app-network';
import type { ProxyResolver } from '../../../main/core/http/network/proxy-resolver';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { hasOpenssl, makeTestPki } from './test-pki';
import type { TestPki } from './test-pki';
import { freePort, hasTinyproxy, startTinyproxy } from './tinyproxy';
import type { Tinyproxy } from './tinyproxy';

const timeouts = { connectMs: 3000, idleMs: 5000 };
const KEY = `key-${Math.random().toString(36).slice(2)}`;

/** A stand-in for Electron's session.resolveProxy: answers `answer` for every URL and remembers what it was asked. */
function fakeResolver(answer: string | (() => Promise<string>)): ProxyResolver & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    resolveProxy: async (url) => {
      asked.push(url);
      return typeof answer === 'string' ? answer : answer();
    },
  };
}

describe.skipIf(!hasTinyproxy || !hasOpenssl)('the system proxy through the ProxyResolver port (PAC answers)', () => {
  let pki: TestPki;
  let proxy: Tinyproxy;
  let secure: SampleBackend;
  let dead: string;
  const system = (pkiFile: string | null): AppNetworkSettings => ({ proxyMode: 'system', proxyUrl: null, proxyBypass: null, extraCaFile: pkiFile });
  const urls = (network: ReturnType<typeof appNetwork>) =>
    requestExportUrls({ baseUrl: secure.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(secure.url).slice(0, 1), timeouts, network, retry: { limit: 0 } });
  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startTinyproxy();
    secure = await startSampleBackend({ apiKey: KEY, tls: pki.server });
    dead = `127.0.0.1:${await freePort()}`;
  });
  afterAll(async () => {
    await proxy?.stop();
    await secure?.close();
    pki?.cleanup();
  });

  it('uses the proxy the answer names, asking about the URL without its credentials', async () => {
    const resolver = fakeResolver(`PROXY 127.0.0.1:${proxy.port}; DIRECT`);
    const seen = proxy.requests().length;
    await urls(appNetwork(system(pki.caFile), { resolver, logins: null }));
    expect(proxy.requests().slice(seen)).toEqual([`CONNECT 127.0.0.1:${new URL(secure.url).port}`]);
    expect(resolver.asked).toEqual([`${secure.url}/viewer/exports/download-batch?responseType=urls`]);
  });

  it('falls back to the next entry when the first proxy is down: another proxy, or DIRECT', async () => {
    const seen = proxy.requests().length;
    await urls(appNetwork(system(pki.caFile), { resolver: fakeResolver(`PROXY ${dead}; PROXY 127.0.0.1:${proxy.port}; DIRECT`), logins: null }));
    expect(proxy.requests().slice(seen)).toEqual([`CONNECT 127.0.0.1:${new URL(secure.url).port}`]);
    const before = secure.received.length;
    await urls(appNetwork(system(pki.caFile), { resolver: fakeResolver(`PROXY ${dead}; DIRECT`), logins: null }));
    expect(secure.received.length).toBe(before + 1);
    expect(proxy.requests()).toHaveLength(seen + 1);
  });

  it('names the last proxy and the system settings when no entry can be reached', async () => {
    const other = `127.0.0.1:${await freePort()}`;
    const network = appNetwork(system(pki.caFile), { resolver: fakeResolver(`PROXY ${dead}; PROXY ${other}`), logins: null });
    const error = appErrorOf(await urls(network).then(() => null, (caught: unknown) => caught));
    expect(error?.kind).toBe('network');
    expect(error?.message).toContain(`The proxy ${other} (set in the system's proxy settings) cannot be reached`);
    expect(await checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network })).toMatchObject({ outcome: 'proxy-unreachable' });
  });

  it('says so when the system cannot tell which proxy to use', async () => {
    const network = appNetwork(system(pki.caFile), { resolver: fakeResolver(() => Promise.reject(new Error('PAC script failed'))), logins: null });
    const error = appErrorOf(await urls(network).then(() => null, (caught: unknown) => caught));
    expect(error?.message).toMatch(/Could not learn from the system's proxy settings which proxy to use for 127\.0\.0\.1:\d+\. Choose "No proxy" or "Manual"/);
  });

  it('follows Settings → Network: manual, then none, without a restart', async () => {
    let settings: AppNetworkSettings = { proxyMode: 'manual', proxyUrl: proxy.url, proxyBypass: null, extraCaFile: pki.caFile };
    const resolver = fakeResolver('DIRECT');
    const network = followingNetwork(() => settings, { resolver, logins: null });
    const seen = proxy.requests().length;
    await urls(network);
    expect(proxy.requests()).toHaveLength(seen + 1);
    settings = { ...settings, proxyMode: 'none' };
    await urls(network);
    expect(proxy.requests()).toHaveLength(seen + 1);
    expect(resolver.asked).toEqual([]);
    // Without the extra authority the same backend is no longer trusted.
    settings = { ...settings, extraCaFile: null };
    const check = await checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network });
    expect(check).toMatchObject({ outcome: 'certificate-untrusted' });
    expect(check.message).toContain(pki.caName);
  });
});
