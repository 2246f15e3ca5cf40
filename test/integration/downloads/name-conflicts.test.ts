import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConflictChoice, DownloadJob, DownloadProgress, NameConflict } from '../../../shared/api/downloads';
import type { Settings } from '../../../shared/api/settings';
import { createCore } from '../../../main/core/core';
import type { Core } from '../../../main/core/core';
import { runZipDownload } from '../../../main/core/downloads/zip-download';
import type { Fault } from '../../../main/core/sample-backend/faults';
import { sampleExportUrls, startSampleBackend } from '../../../main/core/sample-backend';
import { eventually } from '../../helpers/job-events';
import { value } from '../../helpers/result-value';
import { createTestPorts } from '../../helpers/test-ports';
import type { TestPorts } from '../../helpers/test-ports';

/**
 * Saving into the default folder where the name is taken, through the real core: the sample
 * backend over HTTP, the real store (settings, history) and real files.
 */
const NAME = 'Canvas exports – sample.zip';

let ports: TestPorts;
let core: Core;
let profileId: string;
let exportIds: string[];
/** Faults for the next batch requests, in order (none once used up). */
let faults: Array<Fault | null>;

beforeEach(async () => {
  ports = createTestPorts();
  faults = [];
  core = await createCore(ports, {
    identity: { name: 'Export Manager', version: '0.0.0', platform: 'linux' },
    sampleBackend: { faults: () => faults.shift() ?? null },
  });
  profileId = (await value(core.api['profiles.list'](undefined)))[0]!.id;
  exportIds = (await value(core.api['tracked.list']({ profileId, limit: 10 }))).items.map((item) => item.id);
  // Zip names only: the manifest beside each zip (and its own name under Keep both and Replace)
  // is tested in download-service.test.ts and by the command line's conflict tests.
  await value(core.api['settings.set']({ saveMode: 'default-folder', writeManifest: false }));
});
afterEach(async () => {
  await core.close();
  ports.cleanup();
});



function eventsOf<P extends { jobId: string }>(name: string, jobId: string): P[] {
  return ports.events.recorded.filter((e) => e.name === name && (e.payload as P).jobId === jobId).map((e) => e.payload as P);
}

const finished = (jobId: string) => eventually(() => eventsOf<DownloadJob>('downloads.finished', jobId)[0]);
const asked = (jobId: string) => eventually(() => eventsOf<{ jobId: string; conflict: NameConflict | null }>('downloads.conflict', jobId).find((e) => e.conflict)?.conflict ?? undefined);

/** Starts a zip of the first `count` exports into the default folder; resolves to its id. */
async function download(count: number): Promise<string> {
  return (await value(core.api['downloads.start']({ profileId, scope: { ids: exportIds.slice(0, count) }, mode: 'zip' }))).jobId;
}

/** Downloads to completion with no question asked (the name is free, or the setting answers). */
async function downloadDone(count: number): Promise<DownloadJob> {
  const job = await finished(await download(count));
  expect(job.state).toBe('succeeded');
  return job;
}

function answer(jobId: string, choice: ConflictChoice, remember = false) {
  return core.api['downloads.resolveConflict']({ jobId, choice, remember });
}

const saved = (file = NAME) => readFileSync(join(ports.paths.downloadsDir, file));
const leftovers = () => [ports.paths.downloadsDir, ports.paths.tempDir].flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith('.part')));
/** The history rows, once history has followed every download finished so far (it records after the finished event). */
async function historyItems() {
  const count = (name: string) => ports.events.recorded.filter((e) => e.name === name).length;
  await eventually(() => (count('history.changed') >= count('downloads.finished') ? true : undefined));
  return (await value(core.api['history.list']({ offset: 0, limit: 50 }))).items;
}

