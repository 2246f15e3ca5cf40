import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DownloadJob } from '../../../shared/api/downloads';
import type { TrackedExport } from '../../../shared/api/tracked';
import { createCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import type { Fault } from '../../../main/core/sample-backend/faults';
import { eventually } from '../../helpers/job-events';
import { failure, value } from '../../helpers/result-value';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

/**
 * What downloads remember of each tracked export, through the real core: the sample backend over
 * HTTP, the real store, real files; and across a restart of the core on the same data folder.
 */
let ports: TestPorts;
let core: Core;
let profileId: string;
/** Faults for the next batch requests, in order (none once used up). */
let faults: Array<Fault | null>;

async function startCore(): Promise<Core> {
  return createCore(ports, {
    identity: { name: 'Export Manager', version: '0.0.0', platform: 'linux' },
    sampleBackend: { faults: () => faults.shift() ?? null },
  });
}

beforeEach(async () => {
  ports = createTestPorts();
  faults = [];
  core = await startCore();
  profileId = (await value(core.api['profiles.list'](undefined)))[0]!.id;
  await value(core.api['settings.set']({ saveMode: 'default-folder', nameConflict: 'keep-both', writeManifest: false }));
});
afterEach(async () => {
  await core.close();
  ports.cleanup();
});

async function exports(query: { filter?: string; undelivered?: boolean } = {}): Promise<TrackedExport[]> {
  return (await value(core.api['tracked.list']({ profileId, limit: 1000, ...query }))).items;
}

const finished = (jobId: string) =>
  eventually(() => ports.events.recorded.find((e) => e.name === 'downloads.finished' && (e.payload as DownloadJob).jobId === jobId)?.payload as DownloadJob | undefined);

/** How many `tracked.delivered` events were announced for the profile. */
const deliveredEvents = () => ports.events.recorded.filter((e) => e.name === 'tracked.delivered' && (e.payload as { profileId: string }).profileId === profileId).length;

/** Runs a download to its end, and waits until history (and so the job's records) followed it. */
async function download(scope: { ids: string[] } | { filter: string; undelivered?: true }, mode: 'zip' | 'urls' = 'zip'): Promise<DownloadJob> {
  const { jobId } = await value(core.api['downloads.start']({ profileId, scope, mode }));
  const job = await finished(jobId);
  // History records every download but a check, after its finished event; the job's records are written before that.
  const downloads = () => ports.events.recorded.filter((e) => e.name === 'downloads.finished' && !(e.payload as DownloadJob).check).length;
  const recorded = () => ports.events.recorded.filter((e) => e.name === 'history.changed').length;
  await eventually(() => (recorded() >= downloads() ? true : undefined));
  return job;
}

/** Tracks one more URL under the sample backend that it does not know (it skips it: "Export not found"). */
async function trackUnknown(name: string): Promise<void> {
  const sample = (await exports())[0]!.sourceFileUrl;
  const unknown = sample.replace(/sample-exports\/.*$/, `sample-exports/${name}`);
  expect((await value(core.api['tracked.add']({ profileId, text: unknown }))).added).toBe(1);
}

describe('what a download remembers of each export', () => {
  it('a zip that holds every export asked for records each one: when, which job, which file, known from the zip', async () => {
    const before = deliveredEvents();
    const job = await download({ filter: 'report-q' });
    expect(job.state).toBe('succeeded');
    const file = job.result?.mode === 'zip' ? job.result.parts[0]!.path : '';
    const reports = await exports({ filter: 'report-q' });
    expect(reports).toHaveLength(4);
    for (const item of reports) expect(item.delivery).toEqual({ at: job.finishedAt, jobId: job.jobId, file, how: 'zip' });
    // The others are untouched, and the window was told.
    expect((await exports({ filter: 'photo-' })).every((item) => item.delivery === undefined)).toBe(true);
    await eventually(() => (deliveredEvents() > before ? true : undefined));
  });

  it('a zip with fewer entries than exports asked for (the backend skipped one) records none of them', async () => {
    await trackUnknown('report-q9.pdf');
    const before = deliveredEvents();
    const job = await download({ filter: 'report-q' });
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ mode: 'zip', entries: 4 });
    const reports = await exports({ filter: 'report-q' });
    expect(reports).toHaveLength(5);
    expect(reports.filter((item) => item.delivery)).toEqual([]);
    expect((await value(core.api['tracked.list']({ profileId, filter: 'report-q', undelivered: true }))).total).toBe(5);
    expect(deliveredEvents()).toBe(before);
    // The same four alone make a whole zip, which counts.
    const whole = await download({ ids: reports.filter((item) => !item.sourceFileUrl.endsWith('report-q9.pdf')).map((item) => item.id) });
    expect((await exports({ filter: 'report-q' })).filter((item) => item.delivery?.jobId === whole.jobId)).toHaveLength(4);
  });

  it('URL mode records what it exported, with the exported URL, and what it skipped, with the backend’s reason', async () => {
    await trackUnknown('report-q9.pdf');
    const job = await download({ filter: 'report-q' }, 'urls');
    expect(job.state).toBe('succeeded');
    const exported = job.result?.mode === 'urls' ? job.result.exportedUrls : [];
    expect(exported).toHaveLength(4);
    const reports = await exports({ filter: 'report-q' });
    const delivered = reports.filter((item) => item.delivery);
    expect(delivered.map((item) => item.delivery)).toEqual(exported.map((file) => ({ at: job.finishedAt, jobId: job.jobId, file, how: 'urls' })));
    const skipped = reports.find((item) => item.sourceFileUrl.endsWith('report-q9.pdf'))!;
    expect(skipped.delivery).toBeUndefined();
    expect(skipped.skipped).toEqual({ at: job.finishedAt, jobId: job.jobId, reason: 'Export not found' });
  });

  it('a check (a preview) records nothing', async () => {
    const { jobId } = await value(core.api['downloads.check']({ profileId, scope: { filter: 'report-q' } }));
    expect((await finished(jobId)).state).toBe('succeeded');
    // Its answer is in; had it recorded, the write would have been made as it ended.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await exports({ filter: 'report-q' })).filter((item) => item.delivery || item.skipped)).toEqual([]);
    // The same question as a URL-mode download does count.
    await download({ filter: 'report-q' }, 'urls');
    expect((await exports({ filter: 'report-q' })).filter((item) => item.delivery?.how === 'urls')).toHaveLength(4);
  });

  it('a split zip that fails part-way records the parts it kept, each against its own request, and nothing more', async () => {
    await value(core.api['profiles.setMaxBatchSize']({ id: profileId, maxBatchSize: 2 }));
    // Part 1 is saved; part 2 is refused (400 is not retried).
    faults = [null, { kind: 'status', status: 400, body: '{"message":"batch refused"}', contentType: 'application/json' }];
    const job = await download({ filter: 'report-q' });
    expect(job.state).toBe('failed');
    expect(job.result).toMatchObject({ mode: 'zip', partCount: 2, parts: [{ part: 1, entries: 2 }] });
    const reports = await exports({ filter: 'report-q' });
    const part1 = job.result?.mode === 'zip' ? job.result.parts[0]!.path : '';
    expect(reports.map((item) => item.delivery?.file ?? null)).toEqual([part1, part1, null, null]);
  });

  it('"Download new" downloads only the exports with no delivery since they were added, then has nothing to download', async () => {
    await download({ filter: 'report-q' });
    const fresh = await exports({ undelivered: true });
    const all = await exports();
    expect(fresh.length).toBe(all.length - 4);
    // What "Download new" says it takes, whatever the page shows: the count asked for with a page.
    const page = await value(core.api['tracked.list']({ profileId, filter: 'report-q', countNew: true, limit: 1 }));
    expect(page).toMatchObject({ total: 4, newCount: fresh.length });
    expect((await value(core.api['tracked.list']({ profileId, limit: 1 }))).newCount).toBeUndefined();
    const plan = await value(core.api['downloads.plan']({ profileId, scope: { filter: '', undelivered: true } }));
    expect(plan.exports).toBe(fresh.length);
    const job = await download({ filter: '', undelivered: true });
    expect(job.state).toBe('succeeded');
    expect(job.exportIds).toEqual(fresh.map((item) => item.id));
    expect(await exports({ undelivered: true })).toEqual([]);
    expect((await value(core.api['tracked.list']({ profileId, countNew: true, limit: 1 }))).newCount).toBe(0);
    const none = await failure(core.api['downloads.start']({ profileId, scope: { filter: '', undelivered: true }, mode: 'zip' }));
    expect(none).toMatchObject({ kind: 'validation', message: expect.stringMatching(/nothing new to download/) });
    // "Select all matching" under "Not delivered yet" finds none either.
    expect((await value(core.api['tracked.matching']({ profileId, filter: '', undelivered: true }))).ids).toEqual([]);
  });

  it('keeps the records across a restart of the app on the same data folder', async () => {
    const job = await download({ filter: 'photo-' });
    const before = await exports({ filter: 'photo-' });
    expect(before.every((item) => item.delivery?.jobId === job.jobId)).toBe(true);
    await core.close();
    core = await startCore();
    const after = await exports({ filter: 'photo-' });
    expect(after.map((item) => item.delivery)).toEqual(before.map((item) => item.delivery));
    expect((await value(core.api['tracked.list']({ profileId, undelivered: true, limit: 1 }))).total).toBe((await exports()).length - before.length);
  });

  it('an export removed and brought back by Undo keeps its record; one added again afresh is new', async () => {
    await download({ filter: 'report-q' });
    const [first, second] = await exports({ filter: 'report-q' });
    expect(first!.delivery?.how).toBe('zip');
    expect(second!.delivery?.how).toBe('zip');
    const removed = await value(core.api['tracked.remove']({ profileId, ids: [first!.id, second!.id] }));
    await value(core.api['tracked.restore']({ profileId, items: removed.items.filter((item) => item.id === first!.id) }));
    await value(core.api['tracked.add']({ profileId, text: second!.sourceFileUrl }));
    const now = await exports({ filter: 'report-q' });
    expect(now.find((item) => item.id === first!.id)?.delivery).toEqual(first!.delivery);
    expect(now.find((item) => item.sourceFileUrl === second!.sourceFileUrl)?.delivery).toBeUndefined();
  });
});
