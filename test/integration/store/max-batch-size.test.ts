import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../main/core/api';
import { DATABASE_FILE, migrate } from '../../../main/core/store/database';
import { MIGRATIONS } from '../../../main/core/store/migrations';
import { createProfilesFeature } from '../../../main/core/profiles/feature';
import { openSqlite } from '../../../main/core/store/sqlite';
import { openStore } from '../../../main/core/store/store';
import type { Store } from '../../../main/core/store/store';
import { MemorySecretStore } from '../../helpers/memory-secret-store';
import { failure, value } from '../../helpers/result-value';

let root: string;
let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
  rmSync(root, { recursive: true, force: true });
});

function profilesApi(opened: Store, events: string[] = []) {
  return createApi(createProfilesFeature({ store: opened, secrets: new MemorySecretStore(), events: { emit: (name) => void events.push(name) } }).handlers);
}

describe("a profile's maximum batch size", () => {
  it('is added to profiles of a database made before it existed, as "no limit"', () => {
    root = mkdtempSync(join(tmpdir(), 'max-batch-'));
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    // The database as the first release left it: schema version 1, one profile.
    const old = openSqlite(join(dataDir, DATABASE_FILE));
    migrate(old, MIGRATIONS.slice(0, 1));
    old.prepare("INSERT INTO profiles (id, name, base_url, built_in, created_at) VALUES ('p-old', 'Old', 'https://old/api', 0, '2025-01-01T00:00:00Z')").run();
    old.close();
    store = openStore(dataDir);
    expect(store.profiles.get('p-old')).toMatchObject({ name: 'Old', maxBatchSize: null });
    expect(store.profiles.setMaxBatchSize('p-old', 500).maxBatchSize).toBe(500);
  });

  it('is set and cleared through profiles.setMaxBatchSize, which tells everyone the profile changed', async () => {
    root = mkdtempSync(join(tmpdir(), 'max-batch-'));
    store = openStore(join(root, 'data'));
    const events: string[] = [];
    const api = profilesApi(store, events);
    const profile = store.profiles.create('Big', 'https://big/api');
    expect(profile.maxBatchSize).toBeNull();
    expect(await value(api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: 10_000 }))).toMatchObject({ id: profile.id, maxBatchSize: 10_000 });
    expect(store.profiles.get(profile.id)?.maxBatchSize).toBe(10_000);
    expect(events).toEqual(['profiles.changed']);
    expect(await value(api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: null }))).toMatchObject({ maxBatchSize: null });
    await value(api['profiles.list'](undefined));
  });

  it('refuses what is not a whole number from 1 to 100,000, saying what is allowed, and leaves the value as it was', async () => {
    root = mkdtempSync(join(tmpdir(), 'max-batch-'));
    store = openStore(join(root, 'data'));
    const api = profilesApi(store);
    const profile = store.profiles.create('Big', 'https://big/api');
    await api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: 50 });
    for (const bad of [0, -3, 1.5, 100_001, '100', Number.NaN]) {
      const refused = await failure(api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: bad } as never));
      expect(refused, String(bad)).toMatchObject({ kind: 'validation' });
      if (typeof bad === 'number' && Number.isFinite(bad)) expect(refused.message).toMatch(/whole number from 1 to 100,000, or nothing for no limit/);
    }
    expect(store.profiles.get(profile.id)?.maxBatchSize).toBe(50);
    expect(await value(api['profiles.setMaxBatchSize']({ id: profile.id, maxBatchSize: 100_000 }))).toMatchObject({ maxBatchSize: 100_000 });
    // A profile deleted meanwhile is a state of the app, not the backend's not-found.
    expect(await failure(api['profiles.setMaxBatchSize']({ id: 'gone', maxBatchSize: 5 }))).toMatchObject({ kind: 'state' });
  });
});
