import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadJob, DownloadProgress } from '../../../shared/api/downloads';
import type { HistoryEntry } from '../../../main/core/downloads/download-ports';
import type { DownloadService } from '../../../main/core/downloads/download-service';
import { createDownloadsFeature } from '../../../main/core/downloads/feature';
import { fetchUrls } from '../../../main/core/downloads/fetch-urls';
import { bulkExportUrl, sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackend } from '../../../main/core/sample-backend/server';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { finishedJob } from '../../helpers/job-events';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

let fx: SampleFixture;
let ports: TestPorts;
let service: DownloadService | undefined;
const history: HistoryEntry[] = [];

beforeEach(() => {
  fx = createSampleFixture();
  ports = createTestPorts();
  history.length = 0;
});
afterEach(async () => {
  await service?.close();
  service = undefined;
  await fx.cleanup();
  ports.cleanup();
});

/** A service whose profile "p1" tracks `urls` on `backend` (with the backend's key). */
function serviceFor(backend: SampleBackend, urls: string[], fetchConcurrency = 3) {
  const feature = createDownloadsFeature({
    sources: { resolve: async () => ({ baseUrl: backend.url, apiKey: backend.apiKey, sourceFileUrls: urls, profileName: 'Sample backend', maxBatchSize: null }) },
    history: { record: (entry) => void history.push(entry) },
    paths: ports.paths,
    dialogs: ports.dialogs,
    notifier: ports.notifier,
    events: ports.events,
    timeouts: { connectMs: 2000, idleMs: 2000 },
    fetchConcurrency,
  });
  service = feature.service;
  return feature;
}

const finished = (jobId: string): Promise<DownloadJob> => finishedJob(ports.events, jobId);

/** Runs URL mode for `urls` and returns the finished job. */
async function urlJob(backend: SampleBackend, urls: string[], fetchConcurrency?: number) {
  const feature = serviceFor(backend, urls, fetchConcurrency);
  const { jobId } = await feature.service.start({ profileId: 'p1', mode: 'urls' });
  const job = await finished(jobId);
  expect(job.state).toBe('succeeded');
  return { feature, job };
}

