import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../main/core/downloads/download-ports';
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
    fx.store.history.record(entry('a', '/d/exports.zip'));
    fx.store.history.record(entry('bb', '/d/other.zip'));
    fx.store.history.record(entry('ccc', '/d/exports.zip'));
    const byJob = Object.fromEntries(fx.store.history.list().items.map((item) => [item.jobId, [item.path, item.bytes]]));
    expect(byJob).toEqual({ a: [null, null], bb: ['/d/other.zip', 10], ccc: ['/d/exports.zip', 10] });
  });
});
