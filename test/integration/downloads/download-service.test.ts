import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../../shared/api/downloads';
import { fail } from '../../../main/core/app-error';
import { createDownloadsFeature } from '../../../main/core/downloads';
import type { DownloadPreferences } from '../../../main/core/downloads';
import { verifyZip } from '../../../main/core/archive';
import { tempFileName } from '../../../main/core/files/temp-files';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { startDownloadHarness } from '../../helpers/download-harness';
import type { DownloadHarnessOptions } from '../../helpers/download-harness';
import { eventually } from '../../helpers/job-events';
import { failure, value } from '../../helpers/result-value';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

let fx: SampleFixture;
let ports: TestPorts;

beforeEach(() => {
  fx = createSampleFixture();
  ports = createTestPorts();
});
afterEach(async () => {
  await fx.cleanup();
  ports.cleanup();
});

const ALL = { filter: '' };
const setup = (backend: SampleBackendOptions = {}, options: Omit<DownloadHarnessOptions, 'backend'> = {}) => startDownloadHarness(fx, ports, { backend, ...options });

describe('downloads.* handlers over the DownloadService', () => {
  it('downloads all tracked exports to the default folder, with events, notification and history', async () => {
    const { api, finished, history } = await setup({ apiKey: 'k' }, { apiKey: 'k' });
    const { jobId } = await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip', saveTo: 'default' }));
    const job = await finished(jobId);
    const path = join(ports.paths.downloadsDir, 'Canvas exports – sample.zip');
    expect(job).toMatchObject({ state: 'succeeded', itemCount: 4, exportIds: ['e1', 'e2', 'e3', 'e4'], profileName: 'Sample backend' });
    // One part for a zip that was not split, and the totals summed once, by main.
    expect(job.result).toMatchObject({ mode: 'zip', partCount: 1, entries: 4, filenameSource: 'content-disposition', parts: [{ part: 1, path, entries: 4 }] });
    expect(job.result?.mode === 'zip' && job.result.bytes).toBe(job.result?.mode === 'zip' && job.result.parts[0]!.bytes);
    expect(fx.files(ports.paths.downloadsDir)).toEqual(['Canvas exports – sample.zip']);
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(ports.events.recorded.map((e) => e.name)).toContain('downloads.started');
    expect(ports.events.recorded.filter((e) => e.name === 'downloads.finished')).toHaveLength(1);
    expect(ports.notifications[0]?.title).toBe('Download complete');
    expect(history[0]).toMatchObject({ result: 'success', mode: 'zip', itemCount: 4, errorKind: null, path, exportIds: ['e1', 'e2', 'e3', 'e4'] });
    expect((await value(api['downloads.list'](undefined)))[0]?.state).toBe('succeeded');
  });

  it('writes the manifest beside a zip with the app and profile named, unless the writeManifest setting is off', async () => {
    const app = { name: 'Export Manager', version: '9.9.9' };
    const prefs = (writeManifest: boolean): DownloadPreferences => ({
      askWhereToSave: async () => false, defaultFolder: async () => null, lastFolder: async () => null, rememberFolder: async () => {},
      nameConflict: async () => 'keep-both', rememberNameConflict: async () => {}, writeManifest: async () => writeManifest,
    });
    const on = await setup({}, { app, preferences: prefs(true) });
    const first = await on.finished((await value(on.api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip' }))).jobId);
    expect(first.state).toBe('succeeded');
    const manifestPath = join(ports.paths.downloadsDir, 'Canvas exports – sample.manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { app: unknown; profile: { name: string | null; baseUrl: string } };
    expect(manifest.app).toEqual(app);
    expect(manifest.profile).toEqual({ name: 'Sample backend', baseUrl: on.backend.url });
    expect((await verifyZip(join(ports.paths.downloadsDir, 'Canvas exports – sample.zip'))).manifest?.ok).toBe(true);
    await on.close();
    rmSync(manifestPath);

    const off = await setup({}, { app, preferences: prefs(false) });
    const second = await off.finished((await value(off.api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip' }))).jobId);
    expect(second.state).toBe('succeeded');
    expect(existsSync(join(ports.paths.downloadsDir, 'Canvas exports – sample (1).zip'))).toBe(true);
    expect(readdirSync(ports.paths.downloadsDir).filter((name) => name.endsWith('.manifest.json'))).toEqual([]);
  });

  it('resolves a filter scope in main: only the exports whose URL matches are requested', async () => {
    const { api, finished, urls } = await setup({}, { urls: (backend) => sampleExportUrls(backend.url).slice(0, 4) });
    const needle = new URL(urls[2]!).pathname.split('/').pop()!;
    const { jobId } = await value(api['downloads.start']({ profileId: 'p1', scope: { filter: ` ${needle} ` }, mode: 'urls' }));
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'succeeded', itemCount: 1, exportIds: ['e3'] });
  });

  it('plans a zip as main will run it: exports, parts under the maximum batch size, whether the dialog asks, the folder', async () => {
    const { api } = await setup({}, { maxBatchSize: 3, urls: (backend) => sampleExportUrls(backend.url).slice(0, 7) });
    expect(await value(api['downloads.plan']({ profileId: 'p1', scope: ALL, saveTo: 'default' }))).toEqual({
      profileName: 'Sample backend', exports: 7, maxBatchSize: 3, parts: 3, asks: false, folder: ports.paths.downloadsDir,
    });
    expect(await value(api['downloads.plan']({ profileId: 'p1', scope: { ids: ['e1', 'e2'] } }))).toMatchObject({ exports: 2, parts: 1, asks: true });
    expect((await failure(api['downloads.plan']({ profileId: 'p1', scope: { filter: 'matches-nothing' } }))).kind).toBe('validation');
  });

  it('forgets finished jobs on downloads.clearFinished, keeping running ones and the saved files', async () => {
    const { api, finished } = await setup({ faults: [null, { kind: 'stall', afterBytes: 500 }] });
    const done = await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1'] }, mode: 'urls' }));
    await finished(done.jobId);
    const running = await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip', saveTo: 'default' }));
    expect(await value(api['downloads.clearFinished'](undefined))).toEqual({ removed: 1 });
    expect((await value(api['downloads.list'](undefined))).map((job) => [job.jobId, job.state])).toEqual([[running.jobId, 'running']]);
    await value(api['downloads.cancel']({ jobId: running.jobId }));
    await finished(running.jobId);
  });

  it('asks with the save dialog and records a cancelled job when the dialog is cancelled', async () => {
    const { api, finished, history } = await setup({ faults: [{ kind: 'stall', afterBytes: 500 }] });
    const { jobId } = await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1', 'e2'] }, mode: 'zip', saveTo: 'ask' }));
    const job = await finished(jobId);
    expect(job.state).toBe('cancelled');
    expect(ports.dialogs.asked[0]?.kind).toBe('saveAs');
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(fx.files(ports.paths.downloadsDir)).toEqual([]);
    expect(ports.notifications).toEqual([]);
    expect(history[0]).toMatchObject({ result: 'cancelled', errorKind: 'cancelled', exportIds: ['e1', 'e2'] });
  });

  it('cancels a running job through downloads.cancel', async () => {
    const { api, finished } = await setup({ faults: [{ kind: 'stall', afterBytes: 500 }] });
    const { jobId } = await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip', saveTo: 'default' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await value(api['downloads.cancel']({ jobId }))).toEqual({ cancelled: true });
    expect(await finished(jobId)).toMatchObject({ state: 'cancelled', error: { kind: 'cancelled' } });
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(await value(api['downloads.cancel']({ jobId }))).toEqual({ cancelled: false });
  });

  it('pushes downloads.named with the file name once the headers are in, while the body is still arriving', async () => {
    // The body stalls after 64 KiB of a larger zip: the job cannot have finished when the name arrives.
    const { api, finished } = await setup({ faults: [{ kind: 'stall', afterBytes: 64 * 1024 }] });
    const { jobId } = await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip', saveTo: 'default' }));
    const ofJob = (name: string) => (e: { name: string; payload: unknown }) => e.name === name && (e.payload as { jobId: string }).jobId === jobId;
    const named = await eventually(() => ports.events.recorded.find(ofJob('downloads.named')));
    expect(named.payload).toEqual({ jobId, filename: 'Canvas exports – sample.zip' });
    expect(ports.events.recorded.some(ofJob('downloads.finished'))).toBe(false);
    expect((await value(api['downloads.list'](undefined))).find((job) => job.jobId === jobId)).toMatchObject({ state: 'running', filename: 'Canvas exports – sample.zip' });
    // Bytes are reported after the name: it came with the headers, not at the end.
    const namedAt = ports.events.recorded.indexOf(named);
    await eventually(() => ports.events.recorded.slice(namedAt).find((e) => ofJob('downloads.progress')(e) && (e.payload as DownloadProgress).bytes > 0));
    await value(api['downloads.cancel']({ jobId }));
    expect(await finished(jobId)).toMatchObject({ state: 'cancelled', filename: 'Canvas exports – sample.zip' });
    expect(ports.events.recorded.findIndex(ofJob('downloads.finished'))).toBeGreaterThan(namedAt);
  });

  it('runs URL mode and finishes with the exported URLs and skipped items', async () => {
    const { api, finished } = await setup();
    const job = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1', 'e3'] }, mode: 'urls' }))).jobId);
    expect(job.result).toMatchObject({ mode: 'urls', skipped: [] });
    expect(job.result?.mode === 'urls' && job.result.exportedUrls).toHaveLength(2);
  });

  it('names URL mode\'s requests batches in its progress (a zip\'s are parts)', async () => {
    const { api, finished, progressOf } = await setup({}, { maxBatchSize: 2 });
    const { jobId } = await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'urls' }));
    await finished(jobId);
    expect(progressOf(jobId).map((p) => [p.batch, p.batches, p.part])).toEqual([[1, 2, undefined], [2, 2, undefined]]);
  });

  it('finishes a job as failed with the AppError, notifies and records the error kind', async () => {
    const { api, finished, history } = await setup({ apiKey: 'right' }, { apiKey: 'wrong' });
    const job = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip', saveTo: 'default' }))).jobId);
    expect(job).toMatchObject({ state: 'failed', error: { kind: 'forbidden', status: 403 } });
    expect(ports.notifications[0]?.title).toBe('Download failed');
    expect(history[0]).toMatchObject({ result: 'failed', errorKind: 'forbidden', path: null });
  });

  it('refuses to start without exports, for a profile that is gone, and for a bad payload', async () => {
    const { api } = await setup();
    expect((await failure(api['downloads.start']({ profileId: 'p1', scope: { filter: 'matches-nothing' }, mode: 'zip' }))).kind).toBe('validation');
    expect((await failure(api['downloads.start']({ profileId: 'p1', scope: { ids: [] }, mode: 'zip' }))).kind).toBe('validation');
    expect((await failure(api['downloads.start']({ profileId: 'nope', scope: ALL, mode: 'zip' }))).kind).toBe('state');
    expect((await failure(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'tar' } as never))).kind).toBe('validation');
    expect(ports.events.recorded.filter((e) => e.name === 'downloads.started')).toEqual([]);
  });

  it('starts no job for a profile whose base URL would send its key over plain http to another host', async () => {
    const { api } = await setup({}, { apiKey: 'secret-key', baseUrl: () => 'http://backend.example.com/api' });
    for (const mode of ['zip', 'urls'] as const) {
      const error = await failure(api['downloads.start']({ profileId: 'p1', scope: ALL, mode }));
      expect(error.kind).toBe('validation');
      expect(error.message).toMatch(/https/);
      expect(error.message).not.toContain('secret-key');
    }
    expect((await failure(api['downloads.check']({ profileId: 'p1', scope: ALL }))).kind).toBe('validation');
    expect(ports.events.recorded.filter((e) => e.name === 'downloads.started')).toEqual([]);
    expect(await value(api['downloads.list'](undefined))).toEqual([]);
  });
});

