import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadJob, DownloadProgress } from '../../../shared/api/downloads';
import { fail } from '../../../main/core/app-error';
import type { DownloadSources, HistoryEntry } from '../../../main/core/downloads/download-ports';
import type { DownloadService } from '../../../main/core/downloads/download-service';
import { createDownloadsFeature } from '../../../main/core/downloads/feature';
import { tempFileName } from '../../../main/core/files/temp-files';
import { createApi } from '../../../main/core/api';
import type { AllHandlers } from '../../../main/core/handlers';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackend, SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { eventually, finishedJob } from '../../helpers/job-events';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

let fx: SampleFixture;
let ports: TestPorts;
let service: DownloadService;
const history: HistoryEntry[] = [];

beforeEach(() => {
  fx = createSampleFixture();
  ports = createTestPorts();
  history.length = 0;
});
afterEach(async () => {
  await service?.close();
  await fx.cleanup();
  ports.cleanup();
});

/** Sources over one sample backend: profile "p1", exports "e1".."eN" in catalog order. */
function sourcesFor(backend: SampleBackend, apiKey = backend.apiKey): DownloadSources {
  const urls = sampleExportUrls(backend.url);
  return {
    async resolve(profileId, exportIds) {
      if (profileId !== 'p1') fail('not-found', `No profile ${profileId}.`);
      const picked = exportIds === undefined ? urls.slice(0, 4) : exportIds.map((id) => urls[Number(id.slice(1)) - 1]!).filter(Boolean);
      return { baseUrl: backend.url, apiKey, sourceFileUrls: picked, profileName: 'Sample backend', maxBatchSize: null };
    },
  };
}

async function setup(backendOptions: SampleBackendOptions = {}, apiKey?: string | null) {
  const backend = await fx.start(backendOptions);
  const sources = sourcesFor(backend, apiKey === undefined ? backend.apiKey : apiKey);
  const feature = createDownloadsFeature({
    sources,
    history: { record: (entry) => void history.push(entry) },
    paths: ports.paths,
    dialogs: ports.dialogs,
    notifier: ports.notifier,
    events: ports.events,
    timeouts: { connectMs: 2000, idleMs: 1000 },
    retry: { baseDelayMs: 20 },
  });
  service = feature.service;
  const handlers = feature.handlers;
  // Only the downloads methods are exercised; the others are not part of this feature.
  const api = createApi(new Proxy(handlers as unknown as AllHandlers, { get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? (() => null) }));
  return { backend, api };
}


const finished = (jobId: string): Promise<DownloadJob> => finishedJob(ports.events, jobId);

