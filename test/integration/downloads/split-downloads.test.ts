import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listArchive } from '../../../main/core/archive/list-archive';
import { uniqueNames } from '../../../main/core/sample-backend/batch-route';
import { resolveSourceFileUrl, sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackend, SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { startDownloadHarness } from '../../helpers/download-harness';
import { eventually } from '../../helpers/job-events';
import { value } from '../../helpers/result-value';
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

const PART = (n: number) => `Canvas exports – sample (part ${n} of 3).zip`;
const ALL = { filter: '' };

/** Profile "p1" tracks `count` sample exports (plus `unknown` URLs the backend skips), with `maxBatchSize`. */
async function setup(options: { count: number; maxBatchSize: number | null; unknown?: number; backend?: SampleBackendOptions }) {
  const harness = await startDownloadHarness(fx, ports, {
    backend: options.backend,
    maxBatchSize: options.maxBatchSize,
    urls: (backend) => {
      const known = sampleExportUrls(backend.url).slice(0, options.count);
      const unknown = Array.from({ length: options.unknown ?? 0 }, (_, i) => `${backend.url}/sample-exports/missing-${i}.png`);
      // Unknown exports interleaved, so a merge that loses the order shows.
      return known.flatMap((url, i) => (i < unknown.length ? [url, unknown[i]!] : [url]));
    },
  });
  const start = async (mode: 'zip' | 'urls', saveTo?: 'ask' | 'default') => (await value(harness.api['downloads.start']({ profileId: 'p1', scope: ALL, mode, saveTo }))).jobId;
  return { ...harness, start };
}

function batchRequests(backend: SampleBackend): number {
  return backend.received.filter((r) => r.path.includes('download-batch')).length;
}

/** The names inside a saved zip, in order. */
async function entryNames(path: string): Promise<string[]> {
  return (await listArchive(path)).entries.map((entry) => entry.name);
}

/** What one batch request's zip holds: the exports' file names, made unique within that zip by the backend. */
function fileNamesOf(urls: string[]): string[] {
  return uniqueNames(urls.map((url) => resolveSourceFileUrl(url)?.fileName).filter((name): name is string => name !== undefined));
}

describe('a download larger than the profile maximum batch size', () => {
  it('is refused by a backend that limits batches (413) with advice that names the setting, when no maximum is set', async () => {
    const { start, finished } = await setup({ count: 10, maxBatchSize: null, backend: { maxBatchSize: 4 } });
    const job = await finished(await start('zip', 'default'));
    expect(job).toMatchObject({ state: 'failed', error: { kind: 'bad-request', status: 413 } });
    expect(job.error?.message).toMatch(/maximum batch size on the profile/);
    expect(job.error?.backendMessage).toMatch(/at most 4 items/);
  });

  it('URL mode: sends one request per batch and merges exported URLs and skipped items in order into one result', async () => {
    const whole = await setup({ count: 8, unknown: 3, maxBatchSize: null });
    const reference = await whole.finished(await whole.start('urls'));
    const { backend, start, finished, progressOf, history } = await setup({ count: 8, unknown: 3, maxBatchSize: 4, backend: { maxBatchSize: 4 } });
    const job = await finished(await start('urls'));
    expect(job.state).toBe('succeeded');
    expect(batchRequests(backend)).toBe(3); // 11 exports, at most 4 a request
    if (job.result?.mode !== 'urls' || reference.result?.mode !== 'urls') throw new Error('not URL mode');
    expect(job.result.exportedUrls).toHaveLength(8);
    expect(job.result.exportedUrls.map((url) => new URL(url).pathname)).toEqual(reference.result.exportedUrls.map((url) => new URL(url).pathname));
    expect(job.result.skipped.map((item) => item.sourceFileUrl?.replace(backend.url, ''))).toEqual(['/sample-exports/missing-0.png', '/sample-exports/missing-1.png', '/sample-exports/missing-2.png']);
    // URL mode's requests are batches, named so (a zip's are parts).
    expect(progressOf(job.jobId).map((p) => [p.batch, p.batches, p.part])).toEqual([[1, 3, undefined], [2, 3, undefined], [3, 3, undefined]]);
    expect(history.filter((entry) => entry.jobId === job.jobId)).toHaveLength(1);
  });

  it('zip mode: saves numbered parts in the default folder, each with its batch of exports, and reports every part', async () => {
    const { backend, urls, start, finished, progressOf, history } = await setup({ count: 10, maxBatchSize: 4, backend: { maxBatchSize: 4 } });
    const job = await finished(await start('zip', 'default'));
    expect(job.state).toBe('succeeded');
    expect(batchRequests(backend)).toBe(3);
    const dir = ports.paths.downloadsDir;
    expect(fx.files(dir)).toEqual([PART(1), PART(2), PART(3)]);
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(await entryNames(join(dir, PART(1)))).toEqual(fileNamesOf(urls.slice(0, 4)));
    expect(await entryNames(join(dir, PART(2)))).toEqual(fileNamesOf(urls.slice(4, 8)));
    expect(await entryNames(join(dir, PART(3)))).toEqual(fileNamesOf(urls.slice(8)));
    if (job.result?.mode !== 'zip') throw new Error('not zip mode');
    // Totals over every part, summed once by main.
    expect(job.result).toMatchObject({ entries: 10, partCount: 3, bytes: job.result.parts.reduce((sum, part) => sum + part.bytes, 0) });
    expect(job.result.parts.map((part) => [part.part, part.filename, part.entries, part.path])).toEqual([
      [1, PART(1), 4, join(dir, PART(1))],
      [2, PART(2), 4, join(dir, PART(2))],
      [3, PART(3), 2, join(dir, PART(3))],
    ]);
    expect(new Set(job.result.parts.map((part) => part.fileId)).size).toBe(3);
    expect(job.filename).toBe('Canvas exports – sample.zip');
    expect(new Set(progressOf(job.jobId).map((p) => p.part))).toEqual(new Set([1, 2, 3]));
    expect(ports.notifications[0]?.body).toMatch(/^Saved as 3 parts/);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ result: 'success', path: join(dir, PART(1)), bytes: job.result.bytes });
  });

  it('zip mode: asks where to save once, for part 1, and puts the later parts beside it under the chosen name', async () => {
    const { start, finished } = await setup({ count: 10, maxBatchSize: 4 });
    const chosen = join(fx.saveDir, 'Quarter (part 1 of 3).zip');
    ports.dialogs.saveAnswers.push(chosen);
    const job = await finished(await start('zip', 'ask'));
    expect(job.state).toBe('succeeded');
    expect(ports.dialogs.asked).toHaveLength(1);
    expect((ports.dialogs.asked[0]!.options as { defaultPath: string }).defaultPath).toMatch(/Canvas exports – sample \(part 1 of 3\)\.zip$/);
    expect(fx.files(fx.saveDir)).toEqual(['Quarter (part 1 of 3).zip', 'Quarter (part 2 of 3).zip', 'Quarter (part 3 of 3).zip']);
  });

  it('zip mode: a cancel during part 2 removes its partial file and keeps and reports part 1', async () => {
    const { start, finished, progressOf, api } = await setup({ count: 10, maxBatchSize: 4, backend: { faults: [null, { kind: 'stall', afterBytes: 500 }] } });
    const jobId = await start('zip', 'default');
    await eventually(() => progressOf(jobId).find((p) => p.part === 2));
    await value(api['downloads.cancel']({ jobId }));
    const job = await finished(jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error?.message).toBe(`The download was cancelled during part 2 of 3. Kept part 1: ${PART(1)}.`);
    expect(job.result).toMatchObject({ mode: 'zip', partCount: 3, entries: 4 });
    expect(job.result?.mode === 'zip' && job.result.parts.map((part) => part.filename)).toEqual([PART(1)]);
    expect(fx.files(ports.paths.downloadsDir)).toEqual([PART(1)]);
    expect(fx.files(ports.paths.tempDir)).toEqual([]);
    expect(await entryNames(join(ports.paths.downloadsDir, PART(1)))).toHaveLength(4);
  });

  it('zip mode: a failure in part 2 says which part failed and which were kept, and stops there', async () => {
    const { backend, start, finished, history } = await setup({ count: 10, maxBatchSize: 4, backend: { faults: [null, { kind: 'status', status: 500, body: '{"message":"render farm down"}' }] } });
    const job = await finished(await start('zip', 'default'));
    expect(job).toMatchObject({ state: 'failed', error: { kind: 'server', status: 500, backendMessage: 'render farm down' } });
    expect(job.error?.message).toMatch(/^Part 2 of 3 failed: The backend failed \(500\)\..* Kept part 1: Canvas exports – sample \(part 1 of 3\)\.zip\.$/);
    expect(batchRequests(backend)).toBe(2); // part 3 is never asked for
    expect(fx.files(ports.paths.downloadsDir)).toEqual([PART(1)]);
    expect(job.result?.mode === 'zip' && job.result.parts.map((part) => part.part)).toEqual([1]);
    expect(history[0]).toMatchObject({ result: 'failed', errorKind: 'server', path: join(ports.paths.downloadsDir, PART(1)) });
    expect(ports.notifications[0]?.title).toBe('Download failed');
  });

  it('is not split when the download fits in one batch: one plain file, one part', async () => {
    const { backend, start, finished, progressOf } = await setup({ count: 4, maxBatchSize: 4 });
    const job = await finished(await start('zip', 'default'));
    expect(job.state).toBe('succeeded');
    expect(batchRequests(backend)).toBe(1);
    expect(fx.files(ports.paths.downloadsDir)).toEqual(['Canvas exports – sample.zip']);
    expect(job.result).toMatchObject({ mode: 'zip', partCount: 1, parts: [{ part: 1, filename: 'Canvas exports – sample.zip' }] });
    expect(progressOf(job.jobId).every((p) => p.part === undefined)).toBe(true);
  });
});
