import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../main/core/downloads/download-ports';
import { HOST_TAG, ownerIsGone, thisProcess } from '../../../../main/core/files/process-owner';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';

const entry = (jobId: string, path: string | null = null): HistoryEntry => ({
  jobId, when: '2026-11-30T00:00:00.000Z', profileId: 'p', profileName: 'P', itemCount: 3, mode: 'zip',
  result: 'success', errorKind: null, path, bytes: path ? 10 : null, exportIds: ['1', '2', '3'], sourceFileUrls: ['https://h/a', 'https://h/b', 'https://h/c'],
});

/** An owner on this machine whose pid no process has (pids stay below 2^22 on Linux). */
const DEAD_OWNER = `${HOST_TAG}-${2 ** 30}`;

describe('the journal of running jobs in history', () => {
  let fx: StoreFixture;
  beforeEach(() => {
    fx = createStoreFixture();
  });
  afterEach(() => fx.cleanup());

  it('is not history: a running job is not listed, counted, searched, removed or cleared', () => {
    fx.store.history.begin(entry('running-job'), thisProcess());
    fx.store.history.record(entry('done-job', '/d/done.zip'));
    expect(fx.store.history.list().items.map((item) => item.jobId)).toEqual(['done-job']);
    expect(fx.store.history.list({ search: 'P' }).total).toBe(1);
    expect(fx.store.history.count()).toBe(1);
    expect(fx.store.history.ofJob('running-job')).toBeNull();
    expect(fx.store.history.clear()).toBe(1);
    expect(fx.store.history.interruptOrphans(() => true).count).toBe(1); // it was still there
  });

  it('a finished job replaces its journal row: one row, with the result and the file', () => {
    fx.store.history.begin(entry('job'), thisProcess());
    fx.store.history.noteSaved('job', '/d/part 1.zip', 10);
    fx.store.history.record({ ...entry('job', '/d/part 1.zip'), result: 'failed' });
    expect(fx.store.history.list().items.map((item) => [item.jobId, item.result, item.path])).toEqual([['job', 'failed', '/d/part 1.zip']]);
    expect(fx.store.history.interruptOrphans(() => true).count).toBe(0);
  });

  it('rows of a live owner stay running; those of a dead one become interrupted, with where their part 1 went', () => {
    fx.store.history.begin(entry('mine'), thisProcess());
    fx.store.history.begin(entry('dead'), DEAD_OWNER);
    fx.store.history.noteSaved('dead', '/d/Exports (part 1 of 3).zip', 10);
    expect(ownerIsGone(thisProcess())).toBe(false);
    expect(ownerIsGone(DEAD_OWNER)).toBe(true);
    // Another machine's owner, even with a pid that runs here (1), cannot still be writing this data folder's rows.
    expect(ownerIsGone(`${HOST_TAG === 'ffff' ? 'fffe' : 'ffff'}-1`)).toBe(true);
    expect(fx.store.history.interruptOrphans(ownerIsGone)).toEqual({ count: 1, paths: ['/d/Exports (part 1 of 3).zip'] });
    expect(fx.store.history.list().items.map((item) => [item.jobId, item.result, item.path])).toEqual([['dead', 'interrupted', '/d/Exports (part 1 of 3).zip']]);
    expect(fx.store.history.ofJob('dead')).toMatchObject({ profileId: 'p', path: '/d/Exports (part 1 of 3).zip', exportIds: ['1', '2', '3'] });
    // Interrupted once: a second start does not count it again.
    expect(fx.store.history.interruptOrphans(ownerIsGone).count).toBe(0);
  });
});
