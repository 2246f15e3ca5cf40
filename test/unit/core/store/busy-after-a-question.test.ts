import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../../../main/core/api';
import { FileGrants } from '../../../../main/core/file-grants';
import { createProfilesFeature } from '../../../../main/core/profiles/feature';
import { createSettingsFeature } from '../../../../main/core/settings/feature';
import { openSqlite } from '../../../../main/core/store/sqlite';
import type { SqliteDatabase } from '../../../../main/core/store/sqlite';
import { createTrackedFeature } from '../../../../main/core/tracked/feature';
import { MemorySecretStore } from '../../../helpers/memory-secret-store';
import { createStoreFixture } from '../../../helpers/store-fixture';
import type { StoreFixture } from '../../../helpers/store-fixture';
import { ScriptedDialogs } from '../../../helpers/test-ports';

/**
 * A call that asked the person something (a dialog) or removed a key before its store write,
 * and then met a database another connection holds: it waits for the database itself, instead
 * of being run again from the start, which would ask again or lose what it did.
 */

let fx: StoreFixture;
let other: SqliteDatabase;
let dialogs: ScriptedDialogs;
let secrets: MemorySecretStore;

beforeEach(() => {
  fx = createStoreFixture();
  other = openSqlite(fx.store.path);
  dialogs = new ScriptedDialogs();
  secrets = new MemorySecretStore();
});
afterEach(() => {
  other.close();
  fx.cleanup();
});

function api() {
  const deps = { store: fx.store, secrets, secretsStatus: { backend: 'keychain' } as const, dialogs, downloadsDir: fx.root, events: { emit: () => {} }, grants: new FileGrants() };
  return createApi({ ...createProfilesFeature(deps).handlers, ...createTrackedFeature(deps).handlers, ...createSettingsFeature(deps).handlers });
}

/** Takes the write lock as another process would, once the dialog was answered, and lets go a little later. */
function lockWhileAnswering<T>(answer: T): () => T {
  return () => {
    other.exec('BEGIN IMMEDIATE');
    setTimeout(() => other.exec('COMMIT'), 150);
    return answer;
  };
}

describe('a busy database after a question', () => {
  it('tracked.chooseImportFile imports the chosen file once the database is free, having asked once', async () => {
    const profile = fx.store.profiles.create('P', 'https://p.example.com/api');
    const file = join(fx.root, 'exports.txt');
    writeFileSync(file, 'https://cdn.example.com/a.png\nhttps://cdn.example.com/b.png\n');
    const answer = lockWhileAnswering([file]);
    dialogs.openFiles = async (options) => {
      dialogs.asked.push({ kind: 'openFiles', options });
      return answer();
    };
    expect(await api()['tracked.chooseImportFile']({ profileId: profile.id })).toMatchObject({ ok: true, value: { added: 2 } });
    expect(dialogs.asked.map((question) => question.kind)).toEqual(['openFiles']);
  });

  it('settings.chooseDefaultFolder saves the chosen folder once the database is free, having asked once', async () => {
    const answer = lockWhileAnswering('/chosen/folder');
    dialogs.chooseFolder = async (options) => {
      dialogs.asked.push({ kind: 'chooseFolder', options });
      return answer();
    };
    expect(await api()['settings.chooseDefaultFolder'](undefined)).toMatchObject({ ok: true, value: { defaultFolder: '/chosen/folder' } });
    expect(dialogs.asked.map((question) => question.kind)).toEqual(['chooseFolder']);
  });

  it('profiles.setBaseUrl still says the key was removed when the database turned busy after the removal', async () => {
    const profile = fx.store.profiles.create('Moving', 'https://prod.example.com/api');
    await secrets.set(profile.id, 'the-prod-key-123456');
    const remove = secrets.delete.bind(secrets);
    secrets.delete = async (id) => lockWhileAnswering(await remove(id))();
    const moved = await api()['profiles.setBaseUrl']({ id: profile.id, baseUrl: 'https://other.example/api' });
    expect(moved).toMatchObject({ ok: true, value: { baseUrl: 'https://other.example/api', keyRemoved: true } });
  });
});