describe('downloads.saveUrls', () => {
  it('saves exported URLs and skipped items as quoted CSV where the save dialog says', async () => {
    const backend = await fx.start();
    const urls = [...sampleExportUrls(backend.url).slice(0, 2), `${backend.url}/sample-exports/missing,"quoted".png`];
    const { feature, job } = await urlJob(backend, urls);
    const target = join(fx.saveDir, 'urls.csv');
    ports.dialogs.saveAnswers.push(target);
    const saved = await feature.handlers['downloads.saveUrls']({ jobId: job.jobId, format: 'csv' });
    expect(saved).toEqual({ file: { id: expect.any(String), path: target, name: 'urls.csv' } });
    expect(ports.dialogs.asked[0]).toMatchObject({ kind: 'saveAs', options: { defaultPath: join(ports.paths.downloadsDir, 'exported-urls.csv') } });
    const lines = readFileSync(target, 'utf8').split('\r\n');
    expect(lines[0]).toBe('url,status,reason');
    expect(lines[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/files\/project-a\/cover\.png,exported,$/);
    expect(lines[3]).toBe(`"${urls[2]!.replace(/"/g, '""')}",skipped,Export not found`);
    expect(fx.files(fx.saveDir)).toEqual(['urls.csv']); // no temp file left beside it
  });

  it('saves txt (one URL a line) and json (the backend shape), and returns null when the dialog is cancelled', async () => {
    const backend = await fx.start();
    const { feature, job } = await urlJob(backend, [...sampleExportUrls(backend.url).slice(0, 3), 'not a url']);
    ports.dialogs.saveAnswers.push(join(fx.saveDir, 'a.txt'), join(fx.saveDir, 'a.json'));
    await feature.service.saveUrls(job.jobId, 'txt');
    await feature.service.saveUrls(job.jobId, 'json');
    expect(await feature.service.saveUrls(job.jobId, 'txt')).toEqual({ file: null });
    const result = job.result?.mode === 'urls' ? job.result : null;
    expect(readFileSync(join(fx.saveDir, 'a.txt'), 'utf8')).toBe(result!.exportedUrls.map((u) => `${u}\n`).join(''));
    expect(JSON.parse(readFileSync(join(fx.saveDir, 'a.json'), 'utf8'))).toEqual({ exportedUrls: result!.exportedUrls, skipped: ['not a url'] });
  });

  it('refuses a job that is unknown or not a URL-mode job', async () => {
    const backend = await fx.start();
    const feature = serviceFor(backend, sampleExportUrls(backend.url).slice(0, 1));
    await expect(feature.service.saveUrls('nope', 'txt')).rejects.toMatchObject({ appError: { kind: 'not-found' } });
    ports.dialogs.saveAnswers.push(join(fx.saveDir, 'x.zip'));
    const { jobId } = await feature.service.start({ profileId: 'p1', mode: 'zip', saveTo: 'ask' });
    await finished(jobId);
    await expect(feature.service.saveUrls(jobId, 'txt')).rejects.toMatchObject({ appError: { kind: 'validation' } });
  });
});

describe('downloads.fetchUrls', () => {
  it('downloads every exported URL into the chosen folder without the API key, never overwriting', async () => {
    const backend = await fx.start({ apiKey: 'secret-key' });
    const catalog = sampleExportUrls(backend.url);
    const { feature, job } = await urlJob(backend, [catalog[0]!, catalog[1]!, catalog[2]!, bulkExportUrl(backend.url, 1)]);
    const folder = join(fx.saveDir, 'files');
    ports.dialogs.folderAnswers.push(folder);
    const first = await feature.service.fetchUrls(job.jobId); // the folder does not exist yet: it is created
    await finished(first.jobId!);
    // Run again into the same folder: every name is taken now, so each file gets " (1)".
    writeFileSync(join(folder, 'marker.txt'), 'x');
    ports.dialogs.folderAnswers.push(folder);
    const again = await feature.handlers['downloads.fetchUrls']({ jobId: job.jobId });
    const files = await finished(again.jobId!);
    expect(files).toMatchObject({ mode: 'files', state: 'succeeded', itemCount: 4, sourceJobId: job.jobId, result: { mode: 'files', folder, failures: [] } });
    expect(fx.files(folder)).toEqual(
      ['1mib.bin', '1mib (1).bin', 'cover.png', 'cover (1).png', 'cover (2).png', 'cover (3).png', 'marker.txt', 'page-01.png', 'page-01 (1).png'].sort(),
    );
    expect(readFileSync(join(folder, '1mib.bin')).equals(readFileSync(join(folder, '1mib (1).bin')))).toBe(true);
    expect(readFileSync(join(folder, '1mib.bin')).length).toBe(1024 * 1024);
    const fileRequests = backend.received.filter((r) => r.path.startsWith('/api/files/'));
    expect(fileRequests).toHaveLength(8);
    expect(fileRequests.every((r) => r.apiKey === undefined)).toBe(true); // the key went to the batch route only
    expect(backend.received.some((r) => r.apiKey === 'secret-key')).toBe(true);
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    const progress = ports.events.recorded.filter((e) => e.name === 'downloads.progress').map((e) => e.payload as DownloadProgress);
    expect(progress.at(-1)).toMatchObject({ jobId: again.jobId, filesDone: 4, filesTotal: 4 });
    expect(ports.notifications.at(-1)?.title).toBe('Files downloaded');
    expect(history.every((entry) => entry.mode === 'urls')).toBe(true); // files jobs are not history entries
  });

  it('returns null and starts nothing when the folder dialog is cancelled', async () => {
    const backend = await fx.start();
    const { feature, job } = await urlJob(backend, sampleExportUrls(backend.url).slice(0, 1));
    expect(await feature.service.fetchUrls(job.jobId)).toEqual({ jobId: null });
    expect(feature.service.list()).toHaveLength(1);
  });

  it('cancels a running files job, keeps no partial file and reports it cancelled', async () => {
    const backend = await fx.start();
    const { feature, job } = await urlJob(backend, [bulkExportUrl(backend.url, 512)], 1);
    const folder = join(fx.saveDir, 'files');
    ports.dialogs.folderAnswers.push(folder);
    const { jobId } = await feature.service.fetchUrls(job.jobId);
    await new Promise<void>((resolve) => {
      const poll = () => (ports.events.recorded.some((e) => e.name === 'downloads.progress' && (e.payload as DownloadProgress).jobId === jobId) ? resolve() : setTimeout(poll, 5));
      poll();
    });
    expect(feature.service.cancel(jobId!)).toBe(true);
    const files = await finished(jobId!);
    expect(files.state).toBe('cancelled');
    expect(files.error?.kind).toBe('cancelled');
    expect(fx.files(folder)).toEqual([]);
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
  });
});

describe('fetchUrls', () => {
  it('reports each failing URL (404, refused, non-http) and still saves the rest', async () => {
    const backend = await fx.start();
    const good = `${backend.origin}/api/files/notes/readme.txt`;
    const urls = [`${backend.origin}/api/files/nope.bin`, 'file:///etc/passwd', good, 'http://127.0.0.1:1/x.bin'];
    const folder = join(fx.saveDir, 'out');
    const result = await fetchUrls({ urls, folder, tempDir: fx.tempDir, signal: new AbortController().signal, timeouts: { connectMs: 2000, idleMs: 2000 } });
    expect(result.saved).toEqual([{ url: good, path: join(folder, 'readme.txt'), bytes: 600 }]);
    expect(result.failures.map((f) => [f.url, f.error.kind])).toEqual([
      [urls[0], 'not-found'],
      [urls[1], 'validation'],
      [urls[3], 'network'],
    ]);
    expect(fx.files(folder)).toEqual(['readme.txt']);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });
});
