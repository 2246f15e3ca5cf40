import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../../main/core/app-error';
import { openBatch } from '../../../main/core/http/batch-client';
import { checkConnection } from '../../../main/core/http/check-connection';
import { requestExportUrls } from '../../../main/core/http/export-urls';
import { environmentProxyChooser } from '../../../main/core/http/network/environment-proxy';
import type { ProxyEnvironment } from '../../../main/core/http/network/environment-proxy';
import { createNetwork } from '../../../main/core/http/network/network';
import type { Network, ProxyLoginRequest } from '../../../main/core/http/network/network';
import { keychainProxyLogins, proxyLoginAccount } from '../../../main/core/http/network/remembered-logins';
import type { ProxyLoginAnswer } from '../../../main/core/http/network/remembered-logins';
import { createTrustStore } from '../../../main/core/http/network/trust-store';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { startLoopbackServer } from '../../helpers/loopback-server';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { hasOpenssl, makeTestPki } from './test-pki';
import type { TestPki } from './test-pki';
import { freePort, hasTinyproxy, startTinyproxy } from './tinyproxy';
import type { Tinyproxy } from './tinyproxy';

const timeouts = { connectMs: 3000, idleMs: 5000 };
const KEY = `key-${Math.random().toString(36).slice(2)}`;

/** A command line's network from these flags and variables, trusting the run's test authority. */
function cliNetwork(pki: TestPki, proxies: ProxyEnvironment): Network {
  return createNetwork({ proxies: environmentProxyChooser(proxies), trust: createTrustStore({ extraCaFiles: [{ file: pki.caFile, from: '--cacert' }] }) });
}

