import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import type { RouteNote } from '../../../shared/api/network';
import { createCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import type { SampleBackend } from '../../../main/core/sample-backend';
import { finishedJob } from '../../helpers/job-events';
import { failure, value } from '../../helpers/result-value';
import { runBuiltCli } from '../../helpers/run-cli';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';
import { freePort, hasTinyproxy, startTinyproxy } from './tinyproxy';
import type { Tinyproxy } from './tinyproxy';

const KEY = `key-${Math.random().toString(36).slice(2)}`;
const identity = { name: 'Export Manager', version: '0.0.0', platform: 'linux' };

/**
 * SOCKS and https:// proxies are not spoken: wherever one is named it is refused as `validation`
 * (a setting, --proxy, a *_PROXY variable) or, in a PAC answer, passed over to the next entry with
 * a note. Never is a request sent straight to its server in silence because of one.
 */
describe.skipIf(!hasTinyproxy)('proxies Export Manager cannot use', () => {
  let backend: SampleBackend;
  let proxy: Tinyproxy;
  let dead: number;
  beforeAll(async () => {
    backend = await startSampleBackend({ apiKey: KEY });
    proxy = await startTinyproxy();
    dead = await freePort();
  });
  afterAll(async () => {
    await backend?.close();
    await proxy?.stop();
  });

  describe('on the command line', () => {
    const env = (more: NodeJS.ProcessEnv = {}) => ({ EXPORT_MANAGER_API_KEY: KEY, HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '', ALL_PROXY: '', all_proxy: '', NO_PROXY: '', no_proxy: '', ...more });
    const download = (...more: string[]) => ['download', '--base-url', backend.url, '--url', sampleExportUrls(backend.url)[0]!, '--urls', '--json', ...more];

    it('refuses --proxy socks5:// and https:// as a usage error, before anything is sent, without echoing a password', async () => {
      const before = backend.received.length;
      const socks = await runBuiltCli(download('--proxy', `socks5://me:hunter2@127.0.0.1:${dead}`), { env: env() });
      expect(socks.code).toBe(2);
      expect(socks.stdout + socks.stderr).toMatch(/The proxy in --proxy is a socks5 proxy, which Export Manager does not support: give an HTTP proxy/);
      expect(socks.stdout + socks.stderr).not.toContain('hunter2');
      const tls = await runBuiltCli(download('--proxy', `https://127.0.0.1:${dead}`), { env: env() });
      expect(tls.code).toBe(2);
      expect(tls.stdout + tls.stderr).toMatch(/The proxy in --proxy uses https:\/\/, which Export Manager does not support: give its plain http:\/\/ address/);
      expect(backend.received.length).toBe(before);
    });

    it('fails a request that ALL_PROXY or HTTP_PROXY sends to a SOCKS proxy, naming the variable: nothing goes straight instead', async () => {
      const before = backend.received.length;
      for (const variable of ['ALL_PROXY', 'HTTP_PROXY']) {
        const run = await runBuiltCli(download(), { env: env({ [variable]: `socks5h://127.0.0.1:${dead}` }) });
        expect(run.code, run.stderr).toBe(1);
        expect(run.json<{ error: { kind: string; message: string } }>().error).toMatchObject({ kind: 'validation', message: expect.stringMatching(new RegExp(`The proxy in ${variable} is a socks5h proxy`)) });
      }
      expect(backend.received.length).toBe(before);
    });
  });

  describe('in the app', () => {
    let core: Core | null = null;
    let ports: TestPorts | null = null;
    afterEach(async () => {
      await core?.close();
      ports?.cleanup();
      core = null;
      ports = null;
    });

    /** The app with the system's proxy answered by `pac` (as Electron's resolveProxy would), and a profile of the backend. */
    async function appWithSystemProxy(pac: string): Promise<{ core: Core; ports: TestPorts; profileId: string }> {
      ports = createTestPorts();
      core = await createCore({ ...ports, proxyResolver: { resolveProxy: async () => pac } }, { identity, sampleBackend: false });
      const profile = await value(core.api['profiles.create']({ name: 'Backend', baseUrl: backend.url }));
      await value(core.api['keys.set']({ profileId: profile.id, key: KEY }));
      await value(core.api['tracked.add']({ profileId: profile.id, text: sampleExportUrls(backend.url).slice(0, 2).join('\n') }));
      return { core, ports, profileId: profile.id };
    }

    const urlJob = async (app: { core: Core; ports: TestPorts; profileId: string }): Promise<DownloadJob> =>
      finishedJob(app.ports.events, (await value(app.core.api['downloads.start']({ profileId: app.profileId, scope: { filter: '' }, mode: 'urls' }))).jobId);

    it('refuses a manual SOCKS or https:// proxy beside its field, keeping the setting it had', async () => {
      ports = createTestPorts();
      core = await createCore(ports, { identity, sampleBackend: false });
      for (const [proxyUrl, said] of [[`socks5://127.0.0.1:${dead}`, /socks5 proxies are not supported/], [`https://127.0.0.1:${dead}`, /https proxies are not supported/]] as const) {
        const refused = await failure(core.api['settings.set']({ proxyMode: 'manual', proxyUrl }));
        expect(refused).toMatchObject({ kind: 'validation', field: 'proxyUrl' });
        expect(refused.message).toMatch(said);
      }
      expect(await value(core.api['settings.get'](undefined))).toMatchObject({ proxyMode: 'system', proxyUrl: null });
    });

    it('goes on to DIRECT after a SOCKS entry of a PAC answer, and notes it for Settings → Network', async () => {
      const app = await appWithSystemProxy(`SOCKS5 127.0.0.1:${dead}; DIRECT`);
      const before = backend.received.length;
      const job = await urlJob(app);
      expect(job.state, job.error?.message).toBe('succeeded');
      expect(backend.received.length).toBe(before + 1);
      const notes = await value(app.core.api['network.routeNotes'](undefined));
      expect(notes.map((note) => note.message)).toEqual([
        `For ${new URL(backend.url).host}, the system's proxy settings named SOCKS5 127.0.0.1:${dead}, which Export Manager cannot use (it speaks to HTTP proxies only), so the request went straight to the server (DIRECT). If that is not allowed on your network, choose "Manual" with an HTTP proxy.`,
      ]);
      const pushed = app.ports.events.recorded.filter((event) => event.name === 'network.routeNotesChanged').map((event) => event.payload as RouteNote[]);
      expect(pushed).toEqual([notes]);
    });

    it('goes on to the next proxy after an HTTPS entry, through it', async () => {
      const app = await appWithSystemProxy(`HTTPS 127.0.0.1:${dead}; PROXY 127.0.0.1:${proxy.port}`);
      const seen = proxy.requests().length;
      const job = await urlJob(app);
      expect(job.state, job.error?.message).toBe('succeeded');
      expect(proxy.requests().slice(seen)).toEqual([`POST ${backend.url}/viewer/exports/download-batch?responseType=urls`]);
      expect((await value(app.core.api['network.routeNotes'](undefined)))[0]?.message).toMatch(/named HTTPS 127\.0\.0\.1:\d+, .* so the request went through the next proxy, 127\.0\.0\.1:\d+\./);
    });

    it('fails as validation when the answer names nothing else, sending nothing', async () => {
      const app = await appWithSystemProxy(`SOCKS 127.0.0.1:${dead}; HTTPS 127.0.0.1:${dead}`);
      const before = backend.received.length;
      const job = await urlJob(app);
      expect(job.state).toBe('failed');
      expect(job.error).toMatchObject({ kind: 'validation' });
      expect(job.error?.message).toMatch(/The system's proxy settings name only proxies Export Manager cannot use \(SOCKS, HTTPS; it speaks to HTTP proxies only\)/);
      expect(backend.received.length).toBe(before);
      expect(await value(app.core.api['network.routeNotes'](undefined))).toEqual([]);
    });
  });
});
