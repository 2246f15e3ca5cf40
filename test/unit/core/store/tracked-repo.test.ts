import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSourceUrls } from '../../../../main/core/files/parse-source-urls';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';
import { openStore } from '../../../../main/core/store/store';

const url = (i: number) => `https://cdn.example.com/exports/item-${String(i).padStart(3, '0')}.png`;

describe('TrackedRepo', () => {
  let fx: StoreFixture;
  let profileId: string;
  beforeEach(() => {
    fx = createStoreFixture();
    profileId = fx.store.profiles.create('P', 'https://p/api').id;
  });
  afterEach(() => fx.cleanup());

  it('reports each line as added, duplicate (already tracked or repeated) or invalid', () => {
    fx.store.tracked.add(profileId, parseSourceUrls(url(1), 'txt'));
    const report = fx.store.tracked.add(profileId, parseSourceUrls(`${url(1)}\n${url(2)}\n${url(2)}\nftp://x`, 'txt'));
    expect(report).toMatchObject({ added: 1, duplicates: 2, invalid: 1 });
    expect(report.lines.map((l) => [l.line, l.status])).toEqual([
      [1, 'duplicate'],
      [2, 'added'],
      [3, 'duplicate'],
      [4, 'invalid'],
    ]);
    expect(report.lines[3]!.reason).toMatch(/http/);
  });

  it('de-duplicates per profile: the same URL may be tracked by two profiles', () => {
    const other = fx.store.profiles.create('Q', 'https://q/api').id;
    fx.store.tracked.add(profileId, parseSourceUrls(url(1), 'txt'));
    expect(fx.store.tracked.add(other, parseSourceUrls(url(1), 'txt')).added).toBe(1);
  });

  it('pages, filters (case-insensitive, URL or label, wildcards literal) and sorts', () => {
    fx.store.tracked.add(profileId, parseSourceUrls([30, 10, 20, 11].map(url).join('\n') + '\nhttps://h/100%25_off.pdf', 'txt'));
    const all = fx.store.tracked.list(profileId, { limit: 2 });
    expect(all.total).toBe(5);
    expect(all.items.map((i) => i.label)).toEqual(['item-030.png', 'item-010.png']);
    const byLabel = fx.store.tracked.list(profileId, { sort: 'label', offset: 1, limit: 2 });
    expect(byLabel.items.map((i) => i.label)).toEqual(['item-010.png', 'item-011.png']);
    const desc = fx.store.tracked.list(profileId, { sort: 'url', descending: true, limit: 1 });
    expect(desc.items[0]!.sourceFileUrl).toBe('https://h/100%25_off.pdf');
    const filtered = fx.store.tracked.list(profileId, { filter: 'ITEM-01', sort: 'label' });
    expect(filtered).toMatchObject({ total: 2 });
    expect(filtered.items.map((i) => i.label)).toEqual(['item-010.png', 'item-011.png']);
    expect(fx.store.tracked.list(profileId, { filter: '%_' }).items.map((i) => i.label)).toEqual(['100%_off.pdf']);
  });

  it('uses the sort index for dense filters and returns the same order as for sparse ones', () => {
    fx.store.tracked.add(profileId, parseSourceUrls(Array.from({ length: 6000 }, (_, i) => url(i)).join('\n'), 'txt'));
    const page = fx.store.tracked.list(profileId, { filter: 'item', sort: 'label', descending: true, offset: 10, limit: 3 });
    expect(page.total).toBe(6000);
    const expected = Array.from({ length: 6000 }, (_, i) => `item-${String(i).padStart(3, '0')}.png`).sort().reverse();
    expect(page.items.map((i) => i.label)).toEqual(expected.slice(10, 13));
    const sparse = fx.store.tracked.list(profileId, { filter: 'item-59', sort: 'label', descending: true, limit: 3 });
    expect(sparse.items.map((i) => i.label)).toEqual(expected.filter((l) => l.includes('item-59')).slice(0, 3));
    const newest = fx.store.tracked.list(profileId, { filter: 'ITEM', descending: true, limit: 2 });
    expect(newest.items.map((i) => i.label)).toEqual(['item-5999.png', 'item-5998.png']);
  });

  it('removes by id within the profile only and resolves URLs by id in added order', () => {
    fx.store.tracked.add(profileId, parseSourceUrls([1, 2, 3].map(url).join('\n'), 'txt'));
    const ids = fx.store.tracked.list(profileId).items.map((i) => i.id);
    expect(fx.store.tracked.selection(profileId, { ids: [ids[2]!, ids[0]!, 'nope'] }).map((item) => item.sourceFileUrl)).toEqual([url(1), url(3)]);
    const other = fx.store.profiles.create('Q', 'https://q/api').id;
    expect(fx.store.tracked.remove(other, ids)).toBe(0);
    expect(fx.store.tracked.remove(profileId, [ids[1]!])).toBe(1);
    expect(fx.store.tracked.selection(profileId, { filter: '' }).map((item) => item.sourceFileUrl)).toEqual([url(1), url(3)]);
  });

  it('refuses to add to a profile that does not exist', () => {
    expect(() => fx.store.tracked.add('missing', parseSourceUrls(url(1), 'txt'))).toThrow(/no longer exists/);
  });
});

