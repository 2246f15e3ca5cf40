import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { runBuiltCli } from '../../helpers/run-cli';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { hasOpenssl, makeTestPki } from './test-pki';
import type { TestPki } from './test-pki';
import { hasTinyproxy, startTinyproxy } from './tinyproxy';
import type { Tinyproxy } from './tinyproxy';

const KEY = `key-${Math.random().toString(36).slice(2)}`;

describe.skipIf(!hasOpenssl || !hasTinyproxy)('export-manager download on a company network: --cacert, --proxy, HTTPS_PROXY', () => {
  let pki: TestPki;
  let backend: SampleBackend;
  let proxy: Tinyproxy;
  let fx: SampleFixture;

  beforeAll(async () => {
    pki = makeTestPki();
    backend = await startSampleBackend({ apiKey: KEY, tls: pki.server });
    proxy = await startTinyproxy();
    fx = createSampleFixture();
  });
  afterAll(async () => {
    await proxy?.stop();
    await backend?.close();
    await fx?.cleanup();
  });

  // No proxy variables of the machine running the tests leak in; the key comes from the environment, never an argument.
  const env = (more: NodeJS.ProcessEnv = {}) => ({ EXPORT_MANAGER_API_KEY: KEY, HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '', all_proxy: '', NO_PROXY: '', no_proxy: '', NODE_EXTRA_CA_CERTS: '', ...more });
  const args = (out: string, ...more: string[]) => ['download', '--base-url', backend.url, ...sampleExportUrls(backend.url).slice(0, 2).flatMap((url) => ['--url', url]), '--out', `${fx.saveDir}/${out}`, '--no-manifest', '--json', ...more];

  it('names the untrusted authority without --cacert, and succeeds with it', async () => {
    const untrusted = await runBuiltCli(args('a.zip'), { env: env() });
    expect(untrusted.code).toBe(1);
    expect(untrusted.json<{ error: { message: string } }>().error.message).toContain(pki.caName);
    const trusted = await runBuiltCli(args('a.zip', '--cacert', pki.caFile), { env: env() });
    expect(trusted.code, trusted.stderr).toBe(0);
  });

  it('goes through the proxy with CONNECT (--proxy or HTTPS_PROXY), which never sees the key; --noproxy goes straight', async () => {
    const before = proxy.requests().length;
    const flagged = await runBuiltCli(args('b.zip', '--cacert', pki.caFile, '--proxy', proxy.url), { env: env() });
    expect(flagged.code, flagged.stderr).toBe(0);
    const fromEnv = await runBuiltCli(args('c.zip', '--cacert', pki.caFile), { env: env({ HTTPS_PROXY: proxy.url }) });
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    const host = new URL(backend.url).host;
    expect(proxy.requests().slice(before)).toEqual([`CONNECT ${host}`, `CONNECT ${host}`]);
    expect(proxy.log()).not.toContain(KEY);

    const straight = await runBuiltCli(args('d.zip', '--cacert', pki.caFile, '--noproxy', '127.0.0.1'), { env: env({ HTTPS_PROXY: proxy.url }) });
    expect(straight.code, straight.stderr).toBe(0);
    expect(proxy.requests()).toHaveLength(before + 2);
  });
});