describe('a taken name in the default folder, with the setting at "ask"', () => {
  it('asks while the body keeps streaming; Keep both saves "name (1).zip" and leaves the first file intact', async () => {
    await downloadDone(1);
    const first = saved();
    const jobId = await download(3);
    expect(await asked(jobId)).toEqual({ filename: NAME, folder: ports.paths.downloadsDir });
    // The question survives a reload: the list carries it.
    const listed = await value(core.api['downloads.list'](undefined));
    expect(listed.find((job) => job.jobId === jobId)).toMatchObject({ state: 'running', conflict: { filename: NAME } });
    // The whole body arrives while the question is open.
    await eventually(() => eventsOf<DownloadProgress>('downloads.progress', jobId).find((p) => p.total !== null && p.bytes === p.total));
    expect(eventsOf('downloads.finished', jobId)).toEqual([]);

    expect(await answer(jobId, 'keep-both')).toEqual({ ok: true, value: { choice: 'keep-both', remembered: false } });
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'succeeded', conflict: null, result: { parts: [{ path: join(ports.paths.downloadsDir, 'Canvas exports – sample (1).zip') }] } });
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual(['Canvas exports – sample (1).zip', NAME]);
    expect(saved().equals(first)).toBe(true);
    expect(saved('Canvas exports – sample (1).zip').length).toBe(job.result?.mode === 'zip' ? job.result.bytes : -1);
    expect(eventsOf<{ conflict: unknown; jobId: string }>('downloads.conflict', jobId).at(-1)?.conflict).toBeNull();
    expect((await historyItems()).map((item) => item.path !== null)).toEqual([true, true]);
    expect((await value(core.api['settings.get'](undefined))).nameConflict).toBe('ask');
  });

  it('Replace puts the new zip in place and the older history entry forgets the path', async () => {
    await downloadDone(1);
    const first = saved();
    const jobId = await download(3);
    await asked(jobId);
    await value(answer(jobId, 'replace'));
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'succeeded', result: { parts: [{ path: join(ports.paths.downloadsDir, NAME) }], entries: 3 } });
    expect(readdirSync(ports.paths.downloadsDir)).toEqual([NAME]);
    expect(saved().equals(first)).toBe(false);
    expect(saved().length).toBe(job.result?.mode === 'zip' ? job.result.bytes : -1);
    expect(leftovers()).toEqual([]);
    const [newer, older] = await historyItems();
    expect(newer).toMatchObject({ jobId, path: join(ports.paths.downloadsDir, NAME) });
    expect(older).toMatchObject({ result: 'success', path: null, fileId: null });
  });

  it('Replace makes the older job forget its file too: no id to show or inspect it, announced with downloads.updated', async () => {
    const older = await downloadDone(1);
    const jobId = await download(3);
    await asked(jobId);
    await value(answer(jobId, 'replace'));
    await finished(jobId);
    const listed = await value(core.api['downloads.list'](undefined));
    const newer = listed.find((job) => job.jobId === jobId);
    const forgotten = listed.find((job) => job.jobId === older.jobId);
    expect(newer?.result).toMatchObject({ mode: 'zip', parts: [{ path: join(ports.paths.downloadsDir, NAME), fileId: expect.any(String) }] });
    expect(forgotten?.result).toMatchObject({ mode: 'zip', parts: [{ path: join(ports.paths.downloadsDir, NAME), fileId: null }] });
    expect(eventsOf<DownloadJob>('downloads.updated', older.jobId).at(-1)?.result).toMatchObject({ parts: [{ fileId: null }] });
    // Keep both never takes an older job's path: nothing is forgotten then.
    await value(core.api['settings.set']({ nameConflict: 'keep-both' }));
    await downloadDone(2);
    expect(eventsOf('downloads.updated', jobId)).toEqual([]);
  });

  it('Cancel ends the job cancelled: the existing file byte-identical, no temp file left', async () => {
    await downloadDone(1);
    const first = saved();
    const before = statSync(join(ports.paths.downloadsDir, NAME));
    const jobId = await download(3);
    await asked(jobId);
    await value(answer(jobId, 'cancel'));
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'cancelled', conflict: null, error: { kind: 'cancelled', message: expect.stringContaining('already exists') } });
    expect(readdirSync(ports.paths.downloadsDir)).toEqual([NAME]);
    expect(saved().equals(first)).toBe(true);
    expect(statSync(join(ports.paths.downloadsDir, NAME)).mtimeMs).toBe(before.mtimeMs);
    expect(leftovers()).toEqual([]);
    expect((await historyItems())[0]).toMatchObject({ result: 'cancelled', path: null });
    expect((await value(core.api['settings.get'](undefined))).nameConflict).toBe('ask');
  });

  it('"Remember my choice" stores the setting (announced), and the next job replaces without asking', async () => {
    await downloadDone(1);
    const jobId = await download(2);
    await asked(jobId);
    expect(await answer(jobId, 'replace', true)).toEqual({ ok: true, value: { choice: 'replace', remembered: true } });
    await finished(jobId);
    expect((await value(core.api['settings.get'](undefined))).nameConflict).toBe('replace');
    expect(ports.events.recorded.filter((e) => e.name === 'settings.changed').map((e) => (e.payload as Settings).nameConflict)).toContain('replace');

    const next = await downloadDone(3);
    expect(eventsOf('downloads.conflict', next.jobId)).toEqual([]);
    expect(readdirSync(ports.paths.downloadsDir)).toEqual([NAME]);
    expect(next.result).toMatchObject({ entries: 3 });
  });

  it('closes the question when the job is cancelled while asking; nothing is touched', async () => {
    await downloadDone(1);
    const first = saved();
    // The body stalls: the job is still downloading while it asks.
    faults.push({ kind: 'stall', afterBytes: 500 });
    const jobId = await download(3);
    await asked(jobId);
    expect(await value(core.api['downloads.cancel']({ jobId }))).toEqual({ cancelled: true });
    const job = await finished(jobId);
    expect(job).toMatchObject({ state: 'cancelled', conflict: null, error: { message: 'The download was cancelled.' } });
    expect(eventsOf<{ conflict: unknown; jobId: string }>('downloads.conflict', jobId).map((e) => e.conflict === null)).toEqual([false, true]);
    expect(saved().equals(first)).toBe(true);
    expect(leftovers()).toEqual([]);
    // The question closed with the job: answering it now names a job that is not running.
    expect(await answer(jobId, 'replace')).toMatchObject({ ok: false, error: { kind: 'state' } });
  });
});