describe('TrackedRepo filter', () => {
  let fx: StoreFixture;
  beforeEach(() => {
    fx = createStoreFixture();
  });
  afterEach(() => fx.cleanup());

  it('sees rows added or removed since the last search, by this or another process', () => {
    const profileId = fx.store.profiles.create('P', 'https://p/api').id;
    fx.store.tracked.add(profileId, parseSourceUrls(`${url(1)}\n${url(2)}`, 'txt'));
    expect(fx.store.tracked.list(profileId, { filter: 'ITEM-00' }).total).toBe(2);

    // Another connection (as the command line would be) commits a row.
    const other = openStore(fx.dataDir);
    other.tracked.add(profileId, parseSourceUrls(url(3), 'txt'));
    other.close();
    expect(fx.store.tracked.list(profileId, { filter: 'item-00' }).items.map((i) => i.sourceFileUrl)).toEqual([url(1), url(2), url(3)]);

    const first = fx.store.tracked.list(profileId, { filter: 'item-001' }).items[0]!;
    fx.store.tracked.remove(profileId, [first.id]);
    expect(fx.store.tracked.list(profileId, { filter: 'item-00' }).total).toBe(2);
  });

  it('matches ASCII letters case-insensitively and wildcards literally', () => {
    const profileId = fx.store.profiles.create('P', 'https://p/api').id;
    fx.store.tracked.add(profileId, parseSourceUrls('https://h/A_B%25.png\nhttps://h/AxB.png', 'txt'));
    expect(fx.store.tracked.list(profileId, { filter: 'a_b' }).items.map((i) => i.sourceFileUrl)).toEqual(['https://h/A_B%25.png']);
    expect(fx.store.tracked.list(profileId, { filter: '%25' }).total).toBe(1);
  });
});

describe('TrackedRepo labels', () => {
  let fx: StoreFixture;
  beforeEach(() => {
    fx = createStoreFixture();
  });
  afterEach(() => fx.cleanup());

  it('keeps the label column of a CSV and the label field of JSON, and derives one otherwise', () => {
    const profileId = fx.store.profiles.create('P', 'https://p/api').id;
    fx.store.tracked.add(profileId, parseSourceUrls('sourceFileUrl,label\nhttps://h/a.png,Cover art\nhttps://h/b.png,\n', 'csv'));
    fx.store.tracked.add(profileId, parseSourceUrls('[{"sourceFileUrl":"https://h/c.png","label":"  Poster\\u001b[31m  "}]', 'json'));
    expect(fx.store.tracked.all(profileId).map((item) => item.label)).toEqual(['Cover art', 'b.png', 'Poster [31m']);
  });

  it('renames one export, goes back to the URL’s name for a blank label, and finds it by its new label', () => {
    const profileId = fx.store.profiles.create('P', 'https://p/api').id;
    fx.store.tracked.add(profileId, parseSourceUrls(url(1), 'txt'));
    const [item] = fx.store.tracked.all(profileId);
    expect(fx.store.tracked.list(profileId, { filter: 'quarterly' }).total).toBe(0);
    expect(fx.store.tracked.setLabel(profileId, item!.id, 'Quarterly report')).toBe(true);
    expect(fx.store.tracked.list(profileId, { filter: 'quarterly' }).items.map((i) => i.label)).toEqual(['Quarterly report']);
    expect(fx.store.tracked.setLabel(profileId, item!.id, undefined)).toBe(true);
    expect(fx.store.tracked.get(profileId, item!.id)?.label).toBe('item-001.png');
    expect(fx.store.tracked.setLabel(profileId, '999999', 'x')).toBe(false);
  });
});

describe('TrackedRepo restore', () => {
  let fx: StoreFixture;
  beforeEach(() => {
    fx = createStoreFixture();
  });
  afterEach(() => fx.cleanup());

  it('puts removed rows back with their ids, labels and dates, skipping what was tracked again meanwhile', () => {
    const profileId = fx.store.profiles.create('P', 'https://p/api').id;
    fx.store.tracked.add(profileId, parseSourceUrls(`${url(1)}\n${url(2)}\n${url(3)}`, 'txt'));
    const [first, second] = fx.store.tracked.all(profileId);
    fx.store.tracked.setLabel(profileId, first!.id, 'Renamed');
    const removed = fx.store.tracked.all(profileId).slice(0, 2);
    expect(fx.store.tracked.remove(profileId, removed.map((item) => item.id))).toBe(2);
    // The second URL is tracked again (with a new id) before the undo.
    fx.store.tracked.add(profileId, parseSourceUrls(second!.sourceFileUrl, 'txt'));
    expect(fx.store.tracked.restore(profileId, removed)).toBe(1);
    expect(fx.store.tracked.get(profileId, first!.id)).toEqual({ ...first, label: 'Renamed' });
    expect(fx.store.tracked.list(profileId, { filter: 'renamed' }).total).toBe(1);
    expect(fx.store.tracked.restore(profileId, [{ id: '77', sourceFileUrl: 'ftp://nope', label: 'x', addedAt: first!.addedAt }])).toBe(0);
  });
});
