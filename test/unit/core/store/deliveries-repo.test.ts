import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSourceUrls } from '../../../../main/core/files/parse-source-urls';
import { DATABASE_FILE, migrate } from '../../../../main/core/store/database';
import type { DeliveryBatch } from '../../../../main/core/store/deliveries-repo';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../main/core/store/migrations';
import { openSqlite } from '../../../../main/core/store/sqlite';
import { openStore } from '../../../../main/core/store/store';
import type { Store } from '../../../../main/core/store/store';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';

const url = (i: number) => `https://cdn.example.com/exports/item-${String(i).padStart(5, '0')}.png`;
const at = '2026-12-03T10:00:00.000Z';

function delivered(urls: string[], file = '/saved/x.zip', jobId: string | null = 'job-1'): DeliveryBatch {
  return { jobId, at, delivered: urls.map((sourceFileUrl) => ({ sourceFileUrl, file, how: 'zip' })), skipped: [] };
}

/** The ids of a profile's exports, by their URL. */
function idsOf(store: Store, profileId: string, urls: string[]): string[] {
  const byUrl = new Map(store.tracked.all(profileId).map((item) => [item.sourceFileUrl, item.id]));
  return urls.map((u) => byUrl.get(u)!);
}

describe('delivery records of tracked exports', () => {
  let fx: StoreFixture;
  let profileId: string;
  beforeEach(() => {
    fx = createStoreFixture();
    profileId = fx.store.profiles.create('P', 'https://p/api').id;
    fx.store.tracked.add(profileId, parseSourceUrls([1, 2, 3, 4].map(url).join('\n'), 'txt'));
  });
  afterEach(() => fx.cleanup());

  it('lists each export with its last delivery and skip, and writes records only for URLs the profile tracks', () => {
    const changed = fx.store.deliveries.record(profileId, {
      jobId: 'job-1',
      at,
      delivered: [{ sourceFileUrl: url(1), file: '/saved/x.zip', how: 'zip' }, { sourceFileUrl: 'https://not.tracked/z.png', file: '/saved/x.zip', how: 'zip' }],
      skipped: [{ sourceFileUrl: url(2), reason: 'Export not found' }],
    });
    expect(changed).toBe(2);
    const items = fx.store.tracked.list(profileId).items;
    expect(items[0]).toMatchObject({ sourceFileUrl: url(1), delivery: { at, jobId: 'job-1', file: '/saved/x.zip', how: 'zip' } });
    expect(items[0]!.skipped).toBeUndefined();
    expect(items[1]).toMatchObject({ sourceFileUrl: url(2), skipped: { at, jobId: 'job-1', reason: 'Export not found' } });
    expect(items[1]!.delivery).toBeUndefined();
    expect(items[2]!.delivery).toBeUndefined();
    expect(fx.store.tracked.get(profileId, items[0]!.id)?.delivery?.file).toBe('/saved/x.zip');
    const rows = openSqlite(join(fx.dataDir, DATABASE_FILE)).prepare('SELECT source_file_url FROM deliveries').pluck().all();
    expect(rows.sort()).toEqual([url(1), url(2)]);
  });

  it('keeps the last delivery: a later one replaces it, and a later skip leaves it in place beside the skip', () => {
    fx.store.deliveries.record(profileId, delivered([url(1)], '/saved/first.zip', 'job-1'));
    fx.store.deliveries.record(profileId, { ...delivered([url(1)], '/saved/second.zip', 'job-2'), at: '2026-12-04T10:00:00.000Z' });
    fx.store.deliveries.record(profileId, { jobId: null, at: '2026-12-05T10:00:00.000Z', delivered: [], skipped: [{ sourceFileUrl: url(1), reason: 'Not ready' }] });
    const item = fx.store.tracked.list(profileId).items[0]!;
    expect(item.delivery).toEqual({ at: '2026-12-04T10:00:00.000Z', jobId: 'job-2', file: '/saved/second.zip', how: 'zip' });
    expect(item.skipped).toEqual({ at: '2026-12-05T10:00:00.000Z', jobId: null, reason: 'Not ready' });
    // Skipped, but delivered since it was added: it is not new.
    expect(fx.store.tracked.countUndelivered(profileId)).toBe(3);
  });

  it('narrows a list, its total, "select all matching" and a download scope to exports not delivered yet', () => {
    fx.store.deliveries.record(profileId, delivered([url(1), url(3)]));
    const page = fx.store.tracked.list(profileId, { undelivered: true });
    expect(page.items.map((item) => item.sourceFileUrl)).toEqual([url(2), url(4)]);
    expect(page.total).toBe(2);
    expect(fx.store.tracked.list(profileId, { undelivered: true, filter: 'item-0000', sort: 'url', descending: true }).items.map((i) => i.sourceFileUrl)).toEqual([url(4), url(2)]);
    expect(fx.store.tracked.list(profileId, { undelivered: true, filter: '00003' }).total).toBe(0);
    const [id1, id2, id3, id4] = idsOf(fx.store, profileId, [1, 2, 3, 4].map(url));
    expect(fx.store.tracked.matching(profileId, '', undefined, true)).toEqual([id2, id4]);
    expect(fx.store.tracked.matching(profileId, '', [id1!, id2!], true)).toEqual([id2]);
    expect(fx.store.tracked.matching(profileId, '', undefined, false)).toEqual([id1, id2, id3, id4]);
    expect(fx.store.tracked.selection(profileId, { filter: '', undelivered: true }).map((item) => item.id)).toEqual([id2, id4]);
    expect(fx.store.tracked.selection(profileId, { filter: 'item-0000', undelivered: true }).map((item) => item.id)).toEqual([id2, id4]);
    expect(fx.store.tracked.selection(profileId, { filter: '' }).map((item) => item.id)).toEqual([id1, id2, id3, id4]);
    expect(fx.store.tracked.countUndelivered(profileId)).toBe(2);
  });

  it('narrows a filter with thousands of matches (walked in sort order) too, with the right total', () => {
    const many = Array.from({ length: 6_000 }, (_, i) => url(100 + i));
    fx.store.tracked.add(profileId, parseSourceUrls(many.join('\n'), 'txt'));
    fx.store.deliveries.record(profileId, delivered(many.slice(0, 5_990)));
    for (const sort of ['added', 'label', 'url'] as const) {
      const page = fx.store.tracked.list(profileId, { filter: 'item-', undelivered: true, sort, limit: 50 });
      expect(page.total, sort).toBe(14); // 4 + the last 10 of the 6,000
      expect(page.items.every((item) => item.delivery === undefined), sort).toBe(true);
      expect(page.items).toHaveLength(14);
    }
  });

  it('keeps the record of an export removed and restored by Undo, and forgets it when the URL is added afresh', () => {
    fx.store.deliveries.record(profileId, delivered([url(1), url(2)]));
    const [id1, id2] = idsOf(fx.store, profileId, [url(1), url(2)]);
    // Undo: the same rows come back, and so does what was delivered of them.
    const removed = fx.store.tracked.take(profileId, [id1!]);
    expect(fx.store.tracked.restore(profileId, removed)).toBe(1);
    expect(fx.store.tracked.get(profileId, id1!)?.delivery?.jobId).toBe('job-1');
    // Removed, then pasted again: a new export, not delivered since it was added.
    fx.store.tracked.take(profileId, [id2!]);
    fx.store.tracked.add(profileId, parseSourceUrls(url(2), 'txt'));
    const again = fx.store.tracked.list(profileId).items.find((item) => item.sourceFileUrl === url(2))!;
    expect(again.delivery).toBeUndefined();
    expect(fx.store.tracked.matching(profileId, '', undefined, true)).toContain(again.id);
  });

  it('goes with a deleted profile, and stays another profile’s own', () => {
    const other = fx.store.profiles.create('Q', 'https://q/api').id;
    fx.store.tracked.add(other, parseSourceUrls(url(1), 'txt'));
    fx.store.deliveries.record(profileId, delivered([url(1)]));
    expect(fx.store.tracked.list(other).items[0]!.delivery).toBeUndefined();
    fx.store.deleteProfile(profileId);
    const count = openSqlite(join(fx.dataDir, DATABASE_FILE)).prepare('SELECT COUNT(*) FROM deliveries').pluck().get();
    expect(count).toBe(0);
  });

  it('survives closing and opening the store again (a restart)', () => {
    fx.store.deliveries.record(profileId, delivered([url(3)], '/saved/kept.zip'));
    fx.store.close();
    const reopened = openStore(fx.dataDir);
    try {
      const item = reopened.tracked.list(profileId).items.find((each) => each.sourceFileUrl === url(3));
      expect(item?.delivery).toEqual({ at, jobId: 'job-1', file: '/saved/kept.zip', how: 'zip' });
      expect(reopened.tracked.countUndelivered(profileId)).toBe(3);
    } finally {
      reopened.close();
    }
  });
});

