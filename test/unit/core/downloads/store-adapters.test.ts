import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDownloadPreferences, createDownloadSources } from '../../../../main/core/downloads/store-adapters';
import { parseSourceUrls } from '../../../../main/core/files/parse-source-urls';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';
import { MemorySecretStore } from '../../../helpers/memory-secret-store';

describe('download adapters', () => {
  let fx: StoreFixture;
  beforeEach(() => (fx = createStoreFixture()));
  afterEach(() => fx.cleanup());

  it('resolves a profile to its base URL, key, maximum batch size and the exports a scope names: all, a filter, ids, or none', async () => {
    const secrets = new MemorySecretStore();
    const p = fx.store.profiles.create('P', 'https://p/api');
    fx.store.tracked.add(p.id, parseSourceUrls('https://h/1\nhttps://h/2\nhttps://h/3', 'txt'));
    await secrets.set(p.id, 'k-123');
    const sources = createDownloadSources(fx.store, secrets);
    const ids = fx.store.tracked.list(p.id).items.map((i) => i.id);
    expect(await sources.resolve(p.id, { filter: '' })).toEqual({
      baseUrl: 'https://p/api', apiKey: 'k-123', profileName: 'P', sourceFileUrls: ['https://h/1', 'https://h/2', 'https://h/3'], exportIds: ids, maxBatchSize: null,
    });
    fx.store.profiles.setMaxBatchSize(p.id, 2);
    expect((await sources.resolve(p.id, { filter: '' })).maxBatchSize).toBe(2);
    expect(await sources.resolve(p.id, { ids: [ids[2]!, ids[0]!] })).toMatchObject({ sourceFileUrls: ['https://h/1', 'https://h/3'], exportIds: [ids[0], ids[2]] });
    // The filter as the Exports screen applies it: a substring of the URL or label, trimmed.
    expect(await sources.resolve(p.id, { filter: ' h/2 ' })).toMatchObject({ sourceFileUrls: ['https://h/2'], exportIds: [ids[1]] });
    expect((await sources.resolve(p.id, { filter: 'nothing-like-it' })).sourceFileUrls).toEqual([]);
    expect(await sources.resolve(p.id, null)).toMatchObject({ sourceFileUrls: [], exportIds: [], apiKey: 'k-123' });
  });

  it('fails as a wrong state (not the backend\'s not-found) for a deleted profile or when no selected export is tracked any more', async () => {
    const sources = createDownloadSources(fx.store, new MemorySecretStore());
    await expect(sources.resolve('gone', { filter: '' })).rejects.toMatchObject({ appError: { kind: 'state' } });
    const p = fx.store.profiles.create('P', 'https://p/api');
    await expect(sources.resolve(p.id, { ids: ['999'] })).rejects.toMatchObject({ appError: { kind: 'state' } });
  });

  it('reads save preferences from settings and remembers the last folder', async () => {
    const prefs = createDownloadPreferences(fx.store);
    expect(await prefs.askWhereToSave()).toBe(true);
    fx.store.settings.set({ saveMode: 'default-folder', defaultFolder: '/data/exports' });
    expect(await prefs.askWhereToSave()).toBe(false);
    expect(await prefs.defaultFolder()).toBe('/data/exports');
    await prefs.rememberFolder('/home/u/Desktop');
    expect(await prefs.lastFolder()).toBe('/home/u/Desktop');
  });

  it('reads the name-conflict setting and stores a remembered answer through the given change', async () => {
    const changes: unknown[] = [];
    const prefs = createDownloadPreferences(fx.store, (patch) => changes.push(fx.store.settings.set(patch)));
    expect(await prefs.nameConflict()).toBe('ask');
    await prefs.rememberNameConflict('replace');
    expect(await prefs.nameConflict()).toBe('replace');
    expect(changes).toHaveLength(1);
  });
});