/** The zip a batch answers, read whole (the sample's are small). */
async function zipThrough(backend: SampleBackend, network: Network): Promise<Buffer> {
  const response = await openBatch({ baseUrl: backend.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(backend.url).slice(0, 3), mode: 'zip', timeouts, network, retry: { limit: 0 } });
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function failureOf(promise: Promise<unknown>) {
  return appErrorOf(await promise.then(() => null, (error: unknown) => error));
}

describe.skipIf(!hasTinyproxy || !hasOpenssl)('through a real proxy (tinyproxy)', () => {
  let pki: TestPki;
  let proxy: Tinyproxy;
  let plain: SampleBackend;
  let secure: SampleBackend;
  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startTinyproxy();
    plain = await startSampleBackend({ apiKey: KEY });
    secure = await startSampleBackend({ apiKey: KEY, tls: pki.server });
  });
  afterAll(async () => {
    await proxy?.stop();
    await plain?.close();
    await secure?.close();
    pki?.cleanup();
  });

  it('downloads a zip from an https backend through CONNECT: the proxy sees the host, never the request or the key', async () => {
    const before = secure.received.length;
    const zip = await zipThrough(secure, cliNetwork(pki, { env: { HTTPS_PROXY: proxy.url } }));
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(proxy.requests()).toContain(`CONNECT 127.0.0.1:${new URL(secure.url).port}`);
    expect(secure.received.slice(before)).toEqual([expect.objectContaining({ method: 'POST', apiKey: KEY })]);
    expect(proxy.log()).not.toContain(KEY);
    expect(proxy.log()).not.toContain('download-batch');
  });

  it('sends plain http to a loopback backend through a loopback proxy as an absolute-URL request (HTTP_PROXY)', async () => {
    const before = plain.received.length;
    const result = await requestExportUrls({ baseUrl: plain.url, apiKey: KEY, sourceFileUrls: sampleExportUrls(plain.url).slice(0, 2), timeouts, network: cliNetwork(pki, { env: { HTTP_PROXY: proxy.url } }) });
    expect(result.exportedUrls).toHaveLength(2);
    expect(proxy.requests()).toContain(`POST ${plain.url}/viewer/exports/download-batch?responseType=urls`);
    expect(plain.received.slice(before)).toEqual([expect.objectContaining({ apiKey: KEY })]);
  });

  it('lets NO_PROXY, and --noproxy over it, send the request straight to the backend', async () => {
    const seen = proxy.requests().length;
    const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' };
    expect((await zipThrough(secure, cliNetwork(pki, { env }))).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await zipThrough(plain, cliNetwork(pki, { env: { HTTP_PROXY: proxy.url }, noProxy: `127.0.0.1:${new URL(plain.url).port}` }))).length).toBeGreaterThan(22);
    expect(proxy.requests()).toHaveLength(seen);
    // --noproxy replaces NO_PROXY: naming another host sends this one through the proxy again.
    await zipThrough(secure, cliNetwork(pki, { env, noProxy: 'example.com' }));
    expect(proxy.requests().slice(seen)).toEqual([`CONNECT 127.0.0.1:${new URL(secure.url).port}`]);
  });

  it('names the proxy and its variable when it cannot be reached, and sends nothing to the backend', async () => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const before = secure.received.length;
    const error = await failureOf(zipThrough(secure, cliNetwork(pki, { env: { HTTPS_PROXY: dead } })));
    expect(error).toMatchObject({ kind: 'network' });
    expect(error?.message).toMatch(new RegExp(`The proxy 127\\.0\\.0\\.1:${new URL(dead).port} \\(set in HTTPS_PROXY\\) cannot be reached \\(connection refused`));
    expect(secure.received.length).toBe(before);
    const check = await checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network: cliNetwork(pki, { proxy: dead, env: {} }) });
    expect(check).toMatchObject({ outcome: 'proxy-unreachable', kind: 'network' });
    expect(check.message).toMatch(/set in --proxy/);
  });

  it('says the proxy could not reach the backend when its CONNECT fails there', async () => {
    const nowhere = `https://127.0.0.1:${await freePort()}/api`;
    const check = await checkConnection({ baseUrl: nowhere, apiKey: KEY, timeouts, network: cliNetwork(pki, { env: { HTTPS_PROXY: proxy.url } }) });
    expect(check).toMatchObject({ outcome: 'proxy-refused', kind: 'network' });
    expect(check.message).toMatch(new RegExp(`The proxy 127\\.0\\.0\\.1:${proxy.port} \\(set in HTTPS_PROXY\\) could not connect to the backend \\(5\\d\\d\\)`));
  });

  it('keeps the key on its origin across a redirect through the proxy', async () => {
    const elsewhere = await startLoopbackServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"exportedUrls":[],"skipped":[]}'));
    const redirecting = await startLoopbackServer((_request, response) => response.writeHead(307, { location: `${elsewhere.origin}/api/viewer/exports/download-batch?responseType=urls` }).end());
    try {
      await requestExportUrls({ baseUrl: redirecting.baseUrl, apiKey: KEY, sourceFileUrls: ['https://x/y.png'], timeouts, network: cliNetwork(pki, { env: { HTTP_PROXY: proxy.url } }) });
      expect(redirecting.requests[0]?.headers['x-api-key']).toBe(KEY);
      expect(elsewhere.requests).toHaveLength(1);
      expect(elsewhere.requests[0]?.headers['x-api-key']).toBeUndefined();
      expect(proxy.requests()).toContain(`POST ${elsewhere.origin}/api/viewer/exports/download-batch?responseType=urls`);
      // The redirect's target has its own route: NO_PROXY exempting it sends that hop straight there.
      const seen = proxy.requests().length;
      const exempt = cliNetwork(pki, { env: { HTTP_PROXY: proxy.url, NO_PROXY: `127.0.0.1:${new URL(elsewhere.origin).port}` } });
      await requestExportUrls({ baseUrl: redirecting.baseUrl, apiKey: KEY, sourceFileUrls: ['https://x/y.png'], timeouts, network: exempt });
      expect(elsewhere.requests).toHaveLength(2);
      expect(proxy.requests().slice(seen)).toEqual([`POST ${redirecting.baseUrl}/viewer/exports/download-batch?responseType=urls`]);
    } finally {
      await elsewhere.close();
      await redirecting.close();
    }
  });
});

