import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/api';
import { isExtractLimitError } from '../../../shared/api/archive';
import type { ArchiveJob, ArchiveJobOf, ArchiveOp, ArchiveProgress } from '../../../shared/api/archive';
import { appErrorOf } from '../../../main/core/app-error';
import { createArchiveFeature } from '../../../main/core/archive/feature';
import { FileGrants } from '../../../main/core/file-grants';
import type { EventSink } from '../../../main/core/ports';
import { eventually } from '../../helpers/job-events';
import { createTestPorts, type TestPorts } from '../../helpers/test-ports';
import { fixtureDir, runArchiver, writeZip } from '../../helpers/zip-fixtures';

// These run the real worker thread (from source through tsx), as the app does.
const { dir, cleanup } = fixtureDir();
let ports: TestPorts;
let grants: FileGrants;
/** Every event the feature pushed, in order. */
const pushed: Array<{ name: EventName; payload: unknown }> = [];
/** Called with each event as it is pushed (a test cancels at the moment it wants). */
let onPushed: (name: EventName, payload: unknown) => void = () => {};
const events: EventSink = {
  emit<E extends EventName>(name: E, payload: EventPayload<E>) {
    pushed.push({ name, payload });
    onPushed(name, payload);
  },
};
/** A feature over the shared ports and grants (a fresh one where a test closes it). */
const newFeature = () => createArchiveFeature({ dialogs: ports.dialogs, shell: ports.shell, events, paths: ports.paths, grants });
let feature: ReturnType<typeof createArchiveFeature>;
let handlers: ReturnType<typeof createArchiveFeature>['handlers'];
/** The id main would have handed out for a zip the user picked. */
const zipId = (name: string) => grants.grant(join(dir, name), 'file').id;
const folderId = (name: string) => grants.grant(join(dir, name), 'folder').id;

/** The events pushed about one job, by name. */
function eventsOf(jobId: string, name: EventName): unknown[] {
  return pushed.filter((event) => event.name === name && (event.payload as { jobId: string }).jobId === jobId).map((event) => event.payload);
}
/** The job as its `archive.finished` event carried it, once pushed. */
async function finished<Op extends ArchiveOp>(started: { jobId: string } | Promise<{ jobId: string }>, _op?: Op): Promise<ArchiveJobOf<Op>> {
  const { jobId } = await started;
  return (await eventually(() => eventsOf(jobId, 'archive.finished')[0])) as ArchiveJobOf<Op>;
}
/** What a synchronous refusal of a call (an id not handed out, a job already running) carries. */
function refusal(call: () => unknown) {
  try {
    call();
  } catch (error) {
    return appErrorOf(error);
  }
  return null;
}
/** Every file under `root`, relative and `/`-separated, sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(/[\\/]/).join('/'))
    .sort();
}
/** The data of entry `i` of the many-entries zip: its content tells a complete file from a cut one. */
const itemData = (i: number) => Buffer.from(`item ${i} `.repeat(40));
const MANY = 4000;

beforeAll(() => {
  ports = createTestPorts();
  grants = new FileGrants();
  feature = newFeature();
  handlers = feature.handlers;
  const src = join(dir, 'src');
  mkdirSync(join(src, 'docs'), { recursive: true });
  writeFileSync(join(src, 'docs', 'note.txt'), 'open me');
  runArchiver('bsdtar', ['--format', 'zip', '-cf', '../tar.zip', 'docs'], src);
  // Small entries first, then large stored ones: a cancel lands while it writes, whatever the machine's speed.
  writeZip(join(dir, 'many.zip'), [
    ...Array.from({ length: MANY }, (_, i) => ({ name: `part-${i % 8}/item-${i}.txt`, data: itemData(i), deflate: true })),
    ...Array.from({ length: 6 }, (_, i) => ({ name: `large-${i}.bin`, data: Buffer.alloc(8 * 1024 * 1024, i) })),
  ]);
});
afterAll(() => {
  ports.cleanup();
  cleanup();
});