describe('downloads.* handlers over the DownloadService', () => {
  it('downloads all tracked exports to the default folder, with events, notification and history', async () => {
    const { api } = await setup({ apiKey: 'k' });
    const started = await api['downloads.start']({ profileId: 'p1', mode: 'zip', saveTo: 'default' });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const job = await finished(started.value.jobId);
    expect(job).toMatchObject({ state: 'succeeded', itemCount: 4, profileName: 'Sample backend', result: { mode: 'zip', entries: 4, filenameSource: 'content-disposition' } });
    expect(fx.files(ports.paths.downloadsDir)).toEqual(['Canvas exports – sample.zip']);
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(ports.events.recorded.map((e) => e.name)).toContain('downloads.started');
    expect(ports.notifications[0]?.title).toBe('Download complete');
    expect(history[0]).toMatchObject({ result: 'success', mode: 'zip', itemCount: 4, errorKind: null, path: join(ports.paths.downloadsDir, 'Canvas exports – sample.zip') });
    const list = await api['downloads.list'](undefined);
    expect(list.ok && list.value[0]?.state).toBe('succeeded');
  });

  it('forgets finished jobs on downloads.clearFinished, keeping running ones and the saved files', async () => {
    const { api } = await setup({ faults: [null, { kind: 'stall', afterBytes: 500 }] });
    const done = await api['downloads.start']({ profileId: 'p1', exportIds: ['e1'], mode: 'urls' });
    if (!done.ok) throw new Error('not started');
    await finished(done.value.jobId);
    const running = await api['downloads.start']({ profileId: 'p1', mode: 'zip', saveTo: 'default' });
    if (!running.ok) throw new Error('not started');
    expect(await api['downloads.clearFinished'](undefined)).toEqual({ ok: true, value: { removed: 1 } });
    const list = await api['downloads.list'](undefined);
    expect(list.ok && list.value.map((job) => [job.jobId, job.state])).toEqual([[running.value.jobId, 'running']]);
    await api['downloads.cancel']({ jobId: running.value.jobId });
    await finished(running.value.jobId);
  });

  it('asks with the save dialog and records a cancelled job when the dialog is cancelled', async () => {
    const { api } = await setup({ faults: [{ kind: 'stall', afterBytes: 500 }] });
    const started = await api['downloads.start']({ profileId: 'p1', exportIds: ['e1', 'e2'], mode: 'zip', saveTo: 'ask' });
    if (!started.ok) throw new Error(started.error.message);
    const job = await finished(started.value.jobId);
    expect(job.state).toBe('cancelled');
    expect(ports.dialogs.asked[0]?.kind).toBe('saveAs');
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(fx.files(ports.paths.downloadsDir)).toEqual([]);
    expect(ports.notifications).toEqual([]);
    expect(history[0]).toMatchObject({ result: 'cancelled', errorKind: 'cancelled', exportIds: ['e1', 'e2'] });
  });

  it('cancels a running job through downloads.cancel', async () => {
    const { api } = await setup({ faults: [{ kind: 'stall', afterBytes: 500 }] });
    const started = await api['downloads.start']({ profileId: 'p1', mode: 'zip', saveTo: 'default' });
    if (!started.ok) throw new Error(started.error.message);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await api['downloads.cancel']({ jobId: started.value.jobId })).toEqual({ ok: true, value: { cancelled: true } });
    const job = await finished(started.value.jobId);
    expect(job).toMatchObject({ state: 'cancelled', error: { kind: 'cancelled' } });
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(await api['downloads.cancel']({ jobId: started.value.jobId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('pushes downloads.named with the file name once the headers are in, while the body is still arriving', async () => {
    // The body stalls after 64 KiB of a larger zip: the job cannot have finished when the name arrives.
    const { api } = await setup({ faults: [{ kind: 'stall', afterBytes: 64 * 1024 }] });
    const started = await api['downloads.start']({ profileId: 'p1', mode: 'zip', saveTo: 'default' });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    const ofJob = (name: string) => (e: { name: string; payload: unknown }) => e.name === name && (e.payload as { jobId: string }).jobId === jobId;
    const named = await eventually(() => ports.events.recorded.find(ofJob('downloads.named')));
    expect(named.payload).toEqual({ jobId, filename: 'Canvas exports – sample.zip' });
    expect(ports.events.recorded.some(ofJob('downloads.finished'))).toBe(false);
    const running = await api['downloads.list'](undefined);
    expect(running.ok && running.value.find((job) => job.jobId === jobId)).toMatchObject({ state: 'running', filename: 'Canvas exports – sample.zip' });
    // Bytes are reported after the name: it came with the headers, not at the end.
    const namedAt = ports.events.recorded.indexOf(named);
    await eventually(() => ports.events.recorded.slice(namedAt).find((e) => ofJob('downloads.progress')(e) && (e.payload as DownloadProgress).bytes > 0));
    await api['downloads.cancel']({ jobId });
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'cancelled', filename: 'Canvas exports – sample.zip' });
    expect(ports.events.recorded.findIndex(ofJob('downloads.finished'))).toBeGreaterThan(namedAt);
  });

  it('runs URL mode and finishes with the exported URLs and skipped items', async () => {
    const { api } = await setup();
    const started = await api['downloads.start']({ profileId: 'p1', exportIds: ['e1', 'e3'], mode: 'urls' });
    if (!started.ok) throw new Error(started.error.message);
    const job = await finished(started.value.jobId);
    expect(job.result).toMatchObject({ mode: 'urls', skipped: [] });
    expect(job.result?.mode === 'urls' && job.result.exportedUrls).toHaveLength(2);
  });

  it('finishes a job as failed with the AppError, notifies and records the error kind', async () => {
    const { api } = await setup({ apiKey: 'right' }, 'wrong');
    const started = await api['downloads.start']({ profileId: 'p1', mode: 'zip', saveTo: 'default' });
    if (!started.ok) throw new Error(started.error.message);
    const job = await finished(started.value.jobId);
    expect(job).toMatchObject({ state: 'failed', error: { kind: 'forbidden', status: 403 } });
    expect(ports.notifications[0]?.title).toBe('Download failed');
    expect(history[0]).toMatchObject({ result: 'failed', errorKind: 'forbidden', path: null });
  });

  it('refuses to start without exports, for an unknown profile, and for a bad payload', async () => {
    const { api } = await setup();
    expect(await api['downloads.start']({ profileId: 'p1', exportIds: [], mode: 'zip' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await api['downloads.start']({ profileId: 'nope', mode: 'zip' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await api['downloads.start']({ profileId: 'p1', mode: 'tar' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
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
      sources: { resolve: () => fail('not-found', 'none') },
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
