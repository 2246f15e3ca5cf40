/**
 * The fast path over https (a per-run authority, the server's certificate checked before the
 * request is written) and through a real proxy (tinyproxy: CONNECT for https, the absolute
 * URL for plain http, a login in the proxy URL), against the got path's results and errors.
 */
import { rootCertificates, createSecureContext } from 'node:tls';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { BodyPath } from '../../../main/core/downloads/zip-download';
import { environmentProxyChooser } from '../../../main/core/http/network/environment-proxy';
import { noProxyChooser } from '../../../main/core/http/network/fixed-proxy';
import { createNetwork } from '../../../main/core/http/network/network';
import type { Network } from '../../../main/core/http/network/network';
import type { TrustStore } from '../../../main/core/http/network/trust-store';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { hasOpenssl, makeTestPki } from '../network/test-pki';
import type { TestPki } from '../network/test-pki';
import { hasTinyproxy, startTinyproxy } from '../network/tinyproxy';
import type { Tinyproxy } from '../network/tinyproxy';
import { runOnPath, sameAs } from './both-paths';

const KEY = `key-${Math.random().toString(36).slice(2)}-0123456789`;
const timeouts = { connectMs: 3000, idleMs: 5000 };

/** A trust store that also lists its authorities (the proposed TrustStore.certificates), trusting the run's authority besides Node's roots. */
function listingTrust(pki: TestPki): TrustStore & { certificates(): Promise<string[]> } {
  const ca = [...rootCertificates, pki.caPem];
  return { secureContext: async () => createSecureContext({ ca }), certificates: async () => ca };
}

function network(trust: TrustStore, env: NodeJS.ProcessEnv = {}): Network {
  return createNetwork({ proxies: Object.keys(env).length ? environmentProxyChooser({ env }) : noProxyChooser, trust });
}

let fx: SampleFixture;
beforeEach(() => {
  fx = createSampleFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

describe.skipIf(!hasOpenssl)('the fast path over https', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makeTestPki();
  });
  afterAll(() => pki?.cleanup());

  it('serves a zip from a server the trust accepts: the same bytes and SHA-256 as the got path', async () => {
    const backend = await fx.start({ apiKey: KEY, tls: pki.server });
    const options = { baseUrl: backend.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(backend.url).slice(0, 4), timeouts, network: network(listingTrust(pki)) };
    const fast = (await runOnPath(fx, 'fast', options)).result!;
    const got = (await runOnPath(fx, 'got', options)).result!;
    expect(fast.bodyPath).toBe('fast');
    expect({ sha256: fast.sha256, entries: fast.entries }).toEqual({ sha256: got.sha256, entries: got.entries });
    expect(backend.received.map((request) => request.apiKey)).toEqual([KEY, KEY]);
  });

  it('hands the request to got when the trust cannot reach a worker (a context, no list of authorities)', async () => {
    const backend = await fx.start({ tls: pki.server });
    const contextOnly: TrustStore = { secureContext: async () => createSecureContext({ ca: [...rootCertificates, pki.caPem] }) };
    const { result } = await runOnPath(fx, 'fast', { baseUrl: backend.url, apiKey: null, sourceFileUrls: sampleExportUrls(backend.url).slice(0, 2), timeouts, network: network(contextOnly) });
    expect(result?.bodyPath).toBe('got');
    expect(backend.received).toHaveLength(1); // decided before anything was sent
  });

  it.each<[string, (pki: TestPki) => { key: string; cert: string }, (pki: TestPki) => TrustStore | undefined]>([
    ['an authority this computer does not trust', (p) => p.server, () => undefined],
    ['a certificate for another name', (p) => p.wrongName, (p) => listingTrust(p)],
    ['a self-signed certificate', (p) => p.selfSigned, () => undefined],
  ])('refuses %s before sending the key, in the got path\'s words', async (_label, certificate, trust) => {
    const errors: Record<BodyPath, unknown> = { fast: null, got: null };
    for (const path of ['fast', 'got'] as const) {
      const backend = await fx.start({ apiKey: KEY, tls: certificate(pki) });
      const chosen = trust(pki);
      const { error, leftovers } = await runOnPath(fx, path, { baseUrl: backend.url, apiKey: KEY, sourceFileUrls: ['x'], timeouts, ...(chosen ? { network: network(chosen) } : {}) });
      errors[path] = sameAs(error);
      expect(error?.kind).toBe('network');
      expect(error?.message).toMatch(/certificate/);
      expect(backend.received).toHaveLength(0);
      expect(leftovers).toEqual({ saved: [], temp: [] });
    }
    expect(errors.fast).toEqual(errors.got);
  });
});