describe('a taken name with the setting answering for the user', () => {
  it('"keep-both" saves "name (1).zip" without asking', async () => {
    await value(core.api['settings.set']({ nameConflict: 'keep-both' }));
    await downloadDone(1);
    const job = await downloadDone(2);
    expect(eventsOf('downloads.conflict', job.jobId)).toEqual([]);
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual(['Canvas exports – sample (1).zip', NAME]);
  });

  it('"replace" replaces without asking', async () => {
    await value(core.api['settings.set']({ nameConflict: 'replace' }));
    await downloadDone(1);
    const job = await downloadDone(2);
    expect(eventsOf('downloads.conflict', job.jobId)).toEqual([]);
    expect(readdirSync(ports.paths.downloadsDir)).toEqual([NAME]);
    expect(job.result).toMatchObject({ entries: 2 });
  });

  it('the save dialog (saveTo "ask") is never followed by this question: the dialog confirmed it', async () => {
    await downloadDone(1);
    ports.dialogs.saveAnswers.push(join(ports.paths.downloadsDir, NAME));
    const { jobId } = await value(core.api['downloads.start']({ profileId, scope: { ids: exportIds.slice(0, 2) }, mode: 'zip', saveTo: 'ask' }));
    expect((await finished(jobId)).state).toBe('succeeded');
    expect(eventsOf('downloads.conflict', jobId)).toEqual([]);
  });
});