describe('archive feature', () => {
  it('lists on the worker thread', async () => {
    const listing = await handlers['archive.list']({ fileId: zipId('tar.zip') });
    expect(listing.entries.map((entry) => entry.name)).toContain('docs/note.txt');
  });

  it('turns a non-zip into an archive AppError across the worker boundary', async () => {
    writeFileSync(join(dir, 'fake.zip'), 'nope');
    const error = await Promise.resolve(handlers['archive.list']({ fileId: zipId('fake.zip') })).then(() => null, (e: unknown) => e);
    expect(appErrorOf(error)).toMatchObject({ kind: 'archive', message: expect.stringMatching(/not a zip/) });
  });

  it('asks for a zip and a folder through the dialogs, null when cancelled', async () => {
    ports.dialogs.openAnswers.push([join(dir, 'tar.zip')]);
    ports.dialogs.folderAnswers.push('/chosen');
    const zip = await handlers['archive.chooseFile'](undefined);
    expect(zip).toMatchObject({ path: join(dir, 'tar.zip'), name: 'tar.zip' });
    expect(grants.resolve(zip!.id, 'file')).toBe(join(dir, 'tar.zip'));
    const folder = await handlers['archive.chooseFolder'](undefined);
    expect(folder).toMatchObject({ path: '/chosen', name: 'chosen' });
    expect(grants.resolve(folder!.id, 'folder')).toBe('/chosen');
    expect(await handlers['archive.chooseFile'](undefined)).toBeNull();
    expect(ports.dialogs.asked[0]?.options).toMatchObject({ filters: [{ extensions: ['zip'] }, { extensions: ['*'] }] });
  });

  it('acts only on ids it handed out: a path or an unknown id fails the call, and no job starts', async () => {
    const asPath = await Promise.resolve(handlers['archive.list']({ fileId: join(dir, 'tar.zip') })).then(() => null, (e: unknown) => e);
    expect(appErrorOf(asPath)).toMatchObject({ kind: 'state', message: expect.stringMatching(/choose it again/) });
    const before = pushed.length;
    expect(refusal(() => handlers['archive.extract']({ fileId: zipId('tar.zip'), folderId: zipId('tar.zip') }))).toMatchObject({ kind: 'state' });
    expect(refusal(() => handlers['archive.verify']({ fileId: 'file-unknown' }))).toMatchObject({ kind: 'state' });
    expect(pushed.length).toBe(before);
  });

  it('extracts as a job: its id at once, then started, progress by entries, and one finished with the outcome', async () => {
    const dest = join(dir, 'dest');
    const started = await handlers['archive.extract']({ fileId: zipId('tar.zip'), folderId: folderId('dest') });
    expect(started).toEqual({ jobId: expect.any(String) });
    const job = await finished(started, 'extract');
    expect(eventsOf(started.jobId, 'archive.started')).toEqual([expect.objectContaining({ jobId: started.jobId, op: 'extract', zipName: 'tar.zip', state: 'running', result: null })]);
    expect(job).toMatchObject({ state: 'succeeded', op: 'extract', fileId: zipId('tar.zip'), error: null, finishedAt: expect.any(String) });
    expect(job.result!.extracted).toEqual(['docs/note.txt']);
    expect(job.progress).toEqual({ jobId: started.jobId, entriesDone: 2, entriesTotal: 2, bytesDone: 7, bytesTotal: 7, entry: null });
    expect(grants.resolve(job.result!.destinationId, 'folder')).toBe(job.result!.destination);
    // Into a new folder named after the zip, never loose among the chosen folder's files.
    expect(job.result!.destination).toBe(join(dest, 'tar'));
    expect(readFileSync(join(dest, 'tar', 'docs', 'note.txt'), 'utf8')).toBe('open me');
    const again = await finished(handlers['archive.extract']({ fileId: zipId('tar.zip'), folderId: folderId('dest') }), 'extract');
    expect(again.result!.destination).toBe(join(dest, 'tar (1)'));
  });

  it('ends a zip-bomb extraction failed with the limit error the app can ask about, and extracts it with allowLarge: true', async () => {
    writeZip(join(dir, 'bomb.zip'), [{ name: 'zeros.bin', data: Buffer.alloc(4 * 1024 * 1024), deflate: true }]);
    const refused = await finished(handlers['archive.extract']({ fileId: zipId('bomb.zip'), folderId: folderId('bomb-dest') }), 'extract');
    expect(refused).toMatchObject({ state: 'failed', result: null });
    expect(isExtractLimitError(refused.error!)).toBe(true);
    expect(refused.error!.message).toMatch(/"zeros.bin" would grow/);
    // Refused before writing: not even the new folder is left behind.
    expect(existsSync(join(dir, 'bomb-dest', 'bomb'))).toBe(false);
    const allowed = await finished(handlers['archive.extract']({ fileId: zipId('bomb.zip'), folderId: folderId('bomb-dest'), allowLarge: true }), 'extract');
    expect(allowed.result!.extracted).toEqual(['zeros.bin']);
  });

  it('cancels an extraction by id mid-way: the partial outcome lists exactly the complete files on disk', async () => {
    // Cancelled as soon as files are being written.
    onPushed = (name, payload) => {
      if (name === 'archive.progress' && (payload as ArchiveProgress).entriesDone > 0) void handlers['archive.cancel']({ jobId: (payload as ArchiveProgress).jobId });
    };
    const started = await handlers['archive.extract']({ fileId: zipId('many.zip'), folderId: folderId('cancel-dest') });
    const job = await finished(started, 'extract').finally(() => (onPushed = () => {}));
    expect(job).toMatchObject({ state: 'cancelled', error: { kind: 'cancelled', message: expect.stringMatching(/written before it stopped were kept/) } });
    const written = job.result!.extracted;
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(MANY + 6);
    const destination = join(dir, 'cancel-dest', 'many');
    expect(job.result!.destination).toBe(destination);
    expect(grants.resolve(job.result!.destinationId, 'folder')).toBe(destination);
    // Nothing half-written and no temp file: the folder holds the listed files, each whole.
    expect(filesUnder(destination)).toEqual([...written].sort());
    for (const name of written.filter((file) => file.endsWith('.txt'))) {
      expect(readFileSync(join(destination, name)).equals(itemData(Number(/item-(\d+)/.exec(name)![1])))).toBe(true);
    }
    expect(job.progress!.entriesDone).toBeGreaterThanOrEqual(written.length);
    expect(eventsOf(started.jobId, 'archive.finished')).toHaveLength(1);
  });

  it('leaves no folder behind when an extraction is cancelled before it wrote anything', async () => {
    const started = await handlers['archive.extract']({ fileId: zipId('many.zip'), folderId: folderId('early-dest') });
    expect(await handlers['archive.cancel'](started)).toEqual({ cancelled: true });
    const job = await finished(started, 'extract');
    expect(job).toMatchObject({ state: 'cancelled', result: null, error: { kind: 'cancelled' } });
    expect(readdirSync(join(dir, 'early-dest'))).toEqual([]);
  });

  it('refuses a second job of the same zip and op while one runs, with kind state', async () => {
    const first = await handlers['archive.verify']({ fileId: zipId('many.zip') });
    expect(refusal(() => handlers['archive.verify']({ fileId: zipId('many.zip') }))).toMatchObject({ kind: 'state', message: expect.stringMatching(/already being verified/) });
    // Another op of the same zip is another job.
    const extract = await handlers['archive.extract']({ fileId: zipId('tar.zip'), folderId: folderId('other-dest') });
    await handlers['archive.cancel'](first);
    expect((await finished(first)).state).toBe('cancelled');
    expect((await finished(extract)).state).toBe('succeeded');
    // Ended: the same job may run again.
    const again = await handlers['archive.verify']({ fileId: zipId('tar.zip') });
    expect((await finished(again)).state).toBe('succeeded');
  });

  it('opens one entry as a job, from a fresh folder under the temp dir with the default app', async () => {
    const job = await finished(handlers['archive.openEntry']({ fileId: zipId('tar.zip'), name: 'docs/note.txt' }), 'open');
    expect(job).toMatchObject({ op: 'open', state: 'succeeded', result: { action: 'opened', type: null } });
    const opened = ports.opened.paths.at(-1)!;
    expect(relative(ports.paths.tempDir, opened)).toMatch(/^open-[^/]+\/docs\/note\.txt$/);
    expect(readFileSync(opened, 'utf8')).toBe('open me');
  });

  it('shows a program or script in its folder instead of opening it', async () => {
    writeZip(join(dir, 'tools.zip'), [
      { name: 'bin/setup.exe', data: Buffer.from('MZ') },
      { name: 'run.sh', data: Buffer.from('#!/bin/sh\n') },
    ]);
    const opened = ports.opened.paths.length;
    expect((await finished(handlers['archive.openEntry']({ fileId: zipId('tools.zip'), name: 'bin/setup.exe' }), 'open')).result).toEqual({ action: 'revealed', type: 'exe' });
    expect((await finished(handlers['archive.openEntry']({ fileId: zipId('tools.zip'), name: 'run.sh' }), 'open')).result).toEqual({ action: 'revealed', type: 'sh' });
    expect(ports.opened.paths).toHaveLength(opened);
    expect(ports.opened.revealed.slice(-2).map((path) => relative(ports.paths.tempDir, path))).toEqual([
      expect.stringMatching(/^open-[^/]+\/bin\/setup\.exe$/),
      expect.stringMatching(/^open-[^/]+\/run\.sh$/),
    ]);
  });

  it('opens only known passive types: Office, web, shortcut and unknown types are shown in their folder, never opened', async () => {
    const revealed = ['xll', 'xla', 'one', 'doc', 'xls', 'accdb', 'html', 'svg', 'website', 'search-ms', 'sct', 'mshxml'];
    const opens = ['pdf', 'png'];
    writeZip(join(dir, 'types.zip'), [...revealed, ...opens].map((type) => ({ name: `files/sample.${type}`, data: Buffer.from(type) })));
    const openedBefore = ports.opened.paths.length;
    const revealedBefore = ports.opened.revealed.length;
    for (const type of revealed) {
      const job = await finished(handlers['archive.openEntry']({ fileId: zipId('types.zip'), name: `files/sample.${type}` }), 'open');
      expect(job.result, type).toEqual({ action: 'revealed', type });
    }
    expect(ports.opened.paths).toHaveLength(openedBefore);
    expect(ports.opened.revealed.slice(revealedBefore).map((path) => path.split(/[\\/]/).pop())).toEqual(revealed.map((type) => `sample.${type}`));
    for (const type of opens) {
      const job = await finished(handlers['archive.openEntry']({ fileId: zipId('types.zip'), name: `files/sample.${type}` }), 'open');
      expect(job.result, type).toEqual({ action: 'opened', type: null });
      expect(readFileSync(ports.opened.paths.at(-1)!, 'utf8')).toBe(type);
    }
    expect(ports.opened.revealed).toHaveLength(revealedBefore + revealed.length);
  });

  it('ends an open job failed with the reason: archive for an unsafe entry, validation for a folder', async () => {
    writeZip(join(dir, 'evil.zip'), [{ name: '../../x.sh', data: Buffer.from('x') }, { name: 'folder/', data: Buffer.alloc(0) }]);
    const unsafe = await finished(handlers['archive.openEntry']({ fileId: zipId('evil.zip'), name: '../../x.sh' }), 'open');
    expect(unsafe).toMatchObject({ state: 'failed', error: { kind: 'archive', message: expect.stringMatching(/leaves the folder/) } });
    const folder = await finished(handlers['archive.openEntry']({ fileId: zipId('evil.zip'), name: 'folder/' }), 'open');
    expect(folder).toMatchObject({ state: 'failed', error: { kind: 'validation', message: expect.stringMatching(/is a folder; only files can be opened/) } });
  });

  it('cancels an open job by id: nothing is opened and its temp folder is removed', async () => {
    const openedBefore = ports.opened.paths.length;
    const tempBefore = readdirSync(ports.paths.tempDir).length;
    const started = await handlers['archive.openEntry']({ fileId: zipId('many.zip'), name: 'large-5.bin' });
    expect(await handlers['archive.cancel'](started)).toEqual({ cancelled: true });
    const job = await finished(started, 'open');
    expect(job).toMatchObject({ state: 'cancelled', result: null, error: { kind: 'cancelled', message: 'Opening "large-5.bin" was cancelled.' } });
    expect(ports.opened.paths).toHaveLength(openedBefore);
    expect(readdirSync(ports.paths.tempDir)).toHaveLength(tempBefore);
  });

  it('verifies as a job, its progress counting entries up to the entry count', async () => {
    const started = await handlers['archive.verify']({ fileId: zipId('many.zip') });
    const job = await finished(started, 'verify');
    expect(job).toMatchObject({ state: 'succeeded', result: { ok: true, checked: MANY + 6, failed: [] } });
    const progress = eventsOf(started.jobId, 'archive.progress') as ArchiveProgress[];
    expect(new Set(progress.map((p) => p.entriesTotal))).toEqual(new Set([MANY + 6]));
    expect(progress.at(-1)).toMatchObject({ entriesDone: MANY + 6, entry: null });
    expect(job.progress).toEqual(progress.at(-1));
    // Throttled: about ten a second, not one per entry.
    expect(progress.length).toBeLessThan(MANY / 10);
  });

  it('cancels a running verify job by id, and says when there was nothing to cancel', async () => {
    const started = await handlers['archive.verify']({ fileId: zipId('tar.zip') });
    expect(await handlers['archive.cancel'](started)).toEqual({ cancelled: true });
    expect(await finished(started)).toMatchObject({ state: 'cancelled', result: null, error: { kind: 'cancelled' } });
    expect(await handlers['archive.cancel'](started)).toEqual({ cancelled: false });
    expect(await handlers['archive.cancel']({ jobId: 'never-started' })).toEqual({ cancelled: false });
  });

  it('ends a job on a zip that has gone with a disk error (not-found is the backend\'s 404 only)', async () => {
    writeZip(join(dir, 'gone.zip'), [{ name: 'a.txt', data: Buffer.from('a') }]);
    const fileId = zipId('gone.zip');
    rmSync(join(dir, 'gone.zip'));
    const job = await finished(handlers['archive.verify']({ fileId }), 'verify');
    expect(job).toMatchObject({ state: 'failed', error: { kind: 'disk', message: expect.stringMatching(/"gone.zip" does not exist/) } });
  });

  it('pushes exactly one finished event per job', () => {
    const ids = pushed.filter((event) => event.name === 'archive.started').map((event) => (event.payload as ArchiveJob).jobId);
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(eventsOf(id, 'archive.finished'), id).toHaveLength(1);
  });

  it('aborts running jobs on close, waits for them to finish, and refuses new ones', async () => {
    const closing = newFeature();
    const verify = await closing.handlers['archive.verify']({ fileId: zipId('many.zip') });
    const extract = await closing.handlers['archive.extract']({ fileId: zipId('many.zip'), folderId: folderId('close-dest') });
    await closing.close?.();
    // Finished by the time close resolves, not later.
    expect(eventsOf(verify.jobId, 'archive.finished')).toEqual([expect.objectContaining({ state: 'cancelled' })]);
    expect(eventsOf(extract.jobId, 'archive.finished')).toEqual([expect.objectContaining({ state: 'cancelled' })]);
    expect(await closing.handlers['archive.cancel'](verify)).toEqual({ cancelled: false });
    expect(refusal(() => closing.handlers['archive.verify']({ fileId: zipId('tar.zip') }))).toMatchObject({ kind: 'state' });
  });
});