describe.skipIf(!hasTinyproxy || !hasOpenssl)('the fast path through a proxy', () => {
  let pki: TestPki;
  let proxy: Tinyproxy;
  let guarded: Tinyproxy;
  let plain: SampleBackend;
  let secure: SampleBackend;
  const login = { user: 'alice', password: `pw${Math.random().toString(36).slice(2, 8)}` };
  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startTinyproxy();
    guarded = await startTinyproxy({ basicAuth: login });
    plain = await startSampleBackend({ apiKey: KEY });
    secure = await startSampleBackend({ apiKey: KEY, tls: pki.server });
  });
  afterAll(async () => {
    await proxy?.stop();
    await guarded?.stop();
    await plain?.close();
    await secure?.close();
    pki?.cleanup();
  });

  it('https through CONNECT: the proxy sees the host, the zip is the same as the got path\'s', async () => {
    const options = { baseUrl: secure.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(secure.url).slice(0, 3), timeouts, network: network(listingTrust(pki), { HTTPS_PROXY: proxy.url }) };
    const fast = (await runOnPath(fx, 'fast', options)).result!;
    const got = (await runOnPath(fx, 'got', options)).result!;
    expect(fast.bodyPath).toBe('fast');
    expect(fast.sha256).toBe(got.sha256);
    expect(proxy.requests()).toContain(`CONNECT 127.0.0.1:${new URL(secure.url).port}`);
    expect(proxy.log()).not.toContain(KEY);
  });

  it('plain http to this machine through a proxy on it: the absolute URL as the target', async () => {
    const { result } = await runOnPath(fx, 'fast', { baseUrl: plain.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(plain.url).slice(0, 2), timeouts, network: network(listingTrust(pki), { HTTP_PROXY: proxy.url }) });
    expect(result?.bodyPath).toBe('fast');
    expect(proxy.requests()).toContain(`POST ${plain.url}/viewer/exports/download-batch`);
  });

  it('a proxy that asks for a login: handed to got, which says to put it in the URL', async () => {
    const errors: Record<BodyPath, unknown> = { fast: null, got: null };
    for (const path of ['fast', 'got'] as const) {
      const { error } = await runOnPath(fx, path, { baseUrl: secure.url, apiKey: KEY, sourceFileUrls: ['x'], timeouts, network: network(listingTrust(pki), { HTTPS_PROXY: guarded.url }) });
      expect(error?.message).toMatch(/asks for a user name and password/);
      errors[path] = sameAs(error);
    }
    expect(errors.fast).toEqual(errors.got);
  });

  it('with the login in the proxy URL: served on the fast path, the login only in CONNECT', async () => {
    const withLogin = `http://${login.user}:${encodeURIComponent(login.password)}@127.0.0.1:${guarded.port}`;
    const { result } = await runOnPath(fx, 'fast', { baseUrl: secure.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(secure.url).slice(0, 2), timeouts, network: network(listingTrust(pki), { HTTPS_PROXY: withLogin }) });
    expect(result?.bodyPath).toBe('fast');
  });

  it('a proxy nobody listens at: the same error on both paths, naming the proxy', async () => {
    const errors: Record<BodyPath, unknown> = { fast: null, got: null };
    for (const path of ['fast', 'got'] as const) {
      const { error } = await runOnPath(fx, path, { baseUrl: secure.url, apiKey: KEY, sourceFileUrls: ['x'], timeouts, retry: { limit: 0 }, network: network(listingTrust(pki), { HTTPS_PROXY: 'http://127.0.0.1:9' }) });
      expect(error?.message).toMatch(/127\.0\.0\.1:9/);
      errors[path] = sameAs(error);
    }
    expect(errors.fast).toEqual(errors.got);
  });
});