describe('a check, then a zip of what it found', () => {
  /** Two sample exports the backend knows and one it skips ("Export not found"), as e1, e2, e3. */
  const withUnknown = { urls: (backend: { url: string }) => [...sampleExportUrls(backend.url).slice(0, 2), `${backend.url}/sample-exports/missing.png`] };

  it('is a job marked check, not recorded in history, and its zip sends exactly the exports the backend did not skip', async () => {
    const { api, finished, history } = await setup({}, withUnknown);
    const check = await finished((await value(api['downloads.check']({ profileId: 'p1', scope: ALL }))).jobId);
    expect(check).toMatchObject({ state: 'succeeded', check: true, mode: 'urls', itemCount: 3 });
    expect(check.result?.mode === 'urls' && check.result.skipped.map((item) => item.reason)).toEqual(['Export not found']);
    expect(history).toEqual([]);
    expect(await value(api['downloads.plan']({ profileId: 'p1', scope: { checkJobId: check.jobId } }))).toMatchObject({ exports: 2 });
    const zip = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: { checkJobId: check.jobId }, mode: 'zip', saveTo: 'default' }))).jobId);
    expect(zip).toMatchObject({ state: 'succeeded', itemCount: 2, exportIds: ['e1', 'e2'], result: { entries: 2 } });
  });

  it('its zip\'s manifest keeps what the check said: the exported URLs, and each skipped export with the backend\'s reason', async () => {
    const preferences: DownloadPreferences = {
      askWhereToSave: async () => false, defaultFolder: async () => null, lastFolder: async () => null, rememberFolder: async () => {},
      nameConflict: async () => 'keep-both', rememberNameConflict: async () => {}, writeManifest: async () => true,
    };
    const { api, finished, backend } = await setup({}, { ...withUnknown, preferences, app: { name: 'Export Manager', version: '9.9.9' } });
    const check = await finished((await value(api['downloads.check']({ profileId: 'p1', scope: ALL }))).jobId);
    if (check.result?.mode !== 'urls') throw new Error('not a URL-mode answer');
    const zip = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: { checkJobId: check.jobId }, mode: 'zip', saveTo: 'default' }))).jobId);
    expect(zip.state).toBe('succeeded');
    const manifest = JSON.parse(readFileSync(join(ports.paths.downloadsDir, 'Canvas exports – sample.manifest.json'), 'utf8')) as { requested: number; check?: unknown };
    expect(manifest.requested).toBe(2);
    expect(manifest.check).toEqual({
      exportedUrls: check.result.exportedUrls,
      skipped: [{ sourceFileUrl: `${backend.url}/sample-exports/missing.png`, reason: 'Export not found' }],
    });
    expect(check.result.exportedUrls).toHaveLength(2);
    // The manifest still reads back and verifies with the field in it.
    expect((await verifyZip(join(ports.paths.downloadsDir, 'Canvas exports – sample.zip'))).manifest?.ok).toBe(true);
    // A zip not made from a check has no such field.
    const plain = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1'] }, mode: 'zip', saveTo: 'default' }))).jobId);
    const plainManifest = JSON.parse(readFileSync(plain.result?.mode === 'zip' ? plain.result.parts[0]!.path.replace(/\.zip$/, '.manifest.json') : '', 'utf8')) as { check?: unknown };
    expect(plainManifest).not.toHaveProperty('check');
  });

  it('is refused once the exports its scope names changed, for another profile, and while it runs', async () => {
    const harness = await setup({ faults: [null, { kind: 'stall', afterBytes: 10 }] }, withUnknown);
    const { api, finished } = harness;
    const { jobId } = await value(api['downloads.check']({ profileId: 'p1', scope: ALL }));
    await finished(jobId);
    expect((await failure(api['downloads.start']({ profileId: 'other', scope: { checkJobId: jobId }, mode: 'zip' }))).message).toMatch(/another profile/);
    harness.track(sampleExportUrls(harness.backend.url)[5]!);
    const stale = await failure(api['downloads.start']({ profileId: 'p1', scope: { checkJobId: jobId }, mode: 'zip' }));
    expect(stale).toMatchObject({ kind: 'state' });
    expect(stale.message).toMatch(/changed since that check/);
    expect((await failure(api['downloads.start']({ profileId: 'p1', scope: { checkJobId: 'never-made' }, mode: 'zip' }))).kind).toBe('state');
    expect(ports.events.recorded.filter((e) => e.name === 'downloads.started')).toHaveLength(1);
  });
});

describe('start of the downloads feature', () => {
  it('removes the temp files that a killed run left in the temp and downloads folders, and only those', async () => {
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const stale = tempFileName('download').replace(`-${process.pid}-`, `-${deadPid}-`);
    const live = tempFileName('download');
    for (const dir of [ports.paths.tempDir, ports.paths.downloadsDir]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, stale), 'partial');
    }
    writeFileSync(join(ports.paths.tempDir, live), 'partial');
    const feature = createDownloadsFeature({
      sources: { resolve: () => fail('state', 'none') },
      history: { record: () => {} },
      paths: ports.paths,
      dialogs: ports.dialogs,
      notifier: ports.notifier,
      events: ports.events,
    });
    await feature.close();
    expect(fx.files(ports.paths.tempDir)).toEqual([live]);
    expect(fx.files(ports.paths.downloadsDir)).toEqual([]);
  });
});