describe.skipIf(!hasTinyproxy || !hasOpenssl)('a proxy that asks for a login (407)', () => {
  let pki: TestPki;
  let proxy: Tinyproxy;
  let plain: SampleBackend;
  let secure: SampleBackend;
  const login = { user: 'alice', password: `pw${Math.random().toString(36).slice(2, 8)}` };
  const withLogin = (user: string, password: string) => `http://${user}:${encodeURIComponent(password)}@127.0.0.1:${proxy.port}`;
  beforeAll(async () => {
    pki = makeTestPki();
    proxy = await startTinyproxy({ basicAuth: login });
    plain = await startSampleBackend({ apiKey: KEY });
    secure = await startSampleBackend({ apiKey: KEY, tls: pki.server });
  });
  afterAll(async () => {
    await proxy?.stop();
    await plain?.close();
    await secure?.close();
    pki?.cleanup();
  });

  it('says to put a user name and password in the proxy URL when none was given, over https and http', async () => {
    for (const backend of [secure, plain]) {
      const env = { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url };
      const error = await failureOf(zipThrough(backend, cliNetwork(pki, { env })));
      expect(error).toMatchObject({ kind: 'network' });
      expect(error?.status).toBeUndefined();
      expect(error?.message).toMatch(/asks for a user name and password \(407\): put them in the proxy URL, http:\/\/user:password@host:port/);
    }
    expect(secure.received).toHaveLength(0);
    expect(plain.received).toHaveLength(0);
  });

  // Over https only: tinyproxy answers a wrong login with 401 instead of 407, which inside a
  // CONNECT can only be the proxy's, but on plain http would read as the backend's own 401.
  it('says the login in the URL was refused when it is wrong, without showing it', async () => {
    const error = await failureOf(zipThrough(secure, cliNetwork(pki, { proxy: withLogin(login.user, 'wrong-password'), env: {} })));
    expect(error?.message).toMatch(/127\.0\.0\.1:\d+ \(set in --proxy\) refused the user name and password in the proxy URL \(40[17]\)/);
    expect(error?.message).not.toContain('wrong-password');
    const check = await checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network: cliNetwork(pki, { proxy: withLogin(login.user, 'wrong-password'), env: {} }) });
    expect(check).toMatchObject({ outcome: 'proxy-refused' });
  });

  it('gets through with the login in the URL, over https (in CONNECT only) and plain http', async () => {
    const network = cliNetwork(pki, { env: { HTTPS_PROXY: withLogin(login.user, login.password), HTTP_PROXY: withLogin(login.user, login.password) } });
    expect((await zipThrough(secure, network)).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await zipThrough(plain, network)).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await checkConnection({ baseUrl: secure.url, apiKey: KEY, timeouts, network })).toMatchObject({ outcome: 'reachable' });
    // The proxy's login is for the proxy: the server behind it never sees it.
    const recording = await startLoopbackServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"exportedUrls":[],"skipped":[]}'));
    try {
      await requestExportUrls({ baseUrl: recording.baseUrl, apiKey: KEY, sourceFileUrls: ['https://x/y.png'], timeouts, network });
      expect(recording.requests).toHaveLength(1);
      expect(recording.requests[0]?.headers['proxy-authorization']).toBeUndefined();
      expect(JSON.stringify(recording.requests[0]?.headers)).not.toContain(Buffer.from(`${login.user}:${login.password}`).toString('base64'));
    } finally {
      await recording.close();
    }
  });

  it('asks the app’s prompt once, then keeps the login for the rest of the run', async () => {
    const asked: ProxyLoginRequest[] = [];
    const answers = [{ username: login.user, password: 'typo' }, { username: login.user, password: login.password }];
    const network = createNetwork({
      proxies: async () => [{ kind: 'proxy', proxy: new URL(proxy.url), from: "the system's proxy settings" }],
      trust: createTrustStore({ extraCaFiles: [{ file: pki.caFile, from: 'Settings → Network' }] }),
      logins: { ask: async (request) => (asked.push(request), answers.shift() ?? null) },
    });
    expect((await zipThrough(secure, network)).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(asked.map(({ rejected }) => rejected)).toEqual([false, true]);
    expect(asked[0]).toMatchObject({ proxy: `127.0.0.1:${proxy.port}`, from: "the system's proxy settings" });
    await zipThrough(plain, network);
    expect(asked).toHaveLength(2);
  });

  it('keeps a login the person asked to remember in the keychain, once the proxy accepted it, and asks again when it stops working', async () => {
    const secrets = new MemorySecretStore();
    const questions: ProxyLoginRequest[] = [];
    const run = (answer: ProxyLoginAnswer | null) =>
      createNetwork({
        proxies: async () => [{ kind: 'proxy', proxy: new URL(proxy.url), from: "the system's proxy settings" }],
        trust: createTrustStore({ extraCaFiles: [{ file: pki.caFile, from: 'Settings → Network' }] }),
        logins: keychainProxyLogins(secrets, async (request) => (questions.push(request), answer)),
      });
    const account = proxyLoginAccount(`127.0.0.1:${proxy.port}`);
    await zipThrough(plain, run({ login: { username: login.user, password: login.password }, remember: true }));
    expect(questions).toHaveLength(1);
    expect(JSON.parse((await secrets.get(account)) ?? 'null')).toEqual({ username: login.user, password: login.password });
    // The next run finds it there and asks nothing.
    await zipThrough(plain, run(null));
    expect(questions).toHaveLength(1);
    // A stored login the proxy refuses is forgotten, and the person asked.
    await secrets.set(account, JSON.stringify({ username: login.user, password: 'changed-since' }));
    await zipThrough(secure, run({ login: { username: login.user, password: login.password }, remember: false }));
    expect(questions.map(({ rejected }) => rejected)).toEqual([false, true]);
    expect(await secrets.get(account)).toBeNull();
  });

  it('fails with the proxy’s 407 when the person declines the prompt', async () => {
    const network = createNetwork({ proxies: async () => [{ kind: 'proxy', proxy: new URL(proxy.url), from: 'Settings → Network' }], logins: { ask: async () => null } });
    const error = await failureOf(zipThrough(plain, network));
    expect(error?.message).toMatch(/\(set in Settings → Network\) asks for a user name and password \(407\), and none was given/);
  });
});