describe('downloads.resolveConflict refuses what it cannot answer', () => {
  it('an unknown job, a job that asks nothing, a bad choice, and Cancel with "remember"', async () => {
    expect(await answer('no-such-job', 'keep-both')).toMatchObject({ ok: false, error: { kind: 'state' } });
    faults.push({ kind: 'stall', afterBytes: 500 });
    const jobId = await download(2); // the name is free: it downloads without asking
    await eventually(() => eventsOf('downloads.named', jobId)[0]);
    expect(await answer(jobId, 'keep-both')).toMatchObject({ ok: false, error: { kind: 'state', message: expect.stringContaining('not waiting') } });
    expect(await core.api['downloads.resolveConflict']({ jobId, choice: 'overwrite', remember: false })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await core.api['downloads.resolveConflict']({ jobId, choice: 'cancel', remember: true })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await core.api['downloads.resolveConflict']({ jobId, choice: 'keep-both' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    await value(core.api['downloads.cancel']({ jobId }));
    await finished(jobId);
  });

  it('keeps "nameConflict" to its three values in settings.set', async () => {
    expect(await core.api['settings.set']({ nameConflict: 'cancel' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(await value(core.api['settings.set']({ nameConflict: 'keep-both' }))).toMatchObject({ nameConflict: 'keep-both' });
  });
});

describe('the engine with a question open', () => {
  it('closes the question when the download fails while asking: the policy’s signal aborts, no temp file stays', async () => {
    const backend = await startSampleBackend({ faults: [{ kind: 'stall', afterBytes: 500 }] });
    try {
      const folder = ports.paths.downloadsDir;
      await downloadDone(1); // the name is now taken in the default folder
      let question: AbortSignal | null = null;
      const failed = runZipDownload({
        baseUrl: backend.url,
        apiKey: null,
        sourceFileUrls: sampleExportUrls(backend.url).slice(0, 2),
        destination: { kind: 'folder', dir: folder, onConflict: (_taken, signal) => ((question = signal), new Promise(() => {})) },
        tempDir: ports.paths.tempDir,
        timeouts: { idleMs: 300 },
      });
      await expect(failed).rejects.toMatchObject({ appError: { kind: 'timeout' } });
      expect(question).not.toBeNull();
      expect(question!.aborted).toBe(true);
      expect(leftovers()).toEqual([]);
      expect(readdirSync(folder)).toEqual([NAME]);
    } finally {
      await backend.close();
    }
  });
});

describe('a split download whose parts are already in the default folder', () => {
  const PART_1 = 'Canvas exports – sample (part 1 of 2).zip';
  const PART_2 = 'Canvas exports – sample (part 2 of 2).zip';

  it('Keep both numbers the set, not each part: "name (1) (part k of 2).zip" for every part', async () => {
    await value(core.api['profiles.setMaxBatchSize']({ id: profileId, maxBatchSize: 2 }));
    expect((await downloadDone(3)).state).toBe('succeeded');
    const jobId = await download(3);
    expect(await asked(jobId)).toEqual({ filename: PART_1, folder: ports.paths.downloadsDir });
    await value(answer(jobId, 'keep-both'));
    const job = await finished(jobId);
    const numbered = ['Canvas exports – sample (1) (part 1 of 2).zip', 'Canvas exports – sample (1) (part 2 of 2).zip'];
    expect(job.result).toMatchObject({ mode: 'zip', parts: numbered.map((filename) => ({ filename, path: join(ports.paths.downloadsDir, filename) })) });
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual([...numbered, PART_1, PART_2].sort());
  });

  it('numbers the set by its first number under which no part is taken, and asks when only a later part is taken', async () => {
    await value(core.api['profiles.setMaxBatchSize']({ id: profileId, maxBatchSize: 2 }));
    await value(core.api['settings.set']({ nameConflict: 'keep-both' }));
    // Part 2 of the unnumbered set, and part 2 of set (1), are there already: set (2) is the first wholly free one.
    for (const name of [PART_2, 'Canvas exports – sample (1) (part 2 of 2).zip']) writeFileSync(join(ports.paths.downloadsDir, name), 'not mine');
    const job = await downloadDone(3);
    expect(job.result?.mode === 'zip' && job.result.parts.map((part) => part.filename)).toEqual([
      'Canvas exports – sample (2) (part 1 of 2).zip',
      'Canvas exports – sample (2) (part 2 of 2).zip',
    ]);
    expect(saved(PART_2).toString()).toBe('not mine');
    // With "ask", a set whose part 1 is free but whose part 2 is taken asks before part 1 is saved, naming the taken part.
    await value(core.api['settings.set']({ nameConflict: 'ask' }));
    rmSync(join(ports.paths.downloadsDir, 'Canvas exports – sample (2) (part 1 of 2).zip'));
    rmSync(join(ports.paths.downloadsDir, 'Canvas exports – sample (2) (part 2 of 2).zip'));
    const asking = await download(3);
    expect(await asked(asking)).toEqual({ filename: PART_2, folder: ports.paths.downloadsDir });
    await value(answer(asking, 'cancel'));
    expect((await finished(asking)).state).toBe('cancelled');
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual(['Canvas exports – sample (1) (part 2 of 2).zip', PART_2]);
  });

  it('asks once, for part 1, and the answer settles part 2 as well', async () => {
    await value(core.api['profiles.setMaxBatchSize']({ id: profileId, maxBatchSize: 2 }));
    // Other exports first, so each replaced part differs from the one it replaces.
    const earlier = await value(core.api['downloads.start']({ profileId, scope: { ids: exportIds.slice(4, 8) }, mode: 'zip' }));
    expect((await finished(earlier.jobId)).state).toBe('succeeded');
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual([PART_1, PART_2]);
    const before = [saved(PART_1), saved(PART_2)];

    const jobId = await download(3);
    expect(await asked(jobId)).toEqual({ filename: PART_1, folder: ports.paths.downloadsDir });
    await value(answer(jobId, 'replace'));
    const job = await finished(jobId);
    expect(job.state).toBe('succeeded');
    // One question for the whole job: part 2's taken name was settled by the same answer.
    expect(eventsOf<{ conflict: unknown; jobId: string }>('downloads.conflict', jobId).filter((event) => event.conflict)).toHaveLength(1);
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual([PART_1, PART_2]);
    expect(job.result).toMatchObject({ mode: 'zip', parts: [{ entries: 2 }, { entries: 1 }] });
    expect(saved(PART_1).equals(before[0]!)).toBe(false);
    expect(saved(PART_2).equals(before[1]!)).toBe(false);
    expect(leftovers()).toEqual([]);
    expect((await value(core.api['settings.get'](undefined))).nameConflict).toBe('ask');
  });
});

describe('a split download saved through the save dialog beside parts already there', () => {
  const PART_1 = 'Canvas exports – sample (part 1 of 2).zip';
  const PART_2 = 'Canvas exports – sample (part 2 of 2).zip';
  const SET_1 = ['Canvas exports – sample (1) (part 1 of 2).zip', 'Canvas exports – sample (1) (part 2 of 2).zip'];

  /** Starts a zip of the first 3 exports (2 parts), the save dialog answering part 1's path in the default folder. */
  async function downloadThroughDialog(): Promise<string> {
    await value(core.api['profiles.setMaxBatchSize']({ id: profileId, maxBatchSize: 2 }));
    ports.dialogs.saveAnswers.push(join(ports.paths.downloadsDir, PART_1));
    return (await value(core.api['downloads.start']({ profileId, scope: { ids: exportIds.slice(0, 3) }, mode: 'zip', saveTo: 'ask' }))).jobId;
  }

  it('asks about a taken later part the dialog never saw, and Keep both numbers the whole set', async () => {
    writeFileSync(join(ports.paths.downloadsDir, PART_2), 'not mine');
    const jobId = await downloadThroughDialog();
    expect(await asked(jobId)).toEqual({ filename: PART_2, folder: ports.paths.downloadsDir });
    await value(answer(jobId, 'keep-both'));
    const job = await finished(jobId);
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ mode: 'zip', parts: SET_1.map((filename) => ({ filename, path: join(ports.paths.downloadsDir, filename) })) });
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual([...SET_1, PART_2].sort());
    expect(saved(PART_2).toString()).toBe('not mine');
  });

  it('keeps a part 1 the dialog agreed to replace when the set is kept beside it (Keep both)', async () => {
    for (const name of [PART_1, PART_2]) writeFileSync(join(ports.paths.downloadsDir, name), `not mine: ${name}`);
    const jobId = await downloadThroughDialog();
    expect(await asked(jobId)).toEqual({ filename: PART_2, folder: ports.paths.downloadsDir });
    await value(answer(jobId, 'keep-both'));
    expect((await finished(jobId)).state).toBe('succeeded');
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual([...SET_1, PART_1, PART_2].sort());
    expect(saved(PART_1).toString()).toBe(`not mine: ${PART_1}`);
  });

  it('Replace replaces every part of the set, asked once', async () => {
    writeFileSync(join(ports.paths.downloadsDir, PART_2), 'not mine');
    const jobId = await downloadThroughDialog();
    await asked(jobId);
    await value(answer(jobId, 'replace'));
    const job = await finished(jobId);
    expect(job.state).toBe('succeeded');
    expect(eventsOf<{ conflict: unknown; jobId: string }>('downloads.conflict', jobId).filter((event) => event.conflict)).toHaveLength(1);
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual([PART_1, PART_2]);
    expect(saved(PART_2).toString()).not.toBe('not mine');
    expect(leftovers()).toEqual([]);
  });

  it('Cancel saves nothing and leaves the taken part as it was', async () => {
    writeFileSync(join(ports.paths.downloadsDir, PART_2), 'not mine');
    const jobId = await downloadThroughDialog();
    await asked(jobId);
    await value(answer(jobId, 'cancel'));
    const job = await finished(jobId);
    expect(job.state).toBe('cancelled');
    expect(job.error?.message).toMatch(/"Canvas exports – sample \(part 2 of 2\)\.zip" already exists/);
    expect(readdirSync(ports.paths.downloadsDir)).toEqual([PART_2]);
    expect(saved(PART_2).toString()).toBe('not mine');
    expect(leftovers()).toEqual([]);
  });

  it('names the set after a file renamed in the dialog, and numbers that set when one of its parts is taken', async () => {
    await value(core.api['profiles.setMaxBatchSize']({ id: profileId, maxBatchSize: 2 }));
    writeFileSync(join(ports.paths.downloadsDir, 'Quarter (part 2 of 2).zip'), 'not mine');
    ports.dialogs.saveAnswers.push(join(ports.paths.downloadsDir, 'Quarter.zip'));
    const jobId = (await value(core.api['downloads.start']({ profileId, scope: { ids: exportIds.slice(0, 3) }, mode: 'zip', saveTo: 'ask' }))).jobId;
    expect(await asked(jobId)).toEqual({ filename: 'Quarter (part 2 of 2).zip', folder: ports.paths.downloadsDir });
    await value(answer(jobId, 'keep-both'));
    expect((await finished(jobId)).state).toBe('succeeded');
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual(['Quarter (1) (part 1 of 2).zip', 'Quarter (1) (part 2 of 2).zip', 'Quarter (part 2 of 2).zip']);
  });

  it('asks nothing when no later part is taken', async () => {
    const jobId = await downloadThroughDialog();
    const job = await finished(jobId);
    expect(job.state).toBe('succeeded');
    expect(eventsOf<{ conflict: unknown; jobId: string }>('downloads.conflict', jobId).filter((event) => event.conflict)).toHaveLength(0);
    expect(readdirSync(ports.paths.downloadsDir).sort()).toEqual([PART_1, PART_2]);
  });
});
