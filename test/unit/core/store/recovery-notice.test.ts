import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../helpers/job-events';
import { DATABASE_FILE } from '../../../../main/core/store/database';
import { openSqlite } from '../../../../main/core/store/sqlite';
import { createSettingsFeature } from '../../../../main/core/settings/feature';
import { openStore } from '../../../../main/core/store/store';

describe('a damaged database, told once', () => {
  let root: string;
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  function settingsStatus(dataDir: string) {
    const store = openStore(dataDir);
    const feature = createSettingsFeature({
      store,
      secretsStatus: { backend: 'keychain' },
      events: { emit: () => {} },
      dialogs: { chooseFolder: async () => null, openFiles: async () => [] },
      downloadsDir: dataDir,
    });
    const status = feature.handlers['settings.status'](undefined);
    store.close();
    return status;
  }

  it("tells the app in settings.status where the damaged copy is, in the session after the damage, and not again", async () => {
    root = mkdtempSync(join(tmpdir(), 'recovery-'));
    writeFileSync(join(root, DATABASE_FILE), 'this is not a database '.repeat(500));
    const first = await settingsStatus(root);
    expect(first.recoveredFrom).toMatch(/export-manager\.db\.damaged-/);
    expect(existsSync(first.recoveredFrom!)).toBe(true);
    expect(first.recoveryNotice).toBe(
      `Export Manager's data was damaged, so a fresh database was started: profiles, tracked exports and history start empty. The damaged copy is kept at ${first.recoveredFrom}.`,
    );
    const second = await settingsStatus(root);
    expect(second).toMatchObject({ recoveredFrom: null, recoveryNotice: null });
  });

  it('keeps the notice for the app when the command line found the damage first, and the other way round', async () => {
    root = mkdtempSync(join(tmpdir(), 'recovery-'));
    writeFileSync(join(root, DATABASE_FILE), 'garbage '.repeat(500));
    const cli = openStore(root);
    const aside = cli.takeRecoveryNotice('cli');
    expect(aside).toMatch(/\.damaged-/);
    expect(cli.takeRecoveryNotice('cli')).toBeNull();
    cli.close();
    expect((await settingsStatus(root)).recoveredFrom).toBe(aside);
    const again = openStore(root);
    expect(again.takeRecoveryNotice('cli')).toBeNull();
    expect(again.takeRecoveryNotice('app')).toBeNull();
    again.close();
  });

  it('looks for a notice without the write lock, so opening never waits for another process when there is none', () => {
    root = mkdtempSync(join(tmpdir(), 'recovery-'));
    openStore(root).close();
    const other = openSqlite(join(root, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE');
    // The app's connection throws at once on a busy database: taking the lock would show.
    const store = openStore(root);
    expect(store.takeRecoveryNotice('app')).toBeNull();
    store.close();
    other.exec('COMMIT');
    other.close();
  });

  it('shows the notice while another process holds the lock, and takes it once the database is free', async () => {
    root = mkdtempSync(join(tmpdir(), 'recovery-'));
    writeFileSync(join(root, DATABASE_FILE), 'garbage '.repeat(500));
    openStore(root).close();
    const store = openStore(root);
    const other = openSqlite(join(root, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE');
    const aside = store.takeRecoveryNotice('app');
    expect(aside).toMatch(/\.damaged-/);
    const left = () => other.prepare("SELECT COUNT(*) FROM settings WHERE key = 'notice.recoveredFrom.app'").pluck().get();
    expect(left()).toBe(1);
    other.exec('COMMIT');
    await eventually(() => (left() === 0 ? true : undefined));
    expect(store.takeRecoveryNotice('app')).toBeNull();
    store.close();
    other.close();
  });
});
