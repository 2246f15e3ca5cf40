import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadProgress } from '../../../shared/api/downloads';
import { fetchUrls } from '../../../main/core/downloads/fetch-urls';
import { bulkExportUrl, sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackend, SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { startDownloadHarness } from '../../helpers/download-harness';
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

/** Runs URL mode for `urls` (profile "p1" tracks them) and returns the harness and the finished job. */
async function urlJob(options: SampleBackendOptions, urls: (backend: SampleBackend) => string[], fetchConcurrency?: number) {
  const harness = await startDownloadHarness(fx, ports, { backend: options, urls, fetchConcurrency });
  const { jobId } = await value(harness.api['downloads.start']({ profileId: 'p1', scope: { filter: '' }, mode: 'urls' }));
  const job = await harness.finished(jobId);
  expect(job.state).toBe('succeeded');
  return { ...harness, job };
}

describe('downloads.saveUrls', () => {
  it('saves exported URLs and skipped items as quoted CSV where the save dialog says', async () => {
    const { api, job, urls } = await urlJob({}, (backend) => [...sampleExportUrls(backend.url).slice(0, 2), `${backend.url}/sample-exports/missing,"quoted".png`]);
    const target = join(fx.saveDir, 'urls.csv');
    ports.dialogs.saveAnswers.push(target);
    const saved = await value(api['downloads.saveUrls']({ jobId: job.jobId, format: 'csv' }));
    expect(saved).toEqual({ file: { id: expect.any(String), path: target, name: 'urls.csv' } });
    expect(ports.dialogs.asked[0]).toMatchObject({ kind: 'saveAs', options: { defaultPath: join(ports.paths.downloadsDir, 'exported-urls.csv') } });
    const lines = readFileSync(target, 'utf8').split('\r\n');
    expect(lines[0]).toBe('url,status,reason');
    expect(lines[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/files\/project-a\/cover\.png,exported,$/);
    expect(lines[3]).toBe(`"${urls[2]!.replace(/"/g, '""')}",skipped,Export not found`);
    expect(fx.files(fx.saveDir)).toEqual(['urls.csv']); // no temp file left beside it
  });

  it('saves txt (one URL a line) and json (the backend shape), and returns null when the dialog is cancelled', async () => {
    const { api, job } = await urlJob({}, (backend) => [...sampleExportUrls(backend.url).slice(0, 3), 'not a url']);
    ports.dialogs.saveAnswers.push(join(fx.saveDir, 'a.txt'), join(fx.saveDir, 'a.json'));
    await value(api['downloads.saveUrls']({ jobId: job.jobId, format: 'txt' }));
    await value(api['downloads.saveUrls']({ jobId: job.jobId, format: 'json' }));
    expect(await value(api['downloads.saveUrls']({ jobId: job.jobId, format: 'txt' }))).toEqual({ file: null });
    const result = job.result?.mode === 'urls' ? job.result : null;
    expect(readFileSync(join(fx.saveDir, 'a.txt'), 'utf8')).toBe(result!.exportedUrls.map((u) => `${u}\n`).join(''));
    expect(JSON.parse(readFileSync(join(fx.saveDir, 'a.json'), 'utf8'))).toEqual({ exportedUrls: result!.exportedUrls, skipped: ['not a url'] });
  });

  it('refuses, as a wrong state, a job that is unknown or not a URL-mode job', async () => {
    const { api, finished } = await startDownloadHarness(fx, ports, { urls: (backend) => sampleExportUrls(backend.url).slice(0, 1) });
    expect((await failure(api['downloads.saveUrls']({ jobId: 'nope', format: 'txt' }))).kind).toBe('state');
    ports.dialogs.saveAnswers.push(join(fx.saveDir, 'x.zip'));
    const { jobId } = await value(api['downloads.start']({ profileId: 'p1', scope: { filter: '' }, mode: 'zip', saveTo: 'ask' }));
    await finished(jobId);
    expect((await failure(api['downloads.saveUrls']({ jobId, format: 'txt' }))).kind).toBe('state');
  });
});

describe('downloads.fetchUrls', () => {
  it('downloads every exported URL into a new folder named after the job, without the API key, never overwriting', async () => {
    const { api, job, backend, finished, history } = await urlJob({ apiKey: 'secret-key' }, (server) => {
      const catalog = sampleExportUrls(server.url);
      return [catalog[0]!, catalog[1]!, catalog[2]!, bulkExportUrl(server.url, 1)];
    });
    const folder = join(fx.saveDir, 'files');
    ports.dialogs.folderAnswers.push(folder);
    const first = await value(api['downloads.fetchUrls']({ jobId: job.jobId })); // the folder does not exist yet: it is created
    const firstFiles = await finished(first.jobId!);
    const named = join(folder, 'Exported files – Sample backend');
    expect(firstFiles.result).toMatchObject({ mode: 'files', folder: named });
    // One folder for the job: nothing loose beside what the chosen folder held.
    expect(fx.files(named)).toEqual(['1mib.bin', 'cover.png', 'cover (1).png', 'page-01.png'].sort());
    // Run again into the same folder: the job's folder name is taken, so this run gets "… (1)"; the files keep their names.
    writeFileSync(join(folder, 'marker.txt'), 'x');
    ports.dialogs.folderAnswers.push(folder);
    const again = await value(api['downloads.fetchUrls']({ jobId: job.jobId }));
    const files = await finished(again.jobId!);
    const numbered = join(folder, 'Exported files – Sample backend (1)');
    expect(files).toMatchObject({ mode: 'files', state: 'succeeded', itemCount: 4, sourceJobId: job.jobId, result: { mode: 'files', folder: numbered, failures: [] } });
    expect(readdirSync(folder).sort()).toEqual(['Exported files – Sample backend', 'Exported files – Sample backend (1)', 'marker.txt']);
    expect(fx.files(numbered)).toEqual(fx.files(named));
    expect(readFileSync(join(named, '1mib.bin')).equals(readFileSync(join(numbered, '1mib.bin')))).toBe(true);
    expect(readFileSync(join(numbered, '1mib.bin')).length).toBe(1024 * 1024);
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
    const { api, job } = await urlJob({}, (backend) => sampleExportUrls(backend.url).slice(0, 1));
    expect(await value(api['downloads.fetchUrls']({ jobId: job.jobId }))).toEqual({ jobId: null });
    expect(await value(api['downloads.list'](undefined))).toHaveLength(1);
  });

  it('cancels a running files job, keeps no partial file and reports it cancelled', async () => {
    const { api, job, finished } = await urlJob({}, (backend) => [bulkExportUrl(backend.url, 512)], 1);
    const folder = join(fx.saveDir, 'files');
    ports.dialogs.folderAnswers.push(folder);
    const { jobId } = await value(api['downloads.fetchUrls']({ jobId: job.jobId }));
    await new Promise<void>((resolve) => {
      const poll = () => (ports.events.recorded.some((e) => e.name === 'downloads.progress' && (e.payload as DownloadProgress).jobId === jobId) ? resolve() : setTimeout(poll, 5));
      poll();
    });
    expect(await value(api['downloads.cancel']({ jobId: jobId! }))).toEqual({ cancelled: true });
    const files = await finished(jobId!);
    expect(files.state).toBe('cancelled');
    expect(files.error?.kind).toBe('cancelled');
    // Nothing was saved: the job's folder, left empty, is gone too.
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
      [urls[1], 'invalid-response'],
      [urls[3], 'network'],
    ]);
    expect(fx.files(folder)).toEqual(['readme.txt']);
    expect(fx.files(fx.tempDir)).toEqual([]);
  });
});