describe('the deliveries migration', () => {
  let fx: StoreFixture;
  afterEach(() => fx.cleanup());

  it('opens a version-3 database with its profiles, exports, history and settings as they were, none delivered yet', () => {
    fx = createStoreFixture();
    fx.store.close();
    const dataDir = join(fx.root, 'old');
    mkdirSync(dataDir);
    const old = openSqlite(join(dataDir, DATABASE_FILE));
    migrate(old, MIGRATIONS.slice(0, 3));
    old.exec(`
      INSERT INTO profiles (id, name, base_url, built_in, created_at, max_batch_size) VALUES ('p-old', 'Old', 'https://old/api', 0, '2025-01-01T00:00:00Z', 7);
      INSERT INTO tracked_exports (id, profile_id, source_file_url, label, added_at) VALUES (41, 'p-old', '${url(1)}', 'first', '2025-01-02T00:00:00Z');
      INSERT INTO history (job_id, started_at, profile_id, profile_name, item_count, mode, result, source_file_urls, file_size)
        VALUES ('j-old', '2025-01-03T00:00:00Z', 'p-old', 'Old', 1, 'zip', 'success', '["${url(1)}"]', 99);
      INSERT INTO settings (key, value) VALUES ('theme', '"dark"');
    `);
    expect(old.pragma('user_version', { simple: true })).toBe(3);
    old.close();

    const store = openStore(dataDir);
    try {
      expect(SCHEMA_VERSION).toBeGreaterThan(3);
      expect(store.profiles.get('p-old')).toMatchObject({ name: 'Old', maxBatchSize: 7 });
      expect(store.tracked.list('p-old').items).toEqual([{ id: '41', sourceFileUrl: url(1), label: 'first', addedAt: '2025-01-02T00:00:00Z' }]);
      expect(store.history.list({}).items).toMatchObject([{ jobId: 'j-old', itemCount: 1 }]);
      expect(store.settings.get().theme).toBe('dark');
      expect(store.tracked.countUndelivered('p-old')).toBe(1);
      expect(store.deliveries.record('p-old', delivered([url(1)]))).toBe(1);
      expect(store.tracked.list('p-old', { undelivered: true }).total).toBe(0);
    } finally {
      store.close();
    }
    const db = openSqlite(join(dataDir, DATABASE_FILE));
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });
});
