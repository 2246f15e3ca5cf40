import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../main/core/downloads/download-ports';
import { MAX_KEPT_URL_LISTS_CHARS } from '../../../../main/core/store/history-repo';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';

const entry = (jobId: string, path: string | null): HistoryEntry => ({
  jobId, when: `2026-11-30T00:00:0${jobId.length}.000Z`, profileId: 'p', profileName: 'P', itemCount: 1, mode: 'zip',
  result: path ? 'success' : 'failed', errorKind: null, path, bytes: path ? 10 : null, exportIds: null, sourceFileUrls: ['https://h/a'],
});

describe('HistoryRepo', () => {
  let fx: StoreFixture;
  beforeEach(() => {
    fx = createStoreFixture();
  });
  afterEach(() => fx.cleanup());

  it('makes an earlier entry forget a file that a later download replaced, so it never points at other content', () => {
    fx.store.history.record(entry('a', '/d/exports.zip'), { size: 10, mtimeMs: 1 });
    fx.store.history.record(entry('bb', '/d/other.zip'));
    fx.store.history.record(entry('ccc', '/d/exports.zip'), { size: 10, mtimeMs: 2 });
    const byJob = Object.fromEntries(fx.store.history.list().items.map((item) => [item.jobId, [item.path, item.bytes, item.savedFile?.mtimeMs ?? null]]));
    expect(byJob).toEqual({ a: [null, null, null], bb: ['/d/other.zip', 10, null], ccc: ['/d/exports.zip', 10, 2] });
  });

  it('searches profile names and paths (wildcards taken literally) and filters by profile, mode and result, counting the matches', () => {
    const rows: HistoryEntry[] = [
      { ...entry('1', '/d/Invoices 100%.zip'), profileId: 'acme', profileName: 'Acme backend' },
      { ...entry('22', null), profileId: 'acme', profileName: 'Acme backend', result: 'cancelled' },
      { ...entry('333', null), profileId: 'beta', profileName: 'Beta', mode: 'urls', result: 'success' },
      { ...entry('4444', '/d/beta_old.zip'), profileId: 'beta', profileName: 'Beta (renamed)' },
    ];
    for (const row of rows) fx.store.history.record(row);
    const jobs = (query: Parameters<typeof fx.store.history.list>[0]) => {
      const page = fx.store.history.list({ ...query, limit: 2 });
      return { jobs: page.items.map((item) => item.jobId), total: page.total };
    };
    expect(jobs({ search: 'ACME' })).toEqual({ jobs: ['22', '1'], total: 2 });
    expect(jobs({ search: '100%' })).toEqual({ jobs: ['1'], total: 1 });
    expect(jobs({ search: '_' })).toEqual({ jobs: ['4444'], total: 1 });
    expect(jobs({ search: '  ' })).toEqual({ jobs: ['4444', '333'], total: 4 });
    expect(jobs({ profileId: 'beta', mode: 'zip' })).toEqual({ jobs: ['4444'], total: 1 });
    expect(jobs({ result: 'cancelled' })).toEqual({ jobs: ['22'], total: 1 });
    expect(jobs({ mode: 'urls', result: 'failed' })).toEqual({ jobs: [], total: 0 });
    expect(fx.store.history.count()).toBe(4);
    // A profile renamed since is offered under its newest row's name.
    expect(fx.store.history.profiles()).toEqual([
      { profileId: 'acme', profileName: 'Acme backend' },
      { profileId: 'beta', profileName: 'Beta (renamed)' },
    ]);
  });

  it("keeps a URL-mode job's lists with its row, read one row at a time, and only counts lists too large to keep", () => {
    const lists = { exportedUrls: ['https://cdn/a', 'https://cdn/b'], skipped: [{ sourceFileUrl: 'https://h/c', reason: 'gone', raw: '{}' }] };
    const kept = fx.store.history.record({ ...entry('k', null), mode: 'urls', result: 'success', urlLists: lists });
    const huge = ['https://cdn/'.padEnd(MAX_KEPT_URL_LISTS_CHARS / 2, 'x'), 'https://cdn/'.padEnd(MAX_KEPT_URL_LISTS_CHARS / 2, 'y')];
    const counted = fx.store.history.record({ ...entry('cc', null), mode: 'urls', result: 'success', urlLists: { exportedUrls: huge, skipped: [] } });
    const zip = fx.store.history.record(entry('zzz', '/d/z.zip'));
    const byId = Object.fromEntries(fx.store.history.list().items.map((item) => [item.id, [item.exportedUrlCount, item.urlsKept]]));
    expect(byId).toEqual({ [kept]: [2, true], [counted]: [2, false], [zip]: [null, false] });
    expect(fx.store.history.urls(kept)).toEqual(lists);
    expect(fx.store.history.urls(counted)).toBeNull();
    expect(fx.store.history.urlsOfJob('k')).toEqual({ ...lists, profileId: 'p', profileName: 'P' });
    expect(fx.store.history.urlsOfJob('cc')).toBeNull();
  });
});
