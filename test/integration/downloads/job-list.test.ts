import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import { sampleExportUrls } from '../../../main/core/sample-backend/sample-catalog';
import type { SampleBackendOptions } from '../../../main/core/sample-backend/server';
import { startDownloadHarness } from '../../helpers/download-harness';
import type { DownloadHarnessOptions } from '../../helpers/download-harness';
import { failure, value } from '../../helpers/result-value';
import { createSampleFixture } from '../../helpers/sample-backend-fixture';
import type { SampleFixture } from '../../helpers/sample-backend-fixture';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

/** Which jobs main lists, which it refuses to start twice, and what a job says it covered. */
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
const STALL = { kind: 'stall', afterBytes: 500 } as const;
const setup = (backend: SampleBackendOptions = {}, options: Omit<DownloadHarnessOptions, 'backend'> = {}) => startDownloadHarness(fx, ports, { backend, ...options });
const started = () => ports.events.recorded.filter((e) => e.name === 'downloads.started').map((e) => e.payload as DownloadJob);

describe('a second start of a download still running', () => {
  it('is refused as state (a double click makes one job); another scope or mode starts, and so does the same once the first ended', async () => {
    const { api, finished } = await setup({ faults: [STALL] });
    const first = await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1', 'e2'] }, mode: 'zip', saveTo: 'default' }));
    // The same exports as main resolves them, whatever order the selection came in.
    for (const scope of [{ ids: ['e2', 'e1'] }, { ids: ['e1', 'e2'] }]) {
      const twice = await failure(api['downloads.start']({ profileId: 'p1', scope, mode: 'zip', saveTo: 'default' }));
      expect(twice).toMatchObject({ kind: 'state', message: expect.stringMatching(/^That download is already running/) });
    }
    expect(started()).toHaveLength(1);
    const urls = await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1', 'e2'] }, mode: 'urls' }));
    const other = await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1'] }, mode: 'urls' }));
    await finished(urls.jobId);
    await finished(other.jobId);
    await value(api['downloads.cancel']({ jobId: first.jobId }));
    await finished(first.jobId);
    const again = await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1', 'e2'] }, mode: 'zip', saveTo: 'default' }));
    expect((await finished(again.jobId)).state).toBe('succeeded');
  });

  it('refuses the two calls of a double click that arrive together: exactly one job', async () => {
    const { api, finished } = await setup({ faults: [STALL] });
    const both = await Promise.all([1, 2].map(() => api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip', saveTo: 'default' })));
    expect(both.map((result) => result.ok).sort()).toEqual([false, true]);
    expect(both.find((result) => !result.ok)).toMatchObject({ error: { kind: 'state' } });
    expect(started()).toHaveLength(1);
    await value(api['downloads.cancel']({ jobId: started()[0]!.jobId }));
    await finished(started()[0]!.jobId);
  });

  it('refuses a second identical check while the first runs', async () => {
    const { api, finished } = await setup({ faults: [{ kind: 'delay', ms: 400 }] });
    const check = await value(api['downloads.check']({ profileId: 'p1', scope: ALL }));
    expect(await failure(api['downloads.check']({ profileId: 'p1', scope: ALL }))).toMatchObject({ kind: 'state', message: expect.stringMatching(/^That check is already running/) });
    await finished(check.jobId);
  });
});

describe('downloads.list, clearFinished and remove', () => {
  it('never lists a check: it is a preview, not a download', async () => {
    const { api, finished } = await setup();
    const check = await value(api['downloads.check']({ profileId: 'p1', scope: ALL }));
    expect((await finished(check.jobId)).check).toBe(true);
    const zip = await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1'] }, mode: 'urls' }));
    await finished(zip.jobId);
    expect((await value(api['downloads.list'](undefined))).map((job) => job.jobId)).toEqual([zip.jobId]);
  });

  it('Clear finished keeps failures unless asked, and keeps checks; remove forgets one finished job and refuses a running one', async () => {
    const { api, finished } = await setup({ faults: [null, null, null, STALL, { kind: 'status', status: 500 }] });
    const ok = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e1'] }, mode: 'urls' }))).jobId);
    const check = await finished((await value(api['downloads.check']({ profileId: 'p1', scope: ALL }))).jobId);
    const other = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e2'] }, mode: 'urls' }))).jobId);
    const running = await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'zip', saveTo: 'default' }));
    const listed = async () => (await value(api['downloads.list'](undefined))).map((job) => job.jobId);

    expect(await failure(api['downloads.remove']({ jobId: running.jobId }))).toMatchObject({ kind: 'state' });
    expect(await value(api['downloads.remove']({ jobId: other.jobId }))).toEqual({ removed: true });
    expect(await value(api['downloads.remove']({ jobId: other.jobId }))).toEqual({ removed: false });
    expect(await listed()).toEqual([running.jobId, ok.jobId]);

    await value(api['downloads.cancel']({ jobId: running.jobId }));
    await finished(running.jobId);
    const failed = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: { ids: ['e3'] }, mode: 'zip', saveTo: 'default' }))).jobId);
    expect(failed.state).toBe('failed');
    expect(await value(api['downloads.clearFinished'](undefined))).toEqual({ removed: 2 }); // the succeeded and the cancelled one
    expect(await listed()).toEqual([failed.jobId]);
    // The check stays behind the list: a zip of what it found can still follow.
    expect(await value(api['downloads.plan']({ profileId: 'p1', scope: { checkJobId: check.jobId } }))).toMatchObject({ exports: 4 });
    expect(await value(api['downloads.clearFinished']({ failed: true }))).toEqual({ removed: 1 });
    expect(await listed()).toEqual([]);
    expect(await value(api['downloads.plan']({ profileId: 'p1', scope: { checkJobId: check.jobId } }))).toMatchObject({ exports: 4 });
  });
});

describe('what a job covered', () => {
  it('carries the labels of its first five exports; the count says how many more', async () => {
    const { api, finished } = await setup({}, { urls: (backend) => sampleExportUrls(backend.url).slice(0, 7) });
    const job = await finished((await value(api['downloads.start']({ profileId: 'p1', scope: ALL, mode: 'urls' }))).jobId);
    expect(job.itemCount).toBe(7);
    // The harness keeps no labels: each URL's own name stands in, as the store's default label would.
    expect(job.coveredLabels).toEqual(sampleExportUrls('http://x').slice(0, 5).map((url) => decodeURIComponent(url.split('/').pop()!)));
    expect((await value(api['downloads.list'](undefined)))[0]?.coveredLabels).toHaveLength(5);
  });
});
